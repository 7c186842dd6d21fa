/**
 * Every page type of the sample archive as a reader sees it on a 1280 px laptop and a 390 px phone,
 * in both themes: nothing scrolls sideways, nothing is cut off, "On this page" lists each section
 * once, and values (dates, durations, badges) are never broken over two lines.
 */
import { describe, expect, it } from 'vitest';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { hasChromium } from '../support/browser';
import { useBuiltSite } from '../support/site';
import { ROOT } from '../support/build';
import { PAGE_TYPES } from '../support/page-types';

const VIEWPORTS = { laptop: { width: 1280, height: 800 }, phone: { width: 390, height: 844 } } as const;

/** What the page does wrong, in words a test failure can show. */
async function layoutProblems(page: Page, wide: boolean): Promise<string[]> {
	return page.evaluate((wide) => {
		const problems: string[] = [];
		const name = (el: Element) =>
			`${el.tagName.toLowerCase()}${el.id ? `#${el.id}` : ''}${el.className && typeof el.className === 'string' ? `.${el.className.trim().split(/\s+/).join('.')}` : ''} "${(el.textContent ?? '').trim().slice(0, 40)}"`;
		const visible = (el: Element) => {
			const box = el.getBoundingClientRect();
			return box.width > 0 && box.height > 0 && getComputedStyle(el).visibility !== 'hidden';
		};

		if (document.documentElement.scrollWidth > window.innerWidth) {
			problems.push(`the page scrolls sideways: ${document.documentElement.scrollWidth} px wide in a ${window.innerWidth} px window`);
		}

		const main = document.querySelector('main')!;
		// Content kept for screen readers only (a card table's header row, `.sr-only`): clipped to a pixel.
		const forScreenReaders = (el: Element) => {
			for (let node: Element | null = el; node && node !== main; node = node.parentElement) {
				const style = getComputedStyle(node);
				const box = node.getBoundingClientRect();
				if (style.clipPath !== 'none' || style.clip !== 'auto' || (box.width <= 1 && box.height <= 1)) return true;
			}
			return false;
		};
		for (const el of main.querySelectorAll('*')) {
			if (!visible(el) || forScreenReaders(el)) continue;
			const style = getComputedStyle(el);
			// Content wider than its box that the reader must scroll (auto, scroll) or cannot see (hidden, clip).
			if (style.overflowX !== 'visible' && el.scrollWidth > el.clientWidth + 1) {
				if (wide || style.overflowX === 'hidden' || style.overflowX === 'clip') {
					problems.push(`${name(el)} hides or scrolls ${el.scrollWidth - el.clientWidth} px of its content sideways`);
				}
			}
			// Anything poking out of the window (named once: the outermost such element).
			const box = el.getBoundingClientRect();
			const parentBox = el.parentElement!.getBoundingClientRect();
			if (box.right > window.innerWidth + 1 && parentBox.right <= window.innerWidth + 1 && style.position !== 'fixed') {
				problems.push(`${name(el)} reaches ${Math.round(box.right)} px in a ${window.innerWidth} px window`);
			}
		}

		// A value on two lines: a piece of its text that the browser laid out in more than one box.
		const breaks = (el: Element) => {
			const walker = document.createTreeWalker(el, NodeFilter.SHOW_TEXT);
			const range = document.createRange();
			for (let text = walker.nextNode(); text; text = walker.nextNode()) {
				range.selectNodeContents(text);
				if ([...range.getClientRects()].filter((r) => r.width > 0).length > 1) return true;
			}
			return false;
		};
		for (const el of main.querySelectorAll('time, .sl-badge, .hs-value, .hs-inline-list li')) {
			if (visible(el) && breaks(el)) problems.push(`${name(el)} breaks inside itself`);
		}
		return [...new Set(problems)].slice(0, 12);
	}, wide);
}

/** The entries of each "On this page" list (desktop and phone), by address and by text. */
async function tocEntries(page: Page): Promise<{ hrefs: string[]; texts: string[] }[]> {
	return page.$$eval('starlight-toc nav, mobile-starlight-toc nav', (navs) =>
		navs.map((nav) => {
			const links = [...nav.querySelectorAll('a')].filter((a) => a.getAttribute('href') !== '#_top');
			return { hrefs: links.map((a) => a.getAttribute('href')!), texts: links.map((a) => a.textContent!.trim()) };
		})
	);
}

describe.skipIf(!hasChromium)('reading every page type on a laptop and a phone', () => {
	const site = useBuiltSite('sample', { content: join(ROOT, 'content') });

	for (const [viewportName, viewport] of Object.entries(VIEWPORTS)) {
		for (const theme of ['light', 'dark'] as const) {
			it(`at ${viewport.width} px in the ${theme} theme, no page type scrolls sideways, cuts a value or lists a section twice`, async () => {
				const context = await site.browser.newContext({ viewport, colorScheme: theme });
				const page = await context.newPage();
				const failures: Record<string, string[]> = {};
				for (const [type, path] of Object.entries(PAGE_TYPES)) {
					await page.goto(site.server.url + path, { waitUntil: 'networkidle' });
					// Charts draw when scrolled to; a drawn chart must fit as well as its fallback.
					await page.evaluate(async () => {
						for (const canvas of document.querySelectorAll('canvas')) {
							canvas.scrollIntoView();
							await new Promise((done) => requestAnimationFrame(() => requestAnimationFrame(done)));
						}
						for (const details of document.querySelectorAll('main details')) (details as HTMLDetailsElement).open = true;
						window.scrollTo(0, 0);
					});
					const problems = await layoutProblems(page, viewportName === 'laptop');
					for (const toc of await tocEntries(page)) {
						const twice = (list: string[]) => list.filter((x, i) => list.indexOf(x) !== i);
						for (const dup of new Set([...twice(toc.hrefs), ...twice(toc.texts)])) problems.push(`"On this page" lists ${dup} twice`);
					}
					if (problems.length > 0) failures[`${type} (${path})`] = problems;
				}
				expect(failures).toEqual({});
				await context.close();
			}, 240_000);
		}
	}
});
