/**
 * The importer's pure parts: timelines (dates, 12-hour clocks, time zones), action items, the
 * labels of the template families, root-cause suggestions, and a converted document.
 */
import type { Root } from 'mdast';
import remarkGfm from 'remark-gfm';
import remarkParse from 'remark-parse';
import { unified } from 'unified';
import { describe, expect, it } from 'vitest';
import { OWNER_PLACEHOLDER, readActionItems, readStatus, readType } from '../../src/lib/import/action-items';
import { suggestRootCause } from '../../src/lib/import/causes';
import { convertPostmortem, type Imported } from '../../src/lib/import/convert';
import { familyOf, partOf, splitParts } from '../../src/lib/import/sections';
import { momentsOf, readStamp, readTimeline, statedZone, toInstant } from '../../src/lib/import/timeline';
import { writeImportedFile } from '../../src/lib/import/writer';
import { parseFrontmatter, splitFrontmatter } from '../../src/lib/model/frontmatter';
import { postmortemSchema } from '../../src/lib/model/schema';
import { DEFAULT_ROOT_CAUSE_IDS, type Taxonomy } from '../../src/lib/model/taxonomy';

const md = (text: string) => unified().use(remarkParse).use(remarkGfm).parse(text) as Root;
const TAXONOMY: Taxonomy = DEFAULT_ROOT_CAUSE_IDS.map((id) => ({ id, name: id.replace(/-/g, ' '), description: id }));
const NOW = new Date('2026-12-01T10:20:30Z');
const iso = (date: Date | undefined) => date?.toISOString().replace('.000Z', 'Z');

function convert(text: string, name = 'doc.md'): Imported {
	const result = convertPostmortem({ name, tree: md(text) }, { taxonomy: TAXONOMY, now: NOW });
	if ('error' in result) throw new Error(result.error);
	return result.imported;
}

describe('timeline stamps', () => {
	it('reads 24- and 12-hour clocks, dates written several ways, and zones written with the time', () => {
		expect(readStamp('14:02 Deploy starts')).toMatchObject({ time: { hour: 14, minute: 2, second: 0 }, rest: 'Deploy starts' });
		expect(readStamp('2:15 PM: pool exhausted')).toMatchObject({ time: { hour: 14, minute: 15 }, rest: 'pool exhausted' });
		expect(readStamp('12:05 am - paged')).toMatchObject({ time: { hour: 0, minute: 5 }, rest: 'paged' });
		expect(readStamp('12:30 PM — lunch')).toMatchObject({ time: { hour: 12, minute: 30 } });
		expect(readStamp('9 pm rollback')).toMatchObject({ time: { hour: 21, minute: 0 }, rest: 'rollback' });
		expect(readStamp('14:02:33 UTC | alert')).toMatchObject({ time: { hour: 14, minute: 2, second: 33 }, zone: { offset: 0 }, rest: 'alert' });
		expect(readStamp('2024-03-05T14:02Z x')).toMatchObject({ day: { year: 2024, month: 3, day: 5 }, time: { hour: 14, minute: 2 }, zone: { offset: 0 } });
		expect(readStamp('March 5, 2024 9:00 AM PST: x')).toMatchObject({ day: { year: 2024, month: 3, day: 5 }, time: { hour: 9 }, zone: { offset: -480 } });
		expect(readStamp('**Tue 5 Mar** 09:00 CET x', 2024)).toMatchObject({ day: { year: 2024, month: 3, day: 5 }, zone: { offset: 60 } });
		expect(readStamp('2024-03-05')).toMatchObject({ day: { year: 2024, month: 3, day: 5 }, time: undefined, rest: '' });
		expect(readStamp('13:75 not a time')).toBeUndefined();
		expect(readStamp('Three things happened')).toBeUndefined();
	});

	it('finds the zone a timeline states once', () => {
		expect(statedZone('All times UTC')).toMatchObject({ offset: 0 });
		expect(statedZone('All times are in PDT.')).toMatchObject({ offset: -420 });
		expect(statedZone('all times are US Eastern')).toMatchObject({ iana: 'America/New_York' });
		expect(statedZone('Time (CET)')).toMatchObject({ offset: 60 });
		expect(statedZone('Timezone: Europe/Berlin')).toMatchObject({ iana: 'Europe/Berlin' });
		expect(statedZone('Times are in UTC+05:30')).toMatchObject({ offset: 330 });
		expect(statedZone('We went to the pub at the usual times.')).toBeUndefined();
	});

	it('applies a region zone with its summer time', () => {
		expect(iso(toInstant({ year: 2024, month: 7, day: 1 }, 9, 0, 0, { iana: 'America/Los_Angeles', name: 'Pacific' }))).toBe('2024-07-01T16:00:00Z');
		expect(iso(toInstant({ year: 2024, month: 1, day: 1 }, 9, 0, 0, { iana: 'America/Los_Angeles', name: 'Pacific' }))).toBe('2024-01-01T17:00:00Z');
	});
});

