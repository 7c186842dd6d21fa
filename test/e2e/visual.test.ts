/**
 * One visual language, as Chromium draws it on the sample archive: five severity colours that
 * differ and read in both themes, badges on one line in the text font, and a lesson-tag filter
 * that stays short and filters in place.
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

	const shown = (page: Page) => page.$$eval('li[data-tags]', (items) => items.filter((li) => !(li as HTMLElement).hidden).length);

	it('offers the shared lesson tags up front with counts, filters in place by one, and Back undoes it', async () => {
		const { page, problems } = await open('/lessons/', 'light', 390);
		const all = await shown(page);
		expect(all).toBeGreaterThan(100);
		const chipsOf = (selector: string) =>
			page.$$eval(selector, (links) =>
				links.map((a) => ({ tag: new URL((a as HTMLAnchorElement).href).searchParams.get('tag') ?? '', count: Number(a.querySelector('span')!.textContent) }))
			);
		const upFront = (await chipsOf('.hs-tag-filter > .hs-tag-chips a')).filter((c) => c.tag);
		expect(upFront.length).toBeGreaterThan(0);
		expect(upFront.length).toBeLessThanOrEqual(TAG_LIMITS.common);
		expect(upFront.every((t) => t.count >= 2)).toBe(true);
		expect(upFront.map((t) => t.count)).toEqual([...upFront.map((t) => t.count)].sort((a, b) => b - a));
		await expect(page.locator('.hs-more-tags summary').textContent()).resolves.toMatch(/^\d+ more tags, each used by/);

		const top = upFront[0]!;
		await page.click(`.hs-tag-chips a[href="/lessons/?tag=${encodeURIComponent(top.tag)}"]`);
		expect(await shown(page)).toBe(top.count);
		expect(new URL(page.url()).searchParams.get('tag')).toBe(top.tag);
		await expect(page.locator('.hs-tag-chips a[aria-current]').textContent()).resolves.toBe(`#${top.tag} ${top.count}`);
		await expect(page.locator('.hs-result-count').textContent()).resolves.toBe(`${top.count} of ${all} lessons tagged #${top.tag}. Show all`);

		await page.goBack();
		await page.waitForFunction(() => !location.search);
		expect(await shown(page)).toBe(all);
		expect(await page.evaluate(() => document.documentElement.scrollWidth <= innerWidth)).toBe(true);
		expect(problems).toEqual([]);
		await page.context().close();
	});

	it('lands filtered from a tag used once, named in the result line, the folded list left closed', async () => {
		const { page: first } = await open('/lessons/', 'dark');
		const rare = await first.$$eval('.hs-more-tags a', (links) =>
			new URL((links.find((a) => a.querySelector('span')!.textContent === '1') as HTMLAnchorElement).href).searchParams.get('tag')!
		);
		await first.context().close();

		const { page, problems } = await open(`/lessons/?tag=${encodeURIComponent(rare)}`, 'dark');
		expect(await shown(page)).toBe(1);
		await expect(page.locator('.hs-more-tags').getAttribute('open')).resolves.toBeNull();
		await expect(page.locator('.hs-more-tags a[aria-current]').textContent()).resolves.toBe(`#${rare} 1`);
		await expect(page.locator('.hs-result-count').textContent()).resolves.toBe(`1 of ${await page.locator('li[data-tags]').count()} lessons tagged #${rare}. Show all`);

		await page.click('.hs-result-count a');
		expect(await shown(page)).toBeGreaterThan(100);
		expect(new URL(page.url()).search).toBe('');
		expect(problems).toEqual([]);
		await page.context().close();
	});
});
