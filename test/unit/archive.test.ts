import { describe, expect, it } from 'vitest';
import { isIncluded } from '../../src/lib/model/archive';
import { archiveOf, entry } from '../support/make';

describe('editions', () => {
	const entries = [
		entry('2024/internal', { started: '2024-03-01T00:00:00Z', related: ['2024/public', '2024/draft'] }),
		entry('2024/public', { started: '2024-02-01T00:00:00Z', visibility: 'public', related: ['2024/internal'] }),
		entry('2024/draft', { started: '2024-04-01T00:00:00Z', status: 'draft', visibility: 'public' }),
		entry('2024/review', { started: '2024-01-01T00:00:00Z', status: 'in-review' }),
	];

	it('the internal build includes everything but drafts, newest first', () => {
		const archive = archiveOf(entries);
		expect(archive.postmortems.map((pm) => pm.id)).toEqual(['2024/internal', '2024/public', '2024/review']);
	});

	it('the public build includes only public postmortems that are not drafts', () => {
		const archive = archiveOf(entries, { edition: 'public' });
		expect(archive.postmortems.map((pm) => pm.id)).toEqual(['2024/public']);
	});

	it('the dev server includes drafts', () => {
		expect(archiveOf(entries, { includeDrafts: true }).byId.has('2024/draft')).toBe(true);
		expect(isIncluded({ status: 'draft', visibility: 'internal' }, { edition: 'internal', includeDrafts: false })).toBe(false);
	});

	it('drops related ids that the edition leaves out', () => {
		expect(archiveOf(entries).byId.get('2024/internal')!.related).toEqual(['2024/public']);
		expect(archiveOf(entries, { edition: 'public' }).byId.get('2024/public')!.related).toEqual([]);
	});

	it('lists backlinks: the postmortems that name this one', () => {
		const archive = archiveOf(entries);
		expect(archive.backlinks('2024/public').map((pm) => pm.id)).toEqual(['2024/internal']);
		expect(archive.backlinks('2024/review')).toEqual([]);
	});

	it('adds derived figures and the page address', () => {
		const pm = archiveOf(entries).byId.get('2024/review')!;
		expect(pm).toMatchObject({ url: '/postmortems/2024/review/', durationMinutes: 60, quarter: '2024-Q1' });
	});
});
