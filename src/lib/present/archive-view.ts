/**
 * A view of the archive: its filters and its sort, as the address writes them
 * (`?q=dns&severity=SEV1&service=&cause=&year=&sort=title&dir=asc`), and the rows it shows. The
 * archive's filter island runs this over the rows of every chunk; it touches no DOM, so it is
 * tested on plain rows.
 */
import type { ArchiveRow } from './archive-rows';

export const VIEW_FILTERS = ['q', 'severity', 'service', 'cause', 'year'] as const;
export type ViewFilter = (typeof VIEW_FILTERS)[number];

export const SORT_KEYS = ['started', 'title', 'severity', 'duration'] as const;
export type SortKey = (typeof SORT_KEYS)[number];
export type Direction = 'asc' | 'desc';

export interface ArchiveView {
	filters: Record<ViewFilter, string>;
	sort: SortKey;
	dir: Direction;
}

/** The order the pages are built in (newest first), which the address leaves out. */
export const DEFAULT_SORT: { sort: SortKey; dir: Direction } = { sort: 'started', dir: 'desc' };

/** The order a column's first click gives: words A→Z; newest, longest and most severe (SEV1) first. */
export const FIRST_DIRECTION: Record<SortKey, Direction> = { started: 'desc', title: 'asc', severity: 'asc', duration: 'desc' };

const isSortKey = (key: string | null): key is SortKey => (SORT_KEYS as readonly (string | null)[]).includes(key);

/** The view an address asks for; a sort it does not know is the default, a direction it does not know the column's first. */
export function viewFromParams(params: URLSearchParams): ArchiveView {
	const filters = Object.fromEntries(VIEW_FILTERS.map((name) => [name, params.get(name)?.trim() ?? ''])) as Record<ViewFilter, string>;
	const key = params.get('sort');
	if (!isSortKey(key)) return { filters, ...DEFAULT_SORT };
	const dir = params.get('dir');
	return { filters, sort: key, dir: dir === 'asc' || dir === 'desc' ? dir : FIRST_DIRECTION[key] };
}

/** The address's query for a view: empty filters and the default sort left out, other parameters kept. */
export function viewParams(view: ArchiveView, base = new URLSearchParams()): URLSearchParams {
	const next = new URLSearchParams(base);
	for (const name of VIEW_FILTERS) {
		const value = view.filters[name].trim();
		if (value) next.set(name, value);
		else next.delete(name);
	}
	if (isDefaultSort(view)) {
		next.delete('sort');
		next.delete('dir');
	} else {
		next.set('sort', view.sort);
		next.set('dir', view.dir);
	}
	return next;
}

const isDefaultSort = (view: ArchiveView) => view.sort === DEFAULT_SORT.sort && view.dir === DEFAULT_SORT.dir;

/** No filter and the built order: the static page is this view. */
export function isBuiltView(view: ArchiveView): boolean {
	return isDefaultSort(view) && VIEW_FILTERS.every((name) => !view.filters[name].trim());
}

/** The sort after clicking a column: its first direction, or the other one if it is already sorted so. */
export function sortAfterClick(view: ArchiveView, key: SortKey): { sort: SortKey; dir: Direction } {
	const first = FIRST_DIRECTION[key];
	return { sort: key, dir: view.sort === key && view.dir === first ? (first === 'asc' ? 'desc' : 'asc') : first };
}

// SEV1…SEV5 compare as text in the order of their rank.
const SORT_VALUE: Record<SortKey, (row: ArchiveRow) => string | number> = {
	started: (row) => row.started,
	title: (row) => row.title.toLowerCase(),
	severity: (row) => row.severity,
	duration: (row) => row.minutes,
};

/**
 * The rows a view shows, from rows in the built order: every search word in a row's text and every
 * other filter equal; then sorted, ties kept in the built order, so a restored sort matches the clicked one.
 */
export function viewRows(rows: readonly ArchiveRow[], view: ArchiveView): ArchiveRow[] {
	const { q, severity, service, cause, year } = view.filters;
	const terms = q.trim().toLowerCase().split(/\s+/).filter(Boolean);
	const shown = rows.filter(
		(row) =>
			(!severity || row.severity === severity) &&
			(!service || row.services.some((s) => s.slug === service)) &&
			(!cause || row.causes.some((c) => c.id === cause)) &&
			(!year || row.year === year) &&
			terms.every((term) => row.text.includes(term))
	);
	if (isDefaultSort(view)) return shown;
	const value = SORT_VALUE[view.sort];
	const sign = view.dir === 'asc' ? 1 : -1;
	const keyed = shown.map((row) => ({ row, key: value(row) }));
	keyed.sort((a, b) => (a.key < b.key ? -sign : a.key > b.key ? sign : 0));
	return keyed.map((k) => k.row);
}
