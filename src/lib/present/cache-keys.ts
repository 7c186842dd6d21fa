/**
 * Cache keys for Astro's incremental builds (`experimental.incrementalBuild`). A page that returns
 * a key from `getStaticPaths` is copied from the last build instead of rendered again when its key
 * and its code (Astro hashes the page's module graph itself) are both unchanged.
 *
 * A key is the digest of exactly what the page is handed: its props (or the one view it renders,
 * like a postmortem's), serialised whole. It is never a list of the fields a page shows today,
 * which would drift the day a component shows one more. That makes one rule for every keyed page:
 * **it renders from what its key hashes alone** (and its params), never from data it fetches while
 * rendering, which no key would cover. A function in it (`archive.rootCause`, a formatter) could
 * hide anything, so serialising one fails the build: hand the page the values it shows instead.
 *
 * To give a new page type a key, return its paths through `src/data`'s `withCacheKeys` (a one-line
 * change in its `getStaticPaths`) and keep everything it renders in its props.
 */

/** A cryptographic hash of a text, hex: the caller's (this module stays free of Node). */
export type TextHash = (text: string) => string;

/** Longer texts of an object are replaced by their digest. */
const INLINE = 128;

export interface CacheKeyer {
	/** A page's cache key: the hash of its props' canonical text, with what the whole site shares (`site`: the settings of the build). */
	key(props: unknown, site?: unknown): string;
	/**
	 * The canonical text of a value: equal for equal data, different for anything a page could show
	 * differently. A large object (a postmortem, listed on many pages) stands in it as the digest of
	 * its own text, computed once: a key costs what its page's own data costs, and no text as long
	 * as all it lists is ever kept.
	 */
	canonical(value: unknown): string;
}

/**
 * Keys hashed with `hash`. A collision would serve a stale page without a word: `hash` must be a
 * cryptographic hash (SHA-256), not a quick checksum. The objects a keyer has seen are taken not to
 * change: the data of a build is computed once; the dev server computes it afresh, as new objects.
 */
export function cacheKeyer(hash: TextHash): CacheKeyer {
	const seen = new WeakMap<object, string>();

	function serialise(value: unknown, open: Set<object>): string {
		switch (typeof value) {
			case 'string':
				return JSON.stringify(value);
			case 'number':
				// JSON would write NaN and Infinity as null and -0 as 0: a page may show them apart.
				return Number.isFinite(value) && !Object.is(value, -0) ? String(value) : `#${Object.is(value, -0) ? '-0' : String(value)}`;
			case 'boolean':
				return value ? 'true' : 'false';
			case 'undefined':
				return 'undefined';
			case 'bigint':
				return `${value}n`;
			case 'function':
			case 'symbol':
				throw new NotData();
		}
		if (value === null) return 'null';
		const object = value as object;
		const memo = seen.get(object);
		if (memo !== undefined) return memo;
		if (open.has(object)) throw new NotData();
		open.add(object);
		let text: string;
		if (object instanceof Date) {
			text = `D${Number.isNaN(object.getTime()) ? 'invalid' : object.toISOString()}`;
		} else if (Array.isArray(object)) {
			text = '[';
			for (let i = 0; i < object.length; i++) text += `${i ? ',' : ''}${serialise(object[i], open)}`;
			text += ']';
		} else if (object instanceof Map) {
			text = `M[${[...object].map(([k, v]) => `${serialise(k, open)}:${serialise(v, open)}`).join(',')}]`;
		} else if (object instanceof Set) {
			text = `S[${[...object].map((item) => serialise(item, open)).join(',')}]`;
		} else {
			if (!isPlain(object)) throw new NotData();
			// In the object's own order (pages may render entries in it), an absent field like an undefined one.
			text = '{';
			for (const k in object) {
				if (!Object.hasOwn(object, k)) continue;
				const v = (object as Record<string, unknown>)[k];
				if (v === undefined) continue;
				text += `${text.length > 1 ? ',' : ''}${JSON.stringify(k)}:${serialise(v, open)}`;
			}
			text += '}';
		}
		open.delete(object);
		// A digest cannot be mistaken for an inline text: no other text starts with `#` and a hex digit.
		if (text.length > INLINE) text = `#${hash(text)}`;
		seen.set(object, text);
		return text;
	}

	const canonical = (value: unknown) => {
		try {
			return serialise(value, new Set());
		} catch (error) {
			if (error instanceof NotData) throw new TypeError(notData(value));
			throw error;
		}
	};
	return { canonical, key: (props, site = null) => hash(`${canonical(site)}\n${canonical(props)}`) };
}

/** Thrown where a value is not data; the message, with the value's path, is put together after. */
class NotData extends Error {}

const isPlain = (object: object) => {
	const prototype = Object.getPrototypeOf(object);
	return prototype === Object.prototype || prototype === null;
};

/** What is not data in `root`, and where: found again, slowly, once serialising has failed. */
function notData(root: unknown): string {
	const walk = (value: unknown, path: string, open: Set<object>): string | undefined => {
		if (typeof value === 'function' || typeof value === 'symbol') return `${path} is a ${typeof value}: a page's cache key cannot see what it returns. Hand the page the values it shows instead.`;
		if (value === null || typeof value !== 'object' || value instanceof Date) return undefined;
		if (open.has(value)) return `${path} contains itself.`;
		open.add(value);
		let found: string | undefined;
		if (Array.isArray(value)) value.some((item, i) => (found = walk(item, `${path}[${i}]`, open)));
		else if (value instanceof Map) [...value].some(([k, v]) => (found = walk(k, `${path} key`, open) ?? walk(v, `${path}.get(${String(k)})`, open)));
		else if (value instanceof Set) [...value].some((item) => (found = walk(item, `${path} item`, open)));
		else if (!isPlain(value)) found = `${path} is a ${Object.getPrototypeOf(value)?.constructor?.name ?? 'class instance'}: its key could miss what it holds. Hand the page plain objects.`;
		else Object.entries(value).some(([k, v]) => (found = walk(v, `${path}.${k}`, open)));
		open.delete(value);
		return found;
	};
	return `A cached page's props must be plain data, but ${walk(root, 'props', new Set()) ?? 'a value in them is not'}`;
}
