/** The site's addresses, built in one place (content contract: "Addresses in the built site"). */
import type { Lesson } from '../model/schema';

/** Page `page` of a list whose first page is at `base`: `base`, then `base2/`, `base3/`… */
function paged(base: string, page: number): string {
	return page > 1 ? `${base}${page}/` : base;
}

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
	return page > 1 ? paged('/archive/', page) : '/postmortems/';
}

/** `/api/archive/<n>.json`: the archive's rows in parts, which its filters load when asked. */
export function archiveChunkUrl(chunk: number): string {
	return `/api/archive/${chunk}.json`;
}

/** `/root-causes/<root-cause-id>/`, and its later pages of incidents (`…/2/`). */
export function rootCauseUrl(id: string, page = 1): string {
	return paged(`/root-causes/${id}/`, page);
}

/** `/root-causes/<root-cause-id>/fixes/`: every fix of that cause that did not hold, in pages. */
export function rootCauseFixesUrl(id: string, page = 1): string {
	return paged(`/root-causes/${id}/fixes/`, page);
}

/** `/services/<slug>/`, from the slug of the service's name (`model/slugs.ts`), and its later pages. */
export function serviceUrl(slug: string, page = 1): string {
	return paged(`/services/${slug}/`, page);
}

/** `/action-items/`, or one of its ledgers: `owners/<slug>/`, `types/<type>/`, `overdue/`. */
export function actionItemsUrl(ledger?: { owner: string } | { type: string } | 'overdue', page = 1): string {
	const base =
		ledger === undefined ? '/action-items/' : ledger === 'overdue' ? '/action-items/overdue/' : 'owner' in ledger ? `/action-items/owners/${ledger.owner}/` : `/action-items/types/${ledger.type}/`;
	return paged(base, page);
}

/** `/lessons/`, or every lesson of one kind: `/lessons/<kind>/`, `/lessons/<kind>/2/`… */
export function lessonsUrl(kind?: Lesson['kind'], page = 1): string {
	return kind === undefined ? '/lessons/' : paged(`/lessons/${kind}/`, page);
}

/** `/lessons/tags/<slug>/`: the lessons of one tag, from the slug of the tag (`model/slugs.ts`). */
export function lessonTagUrl(slug: string, page = 1): string {
	return paged(`/lessons/tags/${slug}/`, page);
}

/** `/training/`. */
export function trainingUrl(): string {
	return '/training/';
}

/** `/training/topics/<slug>/`: the incidents that exposed one training gap, from the topic's slug. */
export function trainingTopicUrl(slug: string, page = 1): string {
	return paged(`/training/topics/${slug}/`, page);
}

/** `/training/onboarding/`: every postmortem its authors chose for onboarding. */
export function onboardingUrl(page = 1): string {
	return paged('/training/onboarding/', page);
}

/** `/themes/`, its later pages (`/themes/2/`), or one theme's: `/themes/<id>/`, `/themes/<id>/2/`. */
export function themesUrl(id?: string, page = 1): string {
	return id === undefined ? paged('/themes/', page) : paged(`/themes/${id}/`, page);
}

/** `/action-items/repeated/`: every fix proposed in more than one postmortem, in pages. */
export function repeatedFixesUrl(page = 1): string {
	return paged('/action-items/repeated/', page);
}
