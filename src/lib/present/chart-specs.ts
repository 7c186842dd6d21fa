/**
 * Chart specifications: what each chart draws and the table that carries the same numbers for
 * readers without JavaScript or a screen. Serialisable, so a page passes them to the browser as is.
 */
import { formatMinutes, formatPercent } from './format';
import type { Postmortem } from '../model/postmortem';
import { SEVERITIES } from '../model/schema';
import type { Trends } from '../figures/trends';
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
	/** How the y axis and tooltips show values. */
	format: 'count' | 'minutes' | 'percent';
	yTitle: string;
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

const span = (labels: string[]) => (labels.length ? `${labels[0]} to ${labels.at(-1)}` : 'no quarters');

/** The six charts of `/trends/`. */
export function trendCharts(trends: Trends): Chart[] {
	const quarters = trends.quarters.map((q) => q.quarter);
	const range = span(quarters);
	const present = SEVERITIES.filter((s) => trends.quarters.some((q) => q.bySeverity[s] > 0));
	const histogramSeverities = SEVERITIES.filter((s) => trends.histogram.bySeverity[s].some((n) => n > 0));
	return [
		{
			id: 'incidents-per-quarter',
			title: 'Incidents per quarter, by severity',
			summary: `Stacked bar chart of incidents per quarter by severity, ${range}.`,
			spec: {
				type: 'bar',
				labels: quarters,
				stacked: true,
				format: 'count',
				yTitle: 'incidents',
				datasets: present.map((s) => ({ label: s, data: trends.quarters.map((q) => q.bySeverity[s]), color: SEVERITY_COLORS[s]! })),
			},
			table: {
				columns: ['Quarter', 'Incidents', ...present],
				rows: trends.quarters.map((q) => [q.quarter, String(q.count), ...present.map((s) => String(q.bySeverity[s]))]),
			},
		},
		{
			id: 'duration-per-quarter',
			title: 'Incident duration per quarter: median and p90',
			summary: `Line chart of the median and 90th percentile incident duration per quarter, ${range}.`,
			spec: {
				type: 'line',
				labels: quarters,
				format: 'minutes',
				yTitle: 'duration',
				datasets: [
					{ label: 'median', data: trends.quarters.map((q) => q.durationMinutes.median), color: '--hs-series-1' },
					{ label: 'p90', data: trends.quarters.map((q) => q.durationMinutes.p90), color: '--hs-series-2', dashed: true },
				],
			},
			table: {
				columns: ['Quarter', 'n', 'Median', 'p90'],
				rows: trends.quarters.map((q) => [q.quarter, String(q.count), formatMinutes(q.durationMinutes.median), formatMinutes(q.durationMinutes.p90)]),
			},
		},
		{
			id: 'detect-mitigate-per-quarter',
			title: 'Time to detect and to mitigate per quarter: medians',
			summary: `Line chart of the median time to detect and median time to mitigate per quarter, ${range}.`,
			spec: {
				type: 'line',
				labels: quarters,
				format: 'minutes',
				yTitle: 'minutes after impact began',
				datasets: [
					{ label: 'time to detect', data: trends.quarters.map((q) => q.timeToDetectMinutes.median), color: '--hs-series-3' },
					{ label: 'time to mitigate', data: trends.quarters.map((q) => q.timeToMitigateMinutes.median), color: '--hs-series-4' },
				],
			},
			table: {
				columns: ['Quarter', 'Detect n', 'Median time to detect', 'Mitigate n', 'Median time to mitigate'],
				rows: trends.quarters.map((q) => [
					q.quarter,
					String(q.timeToDetectMinutes.n),
					formatMinutes(q.timeToDetectMinutes.median),
					String(q.timeToMitigateMinutes.n),
					formatMinutes(q.timeToMitigateMinutes.median),
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
			title: 'Impact per quarter: users affected, customer-facing share, data loss',
			summary: `Bar chart of users affected per quarter, ${range}; the table adds the customer-facing share and incidents with data loss.`,
			spec: {
				type: 'bar',
				labels: quarters,
				format: 'count',
				yTitle: 'users affected',
				datasets: [{ label: 'users affected', data: trends.quarters.map((q) => q.usersAffected), color: '--hs-series-1' }],
			},
			table: {
				columns: ['Quarter', 'Incidents', 'Users affected', 'Customer-facing', 'With data loss'],
				rows: trends.quarters.map((q) => [
					q.quarter,
					String(q.count),
					q.usersAffected.toLocaleString('en-US'),
					formatPercent(q.customerFacingShare),
					String(q.dataLossCount),
				]),
			},
		},
		{
			id: 'root-cause-mix',
			title: 'Root-cause mix per quarter',
			summary: `Line chart of the share of each quarter's incidents naming each of the top root causes, ${range}.`,
			spec: {
				type: 'line',
				labels: quarters,
				format: 'percent',
				yTitle: 'share of incidents',
				datasets: trends.topRootCauses.map((cause, i) => ({
					label: cause.name,
					data: trends.quarters.map((q) => q.rootCauseShare[cause.id] ?? null),
					color: SERIES_COLORS[i % SERIES_COLORS.length]!,
				})),
			},
			table: {
				columns: ['Quarter', 'Incidents', ...trends.topRootCauses.map((c) => c.name)],
				rows: trends.quarters.map((q) => [q.quarter, String(q.count), ...trends.topRootCauses.map((c) => formatPercent(q.rootCauseShare[c.id] ?? null))]),
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
			datasets: [{ label: 'incidents', data: groups.map((g) => g.postmortems.length), color: '--hs-series-1' }],
		},
		table: { columns: ['Quarter', 'Incidents'], rows: groups.map((g) => [g.quarter, String(g.postmortems.length)]) },
	};
}
