/**
 * What the benchmark measures: one timed build (wall time, peak RSS, log phases), the output on
 * disk, a page's critical path, a page's JavaScript with its lazy chunks, and the bytes Pagefind
 * fetches for a first search in Chromium.
 */
import type { Page } from 'playwright-core';
import { spawn, execFileSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync, readFileSync, readdirSync, statSync } from 'node:fs';
import { loadavg } from 'node:os';
import { join, posix } from 'node:path';
import { gzipSync } from 'node:zlib';
import { cleanEnv } from '../support/build';
import { keyLines, phaseSpans, renderCounts, stripAnsi, type LogLine, type PhaseSpan, type RssSample } from './analyse';

const GNU_TIME = '/usr/bin/time';

export interface ProcessPeak {
	command: string;
	peakKb: number;
}

export interface BuildMeasurement {
	code: number;
	wallMs: number;
	/** GNU time's %M: the largest peak RSS of the build process or any process it waited for. */
	maxRssKb: number | null;
	/** The largest sum of RSS over the whole process tree, sampled every 50 ms from /proc. */
	treePeakKb: number;
	/** Every process seen in the tree, with its own sampled peak. */
	processes: ProcessPeak[];
	/** Astro's own count: `N page(s) built in`. */
	pagesBuilt: number | null;
	/** The 1-minute load average just before the build and just after: other work on the machine skews the figures. */
	load: [number, number];
	/** The build's phases, timed by when their log lines arrived, with the memory sampled in each. */
	phases: PhaseSpan[];
	/** Pages rendered, and pages reused from Astro's incremental cache. */
	renders: { rendered: number; reused: number };
	/** The log lines that mark the phases (not one per page). */
	keyLines: string[];
	log: string;
}

const PAGE_SIZE = (() => {
	try {
		return Number(execFileSync('getconf', ['PAGESIZE'], { encoding: 'utf8' }).trim()) || 4096;
	} catch {
		return 4096;
	}
})();

/** pid → [ppid, rss in kB, command] for every process, from /proc/<pid>/stat. */
function snapshot(): Map<number, [number, number, string]> {
	const out = new Map<number, [number, number, string]>();
	let names: string[];
	try {
		names = readdirSync('/proc');
	} catch {
		return out;
	}
	for (const name of names) {
		if (!/^\d+$/.test(name)) continue;
		try {
			const stat = readFileSync(`/proc/${name}/stat`, 'utf8');
			const close = stat.lastIndexOf(')');
			const command = stat.slice(stat.indexOf('(') + 1, close);
			// Fields after the command: state ppid … ; rss is field 24 overall, 22 after it.
			const fields = stat.slice(close + 2).split(' ');
			out.set(Number(name), [Number(fields[1]), (Number(fields[21]) * PAGE_SIZE) / 1024, command]);
		} catch {
			// The process ended between readdir and read.
		}
	}
	return out;
}

/** A short name for a process: its program, and for Node the script it runs (`node astro.mjs`). */
function describe(pid: number, comm: string): string {
	try {
		const argv = readFileSync(`/proc/${pid}/cmdline`, 'utf8').split('\0').filter(Boolean);
		const program = posix.basename(argv[0] ?? comm);
		if (program === 'node' || program.startsWith('node')) {
			const script = argv.slice(1).find((arg) => !arg.startsWith('-'));
			return script ? `node ${posix.basename(script)}` : 'node';
		}
		return program;
	} catch {
		return comm;
	}
}

function treeOf(root: number, procs: Map<number, [number, number, string]>): number[] {
	const children = new Map<number, number[]>();
	for (const [pid, [ppid]] of procs) children.set(ppid, [...(children.get(ppid) ?? []), pid]);
	const tree: number[] = [];
	const queue = [root];
	while (queue.length > 0) {
		const pid = queue.shift()!;
		if (!procs.has(pid)) continue;
		tree.push(pid);
		queue.push(...(children.get(pid) ?? []));
	}
	return tree;
}

/**
 * Runs `node <astro> build --outDir <outDir> [args]` in `cwd`, under GNU time, sampling the process
 * tree's memory and noting when each log line arrives (Node writes to a pipe synchronously, so a
 * line arrives when it is printed).
 */
