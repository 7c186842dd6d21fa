/**
 * The last line of defence for an edition: after the build, no output file may hold the id, title,
 * summary or a sentence of a postmortem the edition leaves out, nor a file only such postmortems
 * use. (In the internal edition, that means drafts.) The pages never render them in the first
 * place; this proves it, over every output file, Pagefind's gzip index and binary files included.
 */
import { readFileSync, readdirSync, statSync } from 'node:fs';
import { extname, join, relative } from 'node:path';
import { gunzipSync } from 'node:zlib';
import { isIncluded, type Edition } from '../lib/model/archive';
import { findAssetLeaks, findLeaks, type GuardedPostmortem } from '../lib/checks/leak-guard';
import { readArchiveSources, type PostmortemSource } from '../node/archive-sources';
import { guardedAssets, siteAssetNames } from '../node/guarded-assets';
import { sha256 } from '../node/hashes';

const BINARY = new Set(['.png', '.jpg', '.jpeg', '.gif', '.webp', '.avif', '.ico', '.woff', '.woff2', '.ttf', '.wasm']);

/**
 * Every output file's text (empty for binary files; Pagefind's gzip index decompressed), one at a
 * time so that a large site is never in memory at once; with `hashes`, each file's hash goes there.
 */
function* outputFiles(dir: string, hashes?: { path: string; hash: string }[]): Generator<{ path: string; text: string }> {
	for (const name of readdirSync(dir, { recursive: true, encoding: 'utf8' })) {
		const file = join(dir, name);
		if (!statSync(file).isFile()) continue;
		const path = relative(dir, file);
		const bytes = readFileSync(file);
		hashes?.push({ path, hash: sha256(bytes) });
		if (BINARY.has(extname(file).toLowerCase())) continue;
		yield { path, text: (bytes[0] === 0x1f && bytes[1] === 0x8b ? gunzipSync(bytes) : bytes).toString('utf8') };
	}
}

/** The site's own words (page templates, guides, labels): text a postmortem shares with them proves nothing. */
function siteText(srcDir: string): GuardedPostmortem[] {
	return readdirSync(srcDir, { recursive: true, encoding: 'utf8' })
		.filter((name) => /\.(astro|mdx?|ts)$/.test(name))
		.map((name) => ({ id: `(site) ${name}`, title: '', body: readFileSync(join(srcDir, name), 'utf8') }));
}

export interface GuardOptions {
	/** The built site. */
	outDir: string;
	edition: Edition;
	contentDir: string;
	/** The project's root and source folder: the site's own words and files prove nothing. */
	root: string;
	srcDir: string;
}

/** Fails when the output holds anything of a left-out postmortem; else how many were left out. */
export function guardEdition({ outDir, edition, contentDir, root, srcDir }: GuardOptions): number {
	const options = { edition, includeDrafts: false };
	// The same reading of the files as the content layer's, so "left out" means one thing.
	const all = readArchiveSources(contentDir).postmortems;
	const excluded = all.filter((pm) => !isIncluded(pm.data, options));
	if (excluded.length === 0) return 0;
	const included = all.filter((pm) => isIncluded(pm.data, options));
	const guarded = (pm: PostmortemSource): GuardedPostmortem => ({ id: pm.id, title: pm.data.title, summary: pm.data.summary, body: pm.body });
	// An included postmortem publishes its frontmatter's sentences too (lessons, factors, timeline):
	// a left-out body sentence that one of them repeats proves nothing.
	const shared = (pm: PostmortemSource): GuardedPostmortem => ({ ...guarded(pm), body: pm.text });
	const assets = guardedAssets(excluded, included, siteAssetNames(root));
	// Hashing every output file costs time: only when there are files to look for.
	const hashes = assets.length ? [] : undefined;
	const leaks = [
		...findLeaks(excluded.map(guarded), [...included.map(shared), ...siteText(srcDir)], outputFiles(outDir, hashes)),
		...findAssetLeaks(assets, hashes ?? []),
	];
	if (leaks.length > 0) {
		const lines = leaks.slice(0, 20).map((l) => `  ${l.file}: ${l.postmortem} (${l.what})`);
		throw new Error(
			`The ${options.edition} edition's output contains postmortems it leaves out:\n${lines.join('\n')}${leaks.length > 20 ? `\n  … and ${leaks.length - 20} more` : ''}`
		);
	}
	return excluded.length;
}
