import { describe, expect, it } from 'vitest';
import { csvCell, postmortemRecord, postmortemsCsv, postmortemsDocument } from '../../src/lib/present/open-data';
import { postmortemJsonSchema } from '../../src/lib/present/json-schema';
import { archiveOf, entry } from '../support/make';

const archive = archiveOf([
	entry('2024/b', {
		started: '2024-03-05T19:32:00+05:30',
		resolved: '2024-03-05T15:00:00Z',
		title: 'Checkout, "again"',
		summary: '=HYPERLINK("http://evil.example")',
		impact: { description: 'x', usersAffected: 7 },
		actionItems: [{ title: 'Fix', type: 'prevent', owner: 'o', due: '2024-01-01' }],
		timeline: [{ at: '2024-03-05T14:30:00Z', event: 'later' }, { at: '2024-03-05T14:02:00Z', event: 'first', kind: 'trigger' }],
	}),
	entry('2023/a', { started: '2023-01-01T00:00:00Z' }),
]);

describe('postmortems.json', () => {
	const doc = postmortemsDocument(archive.postmortems, 'internal', '2024-06-01', (id) => (id === '2024/b' ? [{ id: '2023/a', score: 0.5, because: ['terms: checkout'] }] : []));

	it('has the edition and every postmortem, newest started first', () => {
		expect(doc.edition).toBe('internal');
		expect(doc.postmortems.map((p) => p.id)).toEqual(['2024/b', '2023/a']);
		expect(doc.postmortems.map((p) => p.similar)).toEqual([[{ id: '2023/a', score: 0.5, because: ['terms: checkout'] }], []]);
	});

	it('gives times as ISO strings in UTC or null, and the derived figures', () => {
		const record = doc.postmortems[0]!;
		expect(record).toMatchObject({
			url: '/postmortems/2024/b/',
			started: '2024-03-05T14:02:00.000Z',
			resolved: '2024-03-05T15:00:00.000Z',
			detected: null,
			mitigated: null,
			durationMinutes: 58,
			timeToDetectMinutes: null,
			timeToMitigateMinutes: null,
		});
		expect(record.timeline.map((t) => t.event)).toEqual(['first', 'later']);
		expect(record.actionItems[0]).toMatchObject({ status: 'open', due: '2024-01-01', overdue: true, link: null });
	});

	it('carries every field the contract lists', () => {
		const record = postmortemRecord(archive.postmortems[1]!, '2024-06-01');
		for (const key of ['id', 'url', 'title', 'summary', 'severity', 'status', 'visibility', 'started', 'detected', 'mitigated', 'resolved', 'durationMinutes', 'timeToDetectMinutes', 'timeToMitigateMinutes', 'services', 'teams', 'rootCauses', 'impact', 'lessons', 'actionItems', 'trainingGaps', 'related', 'tags']) {
			expect(record, key).toHaveProperty(key);
		}
		expect(JSON.parse(JSON.stringify(record))).toEqual(record);
	});
});

describe('postmortems.csv', () => {
	it('quotes commas and quotes, and defuses spreadsheet formulas', () => {
		expect(csvCell('plain')).toBe('plain');
		expect(csvCell('a, b')).toBe('"a, b"');
		expect(csvCell('say "hi"')).toBe('"say ""hi"""');
		expect(csvCell('=1+1')).toBe("'=1+1");
		expect(csvCell('-5 apples')).toBe("'-5 apples");
		expect(csvCell(-5)).toBe('-5');
		expect(csvCell(null)).toBe('');
	});

	it('has a header and one row per postmortem', () => {
		const lines = postmortemsCsv(archive.postmortems, '2024-06-01').trimEnd().split('\r\n');
		expect(lines).toHaveLength(3);
		expect(lines[0]).toMatch(/^id,url,title,severity,/);
		expect(lines[1]).toContain('"Checkout, ""again"""');
		expect(lines[1]).toContain(`"'=HYPERLINK(""http://evil.example"")"`);
	});
});

describe('the frontmatter JSON Schema', () => {
	const schema = postmortemJsonSchema(['network', 'database']) as {
		required: string[];
		additionalProperties: boolean;
		properties: Record<string, { enum?: string[]; items?: { enum?: string[] }; type?: string; pattern?: string }>;
	};

	it('requires the contract\'s required fields and rejects unknown ones', () => {
		expect(schema.required.sort()).toEqual(['impact', 'resolved', 'rootCauses', 'services', 'severity', 'started', 'summary', 'title']);
		expect(schema.additionalProperties).toBe(false);
	});

	it('lists severities and the taxonomy ids, and describes datetimes as strings', () => {
		expect(schema.properties.severity!.enum).toEqual(['SEV1', 'SEV2', 'SEV3', 'SEV4', 'SEV5']);
		expect(schema.properties.rootCauses!.items!.enum).toEqual(['network', 'database']);
		expect(schema.properties.started!.type).toBe('string');
		expect(new RegExp(schema.properties.started!.pattern!).test('2024-03-05T19:32:00+05:30')).toBe(true);
		expect(new RegExp(schema.properties.started!.pattern!).test('yesterday')).toBe(false);
	});
});
