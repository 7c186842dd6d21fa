/**
 * Percentiles by linear interpolation between closest ranks: numpy's default `percentile`, and
 * spreadsheets' PERCENTILE.INC. `null` over an empty set, never `NaN` or `0`.
 */
export function percentile(values: readonly number[], p: number): number | null {
	if (p < 0 || p > 1) throw new RangeError(`percentile p must be within [0, 1]; got ${p}`);
	if (values.length === 0) return null;
	const sorted = [...values].sort((a, b) => a - b);
	const rank = p * (sorted.length - 1);
	const lower = Math.floor(rank);
	const upper = Math.ceil(rank);
	const low = sorted[lower]!;
	const high = sorted[upper]!;
	const t = rank - lower;
	// numpy's lerp, to the last bit: from the nearer end, so results match its floating point.
	return t >= 0.5 ? high - (high - low) * (1 - t) : low + (high - low) * t;
}

export interface Spread {
	median: number | null;
	p90: number | null;
}

/** The median and p90 of the values that are known; `null`s (missing times) are left out. */
export function spread(values: readonly (number | null)[]): Spread {
	const known = values.filter((v): v is number => v !== null);
	return { median: percentile(known, 0.5), p90: percentile(known, 0.9) };
}
