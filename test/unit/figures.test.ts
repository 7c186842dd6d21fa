import { describe, expect, it } from 'vitest';
import { actionItemFigures, actionItemRows, completionRate, countActionItems, ledgerPages, unfinished } from '../../src/lib/figures/action-items';
import { ownerDirectory } from '../../src/lib/figures/owners';
import { computeStats } from '../../src/lib/figures/stats';
import { countRootCauses, recurrencesAfterFix, recurringServiceCauses, rootCauseProfiles } from '../../src/lib/figures/causes';
import { figuresByQuarter, quarterRange } from '../../src/lib/figures/counts';
import { groupByService } from '../../src/lib/figures/counts';
import { groupLessonTags, groupTrainingGaps, lessonFigures, lessonTags, lessonsByKind, onboardingPath, TAG_LIMITS } from '../../src/lib/figures/learning';
import { serviceSlug } from '../../src/lib/model/slugs';
import { archiveOf, entry } from '../support/make';

const item = (status: string, due?: string, type = 'prevent', title = `${status} ${due ?? ''}`, owner = 'sre') => ({
	title,
	type,
	owner,
	status,
	...(due ? { due } : {}),
});

describe('stats', () => {
	const archive = archiveOf([
		entry('a', { started: '2024-01-10T00:00:00Z', resolved: '2024-01-10T00:10:00Z', severity: 'SEV1', impact: { description: 'x', usersAffected: 100 } }),
		entry('b', { started: '2024-02-10T00:00:00Z', resolved: '2024-02-10T00:30:00Z', detected: '2024-02-10T00:05:00Z', severity: 'SEV1' }),
		// 2024-Q2 and 2024-Q3 have no incident.
		entry('c', { started: '2024-12-31T23:00:00Z', resolved: '2025-01-01T01:00:00Z', severity: 'SEV3', impact: { description: 'x', usersAffected: 5 } }),
	]);
	const stats = computeStats(archive.postmortems, { edition: 'internal', buildDate: '2024-06-01', rootCause: archive.rootCause });

	it('counts postmortems and severities, every severity present', () => {
		expect(stats.count).toBe(3);
		expect(stats.bySeverity).toEqual({ SEV1: 2, SEV2: 0, SEV3: 1, SEV4: 0, SEV5: 0 });
	});

	it('takes median and p90 of durations, leaving missing times out', () => {
		// durations 10, 30, 120: median 30; p90 rank 1.8 → 30 + 0.8 × 90 = 102
		expect(stats.durationMinutes.median).toBe(30);
		expect(stats.durationMinutes.p90).toBeCloseTo(102, 10);
		expect(stats.timeToDetectMinutes).toEqual({ median: 5, p90: 5 });
		expect(stats.timeToMitigateMinutes).toEqual({ median: null, p90: null });
	});

	it('sums users affected, a missing figure counting as 0', () => {
		expect(stats.usersAffected).toBe(105);
	});

	it('runs quarters from the first to the last incident, empty quarters included with count 0', () => {
		expect(stats.byQuarter.map((q) => [q.quarter, q.count])).toEqual([
			['2024-Q1', 2],
			['2024-Q2', 0],
			['2024-Q3', 0],
			['2024-Q4', 1],
		]);
		expect(stats.byQuarter[1]).toEqual({ quarter: '2024-Q2', count: 0, durationMinutes: { median: null, p90: null }, usersAffected: 0 });
		expect(stats.byQuarter[0]).toMatchObject({ durationMinutes: { median: 20, p90: 28 }, usersAffected: 100 });
	});

	it('is empty, not broken, over no postmortems', () => {
		const empty = computeStats([], { edition: 'public', buildDate: '2024-06-01', rootCause: archive.rootCause });
		expect(empty).toMatchObject({ count: 0, usersAffected: 0, rootCauses: [], trainingGaps: [], byQuarter: [] });
		expect(empty.durationMinutes).toEqual({ median: null, p90: null });
		expect(figuresByQuarter([])).toEqual([]);
	});

	it('spans years in quarter ranges', () => {
		expect(quarterRange('2023-Q4', '2024-Q2')).toEqual(['2023-Q4', '2024-Q1', '2024-Q2']);
		expect(quarterRange('2024-Q1', '2024-Q1')).toEqual(['2024-Q1']);
	});
});

