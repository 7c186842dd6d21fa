/** What Pagefind records about a postmortem besides its text: the search dialog's filters. */
import type { Archive } from '../model/archive';
import type { Postmortem } from '../model/postmortem';
import { STATUS_LABELS } from './labels';

/** `[filter, value]` pairs, each value once. */
export function searchFilters(pm: Postmortem, archive: Pick<Archive, 'rootCause' | 'serviceName'>): [string, string][] {
	return [
		['severity', pm.severity],
		['year', pm.year],
		['status', STATUS_LABELS[pm.status]],
		...pm.rootCauses.map((c): [string, string] => ['cause', archive.rootCause(c).name]),
		// One value per service, however this postmortem spells it, so the dialog lists each service once.
		...[...new Set(pm.services.map(archive.serviceName))].map((s): [string, string] => ['service', s]),
		...pm.teams.map((t): [string, string] => ['team', t]),
	];
}
