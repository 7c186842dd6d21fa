/**
 * The archive of more postmortems than one page holds, in Chromium: filters and sorting reach every
 * postmortem, not just the page on show; the address keeps the view; the pages work without JavaScript.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import AxeBuilder from '@axe-core/playwright';
import type { Page } from 'playwright-core';
import { AXE_ALLOWLIST } from '../support/axe-allowlist';
import { ARCHIVE_PAGE_SIZE as SIZE, type ArchiveChunk, type ArchiveRow } from '../../src/lib/present/archive-rows';
import { hasChromium, watchProblems } from '../support/browser';
import { buildFixture } from '../support/build';
import { generatedArchive } from '../support/generated';
import { useBuiltSite } from '../support/site';

// A full page and a part of another (the same generated archive as the build test's).
const N = SIZE + 50;

describe.skipIf(!hasChromium)(`the archive of ${N} postmortems in Chromium`, () => {
	const { content } = generatedArchive(N);
	const site = useBuiltSite(`generated-${N}`, { content });
	/** The archive as built, newest first (the build is cached: this reads the one the site serves). */
	const rows = async (): Promise<ArchiveRow[]> => {
		const { dist } = await buildFixture(`generated-${N}`, { content });
		return (JSON.parse(readFileSync(join(dist, 'api/archive/1.json'), 'utf8')) as ArchiveChunk).rows;
	};

	async function open(path: string): Promise<{ page: Page; problems: string[]; chunkRequests: string[] }> {
		const page = await site.browser.newPage();
		const problems = watchProblems(page);
		const chunkRequests: string[] = [];
		page.on('request', (request) => {
			if (request.url().includes('/api/archive/')) chunkRequests.push(new URL(request.url()).pathname);
		});
		await page.goto(site.server.url + path, { waitUntil: 'networkidle' });
		return { page, problems, chunkRequests };
	}

	/** The titles on show, once the island has the rows it was asked for. */
	const titles = async (page: Page) => {
		await page.waitForSelector('.hs-archive:not([aria-busy])');
		return page.$$eval('.hs-archive tbody td.hs-card-title a', (links) => links.map((a) => a.textContent!.trim()));
	};
	const countLine = (page: Page) => page.locator('.hs-result-count').textContent();

	it('loads nothing until asked, then finds a postmortem that is not on the first page', async () => {
		const { page, problems, chunkRequests } = await open('/postmortems/');
		const all = await rows();
		const oldest = all.at(-1)!;
		expect(await titles(page)).toEqual(all.slice(0, SIZE).map((r) => r.title));
		expect(chunkRequests).toEqual([]);

		// The search box matches ids too, and a generated id is in no other postmortem's words.
		await page.fill('input[name=q]', oldest.id);
		expect(await titles(page)).toEqual([oldest.title]);
		expect(await countLine(page)).toBe(`1 of ${N} postmortems`);
		expect(chunkRequests).toEqual(['/api/archive/1.json']);
		await expect(page.locator('.hs-pager').first().isVisible()).resolves.toBe(false);

		// The facets filter the whole archive too.
		await page.fill('input[name=q]', '');
		await page.selectOption('select[name=year]', oldest.year);
		expect(await titles(page)).toEqual(all.filter((r) => r.year === oldest.year).slice(0, SIZE).map((r) => r.title));
		expect(chunkRequests).toHaveLength(1);
		expect(problems).toEqual([]);
		await page.close();
	});

	it('keeps what a reader chose in the form before its script ran', async () => {
		const all = await rows();
		const page = await site.browser.newPage();
		let release!: () => void;
		const held = new Promise<void>((done) => (release = done));
		await page.route('**/_astro/ArchiveFilters*.js', async (route) => {
			await held;
			await route.continue();
		});
		// Not DOMContentLoaded: it waits for module scripts, this one among them.
		await page.goto(`${site.server.url}/postmortems/`, { waitUntil: 'commit' });
		await page.selectOption('select[name=severity]', 'SEV1');
		await expect(page.locator('th[data-sort] button').count()).resolves.toBe(0);
		release();
		await page.waitForSelector('th[data-sort] button');
		expect(await titles(page)).toEqual(all.filter((r) => r.severity === 'SEV1').slice(0, SIZE).map((r) => r.title));
		expect(new URL(page.url()).search).toBe('?severity=SEV1');
		await page.close();
	});

	it('says so while the archive loads, and says why when it cannot, keeping the built page', async () => {
		const all = await rows();
		const page = await site.browser.newPage();
		let release!: () => void;
		const held = new Promise<void>((done) => (release = done));
		let fail = false;
		await page.route('**/api/archive/*.json', async (route) => {
			await held;
			await (fail ? route.fulfill({ status: 503, body: 'busy' }) : route.continue());
		});
		await page.goto(`${site.server.url}/postmortems/`, { waitUntil: 'networkidle' });
		await page.selectOption('select[name=severity]', 'SEV1');
		expect(await countLine(page)).toBe(`Loading all ${N} postmortems to filter and sort them…`);
		await expect(page.locator('.hs-archive').getAttribute('aria-busy')).resolves.toBe('true');
		release();
		expect(await titles(page)).toEqual(all.filter((r) => r.severity === 'SEV1').map((r) => r.title));

		const again = await site.browser.newPage();
		fail = true;
		await again.route('**/api/archive/*.json', (route) => route.fulfill({ status: 503, body: 'busy' }));
		await again.goto(`${site.server.url}/postmortems/?severity=SEV1`);
		await again.waitForFunction(() => document.querySelector('.hs-result-count')!.textContent!.startsWith('Could not'));
		expect(await countLine(again)).toMatch(/^Could not load the archive to filter it \(.*\/api\/archive\/1\.json answered 503\)\. This page is shown as built\.$/);
		expect(await titles(again)).toEqual(all.slice(0, SIZE).map((r) => r.title));
		await page.close();
		await again.close();
	});

	it(`sorts by title across the whole archive, ${SIZE} at a time, and shows the rest on request`, async () => {
		const { page, problems } = await open('/postmortems/');
		const all = await rows();
		const key = (r: ArchiveRow) => r.title.toLowerCase();
		// Ties keep the archive's order: sort is stable.
		const az = [...all].sort((a, b) => (key(a) < key(b) ? -1 : key(a) > key(b) ? 1 : 0)).map((r) => r.title);
		await page.click('th[data-sort=title] button');
		expect(await titles(page)).toEqual(az.slice(0, SIZE));
		expect(await countLine(page)).toBe(`${N} of ${N} postmortems, the first ${SIZE} shown`);
		await page.click('button.hs-more');
		expect(await titles(page)).toEqual(az);
		await expect(page.locator('button.hs-more').isVisible()).resolves.toBe(false);
		// The reader lands on the first row added, not back at the top.
		await expect(page.evaluate(() => document.activeElement?.textContent)).resolves.toBe(az[SIZE]);

		await page.click('th[data-sort=title] button');
		expect((await titles(page))[0]).toBe(az.at(-1));
		expect(new URL(page.url()).search).toBe('?sort=title&dir=desc');
		expect(problems).toEqual([]);
		await page.close();
	});

	it('keeps the view in the address, restores it when the address is opened again, and the built page on Clear', async () => {
		const { page, problems } = await open('/postmortems/');
		const all = await rows();
		await page.selectOption('select[name=severity]', 'SEV2');
		await page.click('th[data-sort=duration] button');
		const view = await titles(page);
		const sev2 = all.filter((r) => r.severity === 'SEV2');
		expect(view).toHaveLength(Math.min(SIZE, sev2.length));
		expect(view[0]).toBe([...sev2].sort((a, b) => b.minutes - a.minutes)[0]!.title);
		const address = page.url();
		expect(new URL(address).search).toBe('?severity=SEV2&sort=duration&dir=desc');

		const again = await open(new URL(address).pathname + new URL(address).search);
		expect(await titles(again.page)).toEqual(view);
		await expect(again.page.locator('select[name=severity]').inputValue()).resolves.toBe('SEV2');
		await expect(again.page.locator('th[data-sort=duration]').getAttribute('aria-sort')).resolves.toBe('descending');

		// Clear keeps the sort, so the whole archive stays sorted; back to the date, the built page returns.
		await again.page.click('button[type=reset]');
		await again.page.waitForFunction(() => !location.search.includes('severity'));
		expect(await titles(again.page)).toHaveLength(SIZE);
		await again.page.click('th[data-sort=started] button');
		expect(await titles(again.page)).toEqual(all.slice(0, SIZE).map((r) => r.title));
		expect(await countLine(again.page)).toBe(`1–${SIZE} of ${N} postmortems, newest first`);
		await expect(again.page.locator('.hs-pager').first().isVisible()).resolves.toBe(true);
		expect(new URL(again.page.url()).search).toBe('');
		expect([...problems, ...again.problems]).toEqual([]);
		await page.close();
		await again.page.close();
	});

	// The sample archive is one page: its page-type tests never see a pager, a second page or a view built from chunks.
	it.each(['/archive/2/', '/postmortems/?severity=SEV1&sort=title&dir=asc'])('lays out %s within the window and passes axe, in both themes', async (path) => {
		for (const theme of ['light', 'dark'] as const) {
			for (const width of [1280, 390]) {
				const context = await site.browser.newContext({ viewport: { width, height: 900 }, colorScheme: theme });
				const page = await context.newPage();
				const problems = watchProblems(page);
				await page.goto(site.server.url + path, { waitUntil: 'networkidle' });
				await titles(page);
				expect(await page.evaluate(() => document.documentElement.scrollWidth <= innerWidth), `${path} at ${width} px`).toBe(true);
				if (width === 1280) {
					const results = await new AxeBuilder({ page })
						.withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa', 'best-practice'])
						.disableRules(AXE_ALLOWLIST.map((entry) => entry.rule))
						.analyze();
					expect(results.violations.map((v) => `${v.id}: ${v.help} (${v.nodes.length}×)`), `${path} in ${theme}`).toEqual([]);
				}
				expect(problems).toEqual([]);
				await context.close();
			}
		}
	}, 300_000);

	it('pages through the archive without JavaScript', async () => {
		const all = await rows();
		const context = await site.browser.newContext({ javaScriptEnabled: false });
		const page = await context.newPage();
		await page.goto(`${site.server.url}/postmortems/`);
		await expect(page.locator('form.hs-filters').isVisible()).resolves.toBe(false);
		const shown = () => page.$$eval('.hs-archive tbody td.hs-card-title a', (links) => links.map((a) => a.textContent!.trim()));
		expect(await shown()).toEqual(all.slice(0, SIZE).map((r) => r.title));
		await page.locator('.hs-pager').first().getByRole('link', { name: 'Next →' }).click();
		expect(new URL(page.url()).pathname).toBe('/archive/2/');
		expect(await shown()).toEqual(all.slice(SIZE).map((r) => r.title));
		await page.locator('.hs-pager').last().getByRole('link', { name: '1', exact: true }).click();
		expect(new URL(page.url()).pathname).toBe('/postmortems/');
		await context.close();
	});
});
