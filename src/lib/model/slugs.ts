/**
 * Service names as addresses: which spellings are one service, the path segment each service
 * gets, and the spellings that would share a segment though they are different services. Every
 * page, link and filter made from a service name goes through here, so they all agree.
 */
import type { PostmortemEntry } from './postmortem';
import type { PostmortemData } from './schema';

/**
 * Spellings with one key are one service. NFKC first, so that full-width, ligature and composed
 * or decomposed forms of one letter are the same letter before anything compares them.
 */
export function serviceKey(name: string): string {
	return name.normalize('NFKC').trim().toLowerCase();
}

// Marks are kept with the letters: without them Devanagari or Thai names would fall apart into
// fragments, and names differing only in a vowel sign would share a segment.
const NOT_KEPT = /[^\p{L}\p{M}\p{N}_-]+/gu;
const LETTER_OR_DIGIT = /[\p{L}\p{N}]/u;

/**
 * The path segment of a service's page, `/services/<slug>/`: its key with everything but letters,
 * digits, `-` and `_` turned into single dashes. A name with no letter or digit left gets a short
 * hash of its key instead, so it is never empty, `.` or `..`, and never shared with another such
 * name. ASCII names keep the segments they always had (`Edge Proxy` → `edge-proxy`).
 */
export function serviceSlug(name: string): string {
	return addressSegment(serviceKey(name), 'service');
}

/**
 * A key as one segment of an address: everything but letters, digits, `-` and `_` turned into
 * single dashes, or `<prefix>-<hash>` when no letter or digit is left (services and owners).
 */
export function addressSegment(key: string, prefix: string): string {
	const slug = key
		.replace(NOT_KEPT, '-')
		.replace(/-{2,}/g, '-')
		.replace(/^-+|-+$/g, '');
	return LETTER_OR_DIGIT.test(slug) ? slug : `${prefix}-${shortHash(key)}`;
}

/** FNV-1a, 32 bits: the same on every machine and build, and pure (`src/lib` imports no `node:crypto`). */
function shortHash(text: string): string {
	let hash = 0x811c9dc5;
	for (let i = 0; i < text.length; i++) {
		hash ^= text.charCodeAt(i);
		hash = Math.imul(hash, 0x01000193);
	}
	return (hash >>> 0).toString(16).padStart(8, '0');
}

export interface SlugCollision {
	slug: string;
	/** Two or more services, each as first written, with a file that writes it that way. */
	spellings: { name: string; file: string }[];
}

type NamedEntry = Pick<PostmortemEntry, 'id' | 'filePath'> & { data: Pick<PostmortemData, 'services'> };

/** A name as a file writes it, the key that says which names are one, and the address it makes. */
export interface Naming {
	name: string;
	key: string;
	slug: string;
}

/**
 * Names with different keys that make one slug: one page would show both. By slug, files by id,
 * so every build reports them in the same order. Services and owners share it.
 */
export function slugCollisions<E extends Pick<PostmortemEntry, 'id' | 'filePath'>>(entries: readonly E[], namings: (entry: E) => Iterable<Naming>): SlugCollision[] {
	const bySlug = new Map<string, Map<string, { name: string; file: string }>>();
	for (const entry of [...entries].sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0))) {
		for (const { name, key, slug } of namings(entry)) {
			const names = bySlug.get(slug) ?? new Map<string, { name: string; file: string }>();
			if (!names.has(key)) names.set(key, { name, file: entry.filePath ?? entry.id });
			bySlug.set(slug, names);
		}
	}
	return [...bySlug]
		.filter(([, names]) => names.size > 1)
		.map(([slug, names]) => ({ slug, spellings: [...names.values()] }))
		.sort((a, b) => (a.slug < b.slug ? -1 : a.slug > b.slug ? 1 : 0));
}

/** Different services (different keys) whose names make one slug. */
export function serviceSlugCollisions(entries: readonly NamedEntry[]): SlugCollision[] {
	return slugCollisions(entries, (entry) => entry.data.services.map((name) => ({ name, key: serviceKey(name), slug: serviceSlug(name) })));
}

/** The names of a collision as a sentence: `"A" (this file), "a" (x.mdx) and "A " (y.mdx)`. */
export function collidingNames(collision: SlugCollision): { file: string; list: string } {
	const [here, ...others] = collision.spellings;
	const names = [`"${here!.name}" (this file)`, ...others.map((s) => `"${s.name}" (${s.file})`)];
	return { file: here!.file, list: `${names.slice(0, -1).join(', ')} and ${names.at(-1)}` };
}

/** A collision as authors read it: which spellings share which address, and what to do. */
export function collisionProblem(collision: SlugCollision): { file: string; field: string; message: string } {
	const { file, list } = collidingNames(collision);
	return {
		file,
		field: 'services',
		message: `${list} are different services with one address, /services/${collision.slug}/. Spell them the same way if they are one service, or rename one if they are not.`,
	};
}
