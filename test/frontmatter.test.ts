import { describe, expect, it } from 'vitest';
import { datesWhereDatetimesAreDue, splitFrontmatter } from '../src/lib/frontmatter';

describe('splitFrontmatter', () => {
	it('finds the frontmatter and where the body starts', () => {
		const text = '---\ntitle: A\n---\n\nBody';
		const split = splitFrontmatter(text);
		expect(split).toEqual({ raw: 'title: A\n', offset: 4, bodyOffset: 17 });
		expect(text.slice((split as { bodyOffset: number }).bodyOffset)).toBe('\nBody');
	});

	it('says what is missing', () => {
		expect(splitFrontmatter('title: A')).toEqual({ error: expect.stringMatching(/expected YAML frontmatter/) });
		expect(splitFrontmatter('---\ntitle: A\n')).toEqual({ error: expect.stringMatching(/closes the frontmatter/) });
	});
});

describe('datesWhereDatetimesAreDue', () => {
	it.each([
		['started: 2024-03-05', [{ field: 'started', value: '2024-03-05' }]],
		["resolved: '2024-03-05'", [{ field: 'resolved', value: '2024-03-05' }]],
		['detected: "2024-03-05 "', [{ field: 'detected', value: '2024-03-05' }]],
		['mitigated: 2024-03-05', [{ field: 'mitigated', value: '2024-03-05' }]],
		['timeline:\n  - at: 2024-03-05T10:00Z\n    event: a\n  - at: 2024-03-06\n    event: b', [{ field: 'timeline[1].at', value: '2024-03-06' }]],
	])('flags %j', (raw, expected) => {
		expect(datesWhereDatetimesAreDue(raw)).toEqual(expected);
	});

	it.each([
		'started: 2024-03-05T14:02:00Z',
		'started: 2024-03-05 14:00',
		"started: '2024-03-05T19:32:00+05:30'",
		'due: 2024-03-05', // a date field, not a datetime
		'actionItems:\n  - due: 2024-03-05',
		'started: [unclosed', // broken YAML is Astro's parser's to report
		'- a list',
	])('accepts %j', (raw) => {
		expect(datesWhereDatetimesAreDue(raw)).toEqual([]);
	});
});
