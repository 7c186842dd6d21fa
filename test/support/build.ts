/**
 * Builds a fixture archive with the real `astro build` and reads what it wrote. Builds are cached
 * in `test/.tmp/` against a fingerprint of the sources, so several test files can share one build.
 */
import { spawn } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readdirSync, readFileSync, statSync, writeFileSync, rmSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { gunzipSync } from 'node:zlib';

export const ROOT = resolve(import.meta.dirname, '../..');
export const ASTRO = join(ROOT, 'node_modules/astro/bin/astro.mjs');
/** `npm run build`'s command after `node`: the tests build the site through the same door as a team. */
export const BUILD = ['--import', 'tsx', join(ROOT, 'src/cli/build.ts')];

export interface BuildResult {
	dist: string;
	code: number;
	output: string;
}

export interface BuildOptions {
	edition?: 'internal' | 'public';
	env?: Record<string, string>;
	/** Fixture folder under test/fixtures, or an absolute content folder. */
	content?: string;
	/** Tells apart builds of one fixture with different settings. */
	variant?: string;
}

function walk(dir: string): string[] {
	if (!existsSync(dir)) return [];
	if (statSync(dir).isFile()) return [dir];
	return readdirSync(dir, { recursive: true, encoding: 'utf8' })
		.map((name) => join(dir, name))
		.filter((file) => {
			try {
				return statSync(file).isFile();
			} catch {
				return false; // a link to nothing: the build reports it
			}
		});
}

function fingerprint(paths: string[], extra: string): string {
	const hash = createHash('sha256').update(extra);
	for (const path of paths) {
		for (const file of walk(path).sort()) {
			const s = statSync(file);
			hash.update(`${file}:${s.size}:${s.mtimeMs}\n`);
		}
	}
	return hash.digest('hex');
}

/**
 * What Vitest adds to a worker's environment. Left in, they make Astro behave as under test (a
 * dev server that never listens, `import.meta.env.DEV` true in a build), not as a person sees it.
 */
const VITEST_ENV = new Set(['NODE_ENV', 'TEST', 'BASE_URL', 'MODE', 'DEV', 'PROD', 'SSR', 'FORCE_TTY']);

export function cleanEnv(): Record<string, string | undefined> {
	return Object.fromEntries(
		Object.entries(process.env).filter(([key]) => !VITEST_ENV.has(key) && !key.startsWith('VITEST'))
	);
}

export function run(command: string, args: string[], env: Record<string, string>, cwd = ROOT): Promise<{ code: number; output: string }> {
	return new Promise((resolvePromise) => {
		const child = spawn(command, args, { cwd, env: { ...cleanEnv(), ...env }, stdio: ['ignore', 'pipe', 'pipe'] });
		let output = '';
		child.stdout.on('data', (d) => (output += d));
		child.stderr.on('data', (d) => (output += d));
		// Colour codes (CI turns them on) would split the words a test looks for.
		child.on('close', (code) => resolvePromise({ code: code ?? 1, output: output.replace(/\x1b\[[0-9;]*m/g, '') }));
	});
}

/** Builds `test/fixtures/<fixture>/content` (or reuses an up-to-date build) into `test/.tmp/`. */
export async function buildFixture(fixture: string, options: BuildOptions = {}): Promise<BuildResult> {
	const edition = options.edition ?? 'internal';
	const content = options.content ?? join(ROOT, 'test/fixtures', fixture, 'content');
	const env = {
		HINDSIGHT_CONTENT_DIR: content,
		EDITION: edition,
		HINDSIGHT_BUILD_DATE: '2024-06-01',
		ASTRO_TELEMETRY_DISABLED: '1',
		...options.env,
	};
	const dist = join(ROOT, 'test/.tmp', [fixture, edition, options.variant].filter(Boolean).join('-'));
	const stamp = `${dist}.stamp`;
	// Each build is a cold one, with a cache of its own that goes with it (the incremental tests
	// build on a cache on purpose).
	const cache = `${dist}.cache`;
	const key = fingerprint(
		[content, join(ROOT, 'src'), join(ROOT, 'astro.config.mjs'), join(ROOT, 'package-lock.json'), import.meta.filename],
		JSON.stringify(env)
	);
	if (existsSync(stamp) && existsSync(dist)) {
		const cached = JSON.parse(readFileSync(stamp, 'utf8')) as { key: string; code: number; output: string };
		if (cached.key === key) return { dist, code: cached.code, output: cached.output };
	}
	rmSync(dist, { recursive: true, force: true });
	rmSync(cache, { recursive: true, force: true });
	const { code, output } = await run(process.execPath, [...BUILD, '--outDir', dist], { ...env, HINDSIGHT_CACHE_DIR: cache });
	// A build that fails early writes no folder: the stamp's must exist all the same.
	mkdirSync(dirname(stamp), { recursive: true });
	writeFileSync(stamp, JSON.stringify({ key, code, output }));
	return { dist, code, output };
}

export interface OutputFile {
	/** Path relative to dist, with `/` separators. */
	path: string;
	text: string;
}

/**
 * Every file a build wrote, as text. Pagefind's index files are gzip: they are decompressed here,
 * so a search for a phrase also searches the search index.
 */
export function readOutput(dist: string): OutputFile[] {
	return walk(dist).map((file) => {
		let bytes = readFileSync(file);
		if (bytes[0] === 0x1f && bytes[1] === 0x8b) bytes = gunzipSync(bytes);
		return { path: relative(dist, file).split('\\').join('/'), text: bytes.toString('utf8') };
	});
}

export function readPage(dist: string, path: string): string {
	return readFileSync(join(dist, path, path.endsWith('.html') ? '' : 'index.html'), 'utf8');
}

/** The visible text of an HTML page's main content, whitespace collapsed. */
export function mainText(html: string): string {
	const main = html.slice(html.indexOf('<main'), html.lastIndexOf('</main>'));
	return main
		.replace(/<(script|style)[\s\S]*?<\/\1>/g, ' ')
		.replace(/<[^>]+>/g, ' ')
		.replace(/&amp;/g, '&')
		.replace(/&#39;|&#x27;/g, "'")
		.replace(/&quot;/g, '"')
		.replace(/\s+/g, ' ')
		.trim();
}
