/**
 * Whatever text it is given, the importer either says why it cannot read it or writes a file that
 * passes the contract and that MDX parses: no input makes it write something that would not build.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { convertPostmortem } from '../../src/lib/import/convert';
import { writeImportedFile } from '../../src/lib/import/writer';
import { parseFrontmatter, splitFrontmatter } from '../../src/lib/model/frontmatter';
import { postmortemSchema } from '../../src/lib/model/schema';
import { DEFAULT_ROOT_CAUSE_IDS } from '../../src/lib/model/taxonomy';
import { mdxProblem, readImportSource, toMdxBody } from '../../src/node/import-source';

const taxonomy = DEFAULT_ROOT_CAUSE_IDS.map((id) => ({ id, name: id, description: id }));
const schema = postmortemSchema({ rootCauseIds: DEFAULT_ROOT_CAUSE_IDS });

/** Lines in the shapes postmortems are written in, with the characters MDX reads as code. */
const line = fc.oneof(
	fc.constantFrom('# Outage', '## Timeline', '## Impact', '**Summary**:', '- Severity: P0', '### What went well', '## Action Items', 'All times are in PDT.', '---', '```', '| Time | Event |', '|---|---|', '<div>', '<!-- note -->', 'import x from "y"', 'export const a = 1', '{', '}', '- [x] done', '2024-02-30', '2024-03-05', ''),
	fc.tuple(fc.constantFrom('- ', '| ', '', '1. ', '**'), fc.constantFrom('14:02', '2:15 PM', '23:59', '00:01 UTC', 'March 5, 2024 9:00', '25:61'), fc.constantFrom(' OUTAGE BEGINS', ' paged', ' mitigated |', ' resolved', ' ENDS', ' {x} <y>')).map((parts) => parts.join('')),
	fc.string({ maxLength: 40 })
);

describe('the importer on any text', () => {
	it('writes only files that pass the contract and parse as MDX', () => {
		fc.assert(
			fc.property(fc.array(line, { maxLength: 25 }), fc.constantFrom('doc.md', 'doc.html'), (lines, name) => {
				const read = readImportSource(name, new TextEncoder().encode(lines.join('\n')));
				if ('error' in read) return;
				const result = convertPostmortem(read.source, { taxonomy, now: new Date('2026-01-01T00:00:00Z') });
				if ('error' in result) return;
				const text = writeImportedFile(result.imported.data, toMdxBody(result.imported.body), name);
				const split = splitFrontmatter(text);
				if ('error' in split) throw new Error(split.error);
				const front = parseFrontmatter(split.raw);
				if ('problems' in front) throw new Error(JSON.stringify(front.problems));
				const parsed = schema.safeParse(front.data);
				expect(parsed.success, JSON.stringify(parsed.error?.issues)).toBe(true);
				expect(mdxProblem(text.slice(split.bodyOffset))).toBeUndefined();
			}),
			{ numRuns: 300 }
		);
	});
});