describe('timelines', () => {
	const blocks = (text: string) => md(text).children;
	const context = { heading: 'Timeline', document: '', day: undefined, dayIsStated: false };

	it('reads a table with a date row and a stated zone into instants, and the moments from its words', () => {
		const reading = readTimeline(
			blocks('All times are in PDT.\n\n| Time | Event |\n|---|---|\n| April 12, 2024 | Sale day |\n| 9:06 AM | Errors begin |\n| 9:14 AM | The alert pages on-call |\n| 9:48 AM | Impact mitigated |\n| 10:04 AM | Incident resolved |'),
			context
		);
		expect(reading.entries.map((e) => [iso(e.at), e.kind])).toEqual([
			['2024-04-12T16:06:00Z', 'other'],
			['2024-04-12T16:14:00Z', 'detection'],
			['2024-04-12T16:48:00Z', 'mitigation'],
			['2024-04-12T17:04:00Z', 'resolution'],
		]);
		expect(reading.assumed).toBe(false);
		const moments = momentsOf(reading.entries);
		expect([moments.started, moments.detected, moments.mitigated, moments.resolved].map(iso)).toEqual([
			'2024-04-12T16:06:00Z', '2024-04-12T16:14:00Z', '2024-04-12T16:48:00Z', '2024-04-12T17:04:00Z',
		]);
	});

	it('reads a list with a date given once, says when it assumed UTC, and rolls past midnight', () => {
		const reading = readTimeline(blocks('2015-10-21\n\n- 23:50 OUTAGE BEGINS\n- 23:58 paged\n- 00:20 OUTAGE ENDS'), context);
		expect(reading.entries.map((e) => iso(e.at))).toEqual(['2015-10-21T23:50:00Z', '2015-10-21T23:58:00Z', '2015-10-22T00:20:00Z']);
		expect(reading.assumed).toBe(true);
		expect(reading.notes.join(' ')).toMatch(/no time zone is stated.*UTC/);
		expect(reading.notes.join(' ')).toMatch(/past midnight/);
	});

	it('uses the document\'s date for times without one, and leaves undated times alone', () => {
		const dated = readTimeline(blocks('All times UTC\n\n- 10:00 x happened'), { ...context, day: { year: 2024, month: 1, day: 2 }, dayIsStated: true });
		expect(dated.entries.map((e) => iso(e.at))).toEqual(['2024-01-02T10:00:00Z']);
		expect(dated.assumed).toBe(false);
		const undated = readTimeline(blocks('- 10:00 x happened\n- 11:00 y happened'), context);
		expect(undated.entries).toEqual([]);
		expect(undated.undated).toBe(2);
	});
});

