import { describe, expect, it } from 'vitest';
import { groupNearDuplicates, themeFigures, themesDocument } from '../../src/lib/learning/themes';
import { postmortemThemes, repeatedFixViews, themeIncidentPages, themesByCause } from '../../src/lib/present/themes-view';
import { archiveOf, entry } from '../support/make';

const lesson = (text: string, kind = 'went-wrong') => ({ kind, text });
const action = (title: string, status = 'open', type = 'prevent') => ({ title, type, status, owner: 'sre' });

// Three paraphrases of "restores were never tested", each in its own postmortem, among unrelated lessons.
const entries = [
	entry('2021/db-a', {
		started: '2021-03-01T10:00:00Z',
		services: ['orders-db'],
		rootCauses: ['database'],
		lessons: [lesson('Backup restores were never tested.'), lesson('The on-call rota was clear and paging worked.', 'went-well')],
		actionItems: [action('Test database backups by restoring them on a schedule', 'done')],
	}),
	entry('2022/db-b', {
		started: '2022-05-01T10:00:00Z',
		services: ['billing-db'],
		rootCauses: ['database'],
		lessons: [lesson('We had never tested a restore of the whole cluster from backup.'), lesson('Dashboards for the queue were missing.')],
		actionItems: [action('Rehearse restoring database clusters from backup on a schedule')],
	}),
	entry('2023/db-c', {
		started: '2023-07-01T10:00:00Z',
		services: ['orders-db'],
		rootCauses: ['database', 'process-gap'],
		lessons: [lesson('Backup restores had not been tested at full scale.')],
		actionItems: [action('Test restores from backup on a regular schedule', 'in-progress'), action('Hire a second database administrator', 'open', 'process')],
	}),
	entry('2024/cdn', {
		started: '2024-01-01T10:00:00Z',
		services: ['edge'],
		rootCauses: ['config-change'],
		visibility: 'public',
		lessons: [lesson('A configuration push reached every region at once, without a canary.')],
	}),
	entry('2025/cdn-again', {
		started: '2025-01-01T10:00:00Z',
		services: ['edge'],
		rootCauses: ['config-change'],
		visibility: 'public',
		lessons: [lesson('The configuration push skipped the canary and reached every region at once.')],
	}),
];

