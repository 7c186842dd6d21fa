/**
 * Chart specifications: what each chart draws and the table that carries the same numbers for
 * readers without JavaScript or a screen. Serialisable, so a page passes them to the browser as is.
 */
import { formatCount, formatDay, formatMinutes, formatPercent } from './format';
import type { Postmortem } from '../model/postmortem';
import { SEVERITIES } from '../model/schema';
import { P90_MIN_INCIDENTS, type Trends } from '../figures/trends';
import { groupByQuarter } from '../figures/counts';

export interface ChartDataset {
	label: string;
	data: (number | null)[];
	/** A CSS custom property, resolved in the browser so charts follow the light and dark themes. */
	color: string;
	/** Line charts: draw dashed (a secondary series such as p90). */
	dashed?: boolean;
}

export interface ChartSpec {
	type: 'bar' | 'line';
	labels: string[];
	datasets: ChartDataset[];
	stacked?: boolean;
	/**
	 * How the y axis and tooltips show values: `minutes` and `users` on a log scale, so a day and a
	 * minute, or fifty million users and fifty, both stay readable.
	 */
	format: 'count' | 'minutes' | 'percent' | 'users';
	yTitle: string;
	/** Incidents behind each label, shown with every point's tooltip. */
	counts?: number[];
}

export interface ChartTable {
	columns: string[];
	rows: string[][];
}

export interface Chart {
	id: string;
	title: string;
	/** The chart in one sentence, for screen readers (`aria-label`). */
	summary: string;
	/** What a reader needs to read the chart right (a threshold, what is left out), under it. */
	caption?: string | undefined;
	spec: ChartSpec;
	table: ChartTable;
}

const SEVERITY_COLORS: Record<string, string> = {
	SEV1: '--hs-sev1',
	SEV2: '--hs-sev2',
	SEV3: '--hs-sev3',
	SEV4: '--hs-sev4',
	SEV5: '--hs-sev5',
};
const SERIES_COLORS = ['--hs-series-1', '--hs-series-2', '--hs-series-3', '--hs-series-4', '--hs-series-5', '--hs-series-6'];

const span = (labels: string[], unit = 'quarters') => (labels.length ? `${labels[0]} to ${labels.at(-1)}` : `no ${unit}`);

const PERIOD_NAMES = { quarter: 'Quarter', year: 'Year', decade: 'Decade' } as const;

