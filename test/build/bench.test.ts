/**
 * The benchmark still runs: `npm run bench` with five postmortems and no baseline, as a child
 * process, writes a report with every metric row.
 */
import { spawn } from 'node:child_process';
import { existsSync, readFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { duration } from '../bench/measure';
import { ROOT, cleanEnv } from '../support/build';

const OUT = join(ROOT, 'test/.tmp/bench/results-smoke.md');

function runBench(args: string[]): Promise<{ code: number; output: string }> {
	return new Promise((resolve) => {
		const child = spawn(process.execPath, [join(ROOT, 'node_modules/tsx/dist/cli.mjs'), 'test/bench/run.ts', ...args], {
			cwd: ROOT,
			env: cleanEnv(),
			stdio: ['ignore', 'pipe', 'pipe'],
		});
		let output = '';
		child.stdout.on('data', (d) => (output += d));
		child.stderr.on('data', (d) => (output += d));
		child.on('close', (code) => resolve({ code: code ?? 1, output }));
	});
}

describe('npm run bench', () => {
	it('builds a tiny synthetic archive and reports every metric', { timeout: 120_000 }, async () => {
		rmSync(OUT, { force: true });
		const { code, output } = await runBench([
			'--n', '5', '--skip-bare', '--out', OUT, '--work', join(ROOT, 'test/.tmp/bench/smoke'),
		]);
		expect(code, output).toBe(0);
		expect(existsSync(OUT)).toBe(true);
		const report = readFileSync(OUT, 'utf8');
		for (const metric of [
			'Build wall time (cold)',
			'Peak RSS (GNU time, largest process)',
			'Pages built',
			'Pages/s',
			'Output size',
			'Pagefind index size',
			'Postmortem page critical path (gzip)',
			'/trends/ JavaScript fetched, every chart drawn (gzip)',
			'/trends/ JavaScript, all chunks incl. the search UI loaded on use (gzip)',
			'Pagefind bytes, first search (as files)',
		]) {
			const row = report.split('\n').find((line) => line.startsWith(`| ${metric} |`));
			expect(row, `no "${metric}" row in\n${report}`).toBeDefined();
		}
		// Five postmortems: their pages plus the site's own.
		const pages = /\| Pages built \| (\d+) \|/.exec(report);
		expect(Number(pages?.[1])).toBeGreaterThan(5);
		expect(report).toMatch(/\| Postmortem page critical path \(gzip\) \| \d+\.\d KB \|/);
	});
});

describe('reading Astro\'s build log', () => {
	it('reads its durations, minutes included', () => {
		expect(duration(' 850ms')).toBe(850);
		expect(duration(' 3.21s.')).toBe(3210);
		expect(duration(' 1m 44s')).toBe(104_000);
		expect(duration('nothing')).toBeNull();
	});
});

