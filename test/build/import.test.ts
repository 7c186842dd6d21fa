/**
 * `npm run import` as a person runs it: a folder of existing postmortems in every template family
 * (and some bad files) becomes drafts that the linter accepts; a second run skips what is there
 * unless --force; bad files are named and the rest goes on. Then the drafts, finished the way a
 * reviewer finishes them, build into pages that show every part of the original.
 */
import { cpSync, mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { ROOT, buildFixture, mainText, readPage, run } from '../support/build';
import { lintCli } from '../support/lint-cli';

const TSX = join(ROOT, 'node_modules/tsx/dist/cli.mjs');
const SOURCES = join(ROOT, 'test/fixtures/import/sources');
const IMPORTED = [
	'2023/login-failures-after-certificate-rotation.mdx',
	'2024/checkout-api-latency-during-flash-sale.mdx',
	'2024/search-results-missing-after-index-rollout.mdx',
	'2024/what-happened-to-the-file-uploads-on-friday.mdx',
	'2025/nightly-billing-export-delayed.mdx',
];

describe('npm run import', () => {
	const work = mkdtempSync(join(tmpdir(), 'hindsight-import-'));
	const content = join(work, 'content');
	const sources = join(work, 'old-postmortems');
	cpSync(join(ROOT, 'test/fixtures/basic/content'), content, { recursive: true });
	cpSync(SOURCES, sources, { recursive: true });
	writeFileSync(join(sources, 'screenshot.md'), new Uint8Array([0x89, 0x50, 0x4e, 0x47, 0, 0, 0, 13]));
	writeFileSync(join(sources, 'latin1.md'), new Uint8Array([0x23, 0x20, 0x43, 0x61, 0x66, 0xe9, 0x0a]));
	writeFileSync(join(sources, 'empty.html'), '\n');
	afterAll(() => rmSync(work, { recursive: true, force: true }));
	const importer = (...args: string[]) => run(process.execPath, [TSX, 'src/cli/import.ts', ...args], { HINDSIGHT_CONTENT_DIR: content });
	const written = () => IMPORTED.map((file) => readFileSync(join(content, 'postmortems', file), 'utf8'));

	it('imports every postmortem of a folder, names each bad file and why, and says so in its exit code', async () => {
		const result = await importer(sources);
		expect(result.code, result.output).toBe(1);
		for (const file of IMPORTED) expect(result.output).toContain(`postmortems/${file}`);
		expect(result.output).toMatch(/failed {4}\S*screenshot\.md: this is a binary file/);
		expect(result.output).toMatch(/failed {4}\S*latin1\.md: this is not UTF-8 text \(byte 0xe9 at line 1, column 6\)/);
		expect(result.output).toMatch(/failed {4}\S*empty\.html: the file is empty/);
		expect(result.output).toMatch(/failed {4}\S*not-a-postmortem\.md: this does not read as a postmortem/);
		expect(result.output).toMatch(/read as PagerDuty's template/);
		expect(result.output).toMatch(/severity: not stated; SEV3 is a placeholder/);
		expect(result.output).toContain('5 imported, 0 skipped (already there), 4 failed.');
		for (const text of written()) expect(text).toMatch(/^status: "draft"$/m);
	}, 60_000);

	it('leaves drafts that lint:content accepts, with its advice on what is left', () => {
		const lint = lintCli([], { HINDSIGHT_CONTENT_DIR: content });
		expect(lint.code, lint.stdout + lint.stderr).toBe(0);
		expect(lint.summary).toMatch(/^0 errors/);
	});

	it('skips a file imported before, and replaces it only with --force', async () => {
		const before = written();
		const again = await importer(join(sources, 'google-sre.md'), join(sources, 'atlassian.md'));
		expect(again.code, again.output).toBe(0);
		expect(again.output).toMatch(/skipped {3}\S*google-sre\.md: \S*search-results-missing-after-index-rollout\.mdx is already there \(imported before\?\); --force replaces it/);
		expect(again.output).toContain('0 imported, 2 skipped (already there), 0 failed.');
		expect(written()).toEqual(before);

		writeFileSync(join(content, 'postmortems', IMPORTED[2]!), 'edited by hand');
		const forced = await importer('--force', join(sources, 'google-sre.md'));
		expect(forced.code, forced.output).toBe(0);
		expect(forced.output).toContain('1 imported, 0 skipped (already there), 0 failed.');
		expect(written()).toEqual(before);
	}, 60_000);

	it('explains its usage', async () => {
		const none = await importer();
		expect(none.code).toBe(2);
		expect(none.output).toMatch(/Usage: npm run import -- \[--force\] <file or folder>/);
		const missing = await importer(join(work, 'nowhere'));
		expect(missing.code).toBe(1);
		expect(missing.output).toMatch(/nowhere: no such file or folder/);
	}, 60_000);

	it('builds, once a reviewer has finished the drafts, into pages that show the whole original', async () => {
		// What a reviewer does: fill what nobody wrote down, confirm the guesses, publish.
		for (const file of IMPORTED) {
			const path = join(content, 'postmortems', file);
			let text = readFileSync(path, 'utf8')
				.replace(/"TODO: [^"]*"/g, '"Filled in by the reviewer."')
				.replace(/\bTODO\b/g, 'open')
				.replace('"unknown-service"', '"uploads"')
				.replace(/^needsReview: .*$/m, 'needsReview: []')
				.replace('status: "draft"', 'status: "published"');
			const started = /^started: "(.*)"$/m.exec(text)![1]!;
			const resolved = /^resolved: "(.*)"$/m.exec(text)![1]!;
			if (started === resolved) text = text.replace(/^resolved: .*$/m, `resolved: "${new Date(Date.parse(started) + 3_600_000).toISOString()}"`);
			writeFileSync(path, text);
		}
		const build = await buildFixture('import', { content });
		expect(build.code, build.output).toBe(0);
		const page = (file: string) => mainText(readPage(build.dist, `postmortems/${file.replace(/\.mdx$/, '/index.html')}`)).replace(/&lt;/g, '<').replace(/&gt;/g, '>');
		expect(page(IMPORTED[2]!)).toContain('The previous snapshot was still on disk; it is usually deleted after a day.');
		expect(page(IMPORTED[2]!)).toContain('Details from the original frontmatter');
		expect(page(IMPORTED[1]!)).toContain('p99 latency was above 8 s (target < 800 ms)');
		expect(page(IMPORTED[1]!)).toContain('Alert when the pool is 80% used, per {service} and region');
		const freeForm = page(IMPORTED[3]!);
		expect(freeForm).toContain('import of the shared settings into the new proxy template dropped the old override');
		expect(freeForm).toContain('{size >= 50m}');
		expect(freeForm).toMatch(/Raw notes kept from the chat: <br> .uploads ok again. — see https:\/\/status\.example\.com\/incidents\/42/);
		expect(page(IMPORTED[4]!)).toContain('Move the vacuum job to the primary\'s maintenance window');
		expect(readdirSync(join(build.dist, 'postmortems', '2023'))).toContain('login-failures-after-certificate-rotation');
	}, 600_000);
});