describe('action items', () => {
	it('reads a table with owners, types, statuses and links', () => {
		const items = readActionItems(md(`| Action | Owner | Type | Status | Due | Ticket |
|---|---|---|---|---|---|
| Add an alert | Sam | detection | ✅ | 2024-05-01 | [OPS-1](https://x.example/OPS-1) |
| Write the runbook | | | In progress | | |
| Retire the old proxy | Ana | prevent | Won't fix | | |
| Review the change process | Kim | | TODO | | |`).children);
		expect(items).toEqual([
			{ title: 'Add an alert', owner: 'Sam', type: 'detect', status: 'done', due: '2024-05-01', link: 'https://x.example/OPS-1', guessed: [] },
			{ title: 'Write the runbook', owner: OWNER_PLACEHOLDER, type: 'documentation', status: 'in-progress', due: undefined, link: undefined, guessed: ['type', 'owner'] },
			{ title: 'Retire the old proxy', owner: 'Ana', type: 'prevent', status: 'wont-do', due: undefined, link: undefined, guessed: [] },
			{ title: 'Review the change process', owner: 'Kim', type: 'process', status: 'open', due: undefined, link: undefined, guessed: ['type'] },
		]);
	});

	it('reads a list with checkboxes, status words and owner clauses', () => {
		const items = readActionItems(md(`- [x] Add the next certificate first (owner: Mia, type: prevent)
- [ ] Alert on signature failures - owner: Identity on-call
- [DONE] Write a runbook https://wiki.example/rb
- TODO: Move the job @lee`).children);
		expect(items.map(({ title, owner, type, status, link }) => ({ title, owner, type, status, link }))).toEqual([
			{ title: 'Add the next certificate first', owner: 'Mia', type: 'prevent', status: 'done', link: undefined },
			{ title: 'Alert on signature failures', owner: 'Identity on-call', type: 'detect', status: 'open', link: undefined },
			{ title: 'Write a runbook https://wiki.example/rb', owner: OWNER_PLACEHOLDER, type: 'documentation', status: 'done', link: 'https://wiki.example/rb' },
			{ title: 'Move the job @lee', owner: 'lee', type: 'prevent', status: 'open', link: undefined },
		]);
	});

	it('maps the words teams use for statuses and types', () => {
		expect(['DONE', 'Completed', '[x]', '✅', 'closed'].map(readStatus)).toEqual(['done', 'done', 'done', 'done', 'done']);
		expect(['TODO', 'Not started', 'WIP', "Won't do"].map(readStatus)).toEqual(['open', 'open', 'in-progress', 'wont-do']);
		expect(readStatus('maybe')).toBeUndefined();
		expect(['mitigate', 'Prevention', 'Detection', 'process', 'docs', 'repair'].map(readType)).toEqual(['mitigate', 'prevent', 'detect', 'process', 'documentation', 'mitigate']);
	});
});

describe('template labels', () => {
	it('opens a part at a heading of any level, a bold label or a list label', () => {
		const parts = splitParts(md('#### Impact\n\nA.\n\n**Trigger**: B.\n\n**Root cause:** C.\n\nDetection: D.\n\n- Services: api, web\n- Severity: SEV2\n\n**Timeline**\n\n- 10:00 E'));
		expect(parts.map((p) => [p.key, p.label])).toEqual([
			['impact', 'Impact'], ['trigger', 'Trigger'], ['rootCause', 'Root cause'], ['detection', 'Detection'],
			['services', 'Services'], ['severity', 'Severity'], ['timeline', 'Timeline'],
		]);
		expect(partOf("How'd We Do?")).toBe('lessons');
		expect(partOf('What didn’t go so well')).toBe('wentWrong');
		expect(partOf('Corrective and Preventative Measures')).toBe('actionItems');
		expect(partOf('Important')).toBeUndefined();
	});

	it('keeps a deeper unknown heading (a day) inside the part above it', () => {
		const parts = splitParts(md('## Timeline\n\n### 2024-03-05\n\n- 10:00 x\n\n## Impact\n\nA.'));
		expect(parts.map((p) => p.key)).toEqual(['timeline', 'impact']);
		expect(parts[0]!.blocks.map((b) => b.type)).toEqual(['heading', 'list']);
	});

	it('tells the template families apart by the labels only they use', () => {
		expect(familyOf(['Summary', 'Impact', 'Root Causes', 'Trigger', 'Where we got lucky'])).toBe('google-sre');
		expect(familyOf(['Overview', 'What Happened', 'Contributing Factors', 'Responders'])).toBe('pagerduty');
		expect(familyOf(['Leadup', 'Fault', 'Impact', 'Five whys'])).toBe('atlassian');
		expect(familyOf(['Issue Summary', 'Timeline', 'Root cause', 'Resolution and recovery'])).toBe('short-form');
		expect(familyOf(['Background', 'Impact'])).toBe('free-form');
	});
});

