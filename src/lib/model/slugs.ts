/**
 * Names as addresses: which spellings are one service, one lesson tag or one training topic, the
 * path segment each gets, and the spellings that would share a segment though they are different
 * names. Every page, link and filter made from such a name goes through here, so they all agree.
 */
import type { PostmortemEntry } from './postmortem';
import type { PostmortemData } from './schema';
import { lessonTagUrl, serviceUrl, trainingTopicUrl } from '../present/urls';

/**
 * Spellings with one key are one service. NFKC first, so that full-width, ligature and composed
 * or decomposed forms of one letter are the same letter before anything compares them.
 */
export function serviceKey(name: string): string {
	return nameKey(name);
}

/**
 * The one rule for free-text names (services, lesson tags, training topics): spellings equal once
 * NFKC-normalised, trimmed and lower-cased are one name.
 */
export function nameKey(name: string): string {
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

/** Lesson tags as services: one tag per key, its page at `/lessons/tags/<slug>/`. */
export function tagSlug(tag: string): string {
	return addressSegment(nameKey(tag), 'tag');
}

/** Training topics as services: one topic per key, its page at `/training/topics/<slug>/`. */
export function topicSlug(topic: string): string {
	return addressSegment(nameKey(topic), 'topic');
}

type TaggedEntry = Pick<PostmortemEntry, 'id' | 'filePath'> & { data: Pick<PostmortemData, 'lessons' | 'trainingGaps'> };

/** Different lesson tags (different keys) whose names make one slug: one tag page would show both. */
export function tagSlugCollisions(entries: readonly TaggedEntry[]): SlugCollision[] {
	return slugCollisions(entries, (entry) => entry.data.lessons.flatMap((lesson) => lesson.tags.map((name) => ({ name, key: nameKey(name), slug: tagSlug(name) }))));
}

/** Different training topics whose names make one slug: one topic page would show both. */
export function topicSlugCollisions(entries: readonly TaggedEntry[]): SlugCollision[] {
	return slugCollisions(entries, (entry) => entry.data.trainingGaps.map(({ topic }) => ({ name: topic, key: nameKey(topic), slug: topicSlug(topic) })));
}

/** The names of a collision as a sentence: `"A" (this file), "a" (x.mdx) and "A " (y.mdx)`. */
export function collidingNames(collision: SlugCollision): { file: string; list: string } {
	const [here, ...others] = collision.spellings;
	const names = [`"${here!.name}" (this file)`, ...others.map((s) => `"${s.name}" (${s.file})`)];
	return { file: here!.file, list: `${names.slice(0, -1).join(', ')} and ${names.at(-1)}` };
}

/** A collision as authors read it: which spellings share which address, and what to do. */
export function collisionProblem(collision: SlugCollision): { file: string; field: string; message: string } {
	return namedCollisionProblem(collision, { field: 'services', what: 'service', address: serviceUrl(collision.slug) });
}

/** A tag collision as authors read it. */
export function tagCollisionProblem(collision: SlugCollision): { file: string; field: string; message: string } {
	return namedCollisionProblem(collision, { field: 'lessons.tags', what: 'lesson tag', address: lessonTagUrl(collision.slug) });
}

/** A training-topic collision as authors read it. */
export function topicCollisionProblem(collision: SlugCollision): { file: string; field: string; message: string } {
	return namedCollisionProblem(collision, { field: 'trainingGaps.topic', what: 'training topic', address: trainingTopicUrl(collision.slug) });
}

function namedCollisionProblem(collision: SlugCollision, { field, what, address }: { field: string; what: string; address: string }) {
	const { file, list } = collidingNames(collision);
	return {
		file,
		field,
		message: `${list} are different ${what}s with one address, ${address}. Spell them the same way if they are one ${what}, or rename one if they are not.`,
	};
}
