/**
 * The benchmark's summary: each figure states its goal and whether it was met, the rebuild ratio is
 * the rebuild over the cold build of the same run, and the report explains it all.
 */
import { describe, expect, it } from 'vitest';
import { FIRST_PHASE, type PhaseSpan } from '../bench/analyse';
import type { BuildMeasurement } from '../bench/measure';
import { markdown, phaseTable, rebuildFigures, summarise, type ReportInput, type Row, type SiteResult } from '../bench/report';

function build(wallMs: number, options: { rssKb?: number; treeKb?: number; rendered?: number; reused?: number; phases?: [string, number][] } = {}): BuildMeasurement {
	let t = 0;
	const phases: PhaseSpan[] = (options.phases ?? [[FIRST_PHASE, wallMs]]).map(([name, ms]) => {
		const span = { name, start: t, end: t + ms, ms, peakKb: options.treeKb ?? null };
		t += ms;
		return span;
	});
	return {
		code: 0,
		wallMs,
		maxRssKb: options.rssKb ?? 1_000_000,
		treePeakKb: options.treeKb ?? 1_200_000,
		processes: [],
		pagesBuilt: 1065,
		load: [1, 1],
		phases,
		renders: { rendered: options.rendered ?? 1065, reused: options.reused ?? 0 },
		keyLines: [],
		log: '',
	};
}

const weight = (html: number, css: number) => ({
	files: [
		{ url: '/postmortems/x/', kind: 'html' as const, bytes: html * 4, gzip: html },
		{ url: '/_astro/a.css', kind: 'css' as const, bytes: css * 4, gzip: css },
	],
	bytes: (html + css) * 4,
	gzip: html + css,
});

function site(overrides: Partial<SiteResult> = {}): SiteResult {
	return {
		builds: [build(30_000)],
		rebuilds: { body: [], title: [], revert: [], identical: [], failed: [] },
		output: { files: 10, bytes: 1000, diskBytes: 4096, htmlFiles: 5 },
		pagefind: { files: 2, bytes: 100, diskBytes: 4096 * 2, htmlFiles: 0 },
		critical: weight(10_000, 12_000),
		pages: { pages: 5, largest: [{ url: '/action-items/', bytes: 400_000, gzip: 60_000 }] },
		search: null,
		lighthouse: null,
		...overrides,
	};
}

const sameTree = { files: 10, differ: [], onlyFirst: [], onlySecond: [] };

function input(overrides: { ours?: Partial<SiteResult>; bare?: Partial<SiteResult> | null; dev?: ReportInput['dev'] } = {}): ReportInput {
	return {
		env: { date: '2026-12-01T00:00:00Z', n: 1000, runs: 1, nproc: 2, memory: '23.5 GiB', cpu: 'CPU', node: 'v24', astro: '7.3.5', starlight: '0.42.4', seed: 1, load: 0.5, args: '--n 1000' },
		pagePath: '/postmortems/2022/x/',
		editedFile: 'postmortems/2022/x.mdx',
		ours: {
			...site({
				builds: [build(30_000, { rssKb: 1_100_000, treeKb: 1_300_000 })],
				rebuilds: { body: [build(4_500, { rendered: 3, reused: 1062 })], title: [build(9_000)], revert: [build(4_000)], identical: [sameTree], failed: [] },
				...overrides.ours,
			}),
			trends: null,
			trendsViewed: null,
		},
		bare:
			overrides.bare === null
				? null
				: site({ builds: [build(27_000)], rebuilds: { body: [build(26_000)], title: [], revert: [], identical: [], failed: [] }, critical: weight(9_000, 11_000), ...overrides.bare }),
		dev: overrides.dev === undefined ? { firstPageMs: 5_100, editMs: 210, editPolls: 4 } : overrides.dev,
	};
}

const row = (rows: Row[], metric: string) => {
	const found = rows.find((r) => r.metric === metric);
	if (!found) throw new Error(`no row "${metric}" in ${rows.map((r) => r.metric).join(', ')}`);
	return found;
};

