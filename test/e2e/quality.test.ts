/**
 * Quality gates over the built sample archive: every page type loads cleanly and passes axe
 * (WCAG 2.2 A/AA and best practices) in light and dark themes; search works by keyboard.
 */
import { describe, expect, it } from 'vitest';
import { join } from 'node:path';
import AxeBuilder from '@axe-core/playwright';
import type { Page } from 'playwright-core';
import { hasChromium, searchResults, watchProblems } from '../support/browser';
import { useBuiltSite } from '../support/site';
import { ROOT } from '../support/build';
import { AXE_ALLOWLIST } from '../support/axe-allowlist';
import { PAGE_TYPES } from '../support/page-types';

describe.skipIf(!hasChromium)('quality of the built sample archive', () => {
	const site = useBuiltSite('sample', { content: join(ROOT, 'content') });

	async function open(path: string, theme: 'light' | 'dark'): Promise<{ page: Page; problems: string[] }> {
		// axe needs a page in a context of its own.
		const context = await site.browser.newContext({ colorScheme: theme });
		const page = await context.newPage();
		// The not-found page answers 404 on purpose.
		const problems = watchProblems(page, (url) => url.endsWith('/no-such-page/'));
		await page.goto(site.server.url + path, { waitUntil: 'networkidle' });
		return { page, problems };
	}

	for (const theme of ['light', 'dark'] as const) {
		it.each(Object.entries(PAGE_TYPES))(`%s loads cleanly and passes axe (${theme})`, async (_, path) => {
			const { page, problems } = await open(path, theme);
			expect(await page.evaluate(() => document.documentElement.dataset.theme)).toBe(theme);
			// Draw every chart and open every disclosure so axe sees them too.
			await page.evaluate(async () => {
				for (const canvas of document.querySelectorAll('canvas')) {
					canvas.scrollIntoView();
					// Two frames: the chart's intersection observer sees it before the next scroll.
					await new Promise((done) => requestAnimationFrame(() => requestAnimationFrame(done)));
				}
				for (const details of document.querySelectorAll('main details')) (details as HTMLDetailsElement).open = true;
			});
			// Each chart marks itself once drawn.
			await page.waitForFunction(() => [...document.querySelectorAll('canvas[data-chart]')].every((c) => (c as HTMLCanvasElement).dataset.drawn !== undefined));
			await page.evaluate(() => window.scrollTo(0, 0));
			const results = await new AxeBuilder({ page })
				.withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa', 'best-practice'])
				.disableRules(AXE_ALLOWLIST.map((entry) => entry.rule))
				.analyze();
			const violations = results.violations.map((v) => `${v.id}: ${v.help} (${v.nodes.length}×: ${v.nodes.slice(0, 3).map((n) => n.target.join(' ')).join(' | ')})`);
			expect(violations).toEqual([]);
			expect(problems).toEqual([]);
			await page.context().close();
		}, 60_000);
	}

	it('opens search from the keyboard and filters results by keyboard', async () => {
		const { page } = await open('/postmortems/', 'light');
		await page.keyboard.press('Control+k');
		const input = page.locator('#starlight__search input[type=text], #starlight__search input').first();
		await expect(input.isVisible()).resolves.toBe(true);
		await page.waitForFunction(() => document.activeElement?.closest('#starlight__search') !== null);
		await page.keyboard.type('outage');
		// Some results are other severities before the filter is set.
		const before = await searchResults(page);
		expect(before.some((result) => result.tags.some((tag) => tag.startsWith('Severity') && tag !== 'Severity: SEV1'))).toBe(true);
		// Pagefind draws its filter groups once their counts arrive, after the first results.
		await page.locator('#starlight__search input[name=severity][value=SEV1]').waitFor({ state: 'attached' });
		// Reach the severity filter with the keyboard alone: Tab until a SEV1 checkbox has focus.
		for (let i = 0; i < 80; i++) {
			await page.keyboard.press('Tab');
			const focused = await page.evaluate(() => {
				const el = document.activeElement as HTMLInputElement | null;
				return el?.tagName === 'SUMMARY' ? `summary:${el.textContent?.trim()}` : el?.type === 'checkbox' ? `${el.name}:${el.value}` : '';
			});
			if (/^summary:Severity/i.test(focused)) await page.keyboard.press('Enter');
			if (focused === 'severity:SEV1') break;
		}
		await page.keyboard.press('Space');
		await expect(page.locator('#starlight__search input[name=severity][value=SEV1]').isChecked()).resolves.toBe(true);
		// Every result shown is then a SEV1 (or the wait times out and the test fails).
		const after = await searchResults(page, { everyTag: 'Severity: SEV1' });
		expect(after.length).toBeGreaterThan(0);
		await page.keyboard.press('Escape');
		await expect(page.locator('dialog[open]').count()).resolves.toBe(0);
		await page.context().close();
	}, 60_000);
});
