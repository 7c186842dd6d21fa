import { describe, expect, it } from 'vitest';
import { computeStats } from '../../src/lib/figures/stats';
import { incidentsPerQuarterChart, trendCharts } from '../../src/lib/present/chart-specs';
import { DURATION_BUCKETS, P90_MIN_INCIDENTS, computeTrends, durationBucket, durationHistogram } from '../../src/lib/figures/trends';
import { periodFor, periodOf, periodRange, splitOutliers } from '../../src/lib/figures/periods';
import { archiveOf, entry } from '../support/make';

const minutesAfter = (start: string, minutes: number) => new Date(new Date(start).getTime() + minutes * 60_000).toISOString();
const lasting = (id: string, start: string, minutes: number, fields: Record<string, unknown> = {}) =>
	entry(id, { started: start, resolved: minutesAfter(start, minutes), ...fields });

describe('duration buckets', () => {
	it('are log-spaced, each upper bound exclusive', () => {
		expect(DURATION_BUCKETS.map((b) => b.label)).toEqual(['under 15 min', '15–60 min', '1–4 h', '4–24 h', '1–3 days', 'over 3 days']);
		expect([0, 14.9, 15, 59, 60, 239, 240, 1439, 1440, 4319, 4320, 100_000].map(durationBucket)).toEqual([0, 0, 1, 1, 2, 2, 3, 3, 4, 4, 5, 5]);
	});

	it('count incidents overall and by severity', () => {
		const archive = archiveOf([
			lasting('a', '2024-01-01T00:00:00Z', 5, { severity: 'SEV1' }),
			lasting('b', '2024-01-02T00:00:00Z', 30, { severity: 'SEV1' }),
			lasting('c', '2024-01-03T00:00:00Z', 5000, { severity: 'SEV3' }),
		]);
		const histogram = durationHistogram(archive.postmortems);
		expect(histogram.overall).toEqual([1, 1, 0, 0, 0, 1]);
		expect(histogram.bySeverity.SEV1).toEqual([1, 1, 0, 0, 0, 0]);
		expect(histogram.bySeverity.SEV3).toEqual([0, 0, 0, 0, 0, 1]);
		expect(histogram.bySeverity.SEV2).toEqual([0, 0, 0, 0, 0, 0]);
	});
});

describe('per-quarter series', () => {
	const archive = archiveOf([
		lasting('a', '2024-01-10T00:00:00Z', 10, { severity: 'SEV1', detected: '2024-01-10T00:02:00Z', rootCauses: ['network'], impact: { description: 'x', customerFacing: true, dataLoss: true, usersAffected: 10 } }),
		lasting('b', '2024-02-10T00:00:00Z', 30, { severity: 'SEV2', rootCauses: ['network', 'database'], impact: { description: 'x', customerFacing: false } }),
		lasting('c', '2024-11-10T00:00:00Z', 60, { severity: 'SEV2', rootCauses: ['hardware'] }),
	]);
	const trends = computeTrends(archive.postmortems, archive.rootCause, 2);
	const stats = computeStats(archive.postmortems, { edition: 'internal', buildDate: '2024-12-01', rootCause: archive.rootCause });

	it('runs over every quarter, empty ones included, with the same counts and medians as stats.json', () => {
		expect(trends.period).toBe('quarter');
		expect(trends.periods.map((q) => q.period)).toEqual(['2024-Q1', '2024-Q2', '2024-Q3', '2024-Q4']);
		for (const [i, q] of trends.periods.entries()) {
			expect({ quarter: q.period, count: q.count, median: q.durationMinutes.median, usersAffected: q.usersAffected }).toEqual({
				quarter: stats.byQuarter[i]!.quarter,
				count: stats.byQuarter[i]!.count,
				median: stats.byQuarter[i]!.durationMinutes.median,
				usersAffected: stats.byQuarter[i]!.usersAffected,
			});
		}
	});

	it('charts a p90 only from P90_MIN_INCIDENTS incidents on; stats.json keeps its own', () => {
		expect(trends.periods[0]!.durationMinutes).toEqual({ median: 20, p90: null });
		expect(stats.byQuarter[0]!.durationMinutes.p90).not.toBeNull();
		const five = archiveOf(Array.from({ length: P90_MIN_INCIDENTS }, (_, i) => lasting(`p${i}`, `2024-01-1${i}T00:00:00Z`, (i + 1) * 10)));
		expect(computeTrends(five.postmortems, five.rootCause).periods[0]!.durationMinutes).toEqual({ median: 30, p90: 46 });
	});

	it('counts severities, medians with n, shares and data loss per quarter', () => {
		const [q1, q2, , q4] = trends.periods;
		expect(q1!.bySeverity).toMatchObject({ SEV1: 1, SEV2: 1 });
		expect(q1!.timeToDetectMinutes).toEqual({ median: 2, p90: 2, n: 1 });
		expect(q1!.customerFacingShare).toBe(0.5);
		expect(q1!.dataLossCount).toBe(1);
		expect(q2).toMatchObject({ count: 0, customerFacingShare: null, dataLossCount: 0, timeToDetectMinutes: { median: null, p90: null, n: 0 } });
		expect(q4!.customerFacingShare).toBe(0);
	});

	it('shares each top cause per quarter, the rest as other', () => {
		// Most named: network (2), then database and hardware (1 each; database first by id).
		expect(trends.topRootCauses.map((c) => c.id)).toEqual(['network', 'database', 'other']);
		expect(trends.periods[0]!.rootCauseShare).toEqual({ network: 1, database: 0.5, other: 0 });
		expect(trends.periods[1]!.rootCauseShare).toEqual({ network: null, database: null, other: null });
		expect(trends.periods[3]!.rootCauseShare).toEqual({ network: 0, database: 0, other: 1 });
	});

	it('gives every chart a table with one row per quarter or bucket and the same numbers', () => {
		const charts = trendCharts(trends);
		expect(charts.map((c) => c.id)).toEqual([
			'incidents-per-quarter',
			'duration-per-quarter',
			'detect-mitigate-per-quarter',
			'duration-distribution',
			'impact-per-quarter',
			'root-cause-mix',
		]);
		const perQuarter = charts[0]!;
		expect(perQuarter.table.rows.map((r) => r.slice(0, 2))).toEqual([['2024-Q1', '2'], ['2024-Q2', '0'], ['2024-Q3', '0'], ['2024-Q4', '1']]);
		expect(perQuarter.spec.datasets.map((d) => [d.label, d.data])).toEqual([
			['SEV1', [1, 0, 0, 0]],
			['SEV2', [1, 0, 0, 1]],
		]);
		const duration = charts[1]!;
		expect(duration.spec.datasets[0]!.data).toEqual([20, null, null, 60]);
		// Empty quarters are gaps (null), and the p90 of two incidents is not drawn.
		expect(duration.spec.datasets[1]!.data).toEqual([null, null, null, null]);
		expect(duration.table.rows[0]).toEqual(['2024-Q1', '2', '20 min', '—']);
		expect(duration.caption).toMatch(/p90 only for quarters with at least 5 incidents/);
		expect(duration.spec.counts).toEqual([2, 0, 0, 1]);
		const mix = charts[5]!;
		expect(mix.spec).toMatchObject({ type: 'bar', stacked: true, format: 'count' });
		expect(mix.table.rows[0]).toEqual(['2024-Q1', '2', '2 (100%)', '1 (50%)', '0 (0%)']);
		expect(mix.table.rows[1]).toEqual(['2024-Q2', '0', '—', '—', '—']);
		const impact = charts[4]!;
		expect(impact.spec.format).toBe('users');
		expect(impact.spec.datasets[0]!.data).toEqual([10, null, null, null]);
		for (const chart of charts) {
			expect(chart.summary).toMatch(/chart/);
			for (const dataset of chart.spec.datasets) expect(dataset.data).toHaveLength(chart.spec.labels.length);
		}
	});

	it('draws a small per-quarter chart for one group of incidents', () => {
		const chart = incidentsPerQuarterChart('x', 'network', archive.postmortems.filter((pm) => pm.rootCauses.includes('network')));
		expect(chart.spec.labels).toEqual(['2024-Q1']);
		expect(chart.spec.datasets[0]!.data).toEqual([2]);
	});
});

