/** Root causes across postmortems: how often each is named, its incidents, and fixes that did not hold. */
import type { Postmortem } from '../model/postmortem';
import type { RootCause } from '../model/taxonomy';
import { groupByService, profileOf, type IncidentProfile } from './counts';

export interface RootCauseCount {
	id: string;
	name: string;
	count: number;
	recurring: boolean;
	/** Ids of the postmortems that name it, newest first. */
	postmortems: string[];
}

/**
 * Every root cause named by at least one postmortem, most named first, ties by id. A cause is
 * recurring when two or more postmortems name it.
 */
export function countRootCauses(
	postmortems: readonly Postmortem[],
	rootCause: (id: string) => RootCause
): RootCauseCount[] {
	const byCause = new Map<string, string[]>();
	for (const pm of postmortems) {
		for (const id of new Set(pm.rootCauses)) {
			const list = byCause.get(id) ?? [];
			list.push(pm.id);
			byCause.set(id, list);
		}
	}
	return [...byCause]
		.map(([id, ids]) => ({
			id,
			name: rootCause(id).name,
			count: ids.length,
			recurring: ids.length >= 2,
			postmortems: ids,
		}))
		.sort((a, b) => b.count - a.count || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
}

export interface RootCauseProfile extends RootCauseCount, IncidentProfile {
	description: string;
	/** Its postmortems, newest first. */
	incidents: Postmortem[];
	/** Services it hit most, most incidents first. */
	topServices: { name: string; slug: string; count: number }[];
}

/** Each named root cause with its incidents and figures, in the order of {@link countRootCauses}. */
export function rootCauseProfiles(
	postmortems: readonly Postmortem[],
	rootCause: (id: string) => RootCause,
	slugOf: (service: string) => string
): RootCauseProfile[] {
	const byId = new Map(postmortems.map((pm) => [pm.id, pm]));
	return countRootCauses(postmortems, rootCause).map((count) => {
		const incidents = count.postmortems.map((id) => byId.get(id)!);
		return {
			...count,
			...profileOf(incidents),
			description: rootCause(count.id).description,
			incidents,
			topServices: groupByService(incidents, slugOf)
				.slice(0, 5)
				.map((g) => ({ name: g.name, slug: g.slug, count: g.postmortems.length })),
		};
	});
}

export interface RecurrenceAfterFix {
	rootCause: string;
	/** The incident in which the cause came back. */
	postmortem: Postmortem;
	/** The latest earlier incident with the same cause whose `prevent` items were done. */
	earlier: Postmortem;
	/** Those done `prevent` items: the fixes that did not prevent it. */
	fixes: string[];
}

/**
 * The feedback-loop signal: incidents whose root cause recurred after an earlier incident with
 * the same cause had a `prevent` action item marked done. Newest recurrence first.
 */
export function recurrencesAfterFix(postmortems: readonly Postmortem[]): RecurrenceAfterFix[] {
	const oldestFirst = [...postmortems].sort(
		(a, b) => a.started.getTime() - b.started.getTime() || a.id.localeCompare(b.id)
	);
	const lastFixed = new Map<string, Postmortem>();
	const found: RecurrenceAfterFix[] = [];
	for (const pm of oldestFirst) {
		for (const cause of new Set(pm.rootCauses)) {
			const earlier = lastFixed.get(cause);
			if (earlier && earlier.started < pm.started) {
				found.push({
					rootCause: cause,
					postmortem: pm,
					earlier,
					fixes: earlier.actionItems
						.filter((item) => item.type === 'prevent' && item.status === 'done')
						.map((item) => item.title),
				});
			}
		}
		// Recorded after the check, so an incident never counts as the fix for itself.
		if (pm.actionItems.some((item) => item.type === 'prevent' && item.status === 'done')) {
			for (const cause of pm.rootCauses) lastFixed.set(cause, pm);
		}
	}
	return found.reverse();
}

export interface ServiceCausePair {
	service: string;
	slug: string;
	rootCause: string;
	postmortems: Postmortem[];
}

/** (service, root cause) pairs named together by two or more postmortems, most first. */
export function recurringServiceCauses(
	postmortems: readonly Postmortem[],
	slugOf: (service: string) => string
): ServiceCausePair[] {
	const pairs = new Map<string, ServiceCausePair>();
	for (const pm of postmortems) {
		for (const service of new Set(pm.services)) {
			for (const cause of new Set(pm.rootCauses)) {
				const slug = slugOf(service);
				const key = `${slug}\u0000${cause}`;
				const pair = pairs.get(key) ?? { service, slug, rootCause: cause, postmortems: [] };
				if (!pair.postmortems.includes(pm)) pair.postmortems.push(pm);
				pairs.set(key, pair);
			}
		}
	}
	return [...pairs.values()]
		.filter((p) => p.postmortems.length >= 2)
		.sort(
			(a, b) =>
				b.postmortems.length - a.postmortems.length ||
				a.service.localeCompare(b.service) ||
				a.rootCause.localeCompare(b.rootCause)
		);
}
