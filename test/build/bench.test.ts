/**
 * The benchmark still runs: `npm run bench` with five postmortems, no baseline and no Lighthouse,
 * as a child process, writes a report with every metric row, rebuilds after its edits to the same
 * output as the cold build, times the dev loop, and leaves the edited file as it was.
 */
import { spawn } from 'node:child_process';
import { existsSync, readFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ROOT, cleanEnv } from '../support/build';

const OUT = join(ROOT, 'test/.tmp/bench/results-smoke.md');
const WORK = join(ROOT, 'test/.tmp/bench/smoke');

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
	it('builds a tiny synthetic archive, rebuilds it after an edit and reports every metric', { timeout: 400_000 }, async () => {
		rmSync(OUT, { force: true });
		const { code, output } = await runBench(['--n', '5', '--skip-bare', '--skip-lighthouse', '--out', OUT, '--work', WORK]);
		expect(code, output).toBe(0);
		expect(existsSync(OUT)).toBe(true);
		const report = readFileSync(OUT, 'utf8');
		for (const metric of [
			'Build wall time (cold)',
			'Rebuild after one body edit',
			'Rebuild after one title edit',
			'Rebuild after undoing both edits',
			'Output after undoing the edits equals the cold build',
			'Peak RSS (GNU time, largest process)',
			'Peak RSS, whole process tree (sampled)',
			'Pages built',
			'Pages/s',
			'Output size',
			'Pagefind index size',
			'Postmortem page critical path (gzip)',
			'Largest HTML page (gzip)',
			'Lighthouse mobile performance, lowest page type',
			'/trends/ JavaScript fetched, every chart drawn (gzip)',
			'/trends/ JavaScript, all chunks incl. the search UI loaded on use (gzip)',
			'Pagefind bytes, first search (as files)',
			'Dev server: first postmortem page',
			'Dev server: a saved body edit shows',
		]) {
			const row = report.split('\n').find((line) => line.startsWith(`| ${metric} |`));
			expect(row, `no "${metric}" row in\n${report}`).toBeDefined();
		}
		// Five postmortems: their pages plus the site's own.
		const pages = /\| Pages built \| (\d+) \|/.exec(report);
		expect(Number(pages?.[1])).toBeGreaterThan(5);
		expect(report).toMatch(/\| Postmortem page critical path \(gzip\) \| \d+\.\d KB \|/);
		expect(report).toMatch(/\| Rebuild after one body edit \| [\d.]+ s \| skipped \| {2}\| [\d.]+× \| rebuild ratio ≤ 0\.20× \| (PASS|MISS) \|/);
		expect(report).toMatch(/\| Output after undoing the edits equals the cold build \| yes, \d+ files \|/);
		expect(report).toMatch(/\| Dev server: a saved body edit shows \| [\d.]+ s \|/);
		expect(report).toContain('| Lighthouse mobile performance, lowest page type | skipped |');
		for (const heading of ['## Where the time goes', '## Where the memory goes', '## Rebuilds', '## Page size', '## Dev loop']) expect(report).toContain(heading);
		// The rebuilds and the dev loop put the file they edited back.
		const middle = /Postmortem page measured: `\/postmortems\/(.+)\/`/.exec(report)![1]!;
		const source = readFileSync(join(WORK, 'content/postmortems', `${middle}.mdx`), 'utf8');
		expect(source).not.toMatch(/revised|to measure a rebuild|Edited by the benchmark/);
	});
});
