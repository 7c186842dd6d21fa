import { describe, expect, it } from 'vitest';
import { computeStats } from '../../src/lib/figures/stats';
import { incidentsPerQuarterChart, trendCharts } from '../../src/lib/present/chart-specs';
import { DURATION_BUCKETS, computeTrends, durationBucket, durationHistogram } from '../../src/lib/figures/trends';
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

	it('runs over every quarter, empty ones included, with the same figures as stats.json', () => {
		expect(trends.quarters.map((q) => q.quarter)).toEqual(['2024-Q1', '2024-Q2', '2024-Q3', '2024-Q4']);
		for (const [i, q] of trends.quarters.entries()) {
			expect({ quarter: q.quarter, count: q.count, durationMinutes: q.durationMinutes, usersAffected: q.usersAffected }).toEqual(stats.byQuarter[i]);
		}
	});

	it('counts severities, medians with n, shares and data loss per quarter', () => {
		const [q1, q2, , q4] = trends.quarters;
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
		expect(trends.quarters[0]!.rootCauseShare).toEqual({ network: 1, database: 0.5, other: 0 });
		expect(trends.quarters[1]!.rootCauseShare).toEqual({ network: null, database: null, other: null });
		expect(trends.quarters[3]!.rootCauseShare).toEqual({ network: 0, database: 0, other: 1 });
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
		expect(duration.table.rows[0]).toEqual(['2024-Q1', '2', '20 min', '28 min']);
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
