/**
 * `npm run bench`: builds N synthetic postmortems with Hindsight and the same bodies as a bare
 * Starlight site, cold, then rebuilds ours after one edit, and compares build time, memory, page
 * size, Lighthouse scores and the dev loop against their goals.
 *
 *   npm run bench -- --n 1000 --runs 1 --out test/bench/results.md
 *        [--skip-bare] [--skip-lighthouse] [--lighthouse-audits 3] [--skip-dev] [--skip-rebuilds] [--seed 20240601] [--work test/.tmp/bench]
 *
 * Temporary files go to `test/.tmp/bench/` (`--work` to change it); the report explains each figure.
 */
import { execFileSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { cpSync, existsSync, mkdirSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { cpus, loadavg, totalmem } from 'node:os';
import { dirname, join, relative, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { parseArgs } from 'node:util';
import { BUILD, ROOT } from '../support/build';
import { PAGE_TYPES } from '../support/page-types';
import { compareTrees, resolveExample, whereTheyDiffer, type SiteShape } from './analyse';
import { measureDevLoop } from './dev';
import { bareWriter, generatePostmortems, hindsightWriter, taxonomyCheck } from './generate';
import { lighthouseScores, type AuditedPage } from './lighthouse';
import { BUILD_ENV } from '../../src/node/build-env';
import {
	criticalPath,
	dirSize,
	hashTree,
	largestPages,
	measureSearch,
	viewedScripts,
	pageScripts,
	timedBuild,
	type BuildMeasurement,
} from './measure';
import { markdown, summarise, table, type Environment, type Rebuilds, type ReportInput, type SiteResult } from './report';

const ASTRO = join(ROOT, 'node_modules/astro/bin/astro.mjs');
const CHROMIUM = process.env['CHROMIUM_PATH'] ?? '/usr/bin/chromium';
/** The day "overdue" is measured against: fixed, so every run builds the same site. */
const BUILD_DATE = '2026-01-01';

const { values } = parseArgs({
	options: {
		n: { type: 'string', default: '1000' },
		runs: { type: 'string', default: '1' },
		out: { type: 'string', default: 'test/bench/results.md' },
		'skip-bare': { type: 'boolean', default: false },
		'skip-lighthouse': { type: 'boolean', default: false },
		// Lighthouse's docs advise the median of several runs: one audit moves by up to 15 points here.
		'lighthouse-audits': { type: 'string', default: '3' },
		'skip-dev': { type: 'boolean', default: false },
		// At N = 20,000 each rebuild takes about as long as the cold build: cold builds alone.
		'skip-rebuilds': { type: 'boolean', default: false },
		seed: { type: 'string', default: '20240601' },
		work: { type: 'string', default: 'test/.tmp/bench' },
	},
	strict: true,
});

const n = Number(values.n);
const runs = Number(values.runs);
const seed = Number(values.seed);
if (!Number.isInteger(n) || n < 1) throw new Error(`--n must be a whole number ≥ 1; got ${values.n}`);
if (!Number.isInteger(runs) || runs < 1) throw new Error(`--runs must be a whole number ≥ 1; got ${values.runs}`);
const skipBare = values['skip-bare'];
const skipLighthouse = values['skip-lighthouse'];
const lighthouseAudits = Number(values['lighthouse-audits']);
if (!Number.isInteger(lighthouseAudits) || lighthouseAudits < 1) throw new Error(`--lighthouse-audits must be a whole number ≥ 1; got ${values['lighthouse-audits']}`);
const skipDev = values['skip-dev'];
const skipRebuilds = values['skip-rebuilds'];
const work = resolve(values.work);
const outFile = resolve(values.out);
if (!work.startsWith(join(ROOT, 'test/.tmp'))) throw new Error(`--work must be below test/.tmp/; got ${work}`);

const contentDir = join(work, 'content');
const oursDist = join(work, 'ours-dist');
const coldCopy = join(work, 'ours-dist-cold');
const bareDir = join(work, 'bare');
const bareDist = join(work, 'bare-dist');
const logDir = join(work, 'logs');
// Built as `npm run build` builds it (BUILD_ENV); the bare site as Starlight's own template does.
const OURS_ENV = { ...BUILD_ENV, HINDSIGHT_CONTENT_DIR: contentDir, EDITION: 'internal', HINDSIGHT_BUILD_DATE: BUILD_DATE };

const log = (message: string) => console.log(`[bench] ${message}`);

/** A build that failed: the benchmark stops, after putting back any file it edited. */
class BuildFailed extends Error {}

function sh(command: string, args: string[]): string {
	try {
		return execFileSync(command, args, { encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'] }).trim();
	} catch {
		return '';
	}
}

function environment(): Environment {
	const version = (pkg: string) =>
		(JSON.parse(readFileSync(join(ROOT, 'node_modules', pkg, 'package.json'), 'utf8')) as { version: string }).version;
	let memory = `${(totalmem() / 1024 ** 3).toFixed(1)} GiB`;
	const cgroup = sh('cat', ['/sys/fs/cgroup/memory.max']);
	if (/^\d+$/.test(cgroup)) memory += ` (cgroup limit ${(Number(cgroup) / 1024 ** 3).toFixed(1)} GiB)`;
	const args = process.argv.slice(2).filter((arg) => arg !== '--');
	return {
		date: new Date().toISOString().replace(/\.\d+Z$/, 'Z'),
		n,
		runs,
		nproc: Number(sh('nproc', [])) || cpus().length,
		memory,
		cpu: cpus()[0]?.model.trim() ?? 'unknown CPU',
		node: process.version,
		astro: version('astro'),
		starlight: version('@astrojs/starlight'),
		seed,
		load: loadavg()[0]!,
		args: args.join(' '),
	};
}

function checked(name: string, build: BuildMeasurement): BuildMeasurement {
	writeFileSync(join(logDir, `${name}.log`), build.log);
	log(`${name}: exit ${build.code}, ${(build.wallMs / 1000).toFixed(1)} s, ${build.renders.rendered} pages rendered, ${build.renders.reused} reused`);
	if (build.code !== 0) {
		console.error(build.log.split('\n').slice(-60).join('\n'));
		throw new BuildFailed(`the ${name} build failed (exit ${build.code}); full log in ${join(logDir, `${name}.log`)}`);
	}
	return build;
}

/**
 * Where Astro keeps ours' caches for this archive: the `cacheDir` astro.config.mjs gives with the
 * benchmark's settings, read from the config itself so the benchmark follows it when it moves.
 */
async function oursCacheDir(): Promise<string> {
	const saved = { ...process.env };
	Object.assign(process.env, OURS_ENV);
	// What astro.config.mjs computed when this was written, should the config not load here.
	const fallback = join(ROOT, 'node_modules/.astro', createHash('sha256').update(contentDir).digest('hex').slice(0, 12));
	try {
		const config = (await import(pathToFileURL(join(ROOT, 'astro.config.mjs')).href)) as { default: { cacheDir?: string } };
		const dir = resolve(ROOT, config.default.cacheDir ?? 'node_modules/.astro');
		// It gets deleted: never the project, its dependencies or sources, nor a folder holding them.
		const kept = ['node_modules', 'src', 'content', 'test', 'public', '.git'].map((d) => join(ROOT, d));
		if (!dir.startsWith(`${ROOT}/`) || kept.some((k) => k === dir || k.startsWith(`${dir}/`))) {
			throw new Error(`cacheDir ${dir} is no folder the benchmark may delete`);
		}
		return dir;
	} catch (error) {
		console.warn(`[bench] could not read cacheDir from astro.config.mjs (${errorOf(error).error}); using ${fallback}`);
		return fallback;
	} finally {
		for (const key of Object.keys(OURS_ENV)) delete process.env[key];
		Object.assign(process.env, saved);
	}
}

/**
 * Ours, cold: no output, no Astro cache for this archive, and `--force`, which also makes Astro
 * ignore its content and incremental caches wherever they live. A cold build that still reuses
 * pages means a cache this function does not know.
 */
async function coldOurs(run: number, cacheDir: string): Promise<BuildMeasurement> {
	rmSync(cacheDir, { recursive: true, force: true });
	rmSync(oursDist, { recursive: true, force: true });
	log(`building ours cold (run ${run}/${runs})…`);
	const build = checked(`ours-${run}-cold`, await buildOurs(`ours-${run}-cold`, ['--force']));
	if (build.renders.reused > 0) {
		throw new BuildFailed(`the cold build reused ${build.renders.reused} pages from a cache the benchmark did not clear: make coldOurs() in test/bench/run.ts delete it`);
	}
	return build;
}

function buildOurs(name: string, args: string[] = []): Promise<BuildMeasurement> {
	return timedBuild({ cwd: ROOT, build: BUILD, outDir: oursDist, env: OURS_ENV, timeFile: join(logDir, `${name}.time`), args });
}

/** The bare Starlight site, cold: its own caches live inside its project folder. */
async function coldBare(run: number): Promise<BuildMeasurement> {
	for (const dir of ['.astro', 'node_modules/.astro', 'node_modules/.vite']) rmSync(join(bareDir, dir), { recursive: true, force: true });
	rmSync(bareDist, { recursive: true, force: true });
	log(`building bare cold (run ${run}/${runs})…`);
	return checked(`bare-${run}-cold`, await buildBare(`bare-${run}-cold`, ['--force']));
}

function buildBare(name: string, args: string[] = []): Promise<BuildMeasurement> {
	return timedBuild({ cwd: bareDir, build: [ASTRO, 'build'], outDir: bareDist, env: {}, timeFile: join(logDir, `${name}.time`), args });
}

/** The sentence the rebuilds append: plain prose, so it changes the body and nothing else. */
const APPENDED = 'A reviewer added this sentence after the review, to measure a rebuild after one edit.';

function appendSentence(text: string): string {
	return `${text.trimEnd()}\n\n${APPENDED}\n`;
}

function editTitle(text: string): string {
	const edited = text.replace(/^title: "(.*)"$/m, 'title: "$1 (revised)"');
	if (edited === text) throw new Error('the generated postmortem has no `title: "…"` line to edit');
	return edited;
}

/** Runs `use` with `file` edited, and puts the file back afterwards whatever happens. */
async function withFile<T>(file: string, use: (edit: (change: (text: string) => string) => void) => Promise<T>): Promise<T> {
	const original = readFileSync(file, 'utf8');
	try {
		return await use((change) => writeFileSync(file, change(readFileSync(file, 'utf8'))));
	} finally {
		writeFileSync(file, original);
	}
}

/**
 * A failed rebuild is a finding, not the end of the benchmark: it is reported, the run's remaining
 * rebuilds are skipped (the next cold build starts afresh), and everything else is still measured.
 */
async function orReport(into: Rebuilds, rebuilds: () => Promise<void>) {
	try {
		await rebuilds();
	} catch (error) {
		if (!(error instanceof BuildFailed)) throw error;
		console.error(`[bench] ${error.message}`);
		into.failed.push(error.message);
	}
}

/** The three rebuilds of ours after its cold build: a body edit, a title edit, and the file put back. */
async function rebuildOurs(run: number, file: string, into: Rebuilds) {
	// The cold output as it was, to compare with the output after undoing the edits, file by file.
	rmSync(coldCopy, { recursive: true, force: true });
	cpSync(oursDist, coldCopy, { recursive: true });
	await orReport(into, async () => {
		await withFile(file, async (edit) => {
			edit(appendSentence);
			log(`rebuilding ours after a body edit (run ${run}/${runs})…`);
			into.body.push(checked(`ours-${run}-body`, await buildOurs(`ours-${run}-body`)));
			edit(editTitle);
			log(`rebuilding ours after a title edit (run ${run}/${runs})…`);
			into.title.push(checked(`ours-${run}-title`, await buildOurs(`ours-${run}-title`)));
		});
		log(`rebuilding ours after undoing both edits (run ${run}/${runs})…`);
		into.revert.push(checked(`ours-${run}-undo`, await buildOurs(`ours-${run}-undo`)));
		const comparison = compareTrees(hashTree(coldCopy), hashTree(oursDist));
		into.identical.push(comparison);
		log(`output after undoing: ${comparison.differ.length} files differ, ${comparison.onlyFirst.length} missing, ${comparison.onlySecond.length} extra, of ${comparison.files}`);
		if (comparison.differ.length) writeFileSync(join(logDir, `ours-${run}-undo.diff`), diffs(coldCopy, oursDist, comparison.differ.slice(0, 5)));
	});
	rmSync(coldCopy, { recursive: true, force: true });
}

/** Where each of `paths` differs between the cold build and the rebuild, one after the other. */
function diffs(cold: string, rebuilt: string, paths: string[]): string {
	return paths.map((path) => `=== ${path}\n${whereTheyDiffer(readFileSync(join(cold, path), 'utf8'), readFileSync(join(rebuilt, path), 'utf8'))}`).join('\n\n');
}

async function rebuildBare(run: number, file: string, into: Rebuilds) {
	await orReport(into, () =>
		withFile(file, async (edit) => {
			edit(appendSentence);
			log(`rebuilding bare after a body edit (run ${run}/${runs})…`);
			into.body.push(checked(`bare-${run}-body`, await buildBare(`bare-${run}-body`)));
		})
	);
}

const errorOf = (error: unknown) => ({ error: error instanceof Error ? error.message.split('\n')[0]! : String(error) });

async function search(dist: string, pagePath: string, query: string): Promise<SiteResult['search']> {
	if (!existsSync(CHROMIUM)) return { error: `no Chromium at ${CHROMIUM}` };
	return measureSearch(dist, pagePath, query).catch(errorOf);
}

/** What a built site's output looks like, for finding page-type examples in it. */
function siteShape(dist: string): SiteShape {
	const file = (address: string) => join(dist, address.endsWith('/') ? `${address}index.html` : address);
	return {
		isPage: (address) => existsSync(file(address)) && statSync(file(address)).isFile(),
		folders: (address) => {
			const dir = join(dist, address);
			if (!existsSync(dir)) return [];
			return readdirSync(dir, { withFileTypes: true })
				.filter((entry) => entry.isDirectory())
				.map((entry) => entry.name)
				.sort();
		},
	};
}

/** One address per page type (page-types.ts, read now: the list grows), each audited once. */
function auditedPages(dist: string, pagePath: string): AuditedPage[] {
	const shape = siteShape(dist);
	const byAddress = new Map<string, AuditedPage>();
	for (const [label, example] of Object.entries(PAGE_TYPES)) {
		const found = resolveExample(example, shape, pagePath);
		if (!found) {
			// The feed and the JSON files are no pages to score; a page type missing from the site is worth a word.
			const path = example.split('?')[0]!;
			if (path.endsWith('/') || path.endsWith('.html')) log(`Lighthouse: no page of type "${label}" (${example}) in the generated site`);
			continue;
		}
		const page = byAddress.get(found.address);
		if (page) page.labels.push(label);
		else byAddress.set(found.address, { labels: [label], address: found.address, ...(found.note ? { note: found.note } : {}) });
	}
	return [...byAddress.values()];
}

async function lighthouse(dist: string, pages: AuditedPage[]): Promise<SiteResult['lighthouse']> {
	if (skipLighthouse) return null;
	if (!existsSync(CHROMIUM)) return { error: `no Chromium at ${CHROMIUM}` };
	log(`Lighthouse mobile on ${pages.length} page(s) of ${dist === oursDist ? 'ours' : 'bare'}, ${lighthouseAudits} audit(s) each…`);
	return lighthouseScores(dist, pages, lighthouseAudits).catch(errorOf);
}

/** Everything measured on a site's output, right after its cold build (the rebuilds change it). */
async function measureOutput(dist: string, pagePath: string, query: string, lighthousePages: AuditedPage[]) {
	log(`measuring ${dist === oursDist ? 'ours' : 'bare'}: output, page sizes, search…`);
	return {
		output: dirSize(dist),
		pagefind: dirSize(join(dist, 'pagefind')),
		critical: criticalPath(dist, pagePath),
		pages: largestPages(dist, 10),
		search: await search(dist, pagePath, query),
		lighthouse: await lighthouse(dist, lighthousePages),
	};
}

const emptyRebuilds = (): Rebuilds => ({ body: [], title: [], revert: [], identical: [], failed: [] });

async function main() {
	const env = environment();
	log(`N=${n}, runs=${runs}${skipBare ? ', bare skipped' : ''}${skipLighthouse ? ', Lighthouse skipped' : ''}${skipDev ? ', dev loop skipped' : ''}${skipRebuilds ? ', rebuilds skipped' : ''}; work folder ${work}`);
	// Only this run's logs: a stale one from an earlier run would be read as this one's.
	rmSync(logDir, { recursive: true, force: true });
	mkdirSync(logDir, { recursive: true });

	// Written as generated, so a large archive is never held in memory: only ids and titles are kept.
	const taxonomy = join(ROOT, 'content/root-causes.yaml');
	const check = taxonomyCheck(taxonomy);
	const writeOurs = hindsightWriter(contentDir, taxonomy);
	const writeBare = skipBare ? null : bareWriter(bareDir);
	const index: { id: string; title: string }[] = [];
	for (const pm of generatePostmortems({ n, seed })) {
		check(pm);
		writeOurs(pm);
		writeBare?.(pm);
		index.push({ id: pm.id, title: pm.title });
	}
	log(`generated ${index.length} postmortems in ${contentDir}`);

	// One postmortem from the middle of the archive, at the same address on both sites: the page
	// measured, and the file the rebuilds and the dev loop edit.
	const sample = index[Math.floor(index.length / 2)]!;
	const pagePath = `/postmortems/${sample.id}/`;
	const oursFile = join(contentDir, 'postmortems', `${sample.id}.mdx`);
	const bareFile = join(bareDir, 'src/content/docs/postmortems', `${sample.id}.mdx`);
	const query = [...sample.title.matchAll(/[A-Za-z]{5,}/g)].map((m) => m[0].toLowerCase()).sort((a, b) => b.length - a.length)[0] ?? 'outage';

	const cacheDir = await oursCacheDir();
	log(`ours keeps its Astro cache in ${relative(ROOT, cacheDir)}; a cold build deletes it`);
	const ours = { builds: [] as BuildMeasurement[], rebuilds: emptyRebuilds() };
	const bare = { builds: [] as BuildMeasurement[], rebuilds: emptyRebuilds() };
	let oursOutput: Awaited<ReturnType<typeof measureOutput>> | undefined;
	let oursExtra: Pick<ReportInput['ours'], 'trends' | 'trendsViewed'> = { trends: null, trendsViewed: null };
	let bareOutput: Awaited<ReturnType<typeof measureOutput>> | undefined;
	for (let run = 1; run <= runs; run++) {
		const last = run === runs;
		ours.builds.push(await coldOurs(run, cacheDir));
		if (last) {
			oursOutput = await measureOutput(oursDist, pagePath, query, auditedPages(oursDist, pagePath));
			const hasTrends = existsSync(join(oursDist, 'trends/index.html'));
			oursExtra = {
				trends: hasTrends ? pageScripts(oursDist, '/trends/') : null,
				trendsViewed: hasTrends && existsSync(CHROMIUM) ? await viewedScripts(oursDist, '/trends/').catch(errorOf) : null,
			};
		}
		if (!skipRebuilds) await rebuildOurs(run, oursFile, ours.rebuilds);
		if (!skipBare) {
			bare.builds.push(await coldBare(run));
			if (last) bareOutput = await measureOutput(bareDist, pagePath, query, [{ labels: ['postmortem'], address: pagePath }]);
			if (!skipRebuilds) await rebuildBare(run, bareFile, bare.rebuilds);
		}
	}

	let dev: ReportInput['dev'] = null;
	if (!skipDev) {
		log('timing the dev loop…');
		const devLog: string[] = [];
		dev = await measureDevLoop({
			cwd: ROOT,
			astro: ASTRO,
			env: OURS_ENV,
			pagePath,
			file: oursFile,
			title: sample.title,
			// Generous: a dev server over a large archive syncs every file before it serves.
			timeoutMs: 120_000 + n * 30,
			onLog: (text) => devLog.push(text),
		}).catch(errorOf);
		writeFileSync(join(logDir, 'dev.log'), devLog.join(''));
		log('error' in dev ? `dev loop failed: ${dev.error}` : `dev: first page ${(dev.firstPageMs / 1000).toFixed(2)} s, edit shown ${(dev.editMs / 1000).toFixed(2)} s`);
	}

	for (const [name, site] of [['ours', oursOutput], ['bare', bareOutput]] as const) {
		if (site?.search && 'error' in site.search) console.warn(`[bench] ${name}: search not measured: ${site.search.error}`);
		if (site?.lighthouse && 'error' in site.lighthouse) console.warn(`[bench] ${name}: Lighthouse not measured: ${site.lighthouse.error}`);
	}
	const result: ReportInput = {
		env,
		pagePath,
		editedFile: relative(contentDir, oursFile),
		ours: { ...ours, ...oursOutput!, ...oursExtra },
		bare: skipBare ? null : { ...bare, ...bareOutput! },
		dev,
	};
	const summary = summarise(result);
	mkdirSync(dirname(outFile), { recursive: true });
	writeFileSync(outFile, markdown(result, summary));
	console.log('');
	console.log(table(summary.rows));
	console.log('');
	console.log(summary.missed.length ? `Goals missed: ${summary.missed.join('; ')}` : 'Every goal measured here is met.');
	log(`results written to ${outFile}; build logs in ${logDir}`);
}

// Stopped by hand: exit properly, so the dev server and Chromium (own process groups) go too.
for (const signal of ['SIGINT', 'SIGTERM'] as const) process.once(signal, () => process.exit(130));

try {
	await main();
} catch (error) {
	console.error(`[bench] ${error instanceof Error ? error.message : String(error)}`);
	if (!(error instanceof BuildFailed) && error instanceof Error) console.error(error.stack);
	process.exit(1);
}
