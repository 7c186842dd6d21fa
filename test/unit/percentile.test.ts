import { describe, expect, it } from 'vitest';
import { percentile, spread } from '../../src/lib/figures/percentile';

// Expected values computed by hand with numpy's default (linear) method:
// rank = p × (n − 1), interpolating between the neighbouring sorted values.
describe('percentile (linear interpolation, numpy default / PERCENTILE.INC)', () => {
	it('is null over an empty set', () => {
		expect(percentile([], 0.5)).toBeNull();
		expect(spread([])).toEqual({ median: null, p90: null });
	});

	it('is the value itself for n = 1', () => {
		expect(spread([42])).toEqual({ median: 42, p90: 42 });
	});

	it('interpolates for n = 2', () => {
		// median: rank 0.5 → 10 + 0.5 × 20 = 20; p90: rank 0.9 → 10 + 0.9 × 20 = 28
		expect(spread([30, 10])).toEqual({ median: 20, p90: 28 });
	});

	it('takes the middle value for odd n', () => {
		// sorted 1 2 3 4 100: median rank 2 → 3; p90 rank 3.6 → 4 + 0.6 × 96 = 61.6
		const s = spread([100, 3, 1, 4, 2]);
		expect(s.median).toBe(3);
		expect(s.p90).toBeCloseTo(61.6, 10);
	});

	it('averages the middle pair for even n', () => {
		// sorted 5 10 20 40: median rank 1.5 → 15; p90 rank 2.7 → 20 + 0.7 × 20 = 34
		const s = spread([40, 5, 20, 10]);
		expect(s.median).toBe(15);
		expect(s.p90).toBeCloseTo(34, 10);
	});

	it('matches numpy.percentile to the last bit, floating-point rounding included', () => {
		// numpy 1.x/2.x: np.percentile([1, 2, 3, 4, 100], 90) == 61.60000000000001 and
		// np.percentile([3.3, 1.1, 7.7, 2.2, 9.9, 4.4, 15.5], 90) == 12.140000000000002
		expect(percentile([1, 2, 3, 4, 100], 0.9)).toBe(61.60000000000001);
		expect(percentile([3.3, 1.1, 7.7, 2.2, 9.9, 4.4, 15.5], 0.9)).toBe(12.140000000000002);
		expect(percentile([3.3, 1.1, 7.7, 2.2, 9.9, 4.4, 15.5], 0.5)).toBe(4.4);
	});

	it('leaves missing figures out rather than counting them as zero', () => {
		expect(spread([null, 10, null, 30])).toEqual({ median: 20, p90: 28 });
		expect(spread([null, null])).toEqual({ median: null, p90: null });
	});

	it('gives the extremes at p = 0 and p = 1 and rejects p outside [0, 1]', () => {
		expect(percentile([3, 1, 2], 0)).toBe(1);
		expect(percentile([3, 1, 2], 1)).toBe(3);
		expect(() => percentile([1], 1.5)).toThrow(RangeError);
	});
});