/** The six charts of `/trends/`. */
export function trendCharts(trends: Trends): Chart[] {
	const labels = trends.periods.map((p) => p.period);
	const unit = trends.period;
	const Unit = PERIOD_NAMES[unit];
	const range = span(labels, `${unit}s`);
	const counts = trends.periods.map((p) => p.count);
	const present = SEVERITIES.filter((s) => trends.periods.some((p) => p.bySeverity[s] > 0));
	const histogramSeverities = SEVERITIES.filter((s) => trends.histogram.bySeverity[s].some((n) => n > 0));
	const outliers = trends.outliers.length
		? ` Not on the time axis, so that it does not squeeze the rest: ${trends.outliers.map((pm) => `${pm.title} (${formatDay(pm.started)})`).join('; ')}.`
		: '';
	const timeCaption = (text = '') => (text + outliers).trim() || undefined;
	return [
		{
			id: 'incidents-per-quarter',
			title: `Incidents per ${unit}, by severity`,
			summary: `Stacked bar chart of incidents per ${unit} by severity, ${range}.`,
			caption: timeCaption(),
			spec: {
				type: 'bar',
				labels,
				stacked: true,
				format: 'count',
				yTitle: 'incidents',
				counts,
				datasets: present.map((s) => ({ label: s, data: trends.periods.map((p) => p.bySeverity[s]), color: SEVERITY_COLORS[s]! })),
			},
			table: {
				columns: [Unit, 'Incidents', ...present],
				rows: trends.periods.map((p) => [p.period, String(p.count), ...present.map((s) => String(p.bySeverity[s]))]),
			},
		},
		{
			id: 'duration-per-quarter',
			title: `Incident duration per ${unit}: median and p90`,
			summary: `Line chart of the median and 90th percentile incident duration per ${unit}, ${range}, on a logarithmic scale.`,
			caption: timeCaption(`p90 only for ${unit}s with at least ${P90_MIN_INCIDENTS} incidents; logarithmic scale.`),
			spec: {
				type: 'line',
				labels,
				format: 'minutes',
				yTitle: 'duration',
				counts,
				datasets: [
					{ label: 'median', data: trends.periods.map((p) => p.durationMinutes.median), color: '--hs-series-1' },
					{ label: 'p90', data: trends.periods.map((p) => p.durationMinutes.p90), color: '--hs-series-2', dashed: true },
				],
			},
			table: {
				columns: [Unit, 'Incidents', 'Median', 'p90'],
				rows: trends.periods.map((p) => [p.period, String(p.count), formatMinutes(p.durationMinutes.median), formatMinutes(p.durationMinutes.p90)]),
			},
		},
		{
			id: 'detect-mitigate-per-quarter',
			title: `Time to detect and to mitigate per ${unit}: medians`,
			summary: `Line chart of the median time to detect and median time to mitigate per ${unit}, ${range}, on a logarithmic scale.`,
			caption: timeCaption('Time after impact began; logarithmic scale.'),
			spec: {
				type: 'line',
				labels,
				format: 'minutes',
				yTitle: 'after start',
				counts,
				datasets: [
					{ label: 'time to detect', data: trends.periods.map((p) => p.timeToDetectMinutes.median), color: '--hs-series-3' },
					{ label: 'time to mitigate', data: trends.periods.map((p) => p.timeToMitigateMinutes.median), color: '--hs-series-4' },
				],
			},
			table: {
				columns: [Unit, 'Detect n', 'Median time to detect', 'Mitigate n', 'Median time to mitigate'],
				rows: trends.periods.map((p) => [
					p.period,
					String(p.timeToDetectMinutes.n),
					formatMinutes(p.timeToDetectMinutes.median),
					String(p.timeToMitigateMinutes.n),
					formatMinutes(p.timeToMitigateMinutes.median),
				]),
			},
		},
		{
			id: 'duration-distribution',
			title: 'How long incidents last: the distribution',
			summary: `Bar chart of how many incidents fall in each duration band, from under 15 minutes to over 3 days, by severity.`,
			spec: {
				type: 'bar',
				labels: trends.histogram.labels,
				stacked: true,
				format: 'count',
				yTitle: 'incidents',
				counts: trends.histogram.overall,
				datasets: histogramSeverities.map((s) => ({ label: s, data: trends.histogram.bySeverity[s], color: SEVERITY_COLORS[s]! })),
			},
			table: {
				columns: ['Duration', 'All', ...histogramSeverities],
				rows: trends.histogram.labels.map((label, i) => [
					label,
					String(trends.histogram.overall[i]),
					...histogramSeverities.map((s) => String(trends.histogram.bySeverity[s][i])),
				]),
			},
		},
		{
			id: 'impact-per-quarter',
			title: `Impact per ${unit}: users affected, customer-facing share, data loss`,
			summary: `Bar chart of users affected per ${unit}, ${range}, on a logarithmic scale; the table adds the customer-facing share and incidents with data loss.`,
			caption: timeCaption(`Logarithmic scale, so small ${unit}s stay visible; a ${unit} with no users affected recorded has no bar.`),
			spec: {
				type: 'bar',
				labels,
				format: 'users',
				yTitle: 'users affected',
				counts,
				datasets: [{ label: 'users affected', data: trends.periods.map((p) => (p.usersAffected > 0 ? p.usersAffected : null)), color: '--hs-series-1' }],
			},
			table: {
				columns: [Unit, 'Incidents', 'Users affected', 'Customer-facing', 'With data loss'],
				rows: trends.periods.map((p) => [p.period, String(p.count), formatCount(p.usersAffected), formatPercent(p.customerFacingShare), String(p.dataLossCount)]),
			},
		},
		{
			id: 'root-cause-mix',
			title: `Root-cause mix per ${unit}`,
			summary: `Stacked bar chart of how many of each ${unit}'s incidents name each of the top root causes, ${range}.`,
			caption: timeCaption('An incident that names several causes counts once for each.'),
			spec: {
				type: 'bar',
				labels,
				stacked: true,
				format: 'count',
				yTitle: 'incidents naming it',
				counts,
				datasets: trends.topRootCauses.map((cause, i) => ({
					label: cause.name,
					data: trends.periods.map((p) => p.rootCauseCounts[cause.id] ?? 0),
					color: SERIES_COLORS[i % SERIES_COLORS.length]!,
				})),
			},
			table: {
				columns: [Unit, 'Incidents', ...trends.topRootCauses.map((c) => c.name)],
				rows: trends.periods.map((p) => [
					p.period,
					String(p.count),
					...trends.topRootCauses.map((c) => (p.count ? `${p.rootCauseCounts[c.id] ?? 0} (${formatPercent(p.rootCauseShare[c.id] ?? null)})` : '—')),
				]),
			},
		},
	];
}

/** A small chart of one service's or one cause's incidents per quarter. */
export function incidentsPerQuarterChart(id: string, what: string, postmortems: readonly Postmortem[]): Chart {
	const groups = groupByQuarter(postmortems);
	const labels = groups.map((g) => g.quarter);
	return {
		id,
		title: `Incidents per quarter`,
		summary: `Bar chart of ${what} incidents per quarter, ${span(labels)}.`,
		spec: {
			type: 'bar',
			labels,
			format: 'count',
			yTitle: 'incidents',
			counts: groups.map((g) => g.postmortems.length),
			datasets: [{ label: 'incidents', data: groups.map((g) => g.postmortems.length), color: '--hs-series-1' }],
		},
		table: { columns: ['Quarter', 'Incidents'], rows: groups.map((g) => [g.quarter, String(g.postmortems.length)]) },
	};
}
