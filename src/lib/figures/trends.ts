/**
 * Series for the trends charts. Durations are right-skewed (a few incidents last days), so every
 * series is a count, a sum, a share or a percentile with its n: never a mean. The time buckets fit
 * the archive's span (`periods.ts`); `/api/stats.json` keeps its contract's quarters.
 */
import { countBySeverity, sumUsersAffected } from './counts';
import { periodFor, periodOf, periodRange, splitOutliers, type Period } from './periods';
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

/**
 * A p90 of fewer incidents is mostly the slowest one or two: charts show it from this many on,
 * the number a p90 needs before it says more than "the maximum" (with 5, it interpolates between
 * the 4th and 5th values, not the last alone).
 */
export const P90_MIN_INCIDENTS = 5;

export interface PeriodTrend {
	/** `2024-Q1`, `2024` or `2020s`. */
	period: string;
	count: number;
	/** Median always; p90 only from {@link P90_MIN_INCIDENTS} incidents on, else `null`. */
	durationMinutes: Spread;
	usersAffected: number;
	bySeverity: Record<Severity, number>;
	timeToDetectMinutes: Spread & { n: number };
	timeToMitigateMinutes: Spread & { n: number };
	/** Share (0–1) of incidents that were customer-facing; `null` in a period with none. */
	customerFacingShare: number | null;
	dataLossCount: number;
	/** Incidents naming each of the top causes (an incident may name several). */
	rootCauseCounts: Record<string, number>;
	/** Share (0–1) of the period's incidents naming each of the top causes; `null` in an empty period. */
	rootCauseShare: Record<string, number | null>;
}

export interface Trends {
	period: Period;
	periods: PeriodTrend[];
	/** Incidents too far from the rest to share the time axis: named beside the charts instead. */
	outliers: Postmortem[];
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
	const { charted, outliers } = splitOutliers(postmortems);
	const period = charted.length ? periodFor(charted[0]!.started, charted.at(-1)!.started) : 'quarter';
	const groups = new Map((charted.length ? periodRange(charted[0]!.started, charted.at(-1)!.started, period) : []).map((label) => [label, [] as Postmortem[]]));
	for (const pm of charted) groups.get(periodOf(pm.started, period))!.push(pm);
	const periods = [...groups].map(([label, list]): PeriodTrend => {
		const n = list.length;
		const share = (count: number) => (n === 0 ? null : count / n);
		const known = (values: (number | null)[]) => ({ ...spread(values), n: values.filter((v) => v !== null).length });
		const duration = spread(list.map((pm) => pm.durationMinutes));
		const rootCauseCounts: Record<string, number> = {};
		for (const cause of top) rootCauseCounts[cause.id] = list.filter((pm) => pm.rootCauses.includes(cause.id)).length;
		rootCauseCounts[OTHER] = list.filter((pm) => pm.rootCauses.some((c) => !topIds.has(c))).length;
		return {
			period: label,
			count: n,
			durationMinutes: { median: duration.median, p90: n >= P90_MIN_INCIDENTS ? duration.p90 : null },
			usersAffected: sumUsersAffected(list),
			bySeverity: countBySeverity(list),
			timeToDetectMinutes: known(list.map((pm) => pm.timeToDetectMinutes)),
			timeToMitigateMinutes: known(list.map((pm) => pm.timeToMitigateMinutes)),
			customerFacingShare: share(list.filter((pm) => pm.impact.customerFacing === true).length),
			dataLossCount: list.filter((pm) => pm.impact.dataLoss === true).length,
			rootCauseCounts,
			rootCauseShare: Object.fromEntries(Object.entries(rootCauseCounts).map(([id, count]) => [id, share(count)])),
		};
	});
	return {
		period,
		periods,
		outliers,
		topRootCauses: ranked.length > topCauses ? [...top, { id: OTHER, name: 'Other causes' }] : top,
		histogram: durationHistogram(postmortems),
	};
}
