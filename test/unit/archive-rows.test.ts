import { describe, expect, it } from 'vitest';
import { archiveChunks, archivePages, archiveRow, archiveRows, type ArchiveRow } from '../../src/lib/present/archive-rows';
import { isBuiltView, sortAfterClick, viewFromParams, viewParams, viewRows, type ArchiveView } from '../../src/lib/present/archive-view';
import { archiveOf, entry } from '../support/make';

describe('archive rows', () => {
	const archive = archiveOf([
		entry('2024/review', {
			title: 'Checkout Errors',
			summary: 'Carts emptied.',
			status: 'in-review',
			severity: 'SEV2',
			services: ['Payments API', 'cart'],
			rootCauses: ['database', 'network'],
			tags: ['Retries'],
			teams: ['Payments'],
			started: '2024-03-05T10:00:00Z',
			resolved: '2024-03-05T11:30:00Z',
		}),
		entry('2023/old', { started: '2023-01-01T00:00:00Z' }),
	]);

	it('holds what a row shows, as the page shows it, and the words search matches', () => {
		expect(archiveRow(archive.byId.get('2024/review')!, archive)).toEqual({
			id: '2024/review',
			title: 'Checkout Errors',
			status: 'In review',
			started: '2024-03-05T10:00:00.000Z',
			day: '2024-03-05',
			year: '2024',
			severity: 'SEV2',
			minutes: 90,
			duration: '1 h 30 min',
			services: [
				{ name: 'Payments API', slug: 'payments-api' },
				{ name: 'cart', slug: 'cart' },
			],
			causes: [
				{ id: 'database', name: 'database' },
				{ id: 'network', name: 'network' },
			],
			text: 'checkout errors carts emptied. payments api cart database network retries payments 2024/review',
		});
	});

	it('gives a published postmortem no status chip, and keeps the archive order', () => {
		const rows = archiveRows(archive);
		expect(rows.map((r) => r.id)).toEqual(['2024/review', '2023/old']);
		expect(rows[1]).not.toHaveProperty('status');
	});
});

/** `n` rows, newest first, numbered from 1. */
const rowsOf = (n: number) => Array.from({ length: n }, (_, i) => ({ id: `pm-${i + 1}` }) as ArchiveRow);

describe('archive pages and chunks', () => {
	it('splits the archive into pages of 100, newest first, every row once', () => {
		const pages = archivePages(rowsOf(250));
		expect(pages.map((p) => [p.number, p.of, p.first, p.rows.length, p.total])).toEqual([
			[1, 3, 1, 100, 250],
			[2, 3, 101, 100, 250],
			[3, 3, 201, 50, 250],
		]);
		expect(pages.flatMap((p) => p.rows.map((r) => r.id))).toEqual(rowsOf(250).map((r) => r.id));
	});

	it('keeps an archive of 100 or fewer on one page, and an empty one on one empty page', () => {
		expect(archivePages(rowsOf(100)).map((p) => p.rows.length)).toEqual([100]);
		expect(archivePages([])).toEqual([{ number: 1, of: 1, first: 0, total: 0, rows: [] }]);
	});

	it('splits the rows into chunks of 1,000 that add up to the archive', () => {
		const chunks = archiveChunks(rowsOf(2500));
		expect(chunks.map((c) => [c.chunk, c.of, c.total, c.rows.length])).toEqual([
			[1, 3, 2500, 1000],
			[2, 3, 2500, 1000],
			[3, 3, 2500, 500],
		]);
		expect(chunks.flatMap((c) => c.rows)).toEqual(rowsOf(2500));
		expect(archiveChunks([])).toEqual([{ chunk: 1, of: 1, total: 0, rows: [] }]);
	});
});

