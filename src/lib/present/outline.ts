/**
 * A page's "On this page" list when the page puts its own sections around an author's body: one
 * entry per section, whatever the body's headings are called, and ids that never collide.
 */

/** A heading as Astro reports it for a rendered body, and as Starlight's table of contents takes it. */
export interface Heading {
	depth: number;
	slug: string;
	text: string;
}

/** One of the page's own sections, in page order, or the body at its place among them. */
export type OutlinePart<Key extends string> = { section: Key; text: string } | { body: readonly Heading[] };

export interface Outline<Key extends string> {
	headings: Heading[];
	/** Each section the page has, with its heading's text and id (unique on the page). */
	sections: Partial<Record<Key, { id: string; text: string }>>;
}

/** The depth of the page's own section headings (`<h2>`). */
const SECTION_DEPTH = 2;

/** Headings match when they read the same: case, spacing and Unicode form aside. */
export function sameHeading(a: string, b: string): boolean {
	const norm = (text: string) => text.normalize('NFKC').trim().replace(/\s+/g, ' ').toLowerCase();
	return norm(a) === norm(b);
}

/** `base`, or `base-2`, `base-3`…: the first not in `taken`, which it joins. */
export function uniqueId(base: string, taken: Set<string>): string {
	let id = base;
	for (let n = 2; taken.has(id); n++) id = `${base}-${n}`;
	taken.add(id);
	return id;
}

/**
 * Merges the page's own sections with its body's headings, in page order. A body heading that
 * reads like one of the sections (the template's "## Lessons learned" beside the page's lessons)
 * is not listed a second time: it joins that section, and the headings under it in the body are
 * listed under the section. Section ids are `pm-<key>`, with a suffix when the body already uses
 * that id.
 */
export function pageOutline<Key extends string>(parts: readonly OutlinePart<Key>[]): Outline<Key> {
	const body = parts.flatMap((part) => ('body' in part ? part.body : []));
	const taken = new Set(body.map((h) => h.slug));
	const sections = parts.flatMap((part) => ('section' in part ? [part] : []));
	const ids = new Map(sections.map((s) => [s.section, uniqueId(`pm-${s.section}`, taken)]));

	const sectionOf = (text: string) => sections.find((s) => sameHeading(s.text, text))?.section;
	const nested = new Map<Key, Heading[]>();
	const keep = (headings: readonly Heading[]) => {
		const kept: Heading[] = [];
		// The body headings folded into a section, innermost last: a heading belongs to the
		// innermost one it is deeper than.
		const folds: { section: Key; depth: number }[] = [];
		for (const heading of headings) {
			while (folds.length > 0 && heading.depth <= folds.at(-1)!.depth) folds.pop();
			const section = sectionOf(heading.text);
			if (section !== undefined) {
				folds.push({ section, depth: heading.depth });
				continue;
			}
			const fold = folds.at(-1);
			if (fold === undefined) kept.push(heading);
			else nested.set(fold.section, [...(nested.get(fold.section) ?? []), { ...heading, depth: heading.depth - fold.depth + SECTION_DEPTH }]);
		}
		return kept;
	};
	// Bodies first: a section lists what the body folds into it, wherever the body comes.
	const kept = parts.map((part) => ('body' in part ? keep(part.body) : []));
	const headings = parts.flatMap((part, i) =>
		'body' in part ? kept[i]! : [{ depth: SECTION_DEPTH, slug: ids.get(part.section)!, text: part.text }, ...(nested.get(part.section) ?? [])]
	);
	return {
		headings,
		sections: Object.fromEntries(sections.map((s) => [s.section, { id: ids.get(s.section)!, text: s.text }])) as Outline<Key>['sections'],
	};
}