describe('root causes', () => {
	const archive = archiveOf([
		entry('p1', { started: '2024-01-01T00:00:00Z', rootCauses: ['network', 'database'] }),
		entry('p2', { started: '2024-02-01T00:00:00Z', rootCauses: ['database'] }),
		entry('p3', { started: '2024-03-01T00:00:00Z', rootCauses: ['network', 'capacity'] }),
		entry('p4', { started: '2024-04-01T00:00:00Z', rootCauses: ['automation', 'automation'] }),
	]);

	it('lists causes most named first, ties by id, with recurring when named twice or more', () => {
		const counts = countRootCauses(archive.postmortems, archive.rootCause);
		expect(counts.map((c) => [c.id, c.count, c.recurring])).toEqual([
			['database', 2, true],
			['network', 2, true],
			['automation', 1, false],
			['capacity', 1, false],
		]);
		expect(counts[0]!.postmortems).toEqual(['p2', 'p1']);
	});

	it('profiles each cause: first and last seen, total impact time, services', () => {
		const network = rootCauseProfiles(archive.postmortems, archive.rootCause, serviceSlug).find((p) => p.id === 'network')!;
		expect(network.firstSeen.toISOString()).toBe('2024-01-01T00:00:00.000Z');
		expect(network.lastSeen.toISOString()).toBe('2024-03-01T00:00:00.000Z');
		expect(network.totalDurationMinutes).toBe(120);
		expect(network.topServices).toEqual([{ name: 'api', slug: 'api', count: 2 }]);
		expect(network.incidents.map((pm) => pm.id)).toEqual(['p3', 'p1']);
	});
});

describe('recurrence after a done fix', () => {
	it('flags a cause that came back on the same service after its prevent item was done, naming the fix and why', () => {
		const archive = archiveOf([
			entry('first', { started: '2024-01-01T00:00:00Z', services: ['orders-db'], rootCauses: ['database'], actionItems: [item('done', undefined, 'prevent', 'Add replica lag alarm'), item('done', undefined, 'detect', 'Not a prevent item')] }),
			entry('second', { started: '2024-05-01T00:00:00Z', services: ['Orders-DB', 'web'], rootCauses: ['database', 'network'] }),
			entry('other', { started: '2024-06-01T00:00:00Z', rootCauses: ['network'] }),
			entry('unfixed', { started: '2023-01-01T00:00:00Z', rootCauses: ['capacity'], actionItems: [item('open', undefined, 'prevent')] }),
			entry('again', { started: '2023-06-01T00:00:00Z', rootCauses: ['capacity'] }),
		]);
		const found = recurrencesAfterFix(archive.postmortems);
		expect(found).toHaveLength(1);
		expect(found[0]).toMatchObject({ rootCauses: ['database'], fixes: ['Add replica lag alarm'], sharedServices: ['Orders-DB'], sharedTeams: [] });
		expect(found[0]!.postmortem.id).toBe('second');
		expect(found[0]!.earlier.id).toBe('first');
	});

	it('needs a shared service or team as well as the cause: a category alone is noise', () => {
		const fix = [item('done', undefined, 'prevent', 'Patch the parser')];
		const archive = archiveOf([
			entry('cloudbleed', { started: '2017-02-17T00:00:00Z', services: ['edge-proxy'], teams: ['Edge'], rootCauses: ['software-bug'], actionItems: fix }),
			entry('crowdstrike', { started: '2024-07-19T00:00:00Z', services: ['falcon-sensor'], teams: ['Endpoint'], rootCauses: ['software-bug'] }),
			entry('edge-again', { started: '2019-07-02T00:00:00Z', services: ['waf'], teams: ['edge'], rootCauses: ['software-bug'] }),
		]);
		const found = recurrencesAfterFix(archive.postmortems);
		expect(found.map((r) => [r.postmortem.id, r.earlier.id, r.sharedTeams])).toEqual([['edge-again', 'cloudbleed', ['edge']]]);
	});

	it('lists a recurrence once, with every cause the two incidents share', () => {
		const archive = archiveOf([
			entry('before', { started: '2024-01-01T00:00:00Z', rootCauses: ['capacity', 'config-change'], actionItems: [item('done', undefined, 'prevent', 'Retry budget')] }),
			entry('after', { started: '2024-06-01T00:00:00Z', rootCauses: ['config-change', 'capacity'] }),
		]);
		expect(recurrencesAfterFix(archive.postmortems).map((r) => r.rootCauses)).toEqual([['config-change', 'capacity']]);
	});

	it('does not count an incident as the fix for itself or for an earlier one', () => {
		const archive = archiveOf([
			entry('before', { started: '2024-01-01T00:00:00Z', rootCauses: ['database'] }),
			entry('fixed', { started: '2024-02-01T00:00:00Z', rootCauses: ['database'], actionItems: [item('done')] }),
		]);
		expect(recurrencesAfterFix(archive.postmortems)).toEqual([]);
	});

	it('finds (service, cause) pairs that recur', () => {
		const archive = archiveOf([
			entry('a', { services: ['Payments API'], rootCauses: ['database'] }),
			entry('b', { services: ['payments-api'], rootCauses: ['database', 'network'] }),
			entry('c', { services: ['web'], rootCauses: ['network'] }),
		]);
		const pairs = recurringServiceCauses(archive.postmortems, serviceSlug);
		expect(pairs.map((p) => [p.slug, p.rootCause, p.postmortems.length])).toEqual([['payments-api', 'database', 2]]);
	});
});

