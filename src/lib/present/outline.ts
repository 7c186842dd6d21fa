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
	/**
	 * Each section the page has, with its heading's text and id (unique on the page). A section the
	 * body already has a heading for is `inBody`: that heading is the section, and the page shows
	 * the section's content under it instead of in its own place.
	 */
	sections: Partial<Record<Key, { id: string; text: string; inBody: boolean }>>;
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
 * becomes that section: the page shows it once, where the author put it, with the section's
 * content under it. Other section ids are `pm-<key>`, with a suffix when the body already uses
 * that id. A Markdown (`.md`) body cannot hold the page's components (`bodyTakesSections: false`):
 * there the section keeps its place and is listed once, the body's heading of its name left out.
 */
export function pageOutline<Key extends string>(
	parts: readonly OutlinePart<Key>[],
	{ bodyTakesSections = true }: { bodyTakesSections?: boolean } = {}
): Outline<Key> {
	const body = parts.flatMap((part) => ('body' in part ? part.body : []));
	const taken = new Set(body.map((h) => h.slug));
	const sections = parts.flatMap((part) => ('section' in part ? [part] : []));
	// The first body heading of a section's name takes it; a second one is only the author's heading.
	const inBody = new Map<Key, Heading>();
	for (const heading of body) {
		const section = sections.find((s) => sameHeading(s.text, heading.text) && !inBody.has(s.section));
		if (section) inBody.set(section.section, heading);
	}
	const matched = new Set(inBody.values());
	if (!bodyTakesSections) inBody.clear();
	const ids = new Map(sections.map((s) => [s.section, inBody.get(s.section)?.slug ?? uniqueId(`pm-${s.section}`, taken)]));
	const headings = parts.flatMap((part) =>
		'body' in part
			? part.body.filter((h) => bodyTakesSections || !matched.has(h))
			: inBody.has(part.section)
				? []
				: [{ depth: SECTION_DEPTH, slug: ids.get(part.section)!, text: part.text }]
	);
	return {
		headings,
		sections: Object.fromEntries(
			sections.map((s) => [s.section, { id: ids.get(s.section)!, text: s.text, inBody: inBody.has(s.section) }])
		) as Outline<Key>['sections'],
	};
}
