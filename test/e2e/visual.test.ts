/**
 * One visual language, as Chromium draws it on the sample archive: five severity colours that
 * differ and read in both themes, badges on one line in the text font, and a lesson-tag index
 * that stays short and leads to each tag's page.
 */
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { hasChromium, watchProblems } from '../support/browser';
import { ROOT } from '../support/build';
import { contrast } from '../support/colour';
import { useBuiltSite } from '../support/site';
import { TAG_LIMITS } from '../../src/lib/figures/learning';

describe.skipIf(!hasChromium)('one visual language', () => {
	const site = useBuiltSite('sample', { content: join(ROOT, 'content') });

	async function open(path: string, theme: 'light' | 'dark', width = 1280): Promise<{ page: Page; problems: string[] }> {
		const context = await site.browser.newContext({ colorScheme: theme, viewport: { width, height: 900 } });
		const page = await context.newPage();
		const problems = watchProblems(page);
		await page.goto(site.server.url + path, { waitUntil: 'networkidle' });
		expect(await page.evaluate(() => document.documentElement.dataset.theme)).toBe(theme);
		return { page, problems };
	}

	for (const theme of ['light', 'dark'] as const) {
		for (const width of [1280, 390]) {
			it(`gives the five severities five readable badge colours, on one line in the text font (${theme}, ${width} px)`, async () => {
				const { page, problems } = await open('/postmortems/', theme, width);
				const badges = await page.$$eval('.sl-badge', (all) =>
					all.map((b) => {
						const style = getComputedStyle(b);
						return {
							severity: [...b.classList].find((c) => /^hs-sev\d$/.test(c)) ?? '',
							text: b.textContent!.trim(),
							color: style.color,
							background: style.backgroundColor,
							font: style.fontFamily,
							lines: b.getClientRects().length,
							height: b.getBoundingClientRect().height,
							lineHeight: parseFloat(style.fontSize) * 2,
						};
					})
				);
				const bySeverity = new Map(badges.filter((b) => b.severity).map((b) => [b.severity, b]));
				expect([...bySeverity.keys()].sort()).toEqual(['hs-sev1', 'hs-sev2', 'hs-sev3', 'hs-sev4', 'hs-sev5']);
				expect(new Set([...bySeverity.values()].map((b) => b.background)).size).toBe(5);
				for (const b of bySeverity.values()) expect(contrast(b.color, b.background), `${b.text}: ${b.color} on ${b.background}`).toBeGreaterThanOrEqual(4.5);
				for (const b of badges) {
					expect(b.font, b.text).not.toMatch(/mono/i);
					// One box no taller than one line: not broken across lines, not wrapped inside.
					expect(b.lines, b.text).toBe(1);
					expect(b.height, b.text).toBeLessThan(b.lineHeight);
				}
				expect(await page.evaluate(() => document.documentElement.scrollWidth <= innerWidth)).toBe(true);
				expect(problems).toEqual([]);
				await page.context().close();
			});
		}
	}

	const lessonsOn = (page: Page) => page.locator('.hs-lesson-list > li').count();

	it('offers the shared lesson tags up front with counts, each a link to a page of exactly that many lessons', async () => {
		const { page, problems } = await open('/lessons/', 'light', 390);
		const chipsOf = (selector: string) =>
			page.$$eval(selector, (links) => links.map((a) => ({ href: (a as HTMLAnchorElement).getAttribute('href')!, text: a.textContent!.trim(), count: Number(a.querySelector('span')!.textContent) })));
		const upFront = await chipsOf('.hs-tag-index > .hs-tag-chips a');
		expect(upFront.length).toBeGreaterThan(0);
		expect(upFront.length).toBeLessThanOrEqual(TAG_LIMITS.common);
		expect(upFront.every((t) => t.count >= 2 && /^\/lessons\/tags\/[^/]+\/$/.test(t.href))).toBe(true);
		expect(upFront.map((t) => t.count)).toEqual([...upFront.map((t) => t.count)].sort((a, b) => b - a));
		await expect(page.locator('.hs-more-tags summary').textContent()).resolves.toMatch(/^\d+ more tags, each used by/);
		// The summary shows at most the newest of each kind, and links to the rest.
		for (const kind of ['went-well', 'went-wrong', 'lucky']) {
			expect(await page.locator(`.hs-lesson-${kind} > li`).count()).toBeLessThanOrEqual(20);
		}

		const top = upFront[0]!;
		await page.click(`.hs-tag-index a[href="${top.href}"]`);
		await page.waitForURL(`**${top.href}`);
		expect(await lessonsOn(page)).toBe(top.count);
		await expect(page.locator('h1').textContent()).resolves.toBe(`Lessons tagged ${top.text.replace(/ \d+$/, '')}`);
		expect(await page.locator('.hs-lesson-list .hs-tag', { hasText: top.text.replace(/ \d+$/, '') }).count()).toBeGreaterThanOrEqual(top.count);
		expect(await page.evaluate(() => document.documentElement.scrollWidth <= innerWidth)).toBe(true);
		expect(problems).toEqual([]);
		await page.context().close();
	});

	it('leads from a folded tag used once, and from a tag on a lesson, to that tag\'s page', async () => {
		const { page, problems } = await open('/lessons/', 'dark');
		const rare = await page.$$eval('.hs-more-tags a', (links) => (links.find((a) => a.querySelector('span')!.textContent === '1') as HTMLAnchorElement).getAttribute('href')!);
		await page.click('.hs-more-tags summary');
		await page.click(`.hs-more-tags a[href="${rare}"]`);
		await page.waitForURL(`**${rare}`);
		expect(await lessonsOn(page)).toBe(1);

		const tag = page.locator('.hs-lesson-list .hs-tag').first();
		const href = (await tag.getAttribute('href'))!;
		await tag.click();
		await page.waitForURL(`**${href}`);
		expect(await lessonsOn(page)).toBeGreaterThanOrEqual(1);
		expect(problems).toEqual([]);
		await page.context().close();
	});
});
