import { similarIncidents } from '../../src/lib/learning/similar';
import { describe, expect, it } from 'vitest';
import { pageOutline, sameHeading, uniqueId, type Heading, type OutlinePart } from '../../src/lib/present/outline';
import { linkedPostmortems, postmortemLinks } from '../../src/lib/model/links';
import { glance } from '../../src/lib/present/glance';
import { postmortemFacts } from '../../src/lib/present/facts';
import { timelineRows } from '../../src/lib/present/timeline';
import { formatUtcOnDay } from '../../src/lib/present/format';
import { archiveOf, entry } from '../support/make';

const h = (depth: number, text: string, slug = text.toLowerCase().replace(/\s+/g, '-')): Heading => ({ depth, slug, text });
type Key = 'facts' | 'factors' | 'lessons' | 'links';
const page = (body: Heading[]): OutlinePart<Key>[] => [
	{ section: 'facts', text: 'Facts' },
	{ section: 'factors', text: 'Contributing factors' },
	{ body },
	{ section: 'lessons', text: 'Lessons learned' },
	{ section: 'links', text: 'Related and similar incidents' },
];
const texts = (headings: Heading[]) => headings.map((x) => `${'  '.repeat(x.depth - 2)}${x.text}`);

describe('"On this page" of a postmortem', () => {
	it('lists the page sections around the body headings, in page order', () => {
		const { headings, sections } = pageOutline(page([h(2, 'What happened'), h(3, 'Detail'), h(2, 'Why')]));
		expect(texts(headings)).toEqual(['Facts', 'Contributing factors', 'What happened', '  Detail', 'Why', 'Lessons learned', 'Related and similar incidents']);
		expect(sections.facts).toEqual({ id: 'pm-facts', text: 'Facts', inBody: false });
		expect(headings.find((x) => x.text === 'Lessons learned')!.slug).toBe('pm-lessons');
	});

	it('makes a body heading that reads like a page section that section, where the author put it', () => {
		const body = [h(2, 'Incident description'), h(2, 'Contributing factors'), h(2, 'Technical analysis'), h(2, 'Lessons  LEARNED ', 'lessons-learned'), h(2, 'Source')];
		const { headings, sections } = pageOutline(page(body));
		expect(texts(headings)).toEqual(['Facts', 'Incident description', 'Contributing factors', 'Technical analysis', 'Lessons  LEARNED ', 'Source', 'Related and similar incidents']);
		// The section takes the body heading's id, so the page shows its content under that heading.
		expect(sections.factors).toEqual({ id: 'contributing-factors', text: 'Contributing factors', inBody: true });
		expect(sections.lessons).toEqual({ id: 'lessons-learned', text: 'Lessons learned', inBody: true });
		expect(sections.facts).toEqual({ id: 'pm-facts', text: 'Facts', inBody: false });
	});

	it('keeps the headings under a body heading that became a section where they are, and a second one of the same name as the author wrote it', () => {
		const body = [h(2, 'Lessons learned'), h(3, 'On rollbacks'), h(4, 'Deeper'), h(2, 'Source'), h(3, 'Lessons learned', 'lessons-learned-1')];
		const { headings, sections } = pageOutline(page(body));
		expect(texts(headings)).toEqual(['Facts', 'Contributing factors', 'Lessons learned', '  On rollbacks', '    Deeper', 'Source', '  Lessons learned', 'Related and similar incidents']);
		expect(sections.lessons!.id).toBe('lessons-learned');
	});

	it('lets a deeper heading of the same name become the section too', () => {
		const body = [h(2, 'Review'), h(3, 'Contributing factors'), h(4, 'Tooling'), h(3, 'Open questions')];
		const { headings, sections } = pageOutline(page(body));
		expect(texts(headings)).toEqual(['Facts', 'Review', '  Contributing factors', '    Tooling', '  Open questions', 'Lessons learned', 'Related and similar incidents']);
		expect(sections.factors).toEqual({ id: 'contributing-factors', text: 'Contributing factors', inBody: true });
	});

	it('keeps the section in its place for a Markdown body, which cannot hold it, listing it once', () => {
		const body = [h(2, 'What happened'), h(2, 'Lessons learned'), h(3, 'On rollbacks')];
		const { headings, sections } = pageOutline(page(body), { bodyTakesSections: false });
		expect(texts(headings)).toEqual(['Facts', 'Contributing factors', 'What happened', '  On rollbacks', 'Lessons learned', 'Related and similar incidents']);
		expect(sections.lessons).toEqual({ id: 'pm-lessons', text: 'Lessons learned', inBody: false });
	});

	it('keeps a body heading that matches no section the page shows', () => {
		const parts: OutlinePart<'facts'>[] = [{ section: 'facts', text: 'Facts' }, { body: [h(2, 'Lessons learned')] }];
		expect(texts(pageOutline(parts).headings)).toEqual(['Facts', 'Lessons learned']);
		expect(pageOutline(parts).sections).toEqual({ facts: { id: 'pm-facts', text: 'Facts', inBody: false } });
	});

	it('never gives a section an id the body already uses', () => {
		const body = [h(2, 'PM facts', 'pm-facts'), h(2, 'PM facts 2', 'pm-facts-2'), h(2, 'Notes', 'pm-lessons')];
		const { headings, sections } = pageOutline(page(body));
		const ids = headings.map((x) => x.slug);
		expect(new Set(ids).size).toBe(ids.length);
		expect(sections.facts!.id).toBe('pm-facts-3');
		expect(sections.lessons!.id).toBe('pm-lessons-2');
	});

	it('compares headings by their words: case, spaces and Unicode form aside', () => {
		expect(sameHeading(' Lessons\tLearned ', 'lessons learned')).toBe(true);
		expect(sameHeading('Ｌessons learned', 'Lessons learned')).toBe(true);
		expect(sameHeading('Lessons', 'Lessons learned')).toBe(false);
		const taken = new Set(['a', 'a-2']);
		expect(uniqueId('a', taken)).toBe('a-3');
		expect(uniqueId('b', taken)).toBe('b');
		expect(taken.has('a-3') && taken.has('b')).toBe(true);
	});
});

