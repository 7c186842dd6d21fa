/**
 * The files only left-out postmortems use (images and other files their bodies refer to), for the
 * leak guard to look for in the output by their bytes and by the names Astro makes from theirs.
 */
import { existsSync, readFileSync, readdirSync } from 'node:fs';
import { basename, join } from 'node:path';
import type { GuardedAsset } from '../lib/checks/leak-guard';
import type { PostmortemSource } from './archive-sources';
import { bodyFiles } from './body-files';
import { sha256 } from './hashes';

const stem = (name: string) => name.replace(/\.[^.]*$/, '').toLowerCase();

const assetsOf = (pm: PostmortemSource) => bodyFiles(pm.path, pm.body);

/**
 * The files only left-out postmortems use. A file an included postmortem uses too, by path or by
 * identical bytes, is not guarded; a name the site or an included postmortem also uses is guarded
 * by its bytes alone. So the guard does not cry wolf over a shared `diagram.png`.
 */
export function guardedAssets(excluded: readonly PostmortemSource[], included: readonly PostmortemSource[], siteNames: ReadonlySet<string>): GuardedAsset[] {
	const used = new Set(included.flatMap(assetsOf));
	const usedHashes = new Set([...used].map((path) => sha256(readFileSync(path))));
	const sharedStems = new Set([...[...used].map((path) => stem(basename(path))), ...[...siteNames].map(stem)]);
	const guarded = new Map<string, GuardedAsset>();
	for (const pm of excluded) {
		for (const path of assetsOf(pm)) {
			if (used.has(path) || guarded.has(path)) continue;
			const hash = sha256(readFileSync(path));
			if (usedHashes.has(hash)) continue;
			guarded.set(path, { postmortem: pm.id, name: basename(path), hash, byName: !sharedStems.has(stem(basename(path))) });
		}
	}
	return [...guarded.values()];
}

/** File names of the site's own assets (`src/` and `public/`), which an output may be named after. */
export function siteAssetNames(root: string): Set<string> {
	const names = new Set<string>();
	for (const dir of ['src', 'public']) {
		if (!existsSync(join(root, dir))) continue;
		for (const name of readdirSync(join(root, dir), { recursive: true, encoding: 'utf8' })) names.add(basename(name));
	}
	return names;
}