describe('the benchmark summary', () => {
	it('gives the rebuild ratio against the cold build of the same run, and judges it against 0.20×', () => {
		const { rows, missed } = summarise(input());
		const body = row(rows, 'Rebuild after one body edit');
		expect(body.rebuild).toBe('0.15×');
		expect(body.goal).toBe('rebuild ratio ≤ 0.20×');
		expect(body.result).toBe('PASS');
		expect(body.bare).toBe('26.0 s (0.96× its cold)');
		expect(row(rows, '  pages the body-edit rebuild rendered').ours).toBe('3 of 1,065');
		expect(row(rows, 'Rebuild after one title edit').rebuild).toBe('0.30×');
		expect(missed).not.toContain('Rebuild after one body edit');
	});

	it('takes the median of the per-run ratios', () => {
		expect(rebuildFigures([build(10_000), build(20_000), build(40_000)], [build(1_000), build(6_000), build(4_000)])).toEqual({ ms: 4_000, ratio: 0.1 });
		expect(rebuildFigures([build(10_000)], [])).toBeNull();
	});

	it('states the goal of every judged figure and lists the ones missed', () => {
		const { rows, missed } = summarise(input());
		expect(row(rows, 'Build wall time (cold)')).toMatchObject({ ratio: '1.11×', goal: 'ours/bare ≤ 1.15×', result: 'PASS' });
		expect(row(rows, 'Peak RSS (GNU time, largest process)')).toMatchObject({ ratio: '1.10×', result: 'PASS' });
		expect(row(rows, 'Postmortem page critical path (gzip)')).toMatchObject({ ratio: '1.10×', goal: 'ours/bare ≤ 1.10×', result: 'PASS' });
		expect(row(rows, 'Peak RSS, whole process tree (sampled)')).toMatchObject({ goal: '≤ 8.00 GB (set for N = 20,000)', result: 'PASS' });
		expect(row(rows, 'Largest HTML page (gzip)')).toMatchObject({ ours: '58.6 KB `/action-items/`', result: 'PASS' });
		for (const r of rows.filter((r) => r.result)) expect(r.goal, r.metric).not.toBe('');
		expect(missed).toEqual([]);

		const slow = summarise(input({ ours: { builds: [build(45_000)], pages: { pages: 5, largest: [{ url: '/postmortems/', bytes: 2e6, gzip: 200_000 }] } } }));
		expect(row(slow.rows, 'Build wall time (cold)').result).toBe('MISS');
		expect(row(slow.rows, 'Largest HTML page (gzip)').result).toBe('MISS');
		expect(slow.missed).toEqual(expect.arrayContaining(['Build wall time (cold)', 'Largest HTML page (gzip)']));
	});

	it('misses when the output after undoing the edits differs from the cold build', () => {
		const differs = { files: 10, differ: ['pagefind/pagefind-entry.json'], onlyFirst: [], onlySecond: ['postmortems/stale/index.html'] };
		const { rows, missed } = summarise(input({ ours: { rebuilds: { body: [build(4_500)], title: [], revert: [build(4_000)], identical: [differs], failed: [] } } }));
		expect(row(rows, 'Output after undoing the edits equals the cold build')).toMatchObject({ ours: 'no: 1 differ, 1 extra of 10 files', result: 'MISS' });
		expect(missed).toContain('Output after undoing the edits equals the cold build');
		expect(markdown(input({ ours: { rebuilds: { body: [build(4_500)], title: [], revert: [build(4_000)], identical: [differs], failed: [] } } }), { rows, missed })).toContain(
			'- extra (1): `postmortems/stale/index.html`'
		);
	});

	it('judges Lighthouse by the lowest page type, and says which', () => {
		const lighthouse = [
			{ labels: ['Postmortems'], address: '/postmortems/', score: 78, scores: [97, 78, 70], tbtMs: 900, lcpMs: 2500 },
			{ labels: ['postmortem', 'postmortem in review'], address: '/postmortems/2022/x/', score: 100, scores: [100, 100, 99], tbtMs: 0, lcpMs: 1500 },
		];
		const bare = [{ labels: ['postmortem'], address: '/postmortems/2022/x/', score: 100, scores: [100, 100, 100], tbtMs: 0, lcpMs: 1400 }];
		const report = input({ ours: { lighthouse }, bare: { lighthouse: bare } });
		const { rows, missed } = summarise(report);
		expect(row(rows, 'Lighthouse mobile performance, lowest page type')).toMatchObject({ ours: '78 (Postmortems)', bare: '100 (postmortem)', result: 'MISS' });
		expect(missed).toContain('Lighthouse mobile performance, lowest page type');
		// The median audit is judged, and every audit is shown beside it, so a reader sees the spread.
		expect(markdown(report, summarise(report))).toContain('| ours | Postmortems | `/postmortems/` | 78 | 97, 78, 70 | 900 ms | 2,500 ms | MISS |');
		expect(row(summarise(input()).rows, 'Lighthouse mobile performance, lowest page type')).toMatchObject({ ours: 'skipped', result: '' });
	});

	it('reports the dev loop as watched figures, skipped or failed', () => {
		expect(row(summarise(input()).rows, 'Dev server: first postmortem page')).toMatchObject({ ours: '5.10 s', result: '' });
		expect(row(summarise(input({ dev: null })).rows, 'Dev server: a saved body edit shows').ours).toBe('skipped');
		expect(row(summarise(input({ dev: { error: 'exited' } })).rows, 'Dev server: a saved body edit shows').ours).toBe('failed');
	});

	it('reports a failed rebuild as a miss and says why', () => {
		const failure = 'the ours-1-body build failed (exit 134); full log in logs/ours-1-body.log';
		const report = input({ ours: { rebuilds: { body: [], title: [], revert: [], identical: [], failed: [failure] } } });
		const summary = summarise(report);
		expect(row(summary.rows, 'Rebuild after one body edit')).toMatchObject({ ours: 'failed', result: 'MISS' });
		expect(markdown(report, summary)).toContain(`- ours: ${failure}`);
	});

	it('has no ratios to bare when bare is skipped', () => {
		const { rows } = summarise(input({ bare: null }));
		expect(row(rows, 'Build wall time (cold)')).toMatchObject({ bare: 'skipped', ratio: '', result: 'n/a' });
		expect(row(rows, 'Rebuild after one body edit').result).toBe('PASS');
	});
});

