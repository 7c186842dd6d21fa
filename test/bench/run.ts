/**
 * `npm run bench`: builds N synthetic postmortems with Hindsight and the same bodies as a bare
 * Starlight site, cold, and compares build time, peak memory and page weight against the targets.
 *
 *   npm run bench -- --n 1000 --runs 1 --out test/bench/results.md [--skip-bare] [--seed 20240601]
 *
 * Temporary files go to `test/.tmp/bench/` (`--work` to change it); the report explains each figure.
 */
import { execFileSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { cpus, loadavg, totalmem } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { ROOT } from '../support/build';
import { checkTaxonomy, generate, writeBareProject, writeHindsightContent } from './generate';
import {
	criticalPath,
	dirSize,
	measureSearch,
	viewedScripts,
	pageScripts,
	timedBuild,
	type BuildMeasurement,
	type SearchMeasurement,
} from './measure';
import { markdown, summarise, table, type Environment, type SiteResult } from './report';

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
const work = resolve(values.work);
const outFile = resolve(values.out);
if (!work.startsWith(join(ROOT, 'test/.tmp'))) throw new Error(`--work must be below test/.tmp/; got ${work}`);

const contentDir = join(work, 'content');
const oursDist = join(work, 'ours-dist');
const bareDir = join(work, 'bare');
const bareDist = join(work, 'bare-dist');
const logDir = join(work, 'logs');

const log = (message: string) => console.log(`[bench] ${message}`);

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
	};
}

/** Ours, cold: no output and no content cache for this archive (astro.config.mjs keys the cache on the content folder). */
async function buildOurs(run: number): Promise<BuildMeasurement> {
	const cacheKey = createHash('sha256').update(contentDir).digest('hex').slice(0, 12);
	rmSync(join(ROOT, 'node_modules/.astro', cacheKey), { recursive: true, force: true });
	rmSync(oursDist, { recursive: true, force: true });
	log(`building ours (run ${run}/${runs})…`);
	const result = await timedBuild({
		cwd: ROOT,
		astro: ASTRO,
		outDir: oursDist,
		env: { HINDSIGHT_CONTENT_DIR: contentDir, EDITION: 'internal', HINDSIGHT_BUILD_DATE: BUILD_DATE },
		timeFile: join(logDir, `ours-${run}.time`),
	});
	writeFileSync(join(logDir, `ours-${run}.log`), result.log);
	log(`ours: exit ${result.code}, ${(result.wallMs / 1000).toFixed(1)} s, ${result.pagesBuilt ?? '?'} pages`);
	return result;
}

/** The bare Starlight site, cold: its own caches live inside its project folder. */
async function buildBare(run: number): Promise<BuildMeasurement> {
	for (const dir of ['.astro', 'node_modules/.astro', 'node_modules/.vite']) rmSync(join(bareDir, dir), { recursive: true, force: true });
	rmSync(bareDist, { recursive: true, force: true });
	log(`building bare (run ${run}/${runs})…`);
	const result = await timedBuild({
		cwd: bareDir,
		astro: ASTRO,
		outDir: bareDist,
		env: {},
		timeFile: join(logDir, `bare-${run}.time`),
	});
	writeFileSync(join(logDir, `bare-${run}.log`), result.log);
	log(`bare: exit ${result.code}, ${(result.wallMs / 1000).toFixed(1)} s, ${result.pagesBuilt ?? '?'} pages`);
	return result;
}

function failIfBroken(name: string, build: BuildMeasurement) {
	if (build.code === 0) return;
	console.error(build.log.split('\n').slice(-60).join('\n'));
	console.error(`[bench] the ${name} build failed (exit ${build.code}); full log in ${logDir}`);
	process.exit(1);
}

async function search(dist: string, pagePath: string, query: string): Promise<SiteResult['search']> {
	if (!existsSync(CHROMIUM)) return { error: `no Chromium at ${CHROMIUM}` };
	try {
		return await measureSearch(dist, pagePath, query);
	} catch (error) {
		return { error: error instanceof Error ? error.message.split('\n')[0]! : String(error) };
	}
}

function siteResult(dist: string, builds: BuildMeasurement[], pagePath: string, searchResult: SearchMeasurement | { error: string } | null): SiteResult {
	return {
		builds,
		output: dirSize(dist),
		pagefind: dirSize(join(dist, 'pagefind')),
		critical: criticalPath(dist, pagePath),
		search: searchResult,
	};
}

async function main() {
	const env = environment();
	log(`N=${n}, runs=${runs}${skipBare ? ', bare skipped' : ''}, work folder ${work}`);
	mkdirSync(logDir, { recursive: true });

	const taxonomy = join(ROOT, 'content/root-causes.yaml');
	const postmortems = generate({ n, seed });
	checkTaxonomy(postmortems, taxonomy);
	writeHindsightContent(postmortems, contentDir, taxonomy);
	if (!skipBare) writeBareProject(postmortems, bareDir);
	log(`generated ${postmortems.length} postmortems in ${contentDir}`);

	const ours: BuildMeasurement[] = [];
	const bare: BuildMeasurement[] = [];
	for (let run = 1; run <= runs; run++) {
		const o = await buildOurs(run);
		failIfBroken('ours', o);
		ours.push(o);
		if (!skipBare) {
			const b = await buildBare(run);
			failIfBroken('bare', b);
			bare.push(b);
		}
	}

	// One postmortem from the middle of the archive, at the same address on both sites.
	const sample = postmortems[Math.floor(postmortems.length / 2)]!;
	const pagePath = `/postmortems/${sample.id}/`;
	const query = [...sample.title.matchAll(/[A-Za-z]{5,}/g)].map((m) => m[0].toLowerCase()).sort((a, b) => b.length - a.length)[0] ?? 'outage';

	log('measuring output, page weight and search…');
	const oursSearch = await search(oursDist, pagePath, query);
	const result = {
		env,
		pagePath,
		ours: {
			...siteResult(oursDist, ours, pagePath, oursSearch),
			trends: existsSync(join(oursDist, 'trends/index.html')) ? pageScripts(oursDist, '/trends/') : null,
			trendsViewed: existsSync(join(oursDist, 'trends/index.html')) && existsSync(CHROMIUM) ? await viewedScripts(oursDist, '/trends/').catch((error: Error) => ({ error: error.message })) : null,
		},
		bare: skipBare ? null : siteResult(bareDist, bare, pagePath, await search(bareDist, pagePath, query)),
	};
	for (const [name, site] of [['ours', result.ours], ['bare', result.bare]] as const) {
		if (site?.search && 'error' in site.search) console.warn(`[bench] ${name}: search not measured: ${site.search.error}`);
	}

	const summary = summarise(result);
	mkdirSync(dirname(outFile), { recursive: true });
	writeFileSync(outFile, markdown(result, summary));
	console.log('');
	console.log(table(summary.rows));
	console.log('');
	if (!skipBare) console.log(summary.missed.length ? `Targets missed: ${summary.missed.join('; ')}` : 'Every target met.');
	log(`results written to ${outFile}; build logs in ${logDir}`);
}

await main();