describe('archive views', () => {
	const row = (id: string, fields: Partial<ArchiveRow>): ArchiveRow => ({
		id,
		title: id,
		started: '2024-01-01T00:00:00.000Z',
		day: '2024-01-01',
		year: '2024',
		severity: 'SEV3',
		minutes: 60,
		duration: '1 h',
		services: [{ name: 'api', slug: 'api' }],
		causes: [{ id: 'network', name: 'Network' }],
		text: id,
		...fields,
	});
	// Newest first, as the archive is built; b and c start at the same moment.
	const rows = [
		row('a', { title: 'Zebra', started: '2024-05-01T00:00:00.000Z', severity: 'SEV2', minutes: 30, text: 'zebra dns outage' }),
		row('b', { title: 'apple', started: '2024-03-01T00:00:00.000Z', severity: 'SEV1', minutes: 90, services: [{ name: 'Payments API', slug: 'payments-api' }] }),
		row('c', { title: 'Mango', started: '2024-03-01T00:00:00.000Z', severity: 'SEV1', minutes: 90, causes: [{ id: 'database', name: 'Database' }] }),
		row('d', { title: 'kiwi', started: '2023-07-01T00:00:00.000Z', year: '2023', severity: 'SEV4', minutes: 5, text: 'kiwi dns' }),
	];
	const view = (query: string): ArchiveView => viewFromParams(new URLSearchParams(query));
	const ids = (query: string) => viewRows(rows, view(query)).map((r) => r.id);

	it('filters by every search word and by each facet', () => {
		expect(ids('q=DNS')).toEqual(['a', 'd']);
		expect(ids('q=dns+outage')).toEqual(['a']);
		expect(ids('severity=SEV1')).toEqual(['b', 'c']);
		expect(ids('service=payments-api')).toEqual(['b']);
		expect(ids('cause=database')).toEqual(['c']);
		expect(ids('year=2023')).toEqual(['d']);
		expect(ids('year=2024&severity=SEV4')).toEqual([]);
		expect(ids('')).toEqual(['a', 'b', 'c', 'd']);
	});

	it('sorts by a column, ties in the built order whichever the direction', () => {
		expect(ids('sort=title&dir=asc')).toEqual(['b', 'd', 'c', 'a']);
		expect(ids('sort=title&dir=desc')).toEqual(['a', 'c', 'd', 'b']);
		expect(ids('sort=severity&dir=asc')).toEqual(['b', 'c', 'a', 'd']);
		expect(ids('sort=duration&dir=desc')).toEqual(['b', 'c', 'a', 'd']);
		expect(ids('sort=duration&dir=asc')).toEqual(['d', 'a', 'b', 'c']);
		expect(ids('sort=started&dir=asc')).toEqual(['d', 'b', 'c', 'a']);
		expect(ids('sort=title&dir=asc&severity=SEV1')).toEqual(['b', 'c']);
	});

	it('reads the address, leaving out what it does not know', () => {
		expect(view('q=%20dns%20&sort=title')).toEqual({ filters: { q: 'dns', severity: '', service: '', cause: '', year: '' }, sort: 'title', dir: 'asc' });
		expect(view('sort=nonsense&dir=asc')).toMatchObject({ sort: 'started', dir: 'desc' });
		expect(view('sort=duration&dir=sideways')).toMatchObject({ sort: 'duration', dir: 'desc' });
	});

	it('writes the address without empty filters or the built order, keeping other parameters', () => {
		expect(viewParams(view('severity=SEV1&q=')).toString()).toBe('severity=SEV1');
		expect(viewParams(view('sort=started&dir=desc')).toString()).toBe('');
		expect(viewParams(view('sort=title&dir=desc&year=2024'), new URLSearchParams('utm=x&year=2020')).toString()).toBe('utm=x&year=2024&sort=title&dir=desc');
		expect(viewFromParams(viewParams(view('cause=database&sort=severity&dir=desc')))).toEqual(view('cause=database&sort=severity&dir=desc'));
	});

	it('knows the built view: no filter, newest first', () => {
		expect(isBuiltView(view(''))).toBe(true);
		expect(isBuiltView(view('q=%20'))).toBe(true);
		expect(isBuiltView(view('sort=started&dir=asc'))).toBe(false);
		expect(isBuiltView(view('year=2024'))).toBe(false);
	});

	it('sorts a column its first way on the first click and flips it on the next', () => {
		expect(sortAfterClick(view(''), 'title')).toEqual({ sort: 'title', dir: 'asc' });
		expect(sortAfterClick(view('sort=title&dir=asc'), 'title')).toEqual({ sort: 'title', dir: 'desc' });
		expect(sortAfterClick(view('sort=title&dir=desc'), 'title')).toEqual({ sort: 'title', dir: 'asc' });
		expect(sortAfterClick(view(''), 'started')).toEqual({ sort: 'started', dir: 'asc' });
		expect(sortAfterClick(view('sort=title&dir=asc'), 'duration')).toEqual({ sort: 'duration', dir: 'desc' });
	});
});
