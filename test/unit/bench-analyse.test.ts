/**
 * The benchmark's reading of Astro's build log (phases, memory per phase, pages rendered and reused),
 * its comparison of two output trees, and how it finds a page of each type in a generated site.
 */
import { describe, expect, it } from 'vitest';
import {
	FIRST_PHASE,
	compareTrees,
	duration,
	identical,
	keyLines,
	phaseSpans,
	renderCounts,
	resolveExample,
	whereTheyDiffer,
	type LogLine,
	type SiteShape,
} from '../bench/analyse';

/** A log as `[ms, text]` pairs, the way timedBuild records it. */
const timed = (entries: [number, string][]): LogLine[] => entries.map(([t, text]) => ({ t, text }));

const COLD: LogLine[] = timed([
	[900, '00:32:00 [content] Syncing content'],
	[1900, '00:32:01 [content] Synced content'],
	[2000, '00:32:01 [types] Generated 1.20s'],
	[2100, '00:32:01 [build] ✓ Completed in 4.03s.'],
	[2100, '00:32:01 [build] Building static entrypoints...'],
	[8500, '00:32:08 [vite] ✓ built in 6.44s'],
	[9000, '00:32:08 [vite] ✓ built in 553ms'],
	[9100, ' generating static routes '],
	[9400, '00:32:08   ├─ /404.html (+272ms) '],
	[9500, '00:32:09   ├─ /postmortems/index.html (+54ms) '],
	[12_500, '00:32:12 ✓ Completed in 3.35s.'],
	[12_600, '00:32:12 [build] ✓ Completed in 10.52s.'],
	[12_700, '00:32:12 [starlight:pagefind] Building search index with Pagefind...'],
	[14_000, '00:32:13 [starlight:pagefind] Finished building search index in 1.31s.'],
	[15_000, '00:32:14 [hindsight] Checked the output in 0.50s (leak guard).'],
	[15_100, '00:32:14 [build] 185 page(s) built in 17.33s'],
]);

