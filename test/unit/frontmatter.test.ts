/**
 * Reading frontmatter: where it is, and its YAML as plain data in which every date is the text that
 * was written, whatever path YAML took to it, so that the schema can refuse what YAML would roll over.
 */
import { describe, expect, it } from 'vitest';
import { parseFrontmatter, splitFrontmatter } from '../../src/lib/model/frontmatter';

describe('splitFrontmatter', () => {
	it('finds the frontmatter, its first line and where the body starts', () => {
		const text = '---\ntitle: A\n---\n\nBody';
		const split = splitFrontmatter(text);
		expect(split).toEqual({ raw: 'title: A\n', offset: 4, line: 2, bodyOffset: 17 });
		expect(text.slice((split as { bodyOffset: number }).bodyOffset)).toBe('\nBody');
	});

	it('allows a byte-order mark and blank lines before the opening fence, as Astro does', () => {
		expect(splitFrontmatter('\n\n---\ntitle: A\n---\nB')).toMatchObject({ raw: 'title: A\n', line: 4 });
		expect(splitFrontmatter('\uFEFF---\ntitle: A\n---\n')).toMatchObject({ raw: 'title: A\n', line: 2 });
		expect(splitFrontmatter('\r\n---\r\ntitle: A\r\n---\r\n')).toMatchObject({ raw: 'title: A\r\n' });
	});

	it('says what is missing, and refuses TOML rather than leaving it unchecked', () => {
		expect(splitFrontmatter('title: A')).toEqual({ error: expect.stringMatching(/expected YAML frontmatter/) });
		expect(splitFrontmatter('---\ntitle: A\n')).toEqual({ error: expect.stringMatching(/closes the frontmatter/) });
		expect(splitFrontmatter('+++\ntitle = "A"\n+++\n')).toEqual({ error: expect.stringMatching(/got TOML \(\+\+\+\), which Hindsight does not read: rewrite it as YAML/) });
		expect(splitFrontmatter('\n+++\ntitle = "A"\n+++\n')).toEqual({ error: expect.stringMatching(/TOML/) });
	});
});

const data = (raw: string) => {
	const parsed = parseFrontmatter(raw, 2);
	if ('problems' in parsed) throw new Error(JSON.stringify(parsed.problems));
	return parsed.data;
};
const problems = (raw: string) => {
	const parsed = parseFrontmatter(raw, 2);
	return 'problems' in parsed ? parsed.problems : [];
};

describe('parseFrontmatter', () => {
	it.each([
		['plain', 'due: 2024-02-30', { due: '2024-02-30' }],
		['plain datetime', 'started: 2024-03-05T25:00:00Z', { started: '2024-03-05T25:00:00Z' }],
		['quoted', "started: '2024-03-05'", { started: '2024-03-05' }],
		['explicit !!timestamp tag', 'started: !!timestamp 2024-03-05', { started: '2024-03-05' }],
		['alias', 'a: &d 2024-13-01\nstarted: *d', { a: '2024-13-01', started: '2024-13-01' }],
		['merge key', 'base: &b { at: 2024-03-05 }\nx:\n  <<: *b\n  event: e', { base: { at: '2024-03-05' }, x: { at: '2024-03-05', event: 'e' } }],
	])('keeps dates as the text written: %s', (_, raw, expected) => {
		expect(data(raw)).toEqual(expected);
	});

	it('names a field given twice, and its line in the file', () => {
		expect(problems('title: a\nsummary: s\ntitle: b')).toEqual([{ message: 'the field "title" is given twice; expected each field once', line: 4, column: 1 }]);
	});

	it('refuses tags that would change a value\'s meaning', () => {
		expect(problems('started: !!binary aGVsbG8=')).toEqual([expect.objectContaining({ line: 2, message: expect.stringMatching(/expected plain YAML values: Unresolved tag/) })]);
		expect(problems('started: !custom x')).toEqual([expect.objectContaining({ message: expect.stringMatching(/Unresolved tag: !custom/) })]);
	});

	it('refuses an alias to a value that contains it, which would never end', () => {
		expect(problems('title: &a [*a]')).toEqual([expect.objectContaining({ message: expect.stringMatching(/an alias refers to a value that contains it/) })]);
	});

	it('says where YAML breaks', () => {
		expect(problems('title: a\nservices: [unclosed\n')).toEqual([expect.objectContaining({ line: 4, message: expect.stringMatching(/^expected valid YAML/) })]);
	});

	it('wants a mapping of fields', () => {
		expect(problems('- a list')).toEqual([expect.objectContaining({ message: expect.stringMatching(/mapping of fields/) })]);
		expect(data('')).toEqual({});
	});

	it('finds the line of a field, in block and flow style', () => {
		const parsed = parseFrontmatter('title: T\nimpact:\n  description: d\n  usersAffected: many\ntimeline:\n  - { at: x, event: a }\n  - at: y\n    event: b\n', 2);
		if ('problems' in parsed) throw new Error('unexpected');
		expect(parsed.locate(['impact', 'usersAffected'])).toBe(5);
		expect(parsed.locate(['timeline', 0, 'at'])).toBe(7);
		expect(parsed.locate(['timeline', 1, 'at'])).toBe(8);
		expect(parsed.locate(['timeline', 1, 'event'])).toBe(9);
		// A field that is not there: the line of the nearest one that is.
		expect(parsed.locate(['impact', 'dataLoss'])).toBe(3);
		expect(parsed.locate(['nothing'])).toBeUndefined();
	});
});
