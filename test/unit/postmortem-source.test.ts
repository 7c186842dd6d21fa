/**
 * Validating a postmortem file: every mistake an author can make comes back naming the file, the
 * field, its line, what was expected and what was got.
 */
import { describe, expect, it } from 'vitest';
import { formatProblem, readPostmortemText, validatePostmortem, type ContentProblem } from '../../src/lib/model/postmortem-source';
import { postmortemSchema } from '../../src/lib/model/schema';
import { invalidUtf8Offset } from '../../src/lib/model/utf8';

const schema = postmortemSchema({ rootCauseIds: ['network', 'config-change'], postmortemIds: new Set(['2024/other']) });

const VALID = `title: T
summary: S
severity: SEV3
started: 2024-03-05T10:00:00Z
resolved: 2024-03-05T11:00:00Z
services: [api]
impact:
  description: d
rootCauses: [network]`;

function check(frontmatter: string, before = '') {
	const text = readPostmortemText('pm.md', `${before}---\n${frontmatter}\n---\nBody\n`);
	if ('problems' in text) return text.problems.map(formatProblem);
	const valid = validatePostmortem('pm.md', text, schema);
	return 'problems' in valid ? valid.problems.map(formatProblem) : valid.data;
}

describe('validating a postmortem', () => {
	it('accepts a valid file, with its datetimes read as the instants written', () => {
		const data = check(VALID.replace('2024-03-05T11:00:00Z', '2024-03-05T16:30:00+05:30')) as { started: Date; resolved: Date };
		expect(data.started.toISOString()).toBe('2024-03-05T10:00:00.000Z');
		expect(data.resolved.toISOString()).toBe('2024-03-05T11:00:00.000Z');
	});

	it('names a missing field and what it should be, not the schema library\'s words', () => {
		expect(check(VALID.replace('impact:\n  description: d\n', ''))).toEqual([
			'pm.md:1: impact: missing; this field is required: expected a mapping with description (required), usersAffected, customerFacing and dataLoss',
		]);
		expect(check(VALID.replace('title: T\n', ''))).toEqual(['pm.md:1: title: missing; this field is required: expected a title as text']);
		expect(check(VALID.replace('severity: SEV3\n', ''))).toEqual(['pm.md:1: severity: missing; this field is required: expected one of "SEV1", "SEV2", "SEV3", "SEV4", "SEV5"']);
	});

	it('puts a missing field on a line: its parent\'s, or the frontmatter\'s first', () => {
		expect(check(VALID.replace('  description: d', '  customerFacing: true'))).toEqual([
			'pm.md:8: impact.description: missing; this field is required: expected a description of the impact as text',
		]);
		expect(check(VALID.replace('summary: S\n', ''), '\n')).toEqual(['pm.md:2: summary: missing; this field is required: expected a summary as text']);
	});

	it('names the line of an unknown root cause and of a date that does not exist', () => {
		expect(check(VALID.replace('rootCauses: [network]', 'rootCauses:\n  - network\n  - cosmic-rays'))).toEqual([
			expect.stringMatching(/^pm\.md:12: rootCauses\[1\]: unknown root cause "cosmic-rays"; expected one of the taxonomy ids/),
		]);
		expect(check(VALID.replace('started: 2024-03-05T10:00:00Z', 'started: 2024-03-45T10:00:00Z'))).toEqual([
			expect.stringMatching(/^pm\.md:5: started: expected an ISO 8601 datetime .*got "2024-03-45T10:00:00Z"/),
		]);
	});

	it('names the field, its line, what was expected and what was got', () => {
		expect(check(VALID.replace('  description: d', '  description: d\n  usersAffected: many'))).toEqual([
			'pm.md:10: impact.usersAffected: expected a whole number of users (0 or more); got "many"',
		]);
		expect(check(`${VALID}\nseverty: SEV1`)).toEqual([expect.stringMatching(/^pm\.md:11: severty: unknown field "severty" \(did you mean "severity"\?\)/)]);
		expect(check(`${VALID}\nrelated: [2024/nowhere]`)).toEqual([expect.stringMatching(/^pm\.md:11: related\[0\]: no postmortem has the id "2024\/nowhere"/)]);
	});

	it.each([
		['a day that does not exist', 'actionItems:\n  - { title: t, type: prevent, owner: o, due: 2024-02-30 }', /actionItems\[0\]\.due: expected a date as YYYY-MM-DD.*got "2024-02-30"/],
		['hour 25', 'detected: 2024-03-05T25:00:00Z', /:11: detected: expected an ISO 8601 datetime.*got "2024-03-05T25:00:00Z"/],
		['month 13', 'detected: 2024-13-05T10:00:00Z', /detected: expected an ISO 8601 datetime.*got "2024-13-05T10:00:00Z"/],
		['an offset of a whole day', 'detected: 2024-03-05T10:30:00+24:00', /detected: expected an ISO 8601 datetime/],
		['one-digit month and day', 'detected: 2024-3-5T10:30:00Z', /detected: expected an ISO 8601 datetime.*got "2024-3-5T10:30:00Z"/],
		['a date alone, unquoted', 'detected: 2024-03-05', /detected: .*got the date "2024-03-05" with no time of day/],
		['a date alone, quoted', 'detected: "2024-03-05"', /got the date "2024-03-05" with no time of day/],
		['a date alone through an alias', 'x: &d 2024-03-05\ndetected: *d', /detected: .*got the date "2024-03-05" with no time of day/],
		['a date alone with !!timestamp', 'detected: !!timestamp 2024-03-05', /detected: .*with no time of day/],
		['a date alone in a merged timeline entry', 'timeline:\n  - &e { at: 2024-03-05T10:00:00Z, event: a }\n  - { <<: *e, at: 2024-03-06, event: b }', /timeline\[1\]\.at: .*got the date "2024-03-06" with no time of day/],
	])('refuses %s', (_, extra, message) => {
		expect(check(`${VALID}\n${extra}`)).toEqual(expect.arrayContaining([expect.stringMatching(message)]));
	});

	it('explains a thousands separator that YAML read as a second field', () => {
		expect(check(VALID.replace('impact:\n  description: d', 'impact: { description: d, usersAffected: 1,000 }'))).toEqual([
			expect.stringMatching(/^pm\.md:8: impact\.0: unknown field "0".*write numbers without separators \(1000, not 1,000\)$/),
		]);
	});

	it('reads a file that starts with blank lines, and counts lines from the top of the file', () => {
		expect(check(`${VALID}\nseverty: x`, '\n\n')).toEqual([expect.stringMatching(/^pm\.md:13: severty:/)]);
	});

	it('refuses TOML frontmatter with the line and what to do', () => {
		const text = readPostmortemText('pm.md', '+++\ntitle = "T"\n+++\n');
		expect((text as { problems: ContentProblem[] }).problems.map(formatProblem)).toEqual([expect.stringMatching(/^pm\.md:1: expected YAML frontmatter .*TOML/)]);
	});
});

describe('finding bytes that are not UTF-8', () => {
	const bytes = (...b: number[]) => new Uint8Array(b);
	it.each([
		['ASCII', bytes(0x61, 0x62), -1],
		['two-byte é', bytes(0x61, 0xc3, 0xa9), -1],
		['four-byte emoji', bytes(0xf0, 0x9f, 0x98, 0x80), -1],
		['a Latin-1 é', bytes(0x61, 0xe9, 0x62), 1],
		['a lone continuation byte', bytes(0x80), 0],
		['an overlong slash', bytes(0xc0, 0xaf), 0],
		['an overlong three-byte form', bytes(0xe0, 0x80, 0xaf), 0],
		['a UTF-16 surrogate', bytes(0xed, 0xa0, 0x80), 0],
		['past U+10FFFF', bytes(0xf4, 0x90, 0x80, 0x80), 0],
		['a cut-off sequence', bytes(0x61, 0xe2, 0x82), 1],
	])('%s', (_, input, offset) => {
		expect(invalidUtf8Offset(input)).toBe(offset);
	});
});
