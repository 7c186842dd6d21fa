/** Services across postmortems: each one's incidents, and the values the archive filters by. */
import type { Postmortem } from '../model/postmortem';
import type { RootCause } from '../model/taxonomy';
import { countRootCauses } from './causes';
import { groupByService, profileOf, type IncidentProfile } from './counts';

export interface ServiceProfile extends IncidentProfile {
	name: string;
	slug: string;
	incidents: Postmortem[];
	rootCauses: { id: string; name: string; count: number }[];
}

export function serviceProfiles(
	postmortems: readonly Postmortem[],
	rootCause: (id: string) => RootCause,
	slugOf: (service: string) => string
): ServiceProfile[] {
	return groupByService(postmortems, slugOf).map((group) => ({
		name: group.name,
		slug: group.slug,
		incidents: group.postmortems,
		...profileOf(group.postmortems),
		rootCauses: countRootCauses(group.postmortems, rootCause).map(({ id, name, count }) => ({ id, name, count })),
	}));
}
