/**
 * The pages that list the whole archive, built from an archive long enough to page every list:
 * each first view is bounded, every later page is linked, every item is reachable from the
 * summary, and the public edition's pages leak nothing of the internal ones.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { existsSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { buildFixture, mainText, readOutput, readPage, type BuildResult } from '../support/build';
import { makeArchive } from '../support/archive';
import { PAGE_SIZES, PREVIEW_SIZES } from '../../src/lib/present/paging';

/** 230 postmortems of one cause on one service: more than a page of every list. */
const N = 230;
const CHOSEN = 25;
const MARKER = 'quokka-internal';
const id = (i: number) => `2024/pm-${String(i).padStart(3, '0')}`;
/** Even ones are public; the internal ones carry the marker in their title, lesson and tag. */
const isPublic = (i: number) => i % 2 === 0;

function postmortem(i: number): string {
	const started = new Date(Date.UTC(2023, 0, 1, 10) + i * 86_400_000);
	const title = isPublic(i) ? `Outage number ${i}` : `Outage number ${i} ${MARKER}`;
	return `---
title: ${title}
summary: What happened in outage ${i}.
severity: SEV${(i % 4) + 1}
started: ${started.toISOString()}
resolved: ${new Date(started.getTime() + 3_600_000).toISOString()}
services: [api]
impact:
  description: Some requests failed.
rootCauses: [network]
visibility: ${isPublic(i) ? 'public' : 'internal'}
onboarding: ${i < CHOSEN}
lessons:
  - { kind: went-well, text: "Rolled back fast in outage ${i}.", tags: [${i % 3 ? 'Rollback' : 'rollback'}${isPublic(i) ? '' : `, ${MARKER}-tag`}] }
${i % 2 ? `  - { kind: went-wrong, text: "Paged late in outage ${i}.", tags: [rollback, alerting] }\n` : ''}trainingGaps:
  - { topic: DNS basics, audience: on-call, description: "Gap of outage ${i}." }
actionItems:
  - { title: "Prevent outage ${i}", type: prevent, owner: sre, status: done }
---

Body of outage ${i}.
`;
}

const pagesUnder = (dist: string, dir: string) =>
	existsSync(join(dist, dir))
		? readdirSync(join(dist, dir), { recursive: true, encoding: 'utf8' })
				.filter((f) => f.endsWith('index.html'))
				.map((f) => `${dir}/${f.replace(/index\.html$/, '')}`)
				.sort()
		: [];
/** The postmortems a page links to, in page order. */
const linkedIds = (html: string) => [...html.matchAll(/href="\/postmortems\/(2024\/pm-\d+)\/"/g)].map((m) => m[1]!);
/** Every page of a list, following its pager's "next" link from the first. */
function followPages(dist: string, first: string): string[] {
	const pages = [readPage(dist, first)];
	for (;;) {
		const next = /<a href="([^"]+)" rel="next"/.exec(pages.at(-1)!)?.[1];
		if (!next) return pages;
		pages.push(readPage(dist, next.slice(1)));
	}
}
const itemsOf = (html: string, list: string) => {
	const lists = [...html.matchAll(new RegExp(`<ul class="${list}[^"]*">([\\s\\S]*?)</ul>`, 'g'))].map((m) => m[1]!);
	return lists.flatMap((l) => [...l.matchAll(/<li>/g)]).length;
};

