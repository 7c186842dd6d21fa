/**
 * The same content gives the same site: built twice, and built on a machine whose clock is 14
 * hours ahead of UTC.
 */
import { describe, expect, it } from 'vitest';
import { createHash } from 'node:crypto';
import { buildFixture, readOutput } from '../support/build';

function digests(dist: string): Map<string, string> {
	return new Map(readOutput(dist).map((f) => [f.path, createHash('sha256').update(f.text).digest('hex')]));
}

function differences(a: Map<string, string>, b: Map<string, string>): string[] {
	const paths = new Set([...a.keys(), ...b.keys()]);
	return [...paths].filter((p) => a.get(p) !== b.get(p)).sort();
}

describe('deterministic builds', () => {
	it('gives the same files when built twice', async () => {
		const first = await buildFixture('basic', { env: { TZ: 'UTC' }, variant: 'utc' });
		const second = await buildFixture('basic', { env: { TZ: 'UTC', HINDSIGHT_REBUILD: '1' }, variant: 'utc-again' });
		expect(first.code).toBe(0);
		expect(second.code).toBe(0);
		const a = digests(first.dist);
		expect(a.size).toBeGreaterThan(20);
		expect(differences(a, digests(second.dist))).toEqual([]);
	}, 300_000);

	it('gives the same files under TZ=Pacific/Kiritimati as under TZ=UTC', async () => {
		const utc = await buildFixture('basic', { env: { TZ: 'UTC' }, variant: 'utc' });
		const kiritimati = await buildFixture('basic', { env: { TZ: 'Pacific/Kiritimati' }, variant: 'kiritimati' });
		expect(kiritimati.code).toBe(0);
		expect(differences(digests(utc.dist), digests(kiritimati.dist))).toEqual([]);
	}, 300_000);
});
