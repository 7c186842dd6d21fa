import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { formatMinutes, formatUtc } from '../../src/lib/present/format';
import { monthOf, parseDate, parseDateTime, quarterOf } from '../../src/lib/model/datetime';
import { deriveFigures } from '../../src/lib/model/postmortem';
import { postmortemSchema } from '../../src/lib/model/schema';
import { DEFAULT_ROOT_CAUSE_IDS } from '../../src/lib/model/taxonomy';

const schema = postmortemSchema({ rootCauseIds: DEFAULT_ROOT_CAUSE_IDS });
const base = {
	title: 't',
	summary: 's',
	severity: 'SEV3',
	services: ['api'],
	impact: { description: 'd' },
	rootCauses: ['network'],
};
const figures = (times: Record<string, unknown>) => deriveFigures(schema.parse({ ...base, ...times }));

// Run every case in UTC and in a zone 14 hours ahead of it: a datetime without an offset must mean
// UTC whatever the build machine's clock says.
describe.each(['UTC', 'Pacific/Kiritimati', 'America/St_Johns'])('under TZ=%s', (zone) => {
	const original = process.env.TZ;
	beforeAll(() => {
		process.env.TZ = zone;
	});
	afterAll(() => {
		process.env.TZ = original;
	});

	it('is really running in that zone', () => {
		const offset = new Date(2024, 0, 15).getTimezoneOffset();
		expect(offset).toBe({ UTC: 0, 'Pacific/Kiritimati': -840, 'America/St_Johns': 210 }[zone]);
	});

	it('reads a datetime without an offset as UTC', () => {
		expect(parseDateTime('2024-03-05 14:00')?.toISOString()).toBe('2024-03-05T14:00:00.000Z');
		expect(parseDateTime('2024-03-05T14:00:30')?.toISOString()).toBe('2024-03-05T14:00:30.000Z');
	});

	it('applies offsets', () => {
		expect(parseDateTime('2024-03-05T19:32:00+05:30')?.toISOString()).toBe('2024-03-05T14:02:00.000Z');
		expect(parseDateTime('2024-03-05T06:02:00-0800')?.toISOString()).toBe('2024-03-05T14:02:00.000Z');
		expect(parseDateTime('2024-03-05T14:02:00Z')?.toISOString()).toBe('2024-03-05T14:02:00.000Z');
	});

	it('derives duration, time to detect and time to mitigate in minutes, unrounded', () => {
		const f = figures({
			started: '2024-03-05T14:00:00Z',
			detected: '2024-03-05T19:37:30+05:30', // 14:07:30 UTC
			mitigated: '2024-03-05 14:45',
			resolved: '2024-03-06T01:30:00+10:00', // 15:30 UTC
		});
		expect(f.durationMinutes).toBe(90);
		expect(f.timeToDetectMinutes).toBe(7.5);
		expect(f.timeToMitigateMinutes).toBe(45);
	});

	it('gives null for a missing time', () => {
		const f = figures({ started: '2024-03-05T14:00:00Z', resolved: '2024-03-05T14:00:00Z' });
		expect(f).toMatchObject({ durationMinutes: 0, timeToDetectMinutes: null, timeToMitigateMinutes: null });
	});

	it('puts an incident in the quarter and month of started, in UTC', () => {
		// 23:30 on 31 March UTC is already April in Kiritimati: the contract says UTC.
		const f = figures({ started: '2024-03-31T23:30:00Z', resolved: '2024-04-01T01:00:00Z' });
		expect(f).toMatchObject({ quarter: '2024-Q1', month: '2024-03', year: '2024' });
		// 01:00+14:00 on 1 January is still the previous year in UTC.
		const g = figures({ started: '2025-01-01T01:00:00+14:00', resolved: '2025-01-01T02:00:00+14:00' });
		expect(g).toMatchObject({ quarter: '2024-Q4', month: '2024-12', year: '2024' });
	});

	it('shows times in UTC', () => {
		expect(formatUtc(new Date('2024-03-05T14:02:00Z'))).toBe('2024-03-05 14:02 UTC');
	});
});

describe('datetime parsing', () => {
	it.each(['2024-03-05', '2024-13-01T00:00:00Z', '2024-02-30T00:00:00Z', '2024-03-05T24:00:00Z', '2024-03-05T14:60Z', 'yesterday', '2024-03-05T14:00:00+25:00'])(
		'rejects %s',
		(value) => expect(parseDateTime(value)).toBeUndefined()
	);

	it('accepts 29 February in a leap year only', () => {
		expect(parseDateTime('2024-02-29T00:00:00Z')).toBeDefined();
		expect(parseDateTime('2023-02-29T00:00:00Z')).toBeUndefined();
		expect(parseDate('2024-02-29')).toBe('2024-02-29');
		expect(parseDate('2023-02-29')).toBeUndefined();
	});

	it('names quarters and months in UTC', () => {
		expect(quarterOf(new Date('2024-10-01T00:00:00Z'))).toBe('2024-Q4');
		expect(monthOf(new Date('2024-10-01T00:00:00Z'))).toBe('2024-10');
	});

	it('formats durations as people say them', () => {
		expect(formatMinutes(null)).toBe('—');
		expect(formatMinutes(0)).toBe('0 min');
		expect(formatMinutes(0.5)).toBe('30 s');
		expect(formatMinutes(45)).toBe('45 min');
		expect(formatMinutes(125)).toBe('2 h 5 min');
		expect(formatMinutes(1440 * 3 + 60)).toBe('3 d 1 h');
	});
});