export async function timedBuild(options: {
	cwd: string;
	/** Node's arguments up to the build's own (`astro.mjs build`, or `npm run build`'s script). */
	build: string[];
	outDir: string;
	env: Record<string, string>;
	timeFile: string;
	args?: string[];
}): Promise<BuildMeasurement> {
	const useTime = existsSync(GNU_TIME);
	const nodeArgs = [...options.build, '--outDir', options.outDir, ...(options.args ?? [])];
	const [command, args] = useTime
		? [GNU_TIME, ['-o', options.timeFile, '-f', '%M', process.execPath, ...nodeArgs]]
		: [process.execPath, nodeArgs];
	const env = { ...cleanEnv(), NO_COLOR: '1', FORCE_COLOR: '0', ASTRO_TELEMETRY_DISABLED: '1', ...options.env };
	const loadBefore = loadavg()[0]!;
	const started = performance.now();
	const child = spawn(command, args, { cwd: options.cwd, env, stdio: ['ignore', 'pipe', 'pipe'] });
	let log = '';
	const lines: LogLine[] = [];
	const reader = () => {
		let carry = '';
		return {
			data: (chunk: string) => {
				const t = performance.now() - started;
				log += chunk;
				const parts = (carry + chunk).split('\n');
				carry = parts.pop()!;
				for (const text of parts) lines.push({ t, text: stripAnsi(text) });
			},
			end: () => carry && lines.push({ t: performance.now() - started, text: stripAnsi(carry) }),
		};
	};
	const out = reader();
	const err = reader();
	// Decoded as a stream, so a character split between two chunks (`├─`) stays whole.
	child.stdout.setEncoding('utf8').on('data', out.data);
	child.stderr.setEncoding('utf8').on('data', err.data);

	let treePeakKb = 0;
	const samples: RssSample[] = [];
	const peaks = new Map<number, ProcessPeak>();
	const names = new Map<number, string>();
	const sample = () => {
		if (child.pid === undefined) return;
		const procs = snapshot();
		let sum = 0;
		for (const pid of treeOf(child.pid, procs)) {
			const [, rss, name] = procs.get(pid)!;
			// GNU time itself is a few hundred kB: not part of the build.
			if (useTime && pid === child.pid) continue;
			sum += rss;
			const peak = peaks.get(pid);
			if (!names.has(pid)) names.set(pid, describe(pid, name));
			if (!peak || rss > peak.peakKb) peaks.set(pid, { command: names.get(pid)!, peakKb: rss });
		}
		treePeakKb = Math.max(treePeakKb, sum);
		if (sum > 0) samples.push({ t: performance.now() - started, kb: sum });
	};
	const timer = setInterval(sample, 50);
	const code = await new Promise<number>((resolve) => child.on('close', (c) => resolve(c ?? 1)));
	const wallMs = performance.now() - started;
	clearInterval(timer);
	out.end();
	err.end();

	let maxRssKb: number | null = null;
	if (useTime && existsSync(options.timeFile)) {
		const timeLines = readFileSync(options.timeFile, 'utf8').trim().split('\n');
		const value = Number(timeLines[timeLines.length - 1]);
		if (Number.isFinite(value)) maxRssKb = value;
	}
	log = stripAnsi(log);
	const built = /(\d+) page\(s\) built in/.exec(log);
	// Merge processes by command: what matters is which programs run, and how big each got.
	const byCommand = new Map<string, number>();
	for (const { command: name, peakKb } of peaks.values()) byCommand.set(name, Math.max(byCommand.get(name) ?? 0, peakKb));
	return {
		code,
		wallMs,
		maxRssKb,
		treePeakKb,
		processes: [...byCommand].map(([name, peakKb]) => ({ command: name, peakKb })).sort((a, b) => b.peakKb - a.peakKb),
		pagesBuilt: built ? Number(built[1]) : null,
		load: [loadBefore, loadavg()[0]!],
		phases: phaseSpans(lines, wallMs, samples),
		renders: renderCounts(log),
		keyLines: keyLines(lines),
		log,
	};
}

function walk(dir: string): string[] {
	if (!existsSync(dir)) return [];
	return readdirSync(dir, { recursive: true, encoding: 'utf8' })
		.map((name) => join(dir, name))
		.filter((file) => statSync(file).isFile());
}

export interface DirSize {
	files: number;
	/** Sum of file sizes. */
	bytes: number;
	/** Allocated blocks, as `du` counts them. */
	diskBytes: number;
	htmlFiles: number;
}

