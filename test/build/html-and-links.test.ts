/**
 * The built sample archive as a crawler and a validator see it: valid HTML on every page, no
 * broken internal link or anchor, no `javascript:` URL anywhere.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { join } from 'node:path';
import { HtmlValidate } from 'html-validate';
import { LinkChecker } from 'linkinator';
import { ROOT, buildFixture, readOutput, type BuildResult, type OutputFile } from '../support/build';
import { HTML_VALIDATE_CONFIG } from '../support/html-validate-config';
import { serveStatic } from '../support/static-server';

describe('the built sample archive', () => {
	let build: BuildResult;
	let pages: OutputFile[];

	beforeAll(async () => {
		build = await buildFixture('sample', { content: join(ROOT, 'content') });
		if (build.code !== 0) throw new Error(build.output);
		pages = readOutput(build.dist).filter((f) => f.path.endsWith('.html'));
	});

	it('is valid HTML on every page', async () => {
		const validator = new HtmlValidate(HTML_VALIDATE_CONFIG);
		const problems: string[] = [];
		for (const page of pages) {
			const report = await validator.validateString(page.text, page.path);
			for (const result of report.results) {
				for (const m of result.messages) problems.push(`${page.path}:${m.line}:${m.column} ${m.ruleId} ${m.message}`);
			}
		}
		expect(problems.slice(0, 20)).toEqual([]);
		expect(pages.length).toBeGreaterThan(100);
	}, 120_000);

	it('has no broken internal link or anchor', async () => {
		const server = await serveStatic(build.dist);
		try {
			const checker = new LinkChecker();
			const result = await checker.check({
				path: `${server.url}/`,
				recurse: true,
				checkFragments: true,
				// Offline: only this site's own addresses are followed.
				linksToSkip: (link: string) => Promise.resolve(!link.startsWith(server.url)),
				concurrency: 20,
			});
			const broken = result.links.filter((l) => l.state === 'BROKEN').map((l) => `${l.status} ${l.url} (from ${l.parent})`);
			expect(broken).toEqual([]);
			// The crawl reached every page, not just the home page.
			expect(result.links.filter((l) => l.state === 'OK').length).toBeGreaterThan(pages.length);
		} finally {
			await server.close();
		}
	}, 300_000);

	it('has no javascript: URL in any file', () => {
		const offenders = readOutput(build.dist)
			.filter((f) => /(?:href|src|action)\s*=\s*["']?\s*javascript:/i.test(f.text))
			.map((f) => f.path);
		expect(offenders).toEqual([]);
	});
});
