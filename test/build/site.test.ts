/**
 * Builds fixture archives with `astro build` and checks what a reader would find in `dist/`.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { buildFixture, mainText, readOutput, readPage, type BuildResult } from '../support/build';

describe('building the basic fixture (internal edition)', () => {
	let build: BuildResult;
	beforeAll(async () => {
		build = await buildFixture('basic');
		if (build.code !== 0) throw new Error(`build failed:\n${build.output}`);
	});

	it('gives every included postmortem its page, ids lower-cased', () => {
		for (const id of ['2024/alpha', '2023/beta', '2024/gamma-review', '2022/epsilon']) {
			expect(existsSync(join(build.dist, 'postmortems', id, 'index.html')), id).toBe(true);
		}
	});

	it('leaves drafts out of every file, the search index included', () => {
		expect(existsSync(join(build.dist, 'postmortems/2024/delta-draft'))).toBe(false);
		const leaks = readOutput(build.dist).filter(
			(file) => file.text.includes('plumbago-walrus') || file.text.includes('Delta draft incident') || file.text.includes('secret-service')
		);
		expect(leaks.map((f) => f.path)).toEqual([]);
	});

	it('indexes lessons and action items for search as readable text', () => {
		const fragment = readOutput(build.dist).find((file) => file.path.startsWith('pagefind/fragment/') && file.text.includes('"url":"/postmortems/2024/alpha/"'));
		expect(fragment).toBeDefined();
		// A lesson's tags read as words after it, and column names stay out of the text.
		expect(fragment!.text).toContain('Rollback took five minutes once decided. #rollback');
		expect(fragment!.text).toContain('Canary config pushes');
		expect(fragment!.text).not.toMatch(/Action ?Type ?Owner/);
	});

	it('marks an in-review postmortem as in review, with one notice', () => {
		const html = readPage(build.dist, 'postmortems/2024/gamma-review/');
		expect(html).toContain('data-status="in-review"');
		// One notice: Starlight's banner. The strip under the title names the status as a fact.
		expect(html.match(/class="sl-banner[^"]*"[^>]*>This postmortem is <strong>in review/g)).toHaveLength(1);
		expect(html).not.toMatch(/This content is a draft|hs-status-banner/);
		expect(mainText(html)).toMatch(/SEV3 · moderate In review Duration 1 h/);
		const alpha = readPage(build.dist, 'postmortems/2024/alpha/');
		expect(alpha).not.toContain('sl-banner');
		expect(mainText(alpha)).toMatch(/SEV1 · critical Published Duration/);
	});

	it('lists every included postmortem in the archive, newest first', () => {
		const html = readPage(build.dist, 'postmortems/');
		const tbody = html.slice(html.indexOf('<tbody>'), html.indexOf('</tbody>'));
		const rows = [...tbody.matchAll(/<time datetime="([^"]+)"/g)].map((m) => m[1]);
		expect(rows).toHaveLength(4);
		expect(rows).toEqual([...rows].sort().reverse());
		expect(html).toContain('href="/postmortems/2024/gamma-review/"');
		expect(html).toContain('href="/postmortems/2022/epsilon/"');
	});

	it('renders the facts, the sorted timeline, lessons, action items and the MDX body', () => {
		const html = readPage(build.dist, 'postmortems/2024/alpha/');
		const text = mainText(html);
		// The strip under the title: the gist, each value once.
		expect(text).toContain(
			'SEV1 · critical Published Duration 1 h 30 min Time to detect 10 min Time to mitigate 1 h Users affected 1,200 Customer-facing No data loss Action items 2 not done , 1 overdue Services alpha-storefront payments-api'
		);
		expect(html).toMatch(/<li data-glance="actions"><a href="#pm-actions">/);
		// The facts panel: the times, the day written once, and no figure of the strip again.
		expect(text).toContain('Started 2024-03-05 14:00 UTC Detected 14:10 UTC Mitigated 15:00 UTC Resolved 15:30 UTC');
		expect(text).toMatch(/Impact No customer could pay\. Trigger Config push of flag set 42 Root causes Configuration change Deployment Detected by Alert Teams payments Authors Ana Reviewers Bo Visibility Internal Tags checkout/);
		const facts = html.slice(html.indexOf('class="hs-pm-facts"'), html.indexOf('id="pm-timeline"'));
		expect(facts).not.toMatch(/Duration|Users affected|Customer-facing|Not stated/);
		expect(mainText(readPage(build.dist, 'postmortems/2022/epsilon/'))).toMatch(
			/SEV5 · low Published Duration 5 min No action items Service edge .*Detected not recorded Mitigated not recorded Resolved 00:05 UTC .*Not stated users affected, customer-facing, data loss/
		);
		// Written out of order in the file; shown in the order it happened.
		const order = ['Config push lands', 'Error-rate alert pages on-call', 'Flag rolled back', 'All clear declared'].map((e) => text.indexOf(e));
		expect(order.every((at, i) => at > 0 && (i === 0 || at > order[i - 1]!))).toBe(true);
		expect(html).toContain('hs-kind-trigger');
		expect(html).toContain('hs-kind-resolution');
		expect(text).toContain('A distinctive zebracorn sentence lives only in the alpha body.');
		expect(html).toMatch(/<aside[^>]*class="starlight-aside starlight-aside--note"/);
		expect(text).toContain('What went well Rollback took five minutes once decided.');
		expect(text).toContain('Where we got lucky It happened outside the sales peak.');
		expect(html).toMatch(/class="hs-overdue"[\s\S]*?Alert on checkout success rate[\s\S]*?Overdue/);
		expect(html).toContain('href="https://example.com/ticket/1"');
		expect(text).toContain('Safe configuration rollout');
	});

	it('shows each section once, a body heading of its name becoming it, and lists each once in "On this page", every id once', () => {
		const html = readPage(build.dist, 'postmortems/2024/alpha/');
		const nav = html.slice(html.indexOf('<starlight-toc'), html.indexOf('</starlight-toc>'));
		const entries = [...nav.matchAll(/<li style="--depth: (\d);"[^>]*><a href="#([^"]+)"[^>]*><span[^>]*>([^<]+)<\/span>/g)].map(
			([, depth, id, text]) => `${'  '.repeat(Number(depth))}${text} #${id}`
		);
		expect(entries).toEqual([
			'Overview #_top',
			'Facts #pm-facts-2',
			'Timeline #pm-timeline',
			'What happened #what-happened',
			'Contributing factors #contributing-factors',
			'Lessons learned #lessons-learned',
			'  On canaries #on-canaries',
			'PM facts #pm-facts',
			'Action items #pm-actions',
			'Training gaps #pm-training',
			'Related and similar incidents #pm-links',
		]);
		const ids = [...html.matchAll(/\sid="([^"]+)"/g)].map((m) => m[1]);
		expect(ids.filter((id, i) => ids.indexOf(id) !== i)).toEqual([]);
		for (const entry of entries) expect(ids).toContain(entry.split('#')[1]);
		// On the page too: one heading each, the section's content under the author's heading, then the author's words.
		const text = mainText(html);
		for (const heading of ['Contributing factors', 'Lessons learned']) expect(html.match(new RegExp(`<h2[^>]*>${heading}</h2>`, 'g'))).toHaveLength(1);
		expect(text).toMatch(/Contributing factors Section titled “Contributing factors” Technical The flag had no default\. .*The body’s own account of the factors/);
		expect(text).toMatch(/Lessons learned Section titled “Lessons learned” What went well Rollback took five minutes once decided\..* On canaries Section titled “On canaries” Canaries would have caught it\./);
	});

	it('shows authors a completeness score in the internal edition', () => {
		expect(readPage(build.dist, 'postmortems/2024/alpha/')).toMatch(/data-score="75"[\s\S]*Completeness 75\/100[\s\S]*missing a root-cause analysis section/);
		const epsilon = mainText(readPage(build.dist, 'postmortems/2022/epsilon/'));
		expect(epsilon).toMatch(/Completeness 0\/100 For authors: this postmortem is missing a timeline, a root-cause analysis section, action items, lessons learned, the time the incident was detected/);
	});

	it('lists related postmortems and backlinks in one list that says which way each points, then similar incidents', () => {
		const alpha = mainText(readPage(build.dist, 'postmortems/2024/alpha/'));
		expect(alpha).toMatch(
			/Related postmortems SEV2 Beta database failover · 2023-11-20 · 20 min · referred to here SEV3 Gamma cache stampede · 2024-06-01 · 1 h · refers to this one/
		);
		expect(alpha).not.toMatch(/refer to this one|Similar incidents.*Gamma cache stampede/);
		const beta = mainText(readPage(build.dist, 'postmortems/2023/beta/'));
		expect(beta).toMatch(/Related postmortems SEV1 Alpha checkout outage · 2024-03-05 · 1 h 30 min · refers to this one/);
	});

	it('ships no chart code on postmortem pages, and charts only on pages that draw them', () => {
		/** Every JS file a page loads, following static and dynamic imports. */
		const scriptsOf = (page: string) => {
			const seen = new Set<string>();
			const queue = [...readPage(build.dist, page).matchAll(/src="(\/_astro\/[^"]+\.js)"/g)].map((m) => m[1]!);
			while (queue.length) {
				const src = queue.pop()!;
				if (seen.has(src)) continue;
				seen.add(src);
				const code = readFileSync(join(build.dist, src), 'utf8');
				for (const [, rel] of code.matchAll(/(?:from|import\()\s*["'`]\.\/([^"'`]+\.js)["'`]/g)) queue.push(`/_astro/${rel}`);
			}
			return [...seen];
		};
		const chartCode = (files: string[]) => files.filter((f) => /chart/i.test(f) || readFileSync(join(build.dist, f), 'utf8').includes('BarController'));
		expect(chartCode(scriptsOf('postmortems/2024/alpha/'))).toEqual([]);
		expect(chartCode(scriptsOf('postmortems/'))).toEqual([]);
		expect(chartCode(scriptsOf('trends/')).length).toBeGreaterThan(0);
		expect(chartCode(scriptsOf('services/payments-api/')).length).toBeGreaterThan(0);
	});

	it('links each headline figure on the home page to the page behind it, with no pager', () => {
		const home = readPage(build.dist, '');
		const figures = [...home.matchAll(/<dt>([^<]+)<\/dt>\s*<dd>\s*<a href="([^"]+)"[^>]*>([^<]+)<\/a>/g)].map((m) => [m[1], m[2], m[3]]);
		expect(figures).toEqual([
			['Postmortems', '/postmortems/', '4'],
			['Median duration', '/trends/#duration-per-quarter', expect.stringMatching(/\d/)],
			['Median time to detect', '/trends/#detect-mitigate-per-quarter', expect.stringMatching(/\d|—/)],
			['Recurring root causes', '/root-causes/', expect.stringMatching(/^\d+$/)],
			['Action items not done', '/action-items/', '2'],
			['Overdue action items', '/action-items/#overdue', '1'],
		]);
		expect(home).not.toMatch(/class="pagination-links[^"]*"[^>]*>\s*<a/);
	});

	it('keeps the sidebar the same size whatever the archive holds', () => {
		const html = readPage(build.dist, 'postmortems/2024/alpha/');
		const start = html.search(/<nav[^>]*aria-label="Main"/);
		expect(start).toBeGreaterThan(0);
		const sidebar = html.slice(start, html.indexOf('</nav>', start));
		expect(sidebar).toContain('href="/postmortems/"');
		expect(sidebar).not.toContain('/postmortems/2024/alpha/');
	});
});

describe('builds that must fail', () => {
	it('fails on an invalid file, naming the file and each field', async () => {
		const { code, output } = await buildFixture('invalid');
		expect(code).not.toBe(0);
		expect(output).toMatch(/postmortems\/2024\/bad-severity\.mdx:4: severity: expected one of "SEV1", .*; got "SEV9"/);
		expect(output).toMatch(/bad-severity\.mdx:9: rootCauses\[0\]: unknown root cause "cosmic-rays"; expected one of .*config-change/);
		// The project's own words, not Astro's hint about the content configuration.
		expect(output).not.toMatch(/content\.config\.ts|\*\*/);
	});

	it('fails on a date alone where a datetime is due, quoted or not', async () => {
		const { code, output } = await buildFixture('date-alone');
		expect(code).not.toBe(0);
		expect(output).toMatch(/day-only\.md:5: started: expected an ISO 8601 datetime .*got the date "2024-02-01"/);
		expect(output).toMatch(/day-only\.md:6: detected: expected an ISO 8601 datetime .*got the date "2024-02-01"/);
		expect(output).toMatch(/day-only\.md:15: timeline\[1\]\.at: expected an ISO 8601 datetime .*got the date "2024-02-02"/);
		expect(output).not.toMatch(/timeline\[0\]/);
	});

	it('fails on an MDX body that does not parse, naming the file, line and column', async () => {
		const { code, output } = await buildFixture('bad-mdx');
		expect(code).not.toBe(0);
		expect(output).toContain('postmortems/2024/broken.mdx:17:15');
	});

	it('fails when two files map to one id', async () => {
		const { code, output } = await buildFixture('duplicate-id');
		expect(code).not.toBe(0);
		expect(output).toMatch(/2024\/outage\.md: gives the postmortem id "2024\/outage", as 2024\/Outage\.mdx does: rename one of them/);
	});

	it('fails on a related id that names no postmortem', async () => {
		const { code, output } = await buildFixture('bad-related');
		expect(code).not.toBe(0);
		expect(output).toMatch(/linked\.md:11: related\[0\]: no postmortem has the id "2024\/does-not-exist"/);
	});

	it('fails on an invalid taxonomy, naming the file and the entry', async () => {
		const { code, output } = await buildFixture('bad-taxonomy');
		expect(code).not.toBe(0);
		// Entries counted from 1, with the entry's line, and no hint pointing at the site's own files.
		expect(output).toMatch(/root-causes\.yaml:4: entry 2 \(id "Bad Id"\)\.id: expected a lower-case kebab-case id/);
		expect(output).not.toMatch(/content\.config\.ts/);
	});
});
