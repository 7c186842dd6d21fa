/**
 * Frontmatter read in an earlier build, kept in the build cache by the digest of its YAML: reading
 * YAML is most of what checking a thousand postmortems costs, and between two builds most files'
 * frontmatter is unchanged. The data is what the YAML reader gave, before the schema checks it, so
 * a changed taxonomy or a new postmortem still changes what is valid. A file whose frontmatter
 * then has a problem is read again, whole, for the line to report.
 *
 * The cache holds only data that JSON keeps exactly, and it is dropped whole when the code that
 * reads YAML (`lib/model/frontmatter.ts`, the `yaml` package) changes.
 */
import { existsSync, mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { parseFrontmatter, type ParsedFrontmatter } from '../lib/model/frontmatter';
import { sha256 } from './hashes';

const FILE = 'hindsight-frontmatter.json';

interface Stored {
	reader: string;
	entries: Record<string, Record<string, unknown>>;
}

/** The YAML reader's own code, so that a change to it is never answered from the cache; undefined when it cannot be read. */
function readerFingerprint(): string | undefined {
	try {
		const own = readFileSync(new URL('../lib/model/frontmatter.ts', import.meta.url));
		let dir = dirname(createRequire(import.meta.url).resolve('yaml'));
		while (!existsSync(join(dir, 'package.json')) && dirname(dir) !== dir) dir = dirname(dir);
		const yaml = JSON.parse(readFileSync(join(dir, 'package.json'), 'utf8')) as { version: string };
		return sha256(Buffer.concat([own, Buffer.from(`\0yaml@${yaml.version}`)]));
	} catch {
		return undefined;
	}
}

/** Whether JSON gives this value back exactly: no -0, NaN, Infinity or undefined, plain objects only. */
function jsonExact(value: unknown): boolean {
	if (value === null || typeof value === 'string' || typeof value === 'boolean') return true;
	if (typeof value === 'number') return Number.isFinite(value) && !Object.is(value, -0);
	if (Array.isArray(value)) return value.every(jsonExact);
	if (typeof value !== 'object' || Object.getPrototypeOf(value) !== Object.prototype) return false;
	return Object.entries(value).every(([key, v]) => key !== '__proto__' && jsonExact(v));
}

export interface FrontmatterCache {
	/** {@link parseFrontmatter}, answered from the cache where it can be. */
	parse: typeof parseFrontmatter;
	/** Writes what this build read, and only that, for the next build. */
	save(): void;
}

/** The cache in `cacheDir`; without one (or when the reader's code cannot be read), a plain reader. */
export function openFrontmatterCache(cacheDir: string | undefined): FrontmatterCache {
	const reader = cacheDir && readerFingerprint();
	if (!cacheDir || !reader) return { parse: parseFrontmatter, save() {} };
	const file = join(cacheDir, FILE);
	let previous: Stored['entries'] = {};
	try {
		const stored = JSON.parse(readFileSync(file, 'utf8')) as Stored;
		if (stored.reader === reader) previous = stored.entries;
	} catch {
		// No cache yet, or one that cannot be read: every file is read afresh.
	}
	const used: Stored['entries'] = {};
	let changed = false;
	return {
		parse(raw, line): ParsedFrontmatter {
			const digest = sha256(Buffer.from(raw));
			const hit = previous[digest];
			if (hit) {
				used[digest] = hit;
				let full: ParsedFrontmatter | undefined;
				// Lines are only wanted for a problem: the YAML is read again then, once.
				const locate = (path: readonly PropertyKey[]) => {
					full ??= parseFrontmatter(raw, line);
					return 'locate' in full ? full.locate(path) : undefined;
				};
				// Read from disk for this build alone; the schema makes its own copy.
				return { data: hit, locate };
			}
			const parsed = parseFrontmatter(raw, line);
			if ('data' in parsed && jsonExact(parsed.data)) {
				used[digest] = structuredClone(parsed.data);
				changed = true;
			}
			return parsed;
		},
		save() {
			if (!changed && Object.keys(used).length === Object.keys(previous).length) return;
			mkdirSync(cacheDir, { recursive: true });
			// Written whole, then moved into place: a build stopped halfway never leaves half a cache.
			writeFileSync(`${file}.tmp`, JSON.stringify({ reader, entries: used } satisfies Stored));
			renameSync(`${file}.tmp`, file);
		},
	};
}