describe("reading Astro's build log", () => {
	it('reads its durations, minutes included', () => {
		expect(duration(' 850ms')).toBe(850);
		expect(duration(' 3.21s.')).toBe(3210);
		expect(duration(' 1m 44s')).toBe(104_000);
		expect(duration('nothing')).toBeNull();
	});

	it('splits a build into phases that add up to its wall time', () => {
		const phases = phaseSpans(COLD, 16_000);
		expect(phases.map((p) => [p.name, p.ms])).toEqual([
			[FIRST_PHASE, 800],
			// `[types] Generated 1.20s`, printed after the sync, says the content layer started at 0.8 s.
			['content layer setup', 100],
			['content sync', 1000],
			['types and build setup', 200],
			['Vite bundles (server and client)', 7000],
			['rendering pages', 3400],
			['rest of the static build (images, assets)', 200],
			['Pagefind index', 1300],
			['link check, sitemap, other end-of-build hooks', 500],
			// The line comes at the end of its own phase and says how long it took.
			["Hindsight's output check (leak guard)", 600],
			['process exit', 900],
		]);
		expect(phases.reduce((sum, p) => sum + p.ms, 0)).toBe(16_000);
	});

	it("times `npm run build`'s search index and output check after Astro's own exit", () => {
		const deferred = timed([
			...COLD.filter(({ text }) => !/pagefind|Checked/.test(text)).map(({ t, text }): [number, string] => [t, text]),
			[15_500, '00:32:15 [hindsight:after-build] Building search index with Pagefind...'],
			[16_800, '00:32:16 [hindsight:after-build] Finished building search index in 1.31s.'],
			[17_400, '00:32:17 [hindsight:after-build] Checked the output in 0.50s (leak guard).'],
		]);
		const phases = phaseSpans(deferred, 17_500);
		expect(phases.slice(-4).map((p) => [p.name, p.ms])).toEqual([
			// Without Starlight's Pagefind lines, the end-of-build hooks fold into the static build's rest.
			['rest of the static build (images, assets)', 2_600],
			['process exit', 400],
			['Pagefind index, after Astro exits', 1_400],
			["Hindsight's output check, after Astro exits", 600],
		]);
		expect(phases.reduce((sum, p) => sum + p.ms, 0)).toBe(17_500);
		expect(keyLines(deferred)).toContain('00:32:16 [hindsight:after-build] Finished building search index in 1.31s.');
	});

	it('times the content layer from the duration Astro reports once the types are written', () => {
		const rebuild = timed([
			[4000, '00:51:18 [starlight-links-validator] Invalidating content layer cache...'],
			[12_000, '00:51:26 [content] Syncing content'],
			[13_000, '00:51:27 [content] Synced content'],
			[13_100, '00:51:27 [types] Generated 9.01s'],
			[13_200, '00:51:27 [build] Building static entrypoints...'],
		]);
		expect(phaseSpans(rebuild, 20_000).map((p) => [p.name, p.ms])).toEqual([
			[FIRST_PHASE, 4090],
			['content layer setup', 7910],
			['content sync', 1000],
			['types and build setup', 200],
			['Vite bundles (server and client)', 6800],
		]);
	});

	it('keeps the phases in build order when a reported duration does not fit the arrival times', () => {
		const odd = timed([
			[900, '[content] Syncing content'],
			[1900, '[content] Synced content'],
			[2000, '[types] Generated 0.01s'],
		]);
		expect(phaseSpans(odd, 3000).map((p) => [p.name, p.ms])).toEqual([
			[FIRST_PHASE, 900],
			['content layer setup', 0],
			['content sync', 1000],
			['types and build setup', 1100],
		]);
	});

	it('folds a phase a build does not print into the one before it', () => {
		const bare = COLD.filter((line) => !line.text.includes('[hindsight]') && !line.text.includes('Syncing content'));
		const phases = phaseSpans(bare, 16_000);
		expect(phases.map((p) => p.name)).not.toContain('content sync');
		expect(phases.find((p) => p.name === 'content layer setup')!.ms).toBe(1100);
		expect(phases.find((p) => p.name === 'link check, sitemap, other end-of-build hooks')!.ms).toBe(1100);
		expect(phases.reduce((sum, p) => sum + p.ms, 0)).toBe(16_000);
	});

	it('takes the largest memory sample inside each phase, and none where none fell', () => {
		const samples = [
			{ t: 500, kb: 100 },
			{ t: 3000, kb: 900 },
			{ t: 8000, kb: 1500 },
			{ t: 10_000, kb: 1200 },
			{ t: 13_000, kb: 2000 },
		];
		const peaks = Object.fromEntries(phaseSpans(COLD, 16_000, samples).map((p) => [p.name, p.peakKb]));
		expect(peaks[FIRST_PHASE]).toBe(100);
		expect(peaks['Vite bundles (server and client)']).toBe(1500);
		expect(peaks['rendering pages']).toBe(1200);
		expect(peaks['Pagefind index']).toBe(2000);
		expect(peaks['content sync']).toBeNull();
	});

	it('counts pages rendered and pages reused from the incremental cache', () => {
		const log = [
			'  ├─ /a/index.html (+12ms) ',
			'  ├─ /b/index.html (+1.2s) ',
			'  ├─ /c/index.html (cached)',
			'  ├─ /d/index.html (restored)',
		].join('\n');
		expect(renderCounts(log)).toEqual({ rendered: 2, reused: 2 });
		expect(renderCounts(COLD.map((l) => l.text).join('\n'))).toEqual({ rendered: 2, reused: 0 });
	});

	it('keeps the lines that mark phases, not one line per page', () => {
		const lines = keyLines([
			...COLD,
			{ t: 12_550, text: '[build] Pruned 3 stale file(s) from the incremental cache.' },
			{ t: 12_560, text: '00:54:00 [WARN] [vite] The semantics of "use astro:head-inject" in "postmortems/2021/redis-cache-data-delay-0033.mdx"' },
		]);
		expect(lines).toContain('00:32:12 ✓ Completed in 3.35s.');
		expect(lines).toContain('[build] Pruned 3 stale file(s) from the incremental cache.');
		expect(lines.some((line) => line.includes('├─') || line.includes('redis-cache'))).toBe(false);
	});
});

