/**
 * The pages that list the whole archive, cut to pages of bounded size: the paging itself, the
 * addresses of later pages, lesson tags and training topics as addresses, and each list's summary.
 */
import { describe, expect, it } from 'vitest';
import { recurrenceList, recurrencesAfterFix, recurrencesByCause, recurringServiceCauses, rootCauseIndex, rootCauseProfiles, type RecurrenceAfterFix } from '../../src/lib/figures/causes';
import { groupTrainingGaps, lessonFigures, lessonTags, onboardingPath, trainingFigures } from '../../src/lib/figures/learning';
import { formatProblem } from '../../src/lib/model/postmortem-source';
import { nameKey, serviceSlug, tagCollisionProblem, tagSlug, tagSlugCollisions, topicCollisionProblem, topicSlug, topicSlugCollisions } from '../../src/lib/model/slugs';
import { listPages, pageRange, pageTitle, PAGE_SIZES, PREVIEW_SIZES, sectionedPages } from '../../src/lib/present/paging';
import { lessonsUrl, lessonTagUrl, onboardingUrl, rootCauseFixesUrl, rootCauseUrl, serviceUrl, trainingTopicUrl } from '../../src/lib/present/urls';
import { archiveOf, entry } from '../support/make';

const range = (n: number) => Array.from({ length: n }, (_, i) => i);
/** A day of 2020 onwards, `i` days in: later `i`, newer postmortem. */
const day = (i: number) => new Date(Date.UTC(2020, 0, 1 + i, 10)).toISOString();

describe('list pages', () => {
	it('cut a list into pages of at most the size, the last one holding the rest', () => {
		const pages = listPages(range(7), 3);
		expect(pages.map((p) => p.items)).toEqual([[0, 1, 2], [3, 4, 5], [6]]);
		expect(pages.map((p) => [p.number, p.of, p.start, p.total])).toEqual([
			[1, 3, 0, 7],
			[2, 3, 3, 7],
			[3, 3, 6, 7],
		]);
	});

	it('make no empty last page at an exact multiple, and one page of one more past it', () => {
		expect(listPages(range(200), 200)).toHaveLength(1);
		expect(listPages(range(201), 200).map((p) => p.items.length)).toEqual([200, 1]);
		expect(listPages(range(1), 200).map((p) => p.items)).toEqual([[0]]);
	});

	it('give an empty list one empty page, so its address still answers', () => {
		expect(listPages([], 50)).toEqual([{ number: 1, of: 1, start: 0, total: 0, items: [] }]);
	});

	it('refuse a size that is not a whole number of at least one', () => {
		for (const size of [0, -1, 1.5, Number.NaN]) expect(() => listPages([1], size)).toThrow(/whole number/);
	});

	it('say which items a page holds, and name its page in the title once there are more', () => {
		const pages = listPages(range(1234), 200);
		expect(pageRange(pages[0]!)).toBe('1–200 of 1,234');
		expect(pageRange(pages.at(-1)!)).toBe('1,201–1,234 of 1,234');
		expect(pageRange(listPages(range(201), 200)[1]!)).toBe('201 of 201');
		expect(pageRange(listPages([], 10)[0]!)).toBe('none of 0');
		expect(pageTitle('Network', { number: 2, of: 7 })).toBe('Network (page 2 of 7)');
		expect(pageTitle('Network', { number: 1, of: 1 })).toBe('Network');
	});

	it('keep sections together across pages, each counted over every page and marked when continued', () => {
		const items = ['a1', 'a2', 'a3', 'b1', 'c1', 'c2'];
		const pages = sectionedPages(items, (s) => s[0]!, 2);
		expect(pages.map((p) => p.sections.map((s) => [s.key, s.total, s.continued, s.items]))).toEqual([
			[['a', 3, false, ['a1', 'a2']]],
			[
				['a', 3, true, ['a3']],
				['b', 1, false, ['b1']],
			],
			[['c', 2, false, ['c1', 'c2']]],
		]);
		expect(sectionedPages([], (s: string) => s, 2)).toEqual([{ number: 1, of: 1, start: 0, total: 0, items: [], sections: [] }]);
	});
});

