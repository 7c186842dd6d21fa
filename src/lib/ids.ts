/** Postmortem ids: the path below `content/postmortems/`, without the extension, lower-cased. */
import { readdirSync } from 'node:fs';
import { join, sep } from 'node:path';

export const POSTMORTEM_EXTENSIONS = /\.(md|mdx)$/i;

export function postmortemIdFromPath(relativePath: string): string {
	return relativePath.split(sep).join('/').replace(POSTMORTEM_EXTENSIONS, '').toLowerCase();
}

/** Every postmortem file below `dir`, as paths relative to it, sorted. */
export function listPostmortemFiles(dir: string): string[] {
	let names: string[];
	try {
		names = readdirSync(dir, { recursive: true, encoding: 'utf8' });
	} catch {
		return [];
	}
	return names
		.filter((name) => POSTMORTEM_EXTENSIONS.test(name))
		.map((name) => name.split(sep).join('/'))
		.sort();
}

/**
 * The ids of every postmortem file, drafts and other editions' included: a `related` id must name
 * one of these. Two files that give the same id (`a.md` and `A.mdx`) are an error, not a silent
 * "later file wins", and so is an extension in capitals, which the loader would not read.
 */
export function collectPostmortemIds(dir: string): Set<string> {
	const owners = new Map<string, string>();
	for (const file of listPostmortemFiles(dir)) {
		// Astro's loader matches `*.md` and `*.mdx` exactly: `Outage.MDX` would silently be left out.
		if (!/\.mdx?$/.test(file)) {
			throw new Error(`${join(dir, file)}: expected a postmortem file name ending in .md or .mdx, in lower case. Rename it.`);
		}
		const id = postmortemIdFromPath(file);
		const other = owners.get(id);
		if (other) {
			throw new Error(
				`Duplicate postmortem id "${id}": ${join(dir, other)} and ${join(dir, file)} both map to it. Rename one of them.`
			);
		}
		owners.set(id, file);
	}
	return new Set(owners.keys());
}