describe('themes', () => {
	const figures = themeFigures(archiveOf(entries).postmortems);

	it('puts paraphrased lessons of different incidents in one theme, and unrelated lessons in none', () => {
		const restore = figures.themes.find((t) => t.lessons.some((l) => l.text.startsWith('Backup restores were never tested')))!;
		expect(restore.lessons.map((l) => l.postmortem.id).sort()).toEqual(['2021/db-a', '2022/db-b', '2023/db-c']);
		expect(restore.postmortems.map((pm) => pm.id)).toEqual(['2023/db-c', '2022/db-b', '2021/db-a']);
		const texts = figures.themes.flatMap((t) => t.lessons.map((l) => l.text));
		expect(texts).not.toContain('The on-call rota was clear and paging worked.');
		expect(texts).not.toContain('Dashboards for the queue were missing.');
	});

	it('labels a theme with words its incidents share, as written, and makes its id from the label', () => {
		const restore = figures.themes.find((t) => t.postmortems.length === 3)!;
		expect(restore.label.toLowerCase()).toMatch(/restor/);
		expect(restore.label.toLowerCase()).toMatch(/test/);
		expect(restore.id).toBe(restore.label.toLowerCase().replace(/, /g, '-'));
		expect(restore.firstSeen.toISOString()).toBe('2021-03-01T10:00:00.000Z');
		expect(restore.lastSeen.toISOString()).toBe('2023-07-01T10:00:00.000Z');
	});

	it('needs two incidents: one postmortem saying a thing twice is no theme', () => {
		const one = themeFigures(archiveOf([entry('2024/x', { lessons: [lesson('Restores were never tested.'), lesson('We never tested restores.')] })]).postmortems);
		expect(one.themes).toEqual([]);
	});

	it('marks a theme recurring when it comes back on the same service after a done prevention in it', () => {
		const restore = figures.themes.find((t) => t.postmortems.length === 3)!;
		// The fix of db-a (orders-db) was done; db-c hit orders-db again. db-b is another service.
		expect(restore.recurringAfterFix?.fix.title).toBe('Test database backups by restoring them on a schedule');
		expect(restore.recurringAfterFix?.postmortems.map((pm) => pm.id)).toEqual(['2023/db-c']);
		const canary = figures.themes.find((t) => t.postmortems.some((pm) => pm.id === '2024/cdn'))!;
		expect(canary.recurringAfterFix).toBeNull();
	});

	it('groups near-duplicate action items of different postmortems as a repeated fix, statuses side by side', () => {
		expect(figures.repeatedFixes).toHaveLength(1);
		const [fix] = figures.repeatedFixes;
		expect(fix!.items.map((a) => [a.postmortem.id, a.status])).toEqual([
			['2021/db-a', 'done'],
			['2022/db-b', 'open'],
			['2023/db-c', 'in-progress'],
		]);
		expect([fix!.proposed, fix!.done]).toEqual([3, 1]);
		expect(fix!.theme?.id).toBe(figures.themes.find((t) => t.postmortems.length === 3)!.id);
		expect(repeatedFixViews(figures.repeatedFixes).preview[0]!.byStatus).toEqual({ open: 1, 'in-progress': 1, done: 1, 'wont-do': 0 });
	});

	it('puts the fix promised most often and done least first', () => {
		const fixes = themeFigures(
			archiveOf([
				...['a', 'b'].map((id) => entry(`2024/alert-${id}`, { actionItems: [action('Alert on certificate expiry 30 days ahead', 'done', 'detect')] })),
				...['a', 'b', 'c'].map((id) => entry(`2024/retry-${id}`, { actionItems: [action('Add jitter and a retry budget to the client', id === 'a' ? 'done' : 'open')] })),
			]).postmortems
		).repeatedFixes;
		expect(fixes.map((f) => [f.proposed, f.done])).toEqual([
			[3, 1],
			[2, 2],
		]);
	});

	it('gives the same output on every run and in every time zone', () => {
		const run = () => JSON.stringify(themesDocument(themeFigures(archiveOf(entries).postmortems), 'internal'));
		const first = run();
		const zone = process.env.TZ;
		try {
			process.env.TZ = 'Pacific/Kiritimati';
			expect(run()).toBe(first);
			process.env.TZ = 'America/Los_Angeles';
			expect(run()).toBe(first);
		} finally {
			process.env.TZ = zone;
		}
		// Input order does not matter either.
		expect(JSON.stringify(themesDocument(themeFigures(archiveOf([...entries].reverse()).postmortems), 'internal'))).toBe(first);
	});

	it('computes the public edition from public postmortems alone', () => {
		const publicArchive = archiveOf(entries, { edition: 'public' });
		const figures = themeFigures(publicArchive.postmortems);
		const doc = themesDocument(figures, publicArchive.edition);
		expect(doc.edition).toBe('public');
		const ids = new Set(doc.themes.flatMap((t) => [...t.postmortems, ...t.lessons.map((l) => l.postmortem), ...t.actionItems.map((a) => a.postmortem), ...t.contributingFactors.map((f) => f.postmortem)]));
		expect([...ids].sort()).toEqual(['2024/cdn', '2025/cdn-again']);
		// Nothing internal shapes a public theme: the same as an archive that never had the internal ones.
		const alone = themeFigures(archiveOf(entries.filter((e) => e.data.visibility === 'public')).postmortems);
		expect(JSON.stringify(doc.themes)).toBe(JSON.stringify(themesDocument(alone, 'internal').themes));
	});

	it('links a postmortem, a cause and a theme page to what they hold, in bounded lists', () => {
		const restore = figures.themes.find((t) => t.postmortems.length === 3)!;
		expect(postmortemThemes(figures, '2022/db-b').map((t) => t.id)).toEqual([restore.id]);
		expect(themesByCause(figures.themes).get('database')?.map((t) => [t.id, t.withCause])).toEqual([[restore.id, 3]]);
		const pages = themeIncidentPages(restore, 2);
		expect(pages.map((p) => p.items.map((i) => i.postmortem.id))).toEqual([['2023/db-c', '2022/db-b'], ['2021/db-a']]);
		expect(pages[1]!.items[0]!.lessons.map((l) => l.text)).toEqual(['Backup restores were never tested.']);
	});

	it('finds near-duplicates without comparing all pairs, and leaves texts of stop words alone', () => {
		const groups = groupNearDuplicates(['Restores were never tested', 'restore was not tested', 'the and of', 'Alert on disk usage'], ['a', 'b', 'c', 'd']);
		expect(groups.map((g) => g.members)).toEqual([[0, 1], [3]]);
	});
});