describe('addresses of later pages', () => {
	it('leave the first page at the list address and put the others one segment below it', () => {
		expect(rootCauseUrl('network')).toBe('/root-causes/network/');
		expect(rootCauseUrl('network', 1)).toBe('/root-causes/network/');
		expect(rootCauseUrl('network', 3)).toBe('/root-causes/network/3/');
		expect(rootCauseFixesUrl('network', 2)).toBe('/root-causes/network/fixes/2/');
		expect(serviceUrl('edge-proxy', 2)).toBe('/services/edge-proxy/2/');
		expect(lessonsUrl()).toBe('/lessons/');
		expect(lessonsUrl('went-wrong')).toBe('/lessons/went-wrong/');
		expect(lessonsUrl('lucky', 4)).toBe('/lessons/lucky/4/');
		expect(lessonTagUrl('rollback', 2)).toBe('/lessons/tags/rollback/2/');
		expect(trainingTopicUrl('dns', 2)).toBe('/training/topics/dns/2/');
		expect(onboardingUrl(2)).toBe('/training/onboarding/2/');
	});
});

describe('lesson tags and training topics as addresses', () => {
	it('are one name when equal once trimmed, NFKC-normalised and lower-cased, as services are', () => {
		expect(nameKey(' Rollback ')).toBe(nameKey('rollback'));
		expect(nameKey('ＲＯＬＬＢＡＣＫ')).toBe('rollback');
		expect(nameKey('caf\u00e9')).toBe(nameKey('cafe\u0301'));
		expect(nameKey('feature flags')).not.toBe(nameKey('feature-flags'));
	});

	it('get the slug a service would, with their own prefix when no letter or digit is left', () => {
		expect(tagSlug('Feature Flags')).toBe('feature-flags');
		expect(tagSlug('#on-call')).toBe('on-call');
		expect(tagSlug('отказоустойчивость')).toBe('отказоустойчивость');
		expect(tagSlug('C++')).toBe('c');
		expect(tagSlug('++')).toMatch(/^tag-[0-9a-f]{8}$/);
		expect(tagSlug('..')).not.toBe(tagSlug('.'));
		expect(topicSlug('DNS / BGP basics')).toBe('dns-bgp-basics');
		expect(topicSlug('???')).toMatch(/^topic-[0-9a-f]{8}$/);
		expect(tagSlug('Edge Proxy')).toBe(serviceSlug('Edge Proxy'));
	});

	it('refuse different tags that would share one page, naming each spelling, its file and what to do', () => {
		const entries = [
			entry('2024/a', { lessons: [{ kind: 'went-well', text: 'x', tags: ['C++', 'Rollback'] }] }),
			entry('2024/b', { lessons: [{ kind: 'went-wrong', text: 'y', tags: ['c', 'rollback', ' ROLLBACK '] }] }),
		];
		const collisions = tagSlugCollisions(entries);
		expect(collisions).toEqual([
			{
				slug: 'c',
				spellings: [
					{ name: 'C++', file: 'content/postmortems/2024/a.mdx' },
					{ name: 'c', file: 'content/postmortems/2024/b.mdx' },
				],
			},
		]);
		expect(collisions.map((c) => formatProblem(tagCollisionProblem(c)))).toEqual([
			'content/postmortems/2024/a.mdx: lessons.tags: "C++" (this file) and "c" (content/postmortems/2024/b.mdx) are different lesson tags with one address, /lessons/tags/c/. Spell them the same way if they are one lesson tag, or rename one if they are not.',
		]);
	});

	it('refuse different training topics that would share one page', () => {
		const entries = [
			entry('2024/a', { trainingGaps: [{ topic: 'Load shedding' }, { topic: 'DNS' }] }),
			entry('2024/b', { trainingGaps: [{ topic: 'load-shedding' }, { topic: ' dns ' }] }),
		];
		expect(topicSlugCollisions(entries).map((c) => formatProblem(topicCollisionProblem(c)))).toEqual([
			'content/postmortems/2024/a.mdx: trainingGaps.topic: "Load shedding" (this file) and "load-shedding" (content/postmortems/2024/b.mdx) are different training topics with one address, /training/topics/load-shedding/. Spell them the same way if they are one training topic, or rename one if they are not.',
		]);
	});
});