describe('training gaps', () => {
	it('groups topics ignoring case and surrounding white space, most frequent first', () => {
		const archive = archiveOf([
			entry('a', { started: '2024-03-01T00:00:00Z', trainingGaps: [{ topic: 'Incident command', audience: 'on-call' }] }),
			entry('b', { started: '2024-02-01T00:00:00Z', trainingGaps: [{ topic: '  incident COMMAND ', description: 'Who leads?' }, { topic: 'DNS' }] }),
			entry('c', { started: '2024-01-01T00:00:00Z', trainingGaps: [{ topic: 'INCIDENT command\t' }, { topic: 'BGP' }, { topic: 'Incident  commands' }] }),
		]);
		const groups = groupTrainingGaps(archive.postmortems);
		expect(groups.map((g) => [g.topic, g.count])).toEqual([
			['Incident command', 3],
			['BGP', 1],
			['DNS', 1],
			// Only surrounding white space is ignored: a different inner spelling is another topic.
			['Incident  commands', 1],
		]);
		expect(groups[0]).toMatchObject({ postmortems: ['a', 'b', 'c'], audiences: ['on-call'], descriptions: ['Who leads?'] });
	});
});

describe('action items', () => {
	const archive = archiveOf([
		entry('a', {
			started: '2024-02-01T00:00:00Z',
			actionItems: [
				item('open', '2024-05-31', 'prevent', 'Overdue by a day'),
				item('in-progress', '2024-01-01', 'documentation', 'Overdue docs', 'docs'),
				item('open', '2024-06-01', 'detect', 'Due on the build date'),
				item('open', undefined, 'training', 'No due date', 'docs'),
			],
		}),
		entry('b', {
			started: '2024-01-01T00:00:00Z',
			actionItems: [item('done', '2024-01-02'), item('wont-do', '2024-01-02', 'communication'), item('done')],
		}),
	]);

	it('counts by status, overdue meaning not done or won\'t-do and due before the build date', () => {
		expect(countActionItems(archive.postmortems, '2024-06-01')).toEqual({ total: 7, open: 3, inProgress: 1, done: 2, wontDo: 1, overdue: 2 });
		expect(countActionItems(archive.postmortems, '2024-06-02').overdue).toBe(3);
		expect(countActionItems(archive.postmortems, '2023-12-31').overdue).toBe(0);
	});

	it('gives the completion rate out of items meant to be done', () => {
		const counts = countActionItems(archive.postmortems, '2024-06-01');
		expect(completionRate(counts)).toBeCloseTo(2 / 6, 10);
		expect(completionRate({ total: 0, open: 0, inProgress: 0, done: 0, wontDo: 0, overdue: 0 })).toBeNull();
	});

	const owners = ownerDirectory(archive.postmortems.flatMap((pm) => pm.actionItems.map((i) => i.owner)), new Map());

	it('lists overdue items first, oldest due first, each with its postmortem and owner', () => {
		const rows = actionItemRows(archive.postmortems, owners, '2024-06-01');
		expect(rows.slice(0, 2).map((r) => [r.title, r.overdue, r.postmortem.id, r.ownedBy.name])).toEqual([
			['Overdue docs', true, 'a', 'docs'],
			['Overdue by a day', true, 'a', 'sre'],
		]);
		expect(rows.filter((r) => r.overdue)).toHaveLength(2);
		// Then the rest of what is not done, soonest due first and undated last; then done, then won't do.
		expect(rows.slice(2).map((r) => r.title)).toEqual(['Due on the build date', 'No due date', 'done ', 'done 2024-01-02', 'wont-do 2024-01-02']);
	});

	it('"not done" is open and in progress together, the one count the home page and the ledger both show', () => {
		const counts = countActionItems(archive.postmortems, '2024-06-01');
		expect(unfinished(counts)).toBe(4);
		const figures = actionItemFigures(archive.postmortems, owners, counts, '2024-06-01');
		expect(figures.summary).toMatchObject({ notDone: 4, oldestOverdue: '2024-01-01' });
		expect(figures.owners.reduce((sum, o) => sum + o.summary.notDone, 0)).toBe(4);
	});

	it('groups by owner, whose work is overdue first, and by type in the schema\'s order', () => {
		const figures = actionItemFigures(archive.postmortems, owners, countActionItems(archive.postmortems, '2024-06-01'), '2024-06-01');
		expect(figures.owners.map((o) => [o.of.name, o.summary.counts.total, o.summary.counts.overdue, o.summary.notDone])).toEqual([
			['docs', 2, 1, 2],
			['sre', 5, 1, 2],
		]);
		expect(figures.types.map((t) => t.of)).toEqual(['prevent', 'detect', 'documentation', 'communication', 'training']);
		expect(figures.types.find((t) => t.of === 'documentation')!.summary.counts).toMatchObject({ total: 1, inProgress: 1, overdue: 1 });
		expect(figures.overdue.summary.counts.total).toBe(2);
	});

	it('splits a ledger into pages of bounded size, each section counted over every page', () => {
		const rows = actionItemRows(archive.postmortems, owners, '2024-06-01');
		const pages = ledgerPages(rows, 3);
		expect(pages.map((p) => [p.number, p.of])).toEqual([[1, 3], [2, 3], [3, 3]]);
		expect(pages[0]!.sections.map((s) => [s.section, s.total, s.continued, s.rows.length])).toEqual([
			['overdue', 2, false, 2],
			['not-done', 2, false, 1],
		]);
		expect(pages[1]!.sections.map((s) => [s.section, s.total, s.continued, s.rows.length])).toEqual([
			['not-done', 2, true, 1],
			['done', 2, false, 2],
		]);
		expect(pages[2]!.sections.map((s) => [s.section, s.rows.length])).toEqual([['wont-do', 1]]);
		expect(pages.flatMap((p) => p.sections.flatMap((s) => s.rows))).toEqual(rows);
		expect(ledgerPages([], 3)).toEqual([{ number: 1, of: 1, sections: [] }]);
	});
});