describe('comparing two output trees', () => {
	it('lists files that differ, went missing or are new', () => {
		const cold = new Map([
			['index.html', 'a'],
			['b/index.html', 'b'],
			['c.css', 'c'],
		]);
		const rebuilt = new Map([
			['index.html', 'a'],
			['b/index.html', 'B'],
			['d.js', 'd'],
		]);
		const c = compareTrees(cold, rebuilt);
		expect(c).toEqual({ files: 3, differ: ['b/index.html'], onlyFirst: ['c.css'], onlySecond: ['d.js'] });
		expect(identical(c)).toBe(false);
		expect(identical(compareTrees(cold, new Map(cold)))).toBe(true);
	});
});

describe('showing where two versions of a page differ', () => {
	it('shows the differing stretch of each, cut at tags, with context', () => {
		const cold = '<html><head><meta content="a"><title>T</title></head><body><p>One</p><p>Two</p></body></html>';
		const rebuilt = cold.replace('<p>Two</p>', '<p>Two!</p><p>Three</p>');
		expect(whereTheyDiffer(cold, rebuilt, 1)).toBe(
			['- <p>', '- Two</p>', '- </body>', '+ <p>', '+ Two!</p>', '+ <p>', '+ Three</p>', '+ </body>'].join('\n')
		);
		expect(whereTheyDiffer(cold, cold)).toBe('(identical)');
	});

	it('shows both ends of a long differing stretch', () => {
		const middle = Array.from({ length: 100 }, (_, i) => `<i>${i}</i>`).join('');
		const cold = `<head><meta content="a">${middle}<p style="x">T</p></head>`;
		const rebuilt = `<head><meta content="b">${middle}<p style="y">T</p></head>`;
		const shown = whereTheyDiffer(cold, rebuilt, 1, 6).split('\n');
		expect(shown).toEqual(['- <head>', '- <meta content="a">', '- <i>', '- …', '- 99</i>', '- <p style="x">', '- T</p>', '+ <head>', '+ <meta content="b">', '+ <i>', '+ …', '+ 99</i>', '+ <p style="y">', '+ T</p>']);
	});
});

describe('finding a page of each type in a generated site', () => {
	const pages = new Set([
		'/',
		'/postmortems/',
		'/postmortems/2022/event-bus-brownout-0501/',
		'/postmortems/2019/alerting-outage-0001/',
		'/services/alerting/',
		'/services/api-gateway/',
		'/action-items/owners/checkout/',
		'/search/',
		'/404.html',
	]);
	const site: SiteShape = {
		isPage: (address) => pages.has(address),
		folders: (address) =>
			[...new Set([...pages].filter((p) => p.startsWith(address) && p !== address).map((p) => p.slice(address.length).split('/')[0]!))]
				.filter((name) => name && !name.includes('.'))
				.sort(),
	};
	const prefer = '/postmortems/2022/event-bus-brownout-0501/';

	it('keeps an example the site has, its query included', () => {
		expect(resolveExample('/postmortems/', site, prefer)).toEqual({ address: '/postmortems/' });
		expect(resolveExample('/search/?q=dns', site, prefer)).toEqual({ address: '/search/?q=dns' });
	});

	it('stands in the sample postmortem for a postmortem of the sample archive', () => {
		expect(resolveExample('/postmortems/2021/facebook-bgp/', site, prefer)).toEqual({ address: prefer, note: 'stand-in for /postmortems/2021/facebook-bgp/' });
	});

	it("stands in the site's own folder at the depth the example names", () => {
		expect(resolveExample('/services/github-com/', site, prefer)?.address).toBe('/services/alerting/');
		expect(resolveExample('/action-items/owners/site-reliability-engineering/', site, prefer)?.address).toBe('/action-items/owners/checkout/');
	});

	it('opens the not-found page as /404.html, and skips what is no HTML page', () => {
		expect(resolveExample('/no-such-page/', site, prefer)?.address).toBe('/404.html');
		expect(resolveExample('/rss.xml', site, prefer)).toBeNull();
		expect(resolveExample('/api/stats.json', site, prefer)).toBeNull();
	});

	it('finds nothing for a type the site has no page of', () => {
		expect(resolveExample('/services/github-com/deeper/', site, prefer)).toBeNull();
	});
});