describe('lessons in pages', () => {
	// 130 postmortems, newest last: each went well once (tagged "Rollback" or "rollback"), every
	// tenth also went wrong (tagged "rollback" too), and one was lucky.
	const archive = archiveOf(
		range(130).map((i) =>
			entry(`p${String(i).padStart(3, '0')}`, {
				started: day(i),
				lessons: [
					{ kind: 'went-well', text: `Well ${i}.`, tags: [i % 2 ? 'Rollback' : ' rollback', 'ROLLBACK'] },
					...(i % 10 === 0 ? [{ kind: 'went-wrong', text: `Wrong ${i}.`, tags: ['rollback', `rare-${i}`] }] : []),
					...(i === 5 ? [{ kind: 'lucky', text: 'Lucky.' }] : []),
				],
			})
		)
	);
	const figures = lessonFigures(archive.postmortems);

	it('show the newest of each kind on the summary and every lesson of a kind in its pages', () => {
		const [well, wrong, lucky] = figures.kinds;
		expect([well!.total, wrong!.total, lucky!.total]).toEqual([130, 13, 1]);
		expect(well!.newest).toHaveLength(PREVIEW_SIZES.lessons);
		expect(well!.newest[0]!.text).toBe('Well 129.');
		expect(well!.pages.map((p) => p.items.length)).toEqual([PAGE_SIZES.lessons, 130 - PAGE_SIZES.lessons]);
		expect(well!.pages.flatMap((p) => p.items).map((l) => l.text)).toEqual(range(130).reverse().map((i) => `Well ${i}.`));
		expect(wrong!.newest).toHaveLength(13);
		expect(lucky!.pages).toHaveLength(1);
	});

	it('merge spellings of one tag, counting a lesson once, shown as the newest lesson spells it', () => {
		const [top] = lessonTags(archive.postmortems);
		expect(top).toEqual({ tag: 'Rollback', slug: 'rollback', count: 143 });
		expect(figures.tags.common.map((t) => t.tag)).toEqual(['Rollback']);
		expect(figures.tags.more).toHaveLength(13);
	});

	it("give each tag pages of its lessons by kind, newest first, sections continued over pages", () => {
		const rollback = figures.tagLists.find((t) => t.tag.slug === 'rollback')!;
		expect(rollback.byKind).toEqual([
			{ kind: 'went-well', count: 130 },
			{ kind: 'went-wrong', count: 13 },
		]);
		expect(rollback.pages.map((p) => p.sections.map((s) => [s.key, s.total, s.continued, s.items.length]))).toEqual([
			[['went-well', 130, false, 100]],
			[
				['went-well', 130, true, 30],
				['went-wrong', 13, false, 13],
			],
		]);
		expect(rollback.pages[1]!.sections[1]!.items[0]!.text).toBe('Wrong 120.');
		const rare = figures.tagLists.find((t) => t.tag.slug === 'rare-50')!;
		expect(rare.pages.flatMap((p) => p.items).map((l) => l.text)).toEqual(['Wrong 50.']);
	});

	it('reach every lesson from some tag page or kind page, each exactly once per list', () => {
		const all = figures.kinds.flatMap((k) => k.pages.flatMap((p) => p.items));
		expect(all).toHaveLength(144);
		for (const list of figures.tagLists) {
			const items = list.pages.flatMap((p) => p.items);
			expect(new Set(items).size, list.tag.tag).toBe(items.length);
			expect(items.length, list.tag.tag).toBe(list.tag.count);
		}
	});
});

describe('training topics in pages', () => {
	const archive = archiveOf(
		range(120).map((i) =>
			entry(`p${String(i).padStart(3, '0')}`, {
				started: day(i),
				onboarding: i % 4 === 0,
				rootCauses: [i % 2 ? 'network' : 'capacity'],
				trainingGaps: [
					{ topic: i % 3 ? 'DNS' : 'ｄｎｓ', audience: `team ${i % 7}`, description: `Gap ${i}.` },
					...(i === 7 ? [{ topic: 'dns', description: 'Again.' }] : []),
					{ topic: `Topic ${i}` },
				],
			})
		)
	);
	const gaps = groupTrainingGaps(archive.postmortems);
	const figures = trainingFigures(gaps, archive.postmortems, archive.rootCause);

	it('group a topic over NFKC spellings, one entry per postmortem with everything it wrote', () => {
		expect(gaps[0]).toMatchObject({ topic: 'DNS', slug: 'dns', count: 120 });
		const seven = gaps[0]!.exposures.find((e) => e.postmortem.id === 'p007')!;
		expect(seven).toMatchObject({ audience: 'team 0', descriptions: ['Gap 7.', 'Again.'] });
		expect(gaps[0]!.exposures[0]!.postmortem.id).toBe('p119');
	});

	it('page each topic, and show a bounded number of topics on /training/', () => {
		const dns = figures.topics[0]!;
		expect(dns.pages.map((p) => p.items.length)).toEqual([PAGE_SIZES.exposures, 20]);
		expect(figures.topics).toHaveLength(121);
		expect([figures.shown, figures.more, figures.unlisted]).toEqual([PREVIEW_SIZES.topics, 121 - PREVIEW_SIZES.topics, 0]);
	});

	it('take the oldest chosen postmortems into the reading path, and list every chosen one in pages', () => {
		expect(figures.chosen[0]!.total).toBe(30);
		expect(figures.chosen.flatMap((p) => p.items).map((pm) => pm.id).slice(0, 2)).toEqual(['p000', 'p004']);
		const chosenSteps = figures.path.filter((s) => s.why.startsWith('Chosen'));
		expect(chosenSteps).toHaveLength(PREVIEW_SIZES.onboarding);
		expect(chosenSteps.at(-1)!.postmortem.id).toBe('p076');
		// Every chosen one covers capacity; network, recurring, gets its best-documented incident.
		expect(figures.path.at(-1)!.why).toMatch(/caused by network/);
		expect(onboardingPath(archive.postmortems, archive.rootCause, 2).map((s) => s.postmortem.id).slice(0, 2)).toEqual(['p000', 'p004']);
	});
});

