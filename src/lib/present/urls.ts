/** The site's addresses, built in one place (content contract: "Addresses in the built site"). */

/** `/postmortems/<id>/`. */
export function postmortemUrl(id: string): string {
	return `/postmortems/${id}/`;
}

/** `/root-causes/<root-cause-id>/`. */
export function rootCauseUrl(id: string): string {
	return `/root-causes/${id}/`;
}

/** `/services/<slug>/`, from the slug of the service's name (`model/slugs.ts`). */
export function serviceUrl(slug: string): string {
	return `/services/${slug}/`;
}

/** `/action-items/`, or one of its ledgers: `owners/<slug>/`, `types/<type>/`, `overdue/`. */
export function actionItemsUrl(ledger?: { owner: string } | { type: string } | 'overdue', page = 1): string {
	const base =
		ledger === undefined ? '/action-items/' : ledger === 'overdue' ? '/action-items/overdue/' : 'owner' in ledger ? `/action-items/owners/${ledger.owner}/` : `/action-items/types/${ledger.type}/`;
	return page > 1 ? `${base}${page}/` : base;
}

/** `/lessons/?tag=<tag>`: the lessons page filtered by one tag (by its script; without it, every lesson). */
export function lessonTagUrl(tag: string): string {
	return `/lessons/?tag=${encodeURIComponent(tag)}`;
}
