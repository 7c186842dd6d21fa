/**
 * The time buckets of a chart: quarters for a few years, years or decades beyond, so that an axis
 * always has a readable number of bars. An incident so far from the rest that reaching it would
 * squeeze every other bar into a sliver (a public archive that starts with a 1628 shipwreck) is
 * named beside the chart instead of stretching its axis.
 */
import { quarterOf } from '../model/datetime';
import type { Postmortem } from '../model/postmortem';
import { quarterRange } from './counts';

export type Period = 'quarter' | 'year' | 'decade';

/**
 * Quarters up to 8 years (32 bars: a phone can still label them), years up to 40, decades beyond.
 * Chosen so a bar is never thinner than about 10 px on a 390 px phone.
 */
const MAX_QUARTER_YEARS = 8;
const MAX_YEAR_YEARS = 40;

/**
 * An incident is an outlier when more than this many years, and more than twice the whole span of
 * the incidents left, separate it from the next one: an axis reaching it would give the rest of the
 * archive less than a third of the chart. Incidents that are merely spread out stay on it.
 */
const OUTLIER_GAP_YEARS = 10;
const OUTLIER_GAP_FACTOR = 2;

const YEAR_MS = 365.25 * 24 * 3600 * 1000;

/** The period that fits incidents from `first` to `last`. */
export function periodFor(first: Date, last: Date): Period {
	const years = last.getUTCFullYear() - first.getUTCFullYear() + 1;
	if (years <= MAX_QUARTER_YEARS) return 'quarter';
	if (years <= MAX_YEAR_YEARS) return 'year';
	return 'decade';
}

/** `2024-Q1`, `2024` or `2020s`: the bucket of an instant, in UTC. */
export function periodOf(date: Date, period: Period): string {
	const year = date.getUTCFullYear();
	if (period === 'quarter') return quarterOf(date);
	if (period === 'year') return String(year);
	return `${Math.floor(year / 10) * 10}s`;
}

/** Every bucket from the first to the last, inclusive, empty ones included. */
export function periodRange(first: Date, last: Date, period: Period): string[] {
	if (period === 'quarter') return quarterRange(quarterOf(first), quarterOf(last));
	const out: string[] = [];
	const step = period === 'year' ? 1 : 10;
	const start = period === 'year' ? first.getUTCFullYear() : Math.floor(first.getUTCFullYear() / 10) * 10;
	for (let year = start; year <= last.getUTCFullYear(); year += step) out.push(period === 'year' ? String(year) : `${year}s`);
	return out;
}

/** The incidents to chart, and those too far from the rest to share an axis with them. */
export function splitOutliers(postmortems: readonly Postmortem[]): { charted: Postmortem[]; outliers: Postmortem[] } {
	const sorted = [...postmortems].sort((a, b) => a.started.getTime() - b.started.getTime() || (a.id < b.id ? -1 : 1));
	let from = 0;
	let to = sorted.length - 1;
	const gap = (a: Postmortem, b: Postmortem) => (b.started.getTime() - a.started.getTime()) / YEAR_MS;
	// Trim from whichever end is the far one, while what is left keeps at least two incidents.
	for (;;) {
		if (to - from < 2) break;
		const rest = gap(sorted[from + 1]!, sorted[to]!);
		const restFromEnd = gap(sorted[from]!, sorted[to - 1]!);
		if (gap(sorted[from]!, sorted[from + 1]!) > Math.max(OUTLIER_GAP_YEARS, OUTLIER_GAP_FACTOR * rest)) from++;
		else if (gap(sorted[to - 1]!, sorted[to]!) > Math.max(OUTLIER_GAP_YEARS, OUTLIER_GAP_FACTOR * restFromEnd)) to--;
		else break;
	}
	return { charted: sorted.slice(from, to + 1), outliers: [...sorted.slice(0, from), ...sorted.slice(to + 1)] };
}
