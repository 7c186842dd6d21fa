/**
 * The last line of defence for an edition: after the build, no output file may hold the id, title,
 * summary or a sentence of a postmortem the edition leaves out, nor a file only such postmortems
 * use. (In the internal edition, that means drafts.) The pages never render them in the first
 * place; this proves it, over every output file, Pagefind's gzip index and binary files included.
 */
import { mkdirSync, readFileSync, readdirSync, renameSync, statSync, writeFileSync } from 'node:fs';
import { extname, join, relative } from 'node:path';
import { gunzipSync } from 'node:zlib';
import { isIncluded, type Edition } from '../lib/model/archive';
import { candidateMarkers, findAssetLeaks, findLeaksOf, sharedMarkers, type GuardedPostmortem } from '../lib/checks/leak-guard';
import { readArchiveSources, type PostmortemSource } from '../node/archive-sources';
import { guardedAssets, siteAssetNames } from '../node/guarded-assets';
import { sha256 } from '../node/hashes';

const BINARY = new Set(['.png', '.jpg', '.jpeg', '.gif', '.webp', '.avif', '.ico', '.woff', '.woff2', '.ttf', '.wasm']);

/**
 * Every output file's text (Pagefind's gzip index decompressed), one at a time so that a large site
 * is never in memory at once; each file's hash goes to `hashes`. A binary file, or one whose bytes
 * were read and found clean before (`clean`), is hashed and not read as text.
 */
function* outputTexts(dir: string, clean: ReadonlySet<string>, hashes: { path: string; hash: string }[]): Generator<{ path: string; text: string }> {
	for (const name of readdirSync(dir, { recursive: true, encoding: 'utf8' })) {
		const file = join(dir, name);
		if (!statSync(file).isFile()) continue;
		const path = relative(dir, file);
		const bytes = readFileSync(file);
		const hash = sha256(bytes);
		hashes.push({ path, hash });
		if (BINARY.has(extname(file).toLowerCase()) || clean.has(hash)) continue;
		yield { path, text: (bytes[0] === 0x1f && bytes[1] === 0x8b ? gunzipSync(bytes) : bytes).toString('utf8') };
	}
}

/**
 * What the last build's guard found, kept in the build cache, so that a rebuild costs what changed:
 * for each included postmortem's text (by its digest), which of the left-out postmortems' markers
 * it shares, so only a changed postmortem is read for them; and the hashes of the output files read
 * and found clean, so only a changed file is read again. Each holds for the markers it was found
 * with, by their digest, and for the guard's own code (`lib/checks/leak-guard.ts`, which decides
 * what matches): a change to it, or a copy of it that cannot be read, starts afresh.
 */
interface GuardMemo {
	candidates: string;
	shared: Record<string, number[]>;
	markers: string;
	clean: string[];
}
const MEMO = 'hindsight-leak-guard.json';

const digestOf = (value: unknown) => sha256(Buffer.from(JSON.stringify(value)));

function guardCode(): string {
	try {
		return sha256(readFileSync(new URL('../lib/checks/leak-guard.ts', import.meta.url)));
	} catch {
		return `unreadable ${Date.now()}`;
	}
}

function readMemo(cacheDir: string | undefined): GuardMemo | undefined {
	if (!cacheDir) return undefined;
	try {
		return JSON.parse(readFileSync(join(cacheDir, MEMO), 'utf8')) as GuardMemo;
	} catch {
		return undefined;
	}
}

function writeMemo(cacheDir: string | undefined, memo: GuardMemo): void {
	if (!cacheDir) return;
	mkdirSync(cacheDir, { recursive: true });
	writeFileSync(join(cacheDir, `${MEMO}.tmp`), JSON.stringify(memo));
	renameSync(join(cacheDir, `${MEMO}.tmp`), join(cacheDir, MEMO));
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
	/** The build cache: the frontmatter the content layer read this build, and the guard's last findings. */
	cacheDir?: string;
}

/** Fails when the output holds anything of a left-out postmortem; else how many were left out. */
export function guardEdition({ outDir, edition, contentDir, root, srcDir, cacheDir }: GuardOptions): number {
	const options = { edition, includeDrafts: false };
	// The same reading of the files as the content layer's, so "left out" means one thing.
	const all = readArchiveSources(contentDir, { cacheDir }).postmortems;
	const excluded = all.filter((pm) => !isIncluded(pm.data, options));
	if (excluded.length === 0) return 0;
	const included = all.filter((pm) => isIncluded(pm.data, options));
	const guarded = (pm: PostmortemSource): GuardedPostmortem => ({ id: pm.id, title: pm.data.title, summary: pm.data.summary, body: pm.body });
	// An included postmortem publishes its frontmatter's sentences too (lessons, factors, timeline):
	// a left-out body sentence that one of them repeats proves nothing.
	const publishes = (pm: PostmortemSource): GuardedPostmortem => ({ ...guarded(pm), body: pm.text });
	const assets = guardedAssets(excluded, included, siteAssetNames(root));
	const candidates = candidateMarkers(excluded.map(guarded));
	const candidatesDigest = digestOf([guardCode(), candidates]);
	const memo = readMemo(cacheDir);
	const known = memo?.candidates === candidatesDigest ? memo.shared : {};
	let found: ReturnType<typeof sharedMarkers> | undefined;
	const shared: GuardMemo['shared'] = {};
	for (const pm of [...included.map(publishes), ...siteText(srcDir)]) {
		const digest = digestOf([pm.title, pm.summary, pm.body]);
		shared[digest] = known[digest] ?? (found ??= sharedMarkers(candidates.markers))(pm);
	}
	const notGuarded = new Set(Object.values(shared).flat());
	const markers = { markers: candidates.markers.filter((_, i) => !notGuarded.has(i)), ids: candidates.ids };
	const markersDigest = digestOf(markers);
	const clean = new Set(memo?.markers === markersDigest ? memo.clean : []);
	const hashes: { path: string; hash: string }[] = [];
	const leaks = findLeaksOf(markers, outputTexts(outDir, clean, hashes));
	leaks.push(...findAssetLeaks(assets, hashes));
	const leaking = new Set(leaks.map((l) => l.file));
	writeMemo(cacheDir, { candidates: candidatesDigest, shared, markers: markersDigest, clean: hashes.filter((f) => !leaking.has(f.path)).map((f) => f.hash) });
	if (leaks.length > 0) {
		const lines = leaks.slice(0, 20).map((l) => `  ${l.file}: ${l.postmortem} (${l.what})`);
		throw new Error(
			`The ${options.edition} edition's output contains postmortems it leaves out:\n${lines.join('\n')}${leaks.length > 20 ? `\n  … and ${leaks.length - 20} more` : ''}`
		);
	}
	return excluded.length;
}

/**
 * The guard as a build runs it, saying what it found. The benchmark reads the last line: Astro
 * times only its own phases, and the guard reads only the output files that changed.
 */
export function checkOutput(options: GuardOptions, log: (message: string) => void): void {
	const started = performance.now();
	const leftOut = guardEdition(options);
	const seconds = ((performance.now() - started) / 1000).toFixed(2);
	if (leftOut > 0) log(`No trace of the ${leftOut} left-out postmortems in the output.`);
	log(`Checked the output in ${seconds}s (leak guard).`);
}
