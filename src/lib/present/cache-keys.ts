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

	function serialise(value: unknown, path: string, open: Set<object>): string {
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
				throw new TypeError(
					`A cached page's props must be plain data, but ${path} is a ${typeof value}: a page's cache key cannot see what it returns. Hand the page the values it shows instead.`
				);
		}
		if (value === null) return 'null';
		const object = value as object;
		const memo = seen.get(object);
		if (memo !== undefined) return memo;
		if (open.has(object)) throw new TypeError(`A cached page's props must be plain data, but ${path} contains itself.`);
		open.add(object);
		let text: string;
		if (object instanceof Date) {
			text = `D${Number.isNaN(object.getTime()) ? 'invalid' : object.toISOString()}`;
		} else if (Array.isArray(object)) {
			text = `[${object.map((item, i) => serialise(item, `${path}[${i}]`, open)).join(',')}]`;
		} else if (object instanceof Map) {
			text = `M[${[...object].map(([k, v], i) => `${serialise(k, `${path} key ${i}`, open)}:${serialise(v, `${path}.get(${String(k)})`, open)}`).join(',')}]`;
		} else if (object instanceof Set) {
			text = `S[${[...object].map((item, i) => serialise(item, `${path} item ${i}`, open)).join(',')}]`;
		} else {
			const prototype = Object.getPrototypeOf(object);
			if (prototype !== Object.prototype && prototype !== null) {
				throw new TypeError(
					`A cached page's props must be plain data, but ${path} is a ${prototype?.constructor?.name ?? 'class instance'}: its key could miss what it holds. Hand the page plain objects.`
				);
			}
			// In the object's own order (pages may render entries in it), an absent field like an undefined one.
			text = `{${Object.entries(object)
				.filter(([, v]) => v !== undefined)
				.map(([k, v]) => `${JSON.stringify(k)}:${serialise(v, `${path}.${k}`, open)}`)
				.join(',')}}`;
		}
		open.delete(object);
		// A digest cannot be mistaken for an inline text: no other text starts with `#` and a hex digit.
		if (text.length > INLINE) text = `#${hash(text)}`;
		seen.set(object, text);
		return text;
	}

	const canonical = (value: unknown) => serialise(value, 'props', new Set());
	return { canonical, key: (props, site = null) => hash(`${canonical(site)}\n${canonical(props)}`) };
}