describe('time buckets', () => {
	const at = (iso: string) => new Date(iso);

	it('are quarters for a few years, years up to 40, decades beyond', () => {
		expect(periodFor(at('2017-01-01T00:00:00Z'), at('2024-12-31T00:00:00Z'))).toBe('quarter');
		expect(periodFor(at('2016-01-01T00:00:00Z'), at('2024-12-31T00:00:00Z'))).toBe('year');
		expect(periodFor(at('1985-01-01T00:00:00Z'), at('2024-12-31T00:00:00Z'))).toBe('year');
		expect(periodFor(at('1984-01-01T00:00:00Z'), at('2024-12-31T00:00:00Z'))).toBe('decade');
		expect(periodOf(at('2024-05-01T00:00:00Z'), 'quarter')).toBe('2024-Q2');
		expect(periodOf(at('2024-05-01T00:00:00Z'), 'decade')).toBe('2020s');
		expect(periodRange(at('1988-05-01T00:00:00Z'), at('2011-01-01T00:00:00Z'), 'decade')).toEqual(['1980s', '1990s', '2000s', '2010s']);
		expect(periodRange(at('2023-11-01T00:00:00Z'), at('2024-02-01T00:00:00Z'), 'quarter')).toEqual(['2023-Q4', '2024-Q1']);
	});

	it('leave a far-off incident off the axis and name it, instead of squeezing the rest', () => {
		const archive = archiveOf([
			lasting('1628/vasa', '1628-08-10T15:00:00Z', 30, { title: 'Vasa capsizes' }),
			lasting('2019/a', '2019-03-01T00:00:00Z', 30),
			lasting('2023/b', '2023-06-01T00:00:00Z', 30),
			lasting('2024/c', '2024-06-01T00:00:00Z', 30),
		]);
		const { charted, outliers } = splitOutliers(archive.postmortems);
		expect(outliers.map((pm) => pm.id)).toEqual(['1628/vasa']);
		expect(charted).toHaveLength(3);
		const trends = computeTrends(archive.postmortems, archive.rootCause);
		expect(trends.period).toBe('quarter');
		expect(trends.periods[0]!.period).toBe('2019-Q1');
		expect(trendCharts(trends)[0]!.caption).toMatch(/Not on the time axis.*Vasa capsizes \(1628-08-10\)/);
		// Three incidents over the same six years keep the rest of the axis: nothing is left out.
		expect(splitOutliers(archive.postmortems.slice(0, 3)).outliers).toEqual([]);
	});

	it('keep incidents that are merely spread out', () => {
		const archive = archiveOf([
			lasting('a', '1990-01-01T00:00:00Z', 30),
			lasting('b', '2005-01-01T00:00:00Z', 30),
			lasting('c', '2020-01-01T00:00:00Z', 30),
		]);
		const trends = computeTrends(archive.postmortems, archive.rootCause);
		expect(trends.outliers).toEqual([]);
		expect(trends.period).toBe('year');
		expect(trends.periods).toHaveLength(31);
	});
});
