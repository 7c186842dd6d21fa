/** The values the archive can be filtered by. */
import type { Postmortem } from '../model/postmortem';
import { SEVERITIES, type Severity } from '../model/schema';
import type { RootCause } from '../model/taxonomy';
import { countRootCauses } from './causes';
import { countBySeverity, groupByService } from './counts';

export interface ArchiveFacets {
	severities: Severity[];
	services: { name: string; slug: string; count: number }[];
	rootCauses: { id: string; name: string; count: number }[];
	years: string[];
}

/** The values the archive can be filtered by, each with how many postmortems have it. */
export function archiveFacets(
	postmortems: readonly Postmortem[],
	rootCause: (id: string) => RootCause,
	slugOf: (service: string) => string
): ArchiveFacets {
	const bySeverity = countBySeverity(postmortems);
	return {
		severities: SEVERITIES.filter((s) => bySeverity[s] > 0),
		services: groupByService(postmortems, slugOf)
			.map((g) => ({ name: g.name, slug: g.slug, count: g.postmortems.length }))
			.sort((a, b) => a.name.localeCompare(b.name)),
		rootCauses: countRootCauses(postmortems, rootCause).map(({ id, name, count }) => ({ id, name, count })),
		years: [...new Set(postmortems.map((pm) => pm.year))].sort().reverse(),
	};
}
