/**
 * The built fixture site in Debian's Chromium: what a person clicking around would see.
 */
import { describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { hasChromium, searchResults, watchProblems } from '../support/browser';
import { useBuiltSite } from '../support/site';

describe.skipIf(!hasChromium)('the built site in Chromium', () => {
	const site = useBuiltSite('basic');

	/** Opens a page, collecting console errors, page errors and failed requests. */
	async function open(path: string): Promise<{ page: Page; problems: string[] }> {
		const page = await site.browser.newPage();
		const problems = watchProblems(page);
		await page.goto(site.server.url + path, { waitUntil: 'networkidle' });
		return { page, problems };
	}

	// Once the archive's island has the rows a view needs (it loads them when first asked).
	const visibleTitles = async (page: Page) => {
		await page.waitForSelector('.hs-archive:not([aria-busy])');
		return page.$$eval('.hs-archive tbody tr:not([hidden]) td:nth-child(2) a', (links) => links.map((a) => a.textContent!.trim()));
	};

	it('renders a postmortem page with no console error or failed request', async () => {
		const { page, problems } = await open('/postmortems/2024/alpha/');
		await expect(page.locator('h1').textContent()).resolves.toBe('Alpha checkout outage');
		await expect(page.locator('.hs-timeline li').count()).resolves.toBe(4);
		expect(problems).toEqual([]);
		await page.close();
	});

	it('filters the archive by severity, service, root cause, year and text', async () => {
		const { page, problems } = await open('/postmortems/');
		expect(await visibleTitles(page)).toHaveLength(4);

		await page.selectOption('select[name=severity]', 'SEV1');
		expect(await visibleTitles(page)).toEqual(['Alpha checkout outage']);
		expect(new URL(page.url()).searchParams.get('severity')).toBe('SEV1');

		await page.selectOption('select[name=severity]', '');
		await page.selectOption('select[name=service]', 'payments-api');
		expect(await visibleTitles(page)).toEqual(['Alpha checkout outage', 'Beta database failover']);

		await page.selectOption('select[name=cause]', 'database');
		expect(await visibleTitles(page)).toEqual(['Beta database failover']);

		await page.click('button[type=reset]');
		await page.selectOption('select[name=year]', '2024');
		expect(await visibleTitles(page)).toEqual(['Gamma cache stampede', 'Alpha checkout outage']);

		await page.selectOption('select[name=year]', '');
		await page.fill('input[name=q]', 'minimal');
		expect(await visibleTitles(page)).toEqual(['Epsilon minimal']);
		await expect(page.locator('[data-count]').textContent()).resolves.toBe('1');

		await page.fill('input[name=q]', 'no such words');
		expect(await visibleTitles(page)).toEqual([]);
		await expect(page.locator('.hs-empty').isVisible()).resolves.toBe(true);
		expect(problems).toEqual([]);
		await page.close();
	});

	it('opens with the filters in the address applied', async () => {
		const { page } = await open('/postmortems/?severity=SEV2');
		expect(await visibleTitles(page)).toEqual(['Beta database failover']);
		await expect(page.locator('select[name=severity]').inputValue()).resolves.toBe('SEV2');
		await page.close();
	});

	it('sorts the archive by a column', async () => {
		const { page } = await open('/postmortems/');
		await page.click('th[data-sort=duration] button');
		const firstClick = await visibleTitles(page);
		await page.click('th[data-sort=duration] button');
		const secondClick = await visibleTitles(page);
		// Durations: epsilon 5 min, beta 20 min, gamma 1 h, alpha 1 h 30 min.
		expect([firstClick, secondClick]).toContainEqual(['Alpha checkout outage', 'Gamma cache stampede', 'Beta database failover', 'Epsilon minimal']);
		expect(secondClick).toEqual([...firstClick].reverse());
		await page.close();
	});

	it('sorts text A→Z on the first click, keeps the sort in the address and restores it on reload', async () => {
		const { page, problems } = await open('/postmortems/');
		await page.click('th[data-sort=title] button');
		const az = ['Alpha checkout outage', 'Beta database failover', 'Epsilon minimal', 'Gamma cache stampede'];
		expect(await visibleTitles(page)).toEqual(az);
		await expect(page.locator('th[data-sort=title]').getAttribute('aria-sort')).resolves.toBe('ascending');
		const address = new URL(page.url()).searchParams;
		expect([address.get('sort'), address.get('dir')]).toEqual(['title', 'asc']);

		// Filters and the sort share the address, and a reload restores both.
		await page.selectOption('select[name=year]', '2024');
		expect(await visibleTitles(page)).toEqual(['Alpha checkout outage', 'Gamma cache stampede']);
		await page.reload({ waitUntil: 'networkidle' });
		expect(await visibleTitles(page)).toEqual(['Alpha checkout outage', 'Gamma cache stampede']);
		await expect(page.locator('th[data-sort=title]').getAttribute('aria-sort')).resolves.toBe('ascending');
		await expect(page.locator('th[data-sort=started]').getAttribute('aria-sort')).resolves.toBeNull();

		// Clear empties the filters and keeps the sort.
		await page.click('button[type=reset]');
		await page.waitForFunction(() => !new URL(location.href).searchParams.has('year'));
		expect(await visibleTitles(page)).toEqual(az);
		expect(new URL(page.url()).searchParams.get('sort')).toBe('title');

		await page.click('th[data-sort=title] button');
		expect(await visibleTitles(page)).toEqual([...az].reverse());
		expect(new URL(page.url()).searchParams.get('dir')).toBe('desc');

		// Severity: most severe first; the date back to newest first, which the address leaves out.
		await page.click('th[data-sort=severity] button');
		expect((await visibleTitles(page))[0]).toBe('Alpha checkout outage');
		await page.click('th[data-sort=started] button');
		expect(await visibleTitles(page)).toEqual(['Gamma cache stampede', 'Alpha checkout outage', 'Beta database failover', 'Epsilon minimal']);
		expect(new URL(page.url()).search).toBe('');
		expect(problems).toEqual([]);
		await page.close();
	});

	it.each([
		['/postmortems/', '.hs-archive'],
		['/root-causes/', '.hs-table'],
		['/services/', '.hs-table'],
		['/trends/', '.hs-chart-data .hs-table'],
	])('lays %s out as a table at 1280 px and as cards at 390 px, never scrolling sideways', async (path, selector) => {
		for (const theme of ['light', 'dark'] as const) {
			for (const width of [1280, 390]) {
				const page = await site.browser.newPage({ viewport: { width, height: 900 }, colorScheme: theme });
				await page.goto(site.server.url + path, { waitUntil: 'networkidle' });
				await page.evaluate(() => document.querySelectorAll('main details').forEach((d) => ((d as HTMLDetailsElement).open = true)));
				const layout = await page.evaluate((selector) => {
					const table = document.querySelector(selector)!;
					const row = table.querySelector('tbody tr')!;
					const title = row.querySelector('.hs-card-title')!;
					const labelled = row.querySelector('td[data-label]')!;
					return {
						pageFits: document.documentElement.scrollWidth <= innerWidth,
						scrolling: [...document.querySelectorAll('main *')].filter((el) => el.scrollWidth > el.clientWidth + 1 && /auto|scroll/.test(getComputedStyle(el).overflowX)).map((el) => el.className),
						headerShown: table.querySelector('thead')!.getBoundingClientRect().height > 1,
						titleFirst: title.getBoundingClientRect().top < labelled.getBoundingClientRect().top,
						label: getComputedStyle(labelled, '::before').content,
					};
				}, selector);
				const where = `${path} ${width} px ${theme}`;
				expect(layout.pageFits, where).toBe(true);
				if (width === 1280) {
					expect(layout.scrolling, where).toEqual([]);
					expect(layout.headerShown, where).toBe(true);
				} else {
					expect(layout.headerShown, where).toBe(false);
					expect(layout.titleFirst, where).toBe(true);
					expect(layout.label, where).not.toBe('none');
				}
				// The header row stays for screen readers either way.
				await expect(page.locator(selector).first().getByRole('columnheader').count(), where).resolves.toBeGreaterThan(1);
				await page.close();
			}
		}
	});

	it('shows the whole archive without JavaScript', async () => {
		const context = await site.browser.newContext({ javaScriptEnabled: false });
		const page = await context.newPage();
		await page.goto(`${site.server.url}/postmortems/`);
		expect(await visibleTitles(page)).toHaveLength(4);
		await expect(page.locator('form.hs-filters').isVisible()).resolves.toBe(false);
		await context.close();
	});

	it.each(['light', 'dark'] as const)('draws every chart on /trends/ in the %s theme, with no console error', async (theme) => {
		const page = await site.browser.newPage({ colorScheme: theme });
		const problems = watchProblems(page);
		await page.goto(`${site.server.url}/trends/`, { waitUntil: 'networkidle' });
		expect(await page.evaluate(() => document.documentElement.dataset.theme)).toBe(theme);
		const canvases = page.locator('canvas[data-chart]');
		const count = await canvases.count();
		expect(count).toBe(6);
		for (let i = 0; i < count; i++) {
			const canvas = canvases.nth(i);
			await canvas.scrollIntoViewIfNeeded();
			await expect(canvas.getAttribute('role')).resolves.toBe('img');
			expect(await canvas.getAttribute('aria-label')).toMatch(/chart/i);
			await page.waitForFunction((el) => (el as HTMLCanvasElement).width > 0 && (el as HTMLCanvasElement).dataset.drawn !== undefined, await canvas.elementHandle(), { timeout: 10_000 });
			const inked = await canvas.evaluate((el) => {
				const c = el as HTMLCanvasElement;
				const data = c.getContext('2d')!.getImageData(0, 0, c.width, c.height).data;
				let n = 0;
				for (let p = 3; p < data.length; p += 4) if (data[p]! > 0) n++;
				return n;
			});
			expect(inked, `chart ${i} draws`).toBeGreaterThan(500);
		}
		expect(problems).toEqual([]);
		await page.close();
	});

	it('labels both axes of every chart in words and draws nothing across an empty period', async () => {
		const page = await site.browser.newPage({ viewport: { width: 390, height: 900 } });
		await page.goto(`${site.server.url}/trends/`, { waitUntil: 'networkidle' });
		for (const canvas of await page.locator('canvas[data-chart]').all()) {
			await canvas.scrollIntoViewIfNeeded();
			await page.waitForFunction((el) => (el as HTMLCanvasElement).dataset.drawn !== undefined, await canvas.elementHandle());
		}
		// The chart objects themselves, from the Chart.js module the page loaded. (A string, so the
		// test runner leaves its dynamic import alone.)
		const charts = (await page.evaluate(`(async () => {
			const url = performance.getEntriesByType('resource').map((e) => e.name).find((name) => name.includes('chart-setup'));
			const { Chart } = await import(url);
			return [...document.querySelectorAll('canvas[data-chart]')].map((canvas) => {
				const chart = Chart.getChart(canvas);
				const spec = JSON.parse(canvas.dataset.chart);
				return {
					format: spec.format,
					counts: spec.counts ?? [],
					x: chart.scales.x.ticks.map((t) => String(t.label ?? '')).filter(Boolean),
					y: chart.scales.y.ticks.map((t) => String(t.label ?? '')).filter(Boolean),
					lines: chart.config.type === 'line' ? chart.data.datasets.map((d) => ({ spanGaps: d.spanGaps, data: d.data })) : [],
				};
			});
		})()`)) as { format: string; counts: number[]; x: string[]; y: string[]; lines: { spanGaps: boolean; data: (number | null)[] }[] }[];
		expect(charts).toHaveLength(6);
		for (const chart of charts) {
			expect(chart.x.length, `${chart.format} x ticks`).toBeGreaterThan(1);
			expect(chart.y.length, `${chart.format} y ticks`).toBeGreaterThan(1);
			if (chart.format === 'minutes') for (const label of chart.y) expect(label).toMatch(/^\d+ (min|h|d)$/);
			for (const line of chart.lines) {
				expect(line.spanGaps).toBe(false);
				chart.counts.forEach((n, i) => n === 0 && expect(line.data[i]).toBeNull());
			}
		}
		await page.close();
	});

	it('keeps the chart tables for readers without JavaScript', async () => {
		const context = await site.browser.newContext({ javaScriptEnabled: false });
		const page = await context.newPage();
		await page.goto(`${site.server.url}/trends/`);
		await expect(page.locator('.hs-chart-data table').count()).resolves.toBe(6);
		const firstRow = await page.locator('#incidents-per-quarter + figure table tbody tr').first().textContent();
		expect(firstRow).toContain('2022-Q1');
		await context.close();
	});

	it.each(['/postmortems/2024/alpha/', '/trends/', '/search/?q=kerfuffle', '/postmortems/?severity=SEV1'])(
		'enforces a Content-Security-Policy with no violation on %s',
		async (path) => {
			const page = await site.browser.newPage();
			await page.addInitScript(() => {
				(window as unknown as { violations: string[] }).violations = [];
				document.addEventListener('securitypolicyviolation', (e) =>
					(window as unknown as { violations: string[] }).violations.push(`${e.violatedDirective}: ${e.blockedURI}`)
				);
			});
			await page.goto(site.server.url + path, { waitUntil: 'networkidle' });
			const policy = await page.locator('meta[http-equiv="content-security-policy"]').getAttribute('content');
			expect(policy).toMatch(/script-src 'self'/);
			expect(policy).not.toContain('unsafe-inline');
			// Use what the page offers: draw the charts, run a search.
			for (const canvas of await page.locator('canvas').all()) await canvas.scrollIntoViewIfNeeded();
			await page.waitForFunction(() => [...document.querySelectorAll('canvas[data-chart]')].every((c) => (c as HTMLCanvasElement).dataset.drawn !== undefined));
			if (path.startsWith('/search/')) await searchResults(page);
			expect(await page.evaluate(() => (window as unknown as { violations: string[] }).violations)).toEqual([]);
			await page.close();
		}
	);

	it('prints a postmortem without navigation or search, with its timeline and tables whole', async () => {
		const page = await site.browser.newPage();
		await page.goto(`${site.server.url}/postmortems/2024/alpha/`, { waitUntil: 'networkidle' });
		await page.emulateMedia({ media: 'print' });
		const visible = (selector: string) => page.locator(selector).first().isVisible();
		for (const hidden of ['nav.sidebar', 'site-search', '.right-sidebar-container', '.pagination-links', '.hs-completeness']) {
			expect(await visible(hidden), hidden).toBe(false);
		}
		for (const shown of ['h1', '.hs-glance', '.hs-pm-facts', '.hs-timeline', '.hs-action-items', '.hs-lesson-groups']) {
			expect(await visible(shown), shown).toBe(true);
		}
		expect(await page.locator('.hs-timeline li').evaluateAll((items) => items.every((li) => getComputedStyle(li).breakInside === 'avoid'))).toBe(true);
		const pdf = await page.pdf({ format: 'A4' });
		expect(pdf.subarray(0, 4).toString()).toBe('%PDF');
		await page.close();
	});

	describe('search', () => {
		/** Result titles in the search dialog once Pagefind has answered. */
		async function results(page: Page, until: { count?: number } = {}): Promise<string[]> {
			return (await searchResults(page, until)).map((result) => result.title);
		}

		async function search(query: string): Promise<{ page: Page; titles: string[] }> {
			const { page } = await open('/postmortems/');
			await page.click('button[data-open-modal]');
			await page.fill('#starlight__search input', query);
			return { page, titles: await results(page) };
		}

		it('finds the one postmortem whose body has a phrase, first', async () => {
			const { page, titles } = await search('distinctive zebracorn');
			expect(titles[0]).toBe('Alpha checkout outage');
			await page.close();
		});

		it('finds a postmortem by a phrase from one of its lessons', async () => {
			const { page, titles } = await search('unmistakable quokka');
			expect(titles[0]).toBe('Alpha checkout outage');
			await page.close();
		});

		it('ranks a title match above a body match', async () => {
			const { page, titles } = await search('stampede');
			expect(titles.slice(0, 2)).toEqual(['Gamma cache stampede', 'Epsilon minimal']);
			await page.close();
		});

		it('shows severity and date with each result', async () => {
			const { page } = await search('zebracorn');
			const [first] = await searchResults(page);
			expect(first!.tags).toEqual(expect.arrayContaining(['Severity: SEV1', 'Date: 2024-03-05']));
			await page.close();
		});

		it('narrows results with a severity filter, and puts it in the address on /search/', async () => {
			const { page } = await open('/search/?q=kerfuffle');
			const all = await results(page);
			expect(all.filter((t) => t !== 'Search')).toEqual(
				expect.arrayContaining(['Alpha checkout outage', 'Beta database failover', 'Gamma cache stampede', 'Epsilon minimal'])
			);
			await page.click('#starlight__search summary:has-text("Severity"), #starlight__search legend:has-text("Severity")').catch(() => undefined);
			await page.check('#starlight__search input[name=severity][value=SEV1]');
			expect(await results(page, { count: 1 })).toEqual(['Alpha checkout outage']);
			expect(new URL(page.url()).searchParams.getAll('severity')).toEqual(['SEV1']);
			await page.close();
		});

		it('opens /search/?q= with the query and filters from a cold page load', async () => {
			const { page, problems } = await open('/search/?q=kerfuffle&severity=SEV2');
			expect(await results(page)).toEqual(['Beta database failover']);
			await expect(page.locator('#starlight__search input[type=search], #starlight__search input').first().inputValue()).resolves.toBe('kerfuffle');
			expect(problems).toEqual([]);
			await page.close();
		});

		it('shows the results of /search/?q= on a phone without moving them as they load', async () => {
			const page = await site.browser.newPage({ viewport: { width: 390, height: 844 } });
			// Every layout shift from the first paint on: the search runs as the page opens, with no
			// reader's input that would excuse one.
			await page.addInitScript(() => {
				const w = window as unknown as { shifts: number[] };
				w.shifts = [];
				new PerformanceObserver((list) => {
					for (const entry of list.getEntries() as (PerformanceEntry & { value: number })[]) w.shifts.push(entry.value);
				}).observe({ type: 'layout-shift', buffered: true });
			});
			await page.goto(site.server.url + '/search/?q=kerfuffle', { waitUntil: 'networkidle' });
			expect((await results(page)).length).toBeGreaterThan(1);
			await page.waitForTimeout(300);
			const shifts = await page.evaluate(() => (window as unknown as { shifts: number[] }).shifts);
			expect(shifts.reduce((a, b) => a + b, 0)).toBeLessThan(0.01);
			await page.close();
		});

		it('loads Pagefind only when search is used', async () => {
			const { page } = await open('/postmortems/2024/alpha/');
			// Pagefind's UI (ui-core) and index (pagefind/): Starlight would fetch the UI once the page is idle.
			const loaded = () => page.evaluate(() => performance.getEntriesByType('resource').some((e) => /pagefind|ui-core/.test(e.name)));
			await page.evaluate(() => new Promise((idle) => requestIdleCallback(() => requestIdleCallback(idle))));
			expect(await loaded()).toBe(false);
			await page.click('button[data-open-modal]');
			await page.waitForSelector('#starlight__search input');
			// Pagefind's own files follow the UI as soon as it starts.
			await page.waitForFunction(() => performance.getEntriesByType('resource').some((e) => e.name.includes('/pagefind/')));
			expect(await loaded()).toBe(true);
			await page.close();
		});
	});
});
