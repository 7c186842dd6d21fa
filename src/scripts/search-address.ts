/**
 * Search in the address bar: `/search/?q=dns&severity=SEV1&cause=Network` is a search a person
 * can bookmark or paste into an incident channel. Filter names are Pagefind's (see
 * PostmortemSearchData.astro).
 */

export const FILTER_NAMES = ['severity', 'cause', 'service', 'team', 'year', 'status'] as const;

export function searchFromAddress(): { q: string; filters: Record<string, string[]> } {
	const params = new URLSearchParams(location.search);
	const filters: Record<string, string[]> = {};
	for (const name of FILTER_NAMES) {
		const values = params.getAll(name).filter(Boolean);
		if (values.length) filters[name] = values;
	}
	return { q: params.get('q') ?? '', filters };
}

/** The filters ticked in Pagefind's UI, by filter name. */
export function checkedFilters(root: ParentNode): Record<string, string[]> {
	const filters: Record<string, string[]> = {};
	for (const box of root.querySelectorAll<HTMLInputElement>('input[type=checkbox]:checked')) {
		// Pagefind names each checkbox after its filter and uses the value as is.
		const name = box.name;
		if (!name) continue;
		(filters[name] ??= []).push(box.value);
	}
	return filters;
}

export function updateAddress(change: { q?: string; filters?: Record<string, string[]> }): void {
	const params = new URLSearchParams(location.search);
	if (change.q !== undefined) {
		if (change.q) params.set('q', change.q);
		else params.delete('q');
	}
	if (change.filters) {
		for (const name of FILTER_NAMES) params.delete(name);
		for (const [name, values] of Object.entries(change.filters)) for (const v of values) params.append(name, v);
	}
	const query = params.toString();
	history.replaceState(null, '', query ? `?${query}` : location.pathname);
}