describe('related postmortems and backlinks, in one list', () => {
	const archive = archiveOf([
		entry('2024/self', { started: '2024-05-01T00:00:00Z', related: ['2024/mutual', '2024/out'] }),
		entry('2024/mutual', { started: '2024-04-01T00:00:00Z', related: ['2024/self'] }),
		entry('2024/out', { started: '2024-03-01T00:00:00Z' }),
		entry('2024/in-old', { started: '2024-01-01T00:00:00Z', related: ['2024/self'] }),
		entry('2024/in-new', { started: '2024-02-01T00:00:00Z', related: ['2024/self'] }),
		entry('2024/alone', { started: '2023-01-01T00:00:00Z', services: ['elsewhere'], rootCauses: ['hardware'] }),
		entry('2024/near', { started: '2024-06-01T00:00:00Z' }),
	]);
	const of = (id: string) => postmortemLinks(archive, id).linked.map((l) => [l.postmortem.id, l.direction]);

	it('says which way each link points, each postmortem once', () => {
		expect(of('2024/self')).toEqual([
			['2024/mutual', 'both'],
			['2024/out', 'to'],
			['2024/in-new', 'from'],
			['2024/in-old', 'from'],
		]);
		expect(of('2024/out')).toEqual([['2024/self', 'from']]);
		expect(of('2024/alone')).toEqual([]);
	});

	it('keeps the author\'s order, then the others newest first', () => {
		const [a, b, c] = ['2024/out', '2024/mutual', '2024/in-new'].map((id) => archive.byId.get(id)!);
		expect(linkedPostmortems([a!, b!], [c!, b!]).map((l) => [l.postmortem.id, l.direction])).toEqual([
			['2024/out', 'to'],
			['2024/mutual', 'both'],
			['2024/in-new', 'from'],
		]);
	});

	it('leaves the linked ones out of the similar incidents', () => {
		// Every one shares the service and the cause; with no cut-off all but the linked ones are listed.
		const matches = similarIncidents(archive.postmortems, () => '', { minScore: 0 }).get('2024/self')!;
		expect(matches.map((s) => s.id)).toContain('2024/near');
		expect(matches.map((s) => s.id).filter((id) => ['2024/mutual', '2024/out', '2024/in-old', '2024/in-new'].includes(id))).toEqual([]);
		const { similar } = postmortemLinks(archive, '2024/self', matches);
		expect(similar.map((s) => s.postmortem.title)).toContain('Incident 2024/near');
		expect(() => postmortemLinks(archive, '2024/missing')).toThrow(/No postmortem with id "2024\/missing"/);
	});
});

