/**
 * Lighthouse's mobile performance audit (its default settings: a mid-range phone, simulated slow 4G
 * and a 4× slower CPU) of pages served from a built site, in Debian's Chromium, which the benchmark
 * starts itself with a remote-debugging port for Lighthouse to drive.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import lighthouse from 'lighthouse';
import { computeMedianRun, filterToValidRuns } from 'lighthouse/core/lib/median-run.js';
import { CHROMIUM, CHROMIUM_ARGS } from '../support/browser';
import { serveStatic } from '../support/static-server';

export interface AuditedPage {
	/** The page types this address stands for (two examples can resolve to one page). */
	labels: string[];
	address: string;
	note?: string;
}

export interface LighthouseScore extends AuditedPage {
	/** 0–100, of the median audit; null when Lighthouse could not score the page (`error` says why). */
	score: number | null;
	/** Every audit's score in the order they ran; the median one gives `score`, `tbtMs` and `lcpMs`. */
	scores: number[];
	tbtMs: number | null;
	lcpMs: number | null;
	error?: string;
}

async function startChromium(): Promise<{ port: number; stop: () => Promise<void> }> {
	const profile = mkdtempSync(join(tmpdir(), 'bench-lighthouse-'));
	const child: ChildProcess = spawn(
		CHROMIUM,
		['--headless=new', '--remote-debugging-port=0', `--user-data-dir=${profile}`, ...CHROMIUM_ARGS, 'about:blank'],
		// Its own process group: Chromium's helper processes are stopped with it.
		{ detached: true, stdio: ['ignore', 'ignore', 'pipe'] }
	);
	// Detached, so a stopped benchmark must stop it itself.
	const onExit = () => {
		try {
			process.kill(-child.pid!, 'SIGKILL');
		} catch {
			// Already gone.
		}
	};
	process.once('exit', onExit);
	const stop = async () => {
		process.removeListener('exit', onExit);
		const exited = new Promise<void>((resolve) => (child.exitCode !== null ? resolve() : child.once('exit', () => resolve())));
		try {
			process.kill(-child.pid!, 'SIGTERM');
		} catch {
			// Already gone.
		}
		const timer = setTimeout(() => {
			try {
				process.kill(-child.pid!, 'SIGKILL');
			} catch {
				// Already gone.
			}
		}, 5000);
		await exited;
		clearTimeout(timer);
		rmSync(profile, { recursive: true, force: true });
	};
	try {
		const port = await new Promise<number>((resolve, reject) => {
			let stderr = '';
			let listening = false;
			const timer = setTimeout(() => reject(new Error(`Chromium printed no DevTools port within 30 s:\n${stderr}`)), 30_000);
			// Read to the end, so Chromium never blocks on a full pipe; only the start matters.
			child.stderr!.setEncoding('utf8').on('data', (chunk: string) => {
				if (listening) return;
				stderr += chunk;
				const m = /DevTools listening on ws:\/\/[^:]+:(\d+)\//.exec(stderr);
				if (m) {
					listening = true;
					clearTimeout(timer);
					resolve(Number(m[1]));
				}
			});
			child.once('exit', (code) => reject(new Error(`Chromium exited (${code}) before it listened:\n${stderr}`)));
		});
		return { port, stop };
	} catch (error) {
		await stop();
		throw error;
	}
}

type Result = NonNullable<Awaited<ReturnType<typeof lighthouse>>>['lhr'];

function scoreOf(lhr: Result): number | null {
	const score = lhr.categories['performance']?.score;
	return typeof score === 'number' ? Math.round(score * 100) : null;
}

/**
 * Audits every page `audits` times, in rounds (each round visits every page once, so a spell of
 * load on the machine falls on many pages a little, not on one page's every audit), and keeps
 * Lighthouse's own median run per page: one audit of a page moves by up to 15 points here.
 */
export async function lighthouseScores(dist: string, pages: AuditedPage[], audits = 3): Promise<LighthouseScore[]> {
	const server = await serveStatic(dist);
	const chromium = await startChromium();
	try {
		const runs = pages.map(() => ({ results: [] as Result[], errors: [] as string[] }));
		for (let round = 0; round < audits; round++) {
			for (const [i, page] of pages.entries()) {
				try {
					const result = await lighthouse(`${server.url}${page.address}`, {
						port: chromium.port,
						output: 'json',
						logLevel: 'error',
						onlyCategories: ['performance'],
					});
					const lhr = result?.lhr;
					if (!lhr) runs[i]!.errors.push('Lighthouse returned no result');
					else if (lhr.runtimeError) runs[i]!.errors.push(`${lhr.runtimeError.code}: ${lhr.runtimeError.message}`);
					else runs[i]!.results.push(lhr);
				} catch (error) {
					runs[i]!.errors.push(error instanceof Error ? error.message.split('\n')[0]! : String(error));
				}
			}
		}
		return pages.map((page, i) => {
			const { results, errors } = runs[i]!;
			const valid = filterToValidRuns(results);
			const scores = results.map(scoreOf).filter((s): s is number => s !== null);
			// A page any audit failed on is reported as unscored: a median of the audits that worked would hide it.
			if (errors.length > 0 || valid.length === 0 || valid.length < results.length) {
				const missing = `${results.length - valid.length} of ${audits} audit(s) measured no first paint or time to interactive`;
				return { ...page, score: null, scores, tbtMs: null, lcpMs: null, error: errors[0] ?? missing };
			}
			const median = computeMedianRun(valid);
			const numeric = (id: string) => median.audits[id]?.numericValue ?? null;
			return { ...page, score: scoreOf(median), scores, tbtMs: numeric('total-blocking-time'), lcpMs: numeric('largest-contentful-paint') };
		});
	} finally {
		await chromium.stop();
		await server.close();
	}
}