describe('root-cause suggestions', () => {
	it('picks the taxonomy id whose words the text uses, and a placeholder when none match', () => {
		expect(suggestRootCause('The TLS certificate expired on the gateway.', TAXONOMY)).toMatchObject({ id: 'certificate-expiry' });
		expect(suggestRootCause('A bad BGP route and DNS trouble.', TAXONOMY)).toMatchObject({ id: 'network' });
		expect(suggestRootCause('Nothing to see.', TAXONOMY)).toEqual({ id: 'process-gap', matched: [] });
		const own: Taxonomy = [{ id: 'vendor-outage', name: 'Vendor outage', description: 'x' }, { id: 'other', name: 'Other', description: 'y' }];
		expect(suggestRootCause('Our vendor had an outage.', own)).toMatchObject({ id: 'vendor-outage' });
	});
});

describe('a converted document', () => {
	const schema = postmortemSchema({ rootCauseIds: DEFAULT_ROOT_CAUSE_IDS });
	const validate = (imported: Imported) => {
		const text = writeImportedFile(imported.data, '## Body\n\nText.', 'doc.md');
		const split = splitFrontmatter(text);
		if ('error' in split) throw new Error(split.error);
		const parsed = parseFrontmatter(split.raw);
		if ('problems' in parsed) throw new Error(JSON.stringify(parsed.problems));
		return schema.parse(parsed.data);
	};

	it('fills what the document says, marks guesses for review, and is a valid draft', () => {
		const imported = convert(`# Disk full on the search cluster

## Summary

Search was down for 20 minutes because a disk filled up.

## Impact

All search queries failed.

## Timeline

2024-02-01, all times UTC

- 10:00 Log volume spikes; OUTAGE BEGINS
- 10:05 Disk alert pages on-call
- 10:20 Old logs deleted, OUTAGE ENDS
`);
		const data = validate(imported);
		expect(data).toMatchObject({ title: 'Disk full on the search cluster', status: 'draft', summary: 'Search was down for 20 minutes because a disk filled up.', rootCauses: ['capacity'] });
		expect(data.impact.description).toBe('All search queries failed.');
		expect([data.started, data.detected, data.resolved].map(iso)).toEqual(['2024-02-01T10:00:00Z', '2024-02-01T10:05:00Z', '2024-02-01T10:20:00Z']);
		expect(data.needsReview).toEqual(['severity', 'rootCauses']);
		expect(data.services).toEqual(['unknown-service']);
		expect(imported.id).toBe('2024/disk-full-on-the-search-cluster');
		// The title moved to the frontmatter; everything else stays in the body.
		expect(imported.body.children[0]).toMatchObject({ type: 'heading', depth: 2 });
	});

	it('writes marked placeholders where the contract needs a value nobody wrote down', () => {
		const imported = convert('Notes about the outage.', 'old-notes.md');
		const data = validate(imported);
		expect(data.title).toBe('old notes');
		expect(data.summary).toMatch(/^TODO: /);
		expect(data.impact.description).toMatch(/^TODO: /);
		expect(iso(data.started)).toBe('2026-12-01T10:20:00Z');
		expect(data.resolved).toEqual(data.started);
		expect(data.needsReview).toEqual(['title', 'severity', 'started', 'resolved', 'rootCauses']);
		expect(imported.todo.join('\n')).toMatch(/import time is a placeholder/);
	});

	it('refuses a document that is not a postmortem, and an empty one', () => {
		const error = (text: string) => convertPostmortem({ name: 'x.md', tree: md(text) }, { taxonomy: TAXONOMY, now: NOW });
		expect(error('# Lunch\n\n- curry\n- rice')).toEqual({ error: expect.stringMatching(/does not read as a postmortem/) });
		expect(error('   \n')).toEqual({ error: expect.stringMatching(/empty/) });
	});
});