describe('the strip under a postmortem\'s title', () => {
	const full = archiveOf(
		[
			entry('2024/full', {
				severity: 'SEV1',
				status: 'in-review',
				started: '2024-03-05T14:00:00Z',
				detected: '2024-03-05T14:10:00Z',
				mitigated: '2024-03-05T15:00:00Z',
				resolved: '2024-03-05T16:48:00Z',
				services: ['payments-api', 'Edge Proxy'],
				impact: { description: 'Bad.', usersAffected: 1234567, customerFacing: true, dataLoss: true },
				actionItems: [
					{ title: 'a', type: 'prevent', owner: 'x', status: 'open', due: '2024-01-01' },
					{ title: 'b', type: 'detect', owner: 'x', status: 'in-progress' },
					{ title: 'c', type: 'detect', owner: 'x', status: 'done' },
				],
			}),
		],
		{ buildDate: '2024-06-01' }
	).byId.get('2024/full')!;
	const text = (g: ReturnType<typeof glance>) =>
		g.items.map((i) => [i.key, `${i.label ? `${i.label} ` : ''}${i.values.map((v) => (v.alarm ? `!${v.text}` : v.text)).join(', ')}`]);

	it('gives severity, status, times, impact, action items and services, in the shared formats', () => {
		const g = glance(full, { buildDate: '2024-06-01', actionsHref: '#pm-actions' });
		expect(g.severity).toBe('SEV1');
		expect(text(g)).toEqual([
			['status', 'In review'],
			['duration', 'Duration 2 h 48 min'],
			['detect', 'Time to detect 10 min'],
			['mitigate', 'Time to mitigate 1 h'],
			['users', 'Users affected 1,234,567'],
			['customer-facing', 'Customer-facing'],
			['data-loss', '!Data lost'],
			['actions', 'Action items 2 not done, !1 overdue'],
		]);
		expect(g.items.find((i) => i.key === 'actions')!.href).toBe('#pm-actions');
		expect(g.servicesLabel).toBe('Services');
		expect(g.services).toEqual([
			{ text: 'payments-api', href: '/services/payments-api/' },
			{ text: 'Edge Proxy', href: '/services/edge-proxy/' },
		]);
	});

	it('leaves out what the postmortem does not state, and says when nothing is left to do', () => {
		const minimal = archiveOf([entry('2024/min', { status: 'published' })]).byId.get('2024/min')!;
		expect(text(glance(minimal, { buildDate: '2024-06-01' }))).toEqual([
			['status', 'Published'],
			['duration', 'Duration 1 h'],
			['actions', 'No action items'],
		]);
		expect(glance(minimal, { buildDate: '2024-06-01' }).servicesLabel).toBe('Service');
		const closed = archiveOf([
			entry('2024/closed', {
				impact: { description: 'x', customerFacing: false, dataLoss: false },
				actionItems: [
					{ title: 'a', type: 'prevent', owner: 'x', status: 'done' },
					{ title: 'b', type: 'prevent', owner: 'x', status: 'wont-do', due: '2020-01-01' },
				],
			}),
		]).byId.get('2024/closed')!;
		expect(text(glance(closed, { buildDate: '2024-06-01' })).slice(2)).toEqual([
			['customer-facing', 'Not customer-facing'],
			['data-loss', 'No data loss'],
			['actions', 'Action items all 2 closed'],
		]);
	});
});

describe('the facts panel of a postmortem', () => {
	const archive = archiveOf([
		entry('2024/f', {
			started: '2024-03-05T23:50:00Z',
			mitigated: '2024-03-05T23:58:00Z',
			resolved: '2024-03-06T00:20:00Z',
			rootCauses: ['config-change'],
			teams: ['Payments'],
			tags: ['checkout', 'flags'],
			detection: 'customer-report',
			impact: { description: 'Checkout failed.', customerFacing: true },
		}),
	]);
	const facts = postmortemFacts(archive.byId.get('2024/f')!, archive);

	it('gives the four times, the day written once unless it changes', () => {
		expect(facts.times.map((t) => `${t.label} ${t.text}`)).toEqual([
			'Started 2024-03-05 23:50 UTC',
			'Detected not recorded',
			'Mitigated 23:58 UTC',
			'Resolved 2024-03-06 00:20 UTC',
		]);
		expect(facts.times[1]!.date).toBeUndefined();
	});

	it('repeats nothing of the strip, skips empty lists and names what is not stated', () => {
		expect(facts.rows.filter((r) => r.prose).map((r) => r.key)).toEqual(['impact']);
		expect(facts.rows.map((r) => [r.label, r.value])).toEqual([
			['Impact', { text: 'Checkout failed.' }],
			['Root causes', { links: [{ text: 'config change', href: '/root-causes/config-change/' }] }],
			['Detected by', { text: 'Customer report' }],
			['Teams', { list: ['Payments'] }],
			['Visibility', { text: 'Internal' }],
			['Tags', { list: ['checkout', 'flags'] }],
			['Not stated', { list: ['users affected', 'data loss'] }],
		]);
	});
});

describe('a postmortem timeline', () => {
	it('sorts events, times them from the start and writes each day once', () => {
		const rows = timelineRows(
			[
				{ at: new Date('2024-03-06T01:00:00Z'), event: 'Resolved', kind: 'resolution' },
				{ at: new Date('2024-03-05T23:00:00Z'), event: 'Flag flipped', kind: 'trigger' },
				{ at: new Date('2024-03-05T22:00:00Z'), event: 'Change merged' },
				{ at: new Date('2024-03-05T23:10:00Z'), event: 'Paged', kind: 'detection' },
			],
			new Date('2024-03-05T23:00:00Z')
		);
		expect(rows.map((r) => [r.when, r.offset, r.label, r.event])).toEqual([
			['2024-03-05 22:00 UTC', '1 h before', 'Event', 'Change merged'],
			['23:00 UTC', '+0 min', 'Trigger', 'Flag flipped'],
			['23:10 UTC', '+10 min', 'Detection', 'Paged'],
			['2024-03-06 01:00 UTC', '+2 h', 'Resolution', 'Resolved'],
		]);
	});

	it('formats a time on a reference day without the day', () => {
		expect(formatUtcOnDay(new Date('2024-03-05T14:02:30Z'), new Date('2024-03-05T00:00:00Z'))).toBe('14:02:30 UTC');
		expect(formatUtcOnDay(new Date('2024-03-06T14:02:00Z'), new Date('2024-03-05T23:59:00Z'))).toBe('2024-03-06 14:02 UTC');
	});
});