describe('the phase breakdown', () => {
	it('puts cold and rebuild phases side by side and adds them up to the wall time', () => {
		const phases: [string, number][] = [
			[FIRST_PHASE, 1_000],
			['rendering pages', 20_000],
			['Pagefind index', 9_000],
		];
		const report = input({
			ours: { builds: [build(30_000, { phases })], rebuilds: { body: [build(3_000, { phases: [[FIRST_PHASE, 1_000], ['rendering pages', 500], ['Pagefind index', 1_500]] })], title: [], revert: [], identical: [], failed: [] } },
			bare: { builds: [build(25_000, { phases: [[FIRST_PHASE, 1_000], ['rendering pages', 16_000], ['Pagefind index', 8_000]] })] },
		});
		const text = phaseTable(report.ours, report.bare);
		expect(text).toContain('| phase | ours cold | bare cold | ours rebuild | bare rebuild | cold: ours − bare |');
		// Bare's rebuild printed no rendering phase: a dash, not a zero.
		expect(text).toContain('| rendering pages | 20.0 s | 16.0 s | 0.50 s | – | +4.00 s |');
		expect(text).toContain('| **wall time** | 30.0 s | 25.0 s | 3.00 s |');
	});

	it('writes a report with every section', () => {
		const report = markdown(input(), summarise(input()));
		for (const heading of ['## Summary', '## What each figure means', '## Where the time goes', '## Where the memory goes', '## Rebuilds', '## Page size', '## Lighthouse mobile', '## Dev loop', '## Details']) {
			expect(report).toContain(heading);
		}
		expect(report).toContain('| metric | ours | bare | ours/bare | rebuild ratio | goal | result |');
		expect(report).toContain('its output is byte-identical');
	});
});