describe('root causes, bounded', () => {
	// 30 incidents of one cause on one service, each with a done prevention fix: each recurs after the one before.
	const archive = archiveOf(
		range(30).map((i) =>
			entry(`p${String(i).padStart(2, '0')}`, {
				started: day(i),
				services: i < 25 ? ['api'] : [`svc-${i}`, 'api'],
				rootCauses: i % 5 === 0 ? ['network', 'database'] : ['network'],
				actionItems: [{ title: `Fix ${i}`, type: 'prevent', owner: 'sre', status: 'done' }],
			})
		)
	);
	const recurrences = recurrencesAfterFix(archive.postmortems);
	const profiles = rootCauseProfiles(archive.postmortems, archive.rootCause, serviceSlug);

	it('keep a short list whole, and page a long one behind its newest few', () => {
		// Each incident recurs after the one before; one naming database too also after the last
		// one that did, five days before: a second recurrence, of another earlier incident.
		expect(recurrences).toHaveLength(29 + 5);
		const long = recurrenceList(recurrences);
		expect(long.newest).toHaveLength(PREVIEW_SIZES.recurrences);
		expect(long.newest[0]!.postmortem.id).toBe('p29');
		expect(long.pages.flatMap((p) => p.items)).toEqual(recurrences);
		const short = recurrenceList(recurrences.slice(0, PREVIEW_SIZES.recurrences));
		expect(short.pages).toEqual([]);
		expect(recurrenceList([])).toEqual({ total: 0, newest: [], pages: [] });
	});

	it('file a fix that did not hold under every cause the two incidents share', () => {
		const byCause = recurrencesByCause(recurrences);
		expect(byCause.get('network')).toHaveLength(29);
		// database is named by p00, p05 … p25: each recurs after the one five days before.
		expect(byCause.get('database')!.map((r: RecurrenceAfterFix) => r.postmortem.id)).toEqual(['p25', 'p20', 'p15', 'p10', 'p05']);
	});

	it('summarise the index: counts by cause, the newest fixes, the most named pairs with their newest incidents', () => {
		const index = rootCauseIndex(profiles, recurrences, recurringServiceCauses(archive.postmortems, serviceSlug));
		expect(index.recurrenceCount).toBe(34);
		expect(index.newestRecurrences).toHaveLength(PREVIEW_SIZES.recurrences);
		expect(index.recurrencesByCause).toEqual([
			{ id: 'network', name: 'network', count: 29 },
			{ id: 'database', name: 'database', count: 5 },
		]);
		expect(index.pairs.map((p) => [p.service, p.rootCause, p.count, p.newest.map((pm) => pm.id)])).toEqual([
			['api', 'network', 30, ['p29', 'p28', 'p27']],
			['api', 'database', 6, ['p25', 'p20', 'p15']],
		]);
		expect(index.morePairs).toBe(0);
		const many = rootCauseIndex(profiles, [], Array.from({ length: 25 }, (_, i) => ({ service: `s${i}`, slug: `s${i}`, rootCause: 'network', postmortems: archive.postmortems.slice(0, 2) })));
		expect(index.pairs.length + many.pairs.length).toBe(2 + PREVIEW_SIZES.pairs);
		expect(many.morePairs).toBe(5);
	});
});