export function dirSize(dir: string): DirSize {
	const size: DirSize = { files: 0, bytes: 0, diskBytes: 0, htmlFiles: 0 };
	for (const file of walk(dir)) {
		const s = statSync(file);
		size.files++;
		size.bytes += s.size;
		size.diskBytes += s.blocks * 512;
		if (file.endsWith('.html')) size.htmlFiles++;
	}
	return size;
}

const gz = (buffer: Buffer) => gzipSync(buffer, { level: 9 }).length;

export interface PageSize {
	/** The page's address (`/postmortems/`, `/404.html`). */
	url: string;
	bytes: number;
	gzip: number;
}

/** `a/b/index.html` → `/a/b/`; other files keep their name. */
const addressOf = (relativePath: string) => `/${relativePath.replace(/\\/g, '/')}`.replace(/(^|\/)index\.html$/, '$1');

/**
 * The `count` largest HTML pages by gzip size, and how many pages there are. A page's gzip is never
 * larger than the page, so once the pages left are smaller than the `count`-th largest gzip found,
 * none of them can enter the list: only the big pages are compressed, one at a time.
 */
export function largestPages(dist: string, count: number): { pages: number; largest: PageSize[] } {
	const html = walk(dist)
		.filter((file) => file.endsWith('.html'))
		.map((file) => ({ file, bytes: statSync(file).size }))
		.sort((a, b) => b.bytes - a.bytes);
	const largest: PageSize[] = [];
	for (const { file, bytes } of html) {
		if (largest.length >= count && bytes <= largest[count - 1]!.gzip) break;
		largest.push({ url: addressOf(file.slice(dist.length + 1)), bytes, gzip: gz(readFileSync(file)) });
		largest.sort((a, b) => b.gzip - a.gzip);
		largest.length = Math.min(largest.length, count);
	}
	return { pages: html.length, largest };
}

/** Every output file's SHA-256, by path below `dist`, read one file at a time. */
export function hashTree(dist: string): Map<string, string> {
	const hashes = new Map<string, string>();
	for (const file of walk(dist)) hashes.set(file.slice(dist.length + 1), createHash('sha256').update(readFileSync(file)).digest('hex'));
	return hashes;
}

export interface WeighedFile {
	/** URL path, or `(inline)`. */
	url: string;
	kind: 'html' | 'css' | 'js';
	bytes: number;
	gzip: number;
}

