/**
 * Series for the trends charts. Durations are right-skewed (a few incidents last days), so every
 * series is a count, a sum, a share or a percentile with its n: never a mean. Quarters come from
 * the same grouping as `/api/stats.json`'s `byQuarter`, so the charts and the JSON agree.
 */
import { countBySeverity, figuresByQuarter, groupByQuarter, type QuarterFigures } from './counts';
import { countRootCauses } from './causes';
import { spread, type Spread } from './percentile';
import type { Postmortem } from '../model/postmortem';
import { SEVERITIES, type Severity } from '../model/schema';
import type { RootCause } from '../model/taxonomy';

/** Log-spaced duration buckets: each upper bound is exclusive. */
export const DURATION_BUCKETS = [
	{ label: 'under 15 min', below: 15 },
	{ label: '15–60 min', below: 60 },
	{ label: '1–4 h', below: 240 },
	{ label: '4–24 h', below: 1440 },
	{ label: '1–3 days', below: 4320 },
	{ label: 'over 3 days', below: Infinity },
] as const;

export function durationBucket(minutes: number): number {
	return DURATION_BUCKETS.findIndex((bucket) => minutes < bucket.below);
}

export interface DurationHistogram {
	labels: string[];
	overall: number[];
	bySeverity: Record<Severity, number[]>;
}

export function durationHistogram(postmortems: readonly Postmortem[]): DurationHistogram {
	const empty = () => DURATION_BUCKETS.map(() => 0);
	const bySeverity = Object.fromEntries(SEVERITIES.map((s) => [s, empty()])) as Record<Severity, number[]>;
	const overall = empty();
	for (const pm of postmortems) {
		const bucket = durationBucket(pm.durationMinutes);
		overall[bucket]!++;
		bySeverity[pm.severity][bucket]!++;
	}
	return { labels: DURATION_BUCKETS.map((b) => b.label), overall, bySeverity };
}

export interface QuarterTrend extends QuarterFigures {
	bySeverity: Record<Severity, number>;
	timeToDetectMinutes: Spread & { n: number };
	timeToMitigateMinutes: Spread & { n: number };
	/** Share (0–1) of incidents that were customer-facing; `null` in a quarter with none. */
	customerFacingShare: number | null;
	dataLossCount: number;
	/** Share (0–1) of the quarter's incidents naming each of the top causes; `null` in an empty quarter. */
	rootCauseShare: Record<string, number | null>;
}

export interface Trends {
	quarters: QuarterTrend[];
	/** The causes charted by name (most named overall); the rest are summed as "other". */
	topRootCauses: { id: string; name: string }[];
	histogram: DurationHistogram;
}

const OTHER = 'other';

export function computeTrends(
	postmortems: readonly Postmortem[],
	rootCause: (id: string) => RootCause,
	topCauses = 5
): Trends {
	const ranked = countRootCauses(postmortems, rootCause);
	const top = ranked.slice(0, topCauses).map(({ id, name }) => ({ id, name }));
	const topIds = new Set(top.map((c) => c.id));
	const figures = figuresByQuarter(postmortems);
	const quarters = groupByQuarter(postmortems).map(({ postmortems: list }, i): QuarterTrend => {
		const n = list.length;
		const share = (count: number) => (n === 0 ? null : count / n);
		const known = (values: (number | null)[]) => ({ ...spread(values), n: values.filter((v) => v !== null).length });
		const rootCauseShare: Record<string, number | null> = {};
		for (const cause of top) rootCauseShare[cause.id] = share(list.filter((pm) => pm.rootCauses.includes(cause.id)).length);
		rootCauseShare[OTHER] = share(list.filter((pm) => pm.rootCauses.some((c) => !topIds.has(c))).length);
		return {
			...figures[i]!,
			bySeverity: countBySeverity(list),
			timeToDetectMinutes: known(list.map((pm) => pm.timeToDetectMinutes)),
			timeToMitigateMinutes: known(list.map((pm) => pm.timeToMitigateMinutes)),
			customerFacingShare: share(list.filter((pm) => pm.impact.customerFacing === true).length),
			dataLossCount: list.filter((pm) => pm.impact.dataLoss === true).length,
			rootCauseShare,
		};
	});
	return {
		quarters,
		topRootCauses: ranked.length > topCauses ? [...top, { id: OTHER, name: 'Other causes' }] : top,
		histogram: durationHistogram(postmortems),
	};
}