describe('lessons, services and onboarding', () => {
	const archive = archiveOf([
		entry('2024/new', {
			started: '2024-03-01T00:00:00Z',
			services: ['Payments API'],
			rootCauses: ['database'],
			lessons: [{ kind: 'lucky', text: 'Low traffic.', tags: ['timing'] }, { kind: 'went-well', text: 'Fast rollback.', tags: ['rollback', 'timing'] }],
			timeline: [{ at: '2024-03-01T00:00:00Z', event: 'x' }],
		}),
		entry('2023/old', { started: '2023-03-01T00:00:00Z', services: ['payments-api', 'web'], rootCauses: ['database'], onboarding: true }),
		entry('2022/older', { started: '2022-03-01T00:00:00Z', rootCauses: ['network'], onboarding: true, lessons: [{ kind: 'went-well', text: 'Good alerts.' }] }),
		entry('2021/net', { started: '2021-03-01T00:00:00Z', rootCauses: ['capacity'] }),
		entry('2020/cap', { started: '2020-03-01T00:00:00Z', rootCauses: ['capacity'], lessons: [{ kind: 'went-wrong', text: 'Slow.' }] }),
	]);

	it('groups lessons by kind in the contract order, with their postmortems', () => {
		const groups = lessonsByKind(archive.postmortems);
		expect(groups.map((g) => [g.kind, g.lessons.map((l) => l.text)])).toEqual([
			['went-well', ['Fast rollback.', 'Good alerts.']],
			['went-wrong', ['Slow.']],
			['lucky', ['Low traffic.']],
		]);
		expect(lessonTags(archive.postmortems)).toEqual([
			{ tag: 'timing', slug: 'timing', count: 2 },
			{ tag: 'rollback', slug: 'rollback', count: 1 },
		]);
	});

	it('offers the tags lessons share up front and folds the ones used once', () => {
		expect(lessonFigures(archive.postmortems).tags).toEqual({
			common: [{ tag: 'timing', slug: 'timing', count: 2 }],
			more: [{ tag: 'rollback', slug: 'rollback', count: 1 }],
			unlisted: 0,
			moreSummary: '1 more tag, used by one lesson',
		});
	});

	describe('the lesson-tag index', () => {
		const tags = (...counts: [string, number][]) => counts.map(([tag, count]) => ({ tag, slug: tag, count }));
		const names = (list: { tag: string }[]) => list.map((t) => t.tag);

		it('puts up front the lowest count that fits, never cutting a count in the middle', () => {
			const groups = groupLessonTags(tags(['e', 1], ['a', 5], ['b', 4], ['c', 3], ['d', 3], ['f', 2], ['g', 2], ['h', 1], ['i', 1]), { common: 4, more: 3 });
			// Two or more would be six tags; three or more is four.
			expect(names(groups.common)).toEqual(['a', 'b', 'c', 'd']);
			// The next three by count (f, g, then e of the once-used), listed alphabetically.
			expect(names(groups.more)).toEqual(['e', 'f', 'g']);
			expect(groups.unlisted).toBe(2);
			expect(groups.moreSummary).toBe('3 more tags, each used by one or two lessons');
		});

		it('folds every tag when none is shared, and cuts alphabetically only when the top count alone is too many', () => {
			const once = groupLessonTags(tags(['b', 1], ['a', 1]));
			expect(once.common).toEqual([]);
			expect(names(once.more)).toEqual(['a', 'b']);
			expect(once.moreSummary).toBe('2 tags, each used by one lesson');

			const crowded = groupLessonTags(tags(['c', 3], ['a', 3], ['b', 3], ['d', 1]), { common: 2, more: 10 });
			expect(names(crowded.common)).toEqual(['a', 'b']);
			expect(names(crowded.more)).toEqual(['c', 'd']);
			expect(crowded.moreSummary).toBe('2 more tags, each used by one to three lessons');
		});

		it('stays short at a large archive: 5,000 tags give at most the limits', () => {
			const many = Array.from({ length: 5000 }, (_, i) => ({ tag: `t${i}`, slug: `t${i}`, count: i < 50 ? 100 - i : i < 1000 ? 2 : 1 }));
			const groups = groupLessonTags(many);
			expect(groups.common.length).toBeLessThanOrEqual(TAG_LIMITS.common);
			expect(groups.common.every((t) => t.count >= 2)).toBe(true);
			expect(groups.more).toHaveLength(TAG_LIMITS.more);
			expect(groups.common.length + groups.more.length + groups.unlisted).toBe(5000);
		});
	});

	it('groups services whose names differ only in case and punctuation', () => {
		const groups = groupByService(archive.postmortems, serviceSlug);
		const payments = groups.filter((g) => g.slug === 'payments-api');
		expect(payments).toHaveLength(1);
		expect(payments[0]!.name).toBe('Payments API');
		expect(payments[0]!.postmortems.map((pm) => pm.id)).toEqual(['2024/new', '2023/old']);
		expect(groups.map((g) => g.slug)).toEqual(['api', 'payments-api', 'web']);
	});

	it('reads onboarding picks oldest first, then one best-documented incident per uncovered recurring cause', () => {
		const path = onboardingPath(archive.postmortems, archive.rootCause);
		expect(path.map((s) => s.postmortem.id)).toEqual(['2022/older', '2023/old', '2020/cap']);
		expect(path[2]!.why).toMatch(/2 incidents caused by capacity/);
		expect(path[0]!.why).toMatch(/Chosen by its authors/);
	});
});
