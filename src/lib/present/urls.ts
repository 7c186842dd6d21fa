/** The site's addresses, built in one place (content contract: "Addresses in the built site"). */

/** `/postmortems/<id>/`. */
export function postmortemUrl(id: string): string {
	return `/postmortems/${id}/`;
}

/**
 * The archive's static pages: `/postmortems/`, then `/archive/2/`, `/archive/3/`… Not below
 * `/postmortems/`: every address there can be a postmortem's (`content/postmortems/page/2.mdx` is
 * `/postmortems/page/2/`).
 */
export function archiveUrl(page = 1): string {
	return page > 1 ? `/archive/${page}/` : '/postmortems/';
}

/** `/api/archive/<n>.json`: the archive's rows in parts, which its filters load when asked. */
export function archiveChunkUrl(chunk: number): string {
	return `/api/archive/${chunk}.json`;
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
