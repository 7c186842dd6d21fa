/** `npm run lint:content` as a person runs it: its output, exit codes and settings. */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { lintCli as cli } from '../support/lint-cli';

describe('npm run lint:content', () => {
	const LINE = /^\S+:\d+:\d+ {2}[a-z-]+ {2}\S.*$/;
	const tmp: string[] = [];
	afterAll(() => tmp.forEach((dir) => rmSync(dir, { recursive: true, force: true })));

	it('passes the sample archive (warnings allowed)', () => {
		const run = cli([]);
		expect(run.stderr).toBe('');
		expect(run.summary).toMatch(/^0 errors, \d+ warnings? in \d+ files$/);
		expect(run.code).toBe(0);
		for (const line of run.lines.slice(0, -1)) {
			expect(line).toMatch(LINE);
			expect(line).toMatch(/^content\/postmortems\//);
		}
	});

	it('passes the basic build fixture', () => {
		const run = cli([], { HINDSIGHT_CONTENT_DIR: 'test/fixtures/basic/content' });
		expect(run.summary).toMatch(/^0 errors, \d+ warnings in 5 files$/);
		expect(run.code).toBe(0);
	});

	it('fails on errors, reading the settings of the content folder', () => {
		const run = cli([], { HINDSIGHT_CONTENT_DIR: 'test/fixtures/lint/configured' });
		expect(run.lines).toEqual([
			'test/fixtures/lint/configured/postmortems/custom.mdx:22:49  blameless  "Dropped the ball": describe what happened and what made it likely',
			'test/fixtures/lint/configured/postmortems/custom.mdx:22:71  blameless  "simply": say what was done, without "simply"',
			'2 errors, 0 warnings in 1 file',
		]);
		expect(run.code).toBe(1);
	});

	it('lints the files given, going on after a file whose frontmatter does not parse', () => {
		const run = cli(['test/fixtures/lint/frontmatter-broken.mdx', 'test/fixtures/lint/personal-data.md']);
		expect(run.lines[0]).toBe('test/fixtures/lint/frontmatter-broken.mdx:5:1  frontmatter  expected valid YAML: Missing closing "quote');
		expect(run.stdout).toContain('test/fixtures/lint/personal-data.md:14:45  personal-data  IP address 10.20.30.40');
		expect(run.summary).toMatch(/^2 errors, \d+ warnings in 2 files$/);
		expect(run.code).toBe(1);
	});

	it('exits 0 with warnings only', () => {
		const run = cli(['test/fixtures/lint/incomplete.mdx']);
		expect(run.summary).toBe('0 errors, 4 warnings in 1 file');
		expect(run.code).toBe(0);
	});

	it('stops with exit code 2 when it cannot run', () => {
		expect(cli(['test/fixtures/lint/no-such-file.mdx'])).toMatchObject({ code: 2, stderr: expect.stringContaining('no such file') });
		expect(cli(['--fix'])).toMatchObject({ code: 2, stderr: expect.stringContaining('Unknown option --fix') });
		const dir = mkdtempSync(join(tmpdir(), 'hindsight-lint-'));
		tmp.push(dir);
		writeFileSync(join(dir, 'lint.yaml'), 'blameless:\n  remove: [not built in]\n');
		const run = cli([], { HINDSIGHT_CONTENT_DIR: dir });
		expect(run.code).toBe(2);
		expect(run.stderr).toContain('blameless.remove[0]');
	});
});