function attributes(tag: string): Record<string, string> {
	const out: Record<string, string> = {};
	for (const m of tag.matchAll(/([a-zA-Z:-]+)(?:\s*=\s*(?:"([^"]*)"|'([^']*)'|([^\s>]+)))?/g)) {
		out[m[1]!.toLowerCase()] = m[2] ?? m[3] ?? m[4] ?? '';
	}
	return out;
}

/** A URL as the page would resolve it, as a path below the site root (no query, no hash). */
function resolveUrl(from: string, specifier: string): string | null {
	if (/^(https?:)?\/\//.test(specifier) || specifier.startsWith('data:')) return null;
	const clean = specifier.split(/[?#]/)[0]!;
	if (clean.startsWith('/')) return posix.normalize(clean);
	if (clean.startsWith('./') || clean.startsWith('../')) return posix.normalize(posix.join(posix.dirname(from), clean));
	return null;
}

interface PageAssets {
	html: Buffer;
	stylesheets: string[];
	/** Module scripts loaded by the page itself: `<script type=module src>`, modulepreload links. */
	modules: string[];
	/** Specifiers imported by inline module scripts, resolved. */
	inlineImports: ImportSet;
}

interface ImportSet {
	static: string[];
	dynamic: string[];
}

function pageAssets(dist: string, pagePath: string): PageAssets {
	const file = join(dist, pagePath, pagePath.endsWith('.html') ? '' : 'index.html');
	const html = readFileSync(file);
	const text = html.toString('utf8');
	const stylesheets: string[] = [];
	const modules: string[] = [];
	const inlineImports: ImportSet = { static: [], dynamic: [] };
	for (const m of text.matchAll(/<link\b[^>]*>/gi)) {
		const a = attributes(m[0]);
		const rel = (a['rel'] ?? '').toLowerCase().split(/\s+/);
		const href = a['href'] && resolveUrl(pagePath, a['href']);
		if (!href) continue;
		if (rel.includes('stylesheet')) stylesheets.push(href);
		if (rel.includes('modulepreload')) modules.push(href);
	}
	for (const m of text.matchAll(/<script\b([^>]*)>([\s\S]*?)<\/script>/gi)) {
		const a = attributes(`<script ${m[1]}>`);
		if ((a['type'] ?? '').toLowerCase() !== 'module') continue;
		const src = a['src'] && resolveUrl(pagePath, a['src']);
		if (src) modules.push(src);
		else {
			const found = importsOf(pagePath, m[2] ?? '');
			inlineImports.static.push(...found.static);
			inlineImports.dynamic.push(...found.dynamic);
		}
	}
	return { html, stylesheets: [...new Set(stylesheets)], modules: [...new Set(modules)], inlineImports };
}

/**
 * The imports of a built (minified) module, found with patterns that fit Vite's output: static
 * `import"./x.js"` / `from"./x.js"`, dynamic ``import(`./x.js`)`` with a literal specifier, and the
 * `__vite__mapDeps` list of files a dynamic import preloads. Specifiers built at run time (such as
 * Pagefind's `import(`${base}pagefind.js`)`) are not followed.
 */
function importsOf(url: string, code: string): ImportSet {
	const out: ImportSet = { static: [], dynamic: [] };
	for (const m of code.matchAll(/(?:\bimport|\bfrom)\s*(["'])([^"'\n]+)\1/g)) {
		const r = resolveUrl(url, m[2]!);
		if (r) out.static.push(r);
	}
	for (const m of code.matchAll(/\bimport\s*\(\s*(["'`])([^"'`$\n]+)\1\s*\)/g)) {
		const r = resolveUrl(url, m[2]!);
		if (r) out.dynamic.push(r);
	}
	for (const m of code.matchAll(/m\.f\s*=\s*\[([^\]]*)\]/g)) {
		for (const dep of m[1]!.matchAll(/["'`]([^"'`]+)["'`]/g)) out.dynamic.push(posix.normalize(`/${dep[1]!}`));
	}
	return out;
}

/** Every module reachable from `entries`: through static imports only, or through dynamic ones too. */
function closure(dist: string, entries: string[], followDynamic: boolean, extraDynamic: string[] = []): string[] {
	const seen = new Set<string>();
	const queue = [...entries, ...(followDynamic ? extraDynamic : [])];
	while (queue.length > 0) {
		const url = queue.shift()!;
		if (seen.has(url)) continue;
		const file = join(dist, url);
		if (!existsSync(file)) continue;
		seen.add(url);
		if (!url.endsWith('.js') && !url.endsWith('.mjs')) continue;
		const found = importsOf(url, readFileSync(file, 'utf8'));
		queue.push(...found.static);
		if (followDynamic) queue.push(...found.dynamic);
	}
	return [...seen];
}

function weigh(dist: string, url: string): WeighedFile {
	const buffer = readFileSync(join(dist, url));
	const kind = url.endsWith('.css') ? 'css' : url.endsWith('.html') || url.endsWith('/') ? 'html' : 'js';
	return { url, kind, bytes: buffer.length, gzip: gz(buffer) };
}

export interface Weight {
	files: WeighedFile[];
	bytes: number;
	gzip: number;
}

const total = (files: WeighedFile[]): Weight => ({
	files,
	bytes: files.reduce((s, f) => s + f.bytes, 0),
	gzip: files.reduce((s, f) => s + f.gzip, 0),
});

/**
 * A page's critical path: its HTML, the stylesheets it links, and the module scripts it loads at
 * once (its `<script type=module src>` and what they import statically), each gzipped on its own.
 */
export function criticalPath(dist: string, pagePath: string): Weight {
	const assets = pageAssets(dist, pagePath);
	const html: WeighedFile = { url: pagePath, kind: 'html', bytes: assets.html.length, gzip: gz(assets.html) };
	const css = assets.stylesheets.filter((url) => existsSync(join(dist, url))).map((url) => weigh(dist, url));
	const js = closure(dist, [...assets.modules, ...assets.inlineImports.static], false)
		.filter((url) => /\.m?js$/.test(url))
		.map((url) => weigh(dist, url));
	return total([html, ...css, ...js]);
}

/** All JavaScript a page can load: its scripts and their static and dynamic imports, lazily loaded chunks included. */
export function pageScripts(dist: string, pagePath: string): Weight & { initial: Weight } {
	const assets = pageAssets(dist, pagePath);
	const entries = [...assets.modules, ...assets.inlineImports.static];
	const initial = closure(dist, entries, false).filter((url) => /\.m?js$/.test(url));
	const all = closure(dist, entries, true, assets.inlineImports.dynamic).filter((url) => /\.m?js$/.test(url));
	return { ...total(all.map((url) => weigh(dist, url))), initial: total(initial.map((url) => weigh(dist, url))) };
}

export interface SearchFetch {
	url: string;
	/** Body bytes as the test server sends them (no HTTP compression; Pagefind's index files are gzip already). */
	bytes: number;
	/** Body bytes if a web server gzips what is not compressed yet (`pagefind.js`, JSON). */
	gzip: number;
}

export interface SearchMeasurement {
	query: string;
	results: number;
	pagefind: SearchFetch[];
	/** Other files first fetched once search was opened (the search UI's code and styles). */
	searchUi: SearchFetch[];
}

/** Serves `dist` on loopback and hands `use` a Chromium page; closes both afterwards. */
async function withPage<T>(dist: string, use: (page: Page, base: string) => Promise<T>): Promise<T> {
	const { launchBrowser } = await import('../support/browser');
	const { serveStatic } = await import('../support/static-server');
	const server = await serveStatic(dist);
	const browser = await launchBrowser();
	try {
		return await use(await browser.newPage(), server.url);
	} finally {
		await browser.close();
		await server.close();
	}
}

/**
 * Opens `pagePath` in Chromium, opens search, types `query`, waits for results, and lists what was
 * fetched from `/pagefind/` from page load to the results.
 */
export async function measureSearch(dist: string, pagePath: string, query: string): Promise<SearchMeasurement> {
	return withPage(dist, async (page, base) => {
		const fetched: { url: string; afterOpen: boolean }[] = [];
		let opened = false;
		// Worker requests report no body size to Playwright: the sizes come from the files served.
		page.on('requestfinished', (request) => fetched.push({ url: request.url(), afterOpen: opened }));
		page.context().on('requestfinished', (request) => {
			if (!fetched.some((f) => f.url === request.url())) fetched.push({ url: request.url(), afterOpen: opened });
		});
		await page.goto(base + pagePath, { waitUntil: 'networkidle' });
		opened = true;
		await page.click('button[data-open-modal]');
		await page.fill('#starlight__search input', query);
		await page.waitForSelector('#starlight__search .pagefind-ui__result', { timeout: 30_000 });
		// Results and their excerpts arrive progressively: let the network settle.
		await page.waitForLoadState('networkidle');
		await page.waitForTimeout(500);
		const results = await page.locator('#starlight__search .pagefind-ui__result').count();
		const asFetch = ({ url }: { url: string }): SearchFetch => {
			const path = new URL(url).pathname;
			const file = join(dist, path);
			if (!existsSync(file) || !statSync(file).isFile()) return { url: path, bytes: 0, gzip: 0 };
			const body = readFileSync(file);
			return { url: path, bytes: body.length, gzip: Math.min(body.length, gz(body)) };
		};
		const unique = [...new Map(fetched.map((f) => [f.url, f])).values()];
		const pagefind = unique.filter((f) => new URL(f.url).pathname.startsWith('/pagefind/')).map(asFetch);
		const searchUi = unique.filter((f) => f.afterOpen && !new URL(f.url).pathname.startsWith('/pagefind/')).map(asFetch);
		return { query, results, pagefind, searchUi };
	});
}

/**
 * The JavaScript a person's browser fetches for `pagePath` when they read it through: every chart
 * scrolled into view and drawn, search not opened. This is the `/trends/` budget (≤ 80 KB gzip).
 */
export async function viewedScripts(dist: string, pagePath: string): Promise<Weight> {
	return withPage(dist, async (page, base) => {
		const scripts = new Set<string>();
		page.on('requestfinished', (request) => {
			const path = new URL(request.url()).pathname;
			if (/\.m?js$/.test(path)) scripts.add(path);
		});
		await page.goto(base + pagePath, { waitUntil: 'networkidle' });
		for (const canvas of await page.locator('canvas[data-chart]').all()) await canvas.scrollIntoViewIfNeeded();
		await page.waitForFunction(() => [...document.querySelectorAll('canvas[data-chart]')].every((c) => (c as HTMLElement).dataset.drawn !== undefined));
		await page.waitForLoadState('networkidle');
		return total([...scripts].filter((path) => existsSync(join(dist, path))).map((path) => weigh(dist, path)));
	});
}