describe('pages that list everything, at more than a page of each list', () => {
	let internal: BuildResult;
	let publicBuild: BuildResult;
	const all = Array.from({ length: N }, (_, i) => i);
	const ids = (filter: (i: number) => boolean) => all.filter(filter).map(id).sort();

	beforeAll(async () => {
		const content = makeArchive(Object.fromEntries(all.map((i) => [`${id(i)}.md`, postmortem(i)])));
		internal = await buildFixture('lists', { content });
		if (internal.code !== 0) throw new Error(internal.output);
		publicBuild = await buildFixture('lists', { content, edition: 'public' });
		if (publicBuild.code !== 0) throw new Error(publicBuild.output);
	}, 600_000);

	it("splits a cause's and a service's incidents at 200, each page linked from the first", () => {
		expect(pagesUnder(internal.dist, 'root-causes/network').filter((p) => !p.includes('fixes'))).toEqual(['root-causes/network/', 'root-causes/network/2/']);
		expect(pagesUnder(internal.dist, 'services/api')).toEqual(['services/api/', 'services/api/2/']);
		for (const first of ['root-causes/network/', 'services/api/']) {
			const pages = followPages(internal.dist, first);
			expect(pages).toHaveLength(2);
			expect(pages.map((p) => itemsOf(p, 'hs-pm-list'))).toEqual([PAGE_SIZES.incidents, N - PAGE_SIZES.incidents]);
			expect(pages.flatMap(linkedIds).sort()).toEqual(expect.arrayContaining(ids(() => true)));
			expect(mainText(pages[1]!)).toMatch(/\(page 2 of 2\).*Incidents 201–230 of 230, newest first/);
			// The figures and the chart are on the first page only.
			expect(pages[0]).toContain('class="hs-facts"');
			expect(pages[1]).not.toContain('class="hs-facts"');
		}
	});

	it('shows the newest lessons of each kind on /lessons/ and every lesson in its kind\'s pages', () => {
		const summary = readPage(internal.dist, 'lessons/');
		expect(itemsOf(summary, 'hs-lesson-list hs-lesson-went-well')).toBe(PREVIEW_SIZES.lessons);
		expect(mainText(summary)).toMatch(new RegExp(`What went well \\(${N}\\).*Every lesson on what went well \\(${N}\\)`));
		const pages = followPages(internal.dist, 'lessons/went-well/');
		expect(pages).toHaveLength(Math.ceil(N / PAGE_SIZES.lessons));
		const texts = pages.flatMap((p) => [...mainText(p).matchAll(/Rolled back fast in outage (\d+)\./g)].map((m) => Number(m[1])));
		expect(texts).toEqual([...all].reverse());
		// No lucky lesson: its page says so, and the summary links nowhere for it.
		expect(mainText(readPage(internal.dist, 'lessons/lucky/'))).toContain('None recorded yet.');
	});

	it('links each tag to its pages, spellings of one tag on one page, each lesson once', () => {
		const summary = readPage(internal.dist, 'lessons/');
		expect(summary).toMatch(/<a href="\/lessons\/tags\/rollback\/">#Rollback <span>345<\/span><\/a>/);
		const pages = followPages(internal.dist, 'lessons/tags/rollback/');
		expect(pages).toHaveLength(Math.ceil((N + N / 2) / PAGE_SIZES.lessons));
		expect(mainText(pages[0]!)).toMatch(/345 lessons carry this tag: 230 on what went well and 115 on what went wrong/);
		expect(mainText(pages[2]!)).toMatch(/What went well \(230, continued\).*What went wrong \(115\)/);
		expect(pages.reduce((sum, p) => sum + itemsOf(p, 'hs-lesson-list'), 0)).toBe(345);
		// A lesson's own tags lead to the same pages, on the postmortem and the lessons pages alike.
		expect(readPage(internal.dist, `postmortems/${id(1)}/`)).toContain('<a class="hs-tag" href="/lessons/tags/rollback/">');
		expect(summary).not.toContain('?tag=');
		expect(summary).not.toContain('lesson-filter');
	});

	it('bounds /training/ and pages each topic and the onboarding choices', () => {
		const training = mainText(readPage(internal.dist, 'training/'));
		expect(training).toMatch(new RegExp(`DNS basics · ${N} incidents .*Exposed by: (Outage number \\d+[^,]*, ){4}Outage number \\d+[^,]* and ${N - PREVIEW_SIZES.topicIncidents} more ?\\.`));
		expect(training).toContain(`Authors chose ${CHOSEN} postmortems for onboarding; the path takes the oldest ${PREVIEW_SIZES.onboarding}. Every postmortem chosen for onboarding (${CHOSEN})`);
		const topic = followPages(internal.dist, 'training/topics/dns-basics/');
		expect(topic).toHaveLength(Math.ceil(N / PAGE_SIZES.exposures));
		expect(topic.flatMap(linkedIds).sort()).toEqual(ids(() => true));
		expect(mainText(topic[0]!)).toContain('Gap of outage 229.');
		const chosen = followPages(internal.dist, 'training/onboarding/');
		expect(chosen.flatMap(linkedIds)).toEqual(all.slice(0, CHOSEN).map(id));
	});

	it('cuts the fixes that did not hold to the newest, with every one on the cause\'s fixes pages', () => {
		const index = readPage(internal.dist, 'root-causes/');
		const recurrences = N - 1;
		expect(mainText(index)).toMatch(new RegExp(`Fixes that did not hold .* warning light\\. ${recurrences} in all, by cause: Network \\(${recurrences}\\) ?\\. The newest ${PREVIEW_SIZES.recurrences}:`));
		expect(itemsOf(index, 'hs-recurrences')).toBe(PREVIEW_SIZES.recurrences);
		expect(mainText(index)).toMatch(new RegExp(`Service Root cause Incidents Newest incidents api Network ${N} Outage number 229[^,]*, Outage number 228[^,]*, Outage number 227[^,]* and ${N - 3} more`));
		const cause = readPage(internal.dist, 'root-causes/network/');
		expect(itemsOf(cause, 'hs-recurrences')).toBe(PREVIEW_SIZES.recurrences);
		expect(cause).toContain(`href="/root-causes/network/fixes/">Every fix of this cause that did not hold (${recurrences}) →`);
		const fixes = followPages(internal.dist, 'root-causes/network/fixes/');
		expect(fixes).toHaveLength(Math.ceil(recurrences / PAGE_SIZES.recurrences));
		expect(fixes.reduce((sum, p) => sum + itemsOf(p, 'hs-recurrences'), 0)).toBe(recurrences);
	});

	it('keeps the internal postmortems, their lessons and their tags out of every public page', () => {
		const leaked = readOutput(publicBuild.dist).filter((f) => f.text.includes(MARKER)).map((f) => f.path);
		expect(leaked).toEqual([]);
		expect(pagesUnder(publicBuild.dist, 'lessons/tags').some((p) => p.includes(MARKER))).toBe(false);
		expect(pagesUnder(internal.dist, 'lessons/tags')).toContain(`lessons/tags/${MARKER}-tag/`);
		// Half the archive: one page of incidents, and every public one on it.
		expect(pagesUnder(publicBuild.dist, 'root-causes/network').filter((p) => !p.includes('fixes'))).toEqual(['root-causes/network/']);
		expect(linkedIds(readPage(publicBuild.dist, 'root-causes/network/')).sort()).toEqual(expect.arrayContaining(ids(isPublic)));
		expect(mainText(readPage(publicBuild.dist, 'lessons/'))).toMatch(/What went well \(115\)/);
		expect(followPages(publicBuild.dist, 'training/topics/dns-basics/').flatMap(linkedIds).sort()).toEqual(ids(isPublic));
	});

	it('never lets a list page grow past its page size', () => {
		const lists = ['lessons', 'root-causes', 'services', 'training'].flatMap((dir) => pagesUnder(internal.dist, dir));
		for (const page of lists) {
			const html = readPage(internal.dist, page);
			const rows = ['hs-pm-list', 'hs-lesson-list', 'hs-recurrences', 'hs-exposures'].map((list) => itemsOf(html, list));
			expect(Math.max(...rows), page).toBeLessThanOrEqual(PAGE_SIZES.incidents);
		}
	});
});

describe('lesson tags and training topics that would share an address', () => {
	it('fail the build, naming both spellings and both files', async () => {
		const content = makeArchive({
			'2024/a.md': postmortem(0).replace('tags: [rollback]', 'tags: ["C++"]').replace('topic: DNS basics', 'topic: Load shedding'),
			'2024/b.md': postmortem(2).replace('tags: [Rollback]', 'tags: [c]').replace('topic: DNS basics', 'topic: load-shedding'),
		});
		const { code, output } = await buildFixture('lists-collision', { content });
		expect(code).not.toBe(0);
		expect(output).toMatch(/2024\/a\.md: lessons\.tags: "C\+\+" \(this file\) and "c" \([^)]*2024\/b\.md\) are different lesson tags with one address, \/lessons\/tags\/c\//);
		expect(output).toMatch(/2024\/a\.md: trainingGaps\.topic: "Load shedding" \(this file\) and "load-shedding" \([^)]*2024\/b\.md\) are different training topics with one address, \/training\/topics\/load-shedding\//);
	}, 120_000);
});
