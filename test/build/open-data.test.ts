/**
 * The knowledge pages, open data and the public edition, read from a built fixture site.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import yaml from 'js-yaml';
import { findPostmortemFiles } from '../../src/node/postmortem-files';
import { ROOT, buildFixture, mainText, readOutput, readPage, type BuildResult } from '../support/build';

const json = (dist: string, path: string) => JSON.parse(readFileSync(join(dist, path), 'utf8'));

describe('open data and knowledge pages (internal edition)', () => {
	let build: BuildResult;
	beforeAll(async () => {
		build = await buildFixture('basic');
		if (build.code !== 0) throw new Error(build.output);
	});

	it('publishes postmortems.json per the contract', () => {
		const doc = json(build.dist, 'api/postmortems.json');
		expect(doc.edition).toBe('internal');
		expect(doc.postmortems.map((p: { id: string }) => p.id)).toEqual(['2024/gamma-review', '2024/alpha', '2023/beta', '2022/epsilon']);
		const alpha = doc.postmortems[1];
		expect(alpha).toMatchObject({
			url: '/postmortems/2024/alpha/',
			started: '2024-03-05T14:00:00.000Z',
			detected: '2024-03-05T14:10:00.000Z',
			resolved: '2024-03-05T15:30:00.000Z',
			durationMinutes: 90,
			timeToDetectMinutes: 10,
			timeToMitigateMinutes: 60,
			related: ['2023/beta'],
			rootCauses: ['config-change', 'deployment'],
		});
		expect(doc.postmortems[2]).toMatchObject({ id: '2023/beta', started: '2023-11-20T07:00:00.000Z', durationMinutes: 20, detected: null });
	});

	it('gives each record its similar incidents: none linked, none below the cut-off', () => {
		const doc = json(build.dist, 'api/postmortems.json');
		for (const record of doc.postmortems) expect(Array.isArray(record.similar), record.id).toBe(true);
		const of = (id: string) => doc.postmortems.find((p: { id: string }) => p.id === id).similar;
		// Alpha and beta are linked by `related`: each is listed as related, not as similar.
		expect(of('2024/alpha')).toEqual([]);
		expect(of('2023/beta').map((s: { id: string }) => s.id)).not.toContain('2024/alpha');
		// Gamma and epsilon share one word ("stampede") and nothing filed: too little to list.
		expect(of('2022/epsilon')).toEqual([]);
	});

	it('publishes themes.json per the contract, from the edition\'s postmortems', () => {
		const doc = json(build.dist, 'api/themes.json');
		expect(doc.edition).toBe('internal');
		expect(Array.isArray(doc.themes)).toBe(true);
		const ids = new Set(json(build.dist, 'api/postmortems.json').postmortems.map((p: { id: string }) => p.id));
		for (const theme of doc.themes) {
			expect(Object.keys(theme)).toEqual(expect.arrayContaining(['id', 'label', 'postmortems', 'lessons', 'actionItems', 'contributingFactors', 'firstSeen', 'lastSeen']));
			expect(theme.postmortems.length).toBeGreaterThanOrEqual(2);
			for (const id of theme.postmortems) expect(ids.has(id)).toBe(true);
		}
		expect(existsSync(join(build.dist, 'themes/index.html'))).toBe(true);
	});

	it('publishes stats.json per the contract', () => {
		const stats = json(build.dist, 'api/stats.json');
		expect(stats).toMatchObject({
			edition: 'internal',
			count: 4,
			bySeverity: { SEV1: 1, SEV2: 1, SEV3: 1, SEV4: 0, SEV5: 1 },
			// durations 90, 20, 60, 5 → sorted 5 20 60 90: median 40, p90 rank 2.7 → 60 + 0.7 × 30 = 81
			durationMinutes: { median: 40 },
			timeToDetectMinutes: { median: 10, p90: 10 },
			usersAffected: 1200,
			// alpha: done, open (due 2024-05-01, overdue on 2024-06-01), in-progress
			actionItems: { total: 3, open: 1, inProgress: 1, done: 1, wontDo: 0, overdue: 1 },
		});
		expect(stats.durationMinutes.p90).toBeCloseTo(81, 10);
		expect(stats.rootCauses.map((c: { id: string; count: number; recurring: boolean }) => [c.id, c.count, c.recurring])).toEqual([
			['config-change', 2, true],
			['capacity', 1, false],
			['database', 1, false],
			['deployment', 1, false],
			['network', 1, false],
		]);
		expect(stats.trainingGaps).toEqual([{ topic: 'Safe configuration rollout', count: 2, postmortems: ['2024/alpha', '2023/beta'] }]);
		expect(stats.byQuarter[0]).toMatchObject({ quarter: '2022-Q1', count: 1 });
		expect(stats.byQuarter.at(-1)).toMatchObject({ quarter: '2024-Q2', count: 1 });
		expect(stats.byQuarter).toHaveLength(10);
		expect(stats.byQuarter.find((q: { quarter: string }) => q.quarter === '2023-Q1')).toEqual({
			quarter: '2023-Q1',
			count: 0,
			durationMinutes: { median: null, p90: null },
			usersAffected: 0,
		});
	});

	it('publishes a CSV, a feed and the frontmatter JSON Schema', () => {
		const csv = readFileSync(join(build.dist, 'api/postmortems.csv'), 'utf8').trimEnd().split('\r\n');
		expect(csv).toHaveLength(5);
		expect(csv[2]).toMatch(/^2024\/alpha,\/postmortems\/2024\/alpha\/,Alpha checkout outage,SEV1,/);
		const rss = readFileSync(join(build.dist, 'rss.xml'), 'utf8');
		const items = [...rss.matchAll(/<item><title>([^<]+)<\/title><link>([^<]+)<\/link>/g)].map((m) => m[2]);
		expect(items).toEqual([
			'http://localhost:4321/postmortems/2024/gamma-review/',
			'http://localhost:4321/postmortems/2024/alpha/',
			'http://localhost:4321/postmortems/2023/beta/',
			'http://localhost:4321/postmortems/2022/epsilon/',
		]);
		const schema = json(build.dist, 'api/postmortem.schema.json');
		expect(schema.properties.rootCauses.items.enum).toContain('certificate-expiry');
	});

	it('shows lessons by kind, training gaps grouped, the onboarding path and action items', () => {
		const lessons = mainText(readPage(build.dist, 'lessons/'));
		expect(lessons).toMatch(/What went well \(1\).*Rollback took five minutes once decided\. — Alpha checkout outage/);
		expect(lessons).toMatch(/Where we got lucky \(1\).*It happened outside the sales peak/);
		const training = mainText(readPage(build.dist, 'training/'));
		expect(training).toMatch(/Onboarding reading path.*Alpha checkout outage.*Chosen by its authors/);
		expect(training).toMatch(/Safe configuration rollout · 2 incidents/);
		expect(training).toContain('Nobody had rehearsed it.');
		const actions = mainText(readPage(build.dist, 'action-items/'));
		expect(actions).toMatch(/Not done 2 ?1 open · 1 in progress/);
		expect(actions).toMatch(/Overdue \(1\) .*Action Status Due Owner Postmortem Alert on checkout success rate Open 2024-05-01 Overdue Payments team Alpha checkout outage/);
		expect(actions).toMatch(/Completion rate 33%/);
		const documentation = mainText(readPage(build.dist, 'action-items/types/documentation/'));
		expect(documentation).toMatch(/Not done, not overdue \(1\).*Document flag defaults In progress/);
	});

	it("links each owner from the ledger to a page of the owner's items, under the name owners.yaml gives", () => {
		const ledger = readPage(build.dist, 'action-items/');
		const owners = [...ledger.matchAll(/<td><a href="(\/action-items\/owners\/[^"]+\/)"[^>]*>([^<]+)<\/a><\/td>/g)].map((m) => [m[1], m[2]]);
		expect(owners).toEqual([
			['/action-items/owners/payments-team/', 'Payments team'],
			['/action-items/owners/platform/', 'platform'],
		]);
		const page = mainText(readPage(build.dist, 'action-items/owners/payments-team/'));
		expect(page).toMatch(/Overdue \(1\).*Alert on checkout success rate.*Not done, not overdue \(1\).*Document flag defaults/);
		expect(page).toMatch(/Written in action items as payments \(2 items\) ?; the name shown comes from owners\.yaml ?\./);
		expect(page).not.toContain('Canary config pushes');
		// The owner column of a postmortem's own table links there too.
		expect(readPage(build.dist, 'postmortems/2024/alpha/')).toContain('href="/action-items/owners/payments-team/"');
	});

	it('counts "not done" on the home page as the ledger does, and as the owners add up', () => {
		const home = readPage(build.dist, '');
		const ledger = readPage(build.dist, 'action-items/');
		const homeNotDone = /<dt>Action items not done<\/dt>\s*<dd>\s*<a[^>]*>(\d+)<\/a>/.exec(home)?.[1];
		const ledgerNotDone = /<dt>Not done<\/dt>\s*<dd>(\d+)/.exec(ledger)?.[1];
		expect(homeNotDone).toBe('2');
		expect(ledgerNotDone).toBe(homeNotDone);
		const stats = json(build.dist, 'api/stats.json').actionItems;
		expect(stats.open + stats.inProgress).toBe(Number(homeNotDone));
		// By owner: Owner, Overdue, Oldest overdue, Not done, …
		const byOwner = ledger.slice(ledger.indexOf('id="by-owner"'), ledger.indexOf('id="by-type"'));
		const notDoneColumn = [...byOwner.matchAll(/<tr[^>]*>\s*<td>.*?<\/td>\s*<td>(\d+)<\/td>\s*<td[^>]*>.*?<\/td>\s*<td>(\d+)<\/td>/gs)].map((m) => Number(m[2]));
		expect(notDoneColumn.reduce((a, b) => a + b, 0)).toBe(Number(homeNotDone));
	});
});

describe('the public edition', () => {
	let build: BuildResult;
	beforeAll(async () => {
		build = await buildFixture('basic', { edition: 'public' });
		if (build.code !== 0) throw new Error(build.output);
	});

	it('includes only public postmortems that are not drafts', () => {
		const doc = json(build.dist, 'api/postmortems.json');
		expect(doc.edition).toBe('public');
		expect(doc.postmortems.map((p: { id: string }) => p.id)).toEqual(['2023/beta', '2022/epsilon']);
		expect(json(build.dist, 'api/stats.json')).toMatchObject({ edition: 'public', count: 2, usersAffected: 0 });
		expect(existsSync(join(build.dist, 'postmortems/2024/alpha'))).toBe(false);
	});


	it('shows no completeness score to public readers', () => {
		expect(readPage(build.dist, 'postmortems/2023/beta/')).not.toContain('hs-completeness');
	});

	it('ends the build with the leak guard over every output file', () => {
		expect(build.output).toMatch(/\[hindsight:after-build\] No trace of the 3 left-out postmortems in the output\./);
	});

	it('indexes the site for search once the build process has exited, and checks the output after that', () => {
		// `npm run build` (src/cli/build.ts): Astro's last line, then the index, then the guard over it.
		const at = (pattern: RegExp) => build.output.search(pattern);
		const astroDone = at(/\[build\] \d+ page\(s\) built in/);
		const indexed = at(/\[hindsight:after-build\] Finished building search index/);
		const checked = at(/\[hindsight:after-build\] Checked the output/);
		expect(astroDone).toBeGreaterThan(0);
		expect(indexed).toBeGreaterThan(astroDone);
		expect(checked).toBeGreaterThan(indexed);
		expect(build.output).not.toContain('[starlight:pagefind]');
		const entry = json(build.dist, 'pagefind/pagefind-entry.json') as { languages: Record<string, { page_count: number }> };
		expect(Object.values(entry.languages)[0]!.page_count).toBeGreaterThan(0);
	});

	it('leaves nothing of an internal postmortem in any file, the search index included', async () => {
		// The marker is in the internal edition's pages and search index, so this check can fail.
		const marker = 'A distinctive zebracorn sentence lives only in the alpha body.';
		const internal = readOutput((await buildFixture('basic')).dist).filter((f) => f.text.includes(marker)).map((f) => f.path);
		expect(internal).toContain('postmortems/2024/alpha/index.html');
		expect(internal.some((path) => path.startsWith('pagefind/fragment/'))).toBe(true);
		const markers = [marker, 'zebracorn', 'Alpha checkout outage', 'Gamma cache stampede', '2024/alpha', 'alpha-storefront', 'plumbago-walrus'];
		const leaks = readOutput(build.dist).flatMap((file) => markers.filter((m) => file.text.includes(m)).map((m) => `${file.path}: ${m}`));
		expect(leaks).toEqual([]);
	});
});

describe('the built-in sample archive', () => {
	it('builds in the public edition with only its public postmortems, the leak guard passing', async () => {
		const content = join(ROOT, 'content');
		const build = await buildFixture('sample', { content, edition: 'public' });
		expect(build.code, build.output).toBe(0);
		const publicIds = findPostmortemFiles(join(content, 'postmortems'))
			.files.filter((file) => {
				const front = /^---\r?\n([\s\S]*?)\r?\n---/.exec(readFileSync(file.path, 'utf8'))![1]!;
				const data = yaml.load(front) as { visibility?: string; status?: string };
				return data.visibility === 'public' && data.status !== 'draft';
			})
			.map((file) => file.id)
			.sort();
		const doc = json(build.dist, 'api/postmortems.json');
		expect(doc.postmortems.map((p: { id: string }) => p.id).sort()).toEqual(publicIds);
		// Similar incidents come from the public postmortems alone, each with a score and reasons.
		type Similar = { id: string; score: number; because: string[] };
		const similar: Similar[] = doc.postmortems.flatMap((p: { similar: Similar[] }) => p.similar);
		expect(similar.length).toBeGreaterThan(0);
		for (const s of similar) {
			expect(publicIds).toContain(s.id);
			expect(s.score).toBeGreaterThanOrEqual(0.12);
			expect(s.score).toBeLessThanOrEqual(1);
			expect(s.because.length).toBeGreaterThan(0);
		}
		for (const p of doc.postmortems as { similar: Similar[] }[]) {
			expect(p.similar.length).toBeLessThanOrEqual(5);
			expect(p.similar.map((s) => s.score)).toEqual(p.similar.map((s) => s.score).sort((a, b) => b - a));
		}
		expect(build.output).toMatch(/\[hindsight:after-build\] No trace of the \d+ left-out postmortems in the output\./);

		// Themes and repeated fixes of the public edition: made of public postmortems alone, each
		// theme with a page that search indexes.
		const themes = json(build.dist, 'api/themes.json');
		expect(themes.edition).toBe('public');
		expect(themes.themes.length).toBeGreaterThan(0);
		const named = themes.themes.flatMap((t: { postmortems: string[]; lessons: { postmortem: string }[]; actionItems: { postmortem: string }[]; contributingFactors: { postmortem: string }[] }) => [
			...t.postmortems,
			...t.lessons.map((l) => l.postmortem),
			...t.actionItems.map((a) => a.postmortem),
			...t.contributingFactors.map((f) => f.postmortem),
		]);
		expect(named.filter((id: string) => !publicIds.includes(id))).toEqual([]);
		for (const theme of themes.themes) expect(existsSync(join(build.dist, 'themes', theme.id, 'index.html'))).toBe(true);
		const indexed = readOutput(build.dist).filter((f) => f.path.startsWith('pagefind/fragment/') && f.text.includes('"url":"/themes/'));
		expect(indexed.length).toBe(themes.themes.length);
		expect(readPage(build.dist, '/action-items/')).toContain('Repeated fixes');
	}, 300_000);
});
