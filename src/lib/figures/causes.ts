/** Root causes across postmortems: how often each is named, its incidents, and fixes that did not hold. */
import type { Postmortem } from '../model/postmortem';
import { serviceKey } from '../model/slugs';
import type { RootCause } from '../model/taxonomy';
import { listPages, PAGE_SIZES, PREVIEW_SIZES, type ListPage } from '../present/paging';
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
	/** The causes the two incidents share (each one a fix was meant to stop). */
	rootCauses: string[];
	/** The incident in which the cause came back. */
	postmortem: Postmortem;
	/** The latest earlier incident with the same cause, on a shared service or team, whose `prevent` items were done. */
	earlier: Postmortem;
	/** Those done `prevent` items: the fixes that did not prevent it. */
	fixes: string[];
	/** Why the two belong together besides the cause: the services and teams both name. */
	sharedServices: string[];
	sharedTeams: string[];
}

const donePrevention = (pm: Postmortem) => pm.actionItems.filter((item) => item.type === 'prevent' && item.status === 'done').map((item) => item.title);

/**
 * The feedback-loop signal: incidents whose root cause came back after an earlier incident with the
 * same cause had a `prevent` action item marked done. A category alone says little (a CrowdStrike
 * outage does not "recur after" Cloudbleed), so the two must also share a service or a team: the
 * place where the fix was meant to hold. Newest recurrence first.
 */
export function recurrencesAfterFix(postmortems: readonly Postmortem[]): RecurrenceAfterFix[] {
	const oldestFirst = [...postmortems].sort(
		(a, b) => a.started.getTime() - b.started.getTime() || a.id.localeCompare(b.id)
	);
	const fixedByCause = new Map<string, Postmortem[]>();
	const found: RecurrenceAfterFix[] = [];
	const shared = (a: readonly string[], b: readonly string[], key: (s: string) => string) => {
		const keys = new Set(b.map(key));
		return a.filter((s) => keys.has(key(s)));
	};
	const teamKey = (team: string) => team.trim().toLowerCase();
	for (const pm of oldestFirst) {
		// One entry per earlier incident, with every cause the two share.
		const byEarlier = new Map<Postmortem, RecurrenceAfterFix>();
		for (const cause of new Set(pm.rootCauses)) {
			const candidates = fixedByCause.get(cause) ?? [];
			// The latest earlier fixed incident of this cause on the same service or team.
			for (let i = candidates.length - 1; i >= 0; i--) {
				const earlier = candidates[i]!;
				if (!(earlier.started < pm.started)) continue;
				const sharedServices = shared(pm.services, earlier.services, serviceKey);
				const sharedTeams = shared(pm.teams, earlier.teams, teamKey);
				if (sharedServices.length === 0 && sharedTeams.length === 0) continue;
				const entry = byEarlier.get(earlier);
				if (entry) entry.rootCauses.push(cause);
				else byEarlier.set(earlier, { rootCauses: [cause], postmortem: pm, earlier, fixes: donePrevention(earlier), sharedServices, sharedTeams });
				break;
			}
		}
		found.push(...byEarlier.values());
		// Recorded after the check, so an incident never counts as the fix for itself.
		if (donePrevention(pm).length > 0) {
			for (const cause of new Set(pm.rootCauses)) {
				const list = fixedByCause.get(cause);
				if (list) list.push(pm);
				else fixedByCause.set(cause, [pm]);
			}
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
				// One postmortem at a time: two spellings of one service in it add it once.
				if (pair.postmortems.at(-1) !== pm) pair.postmortems.push(pm);
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

/** Fixes that did not hold, bounded: how many, the newest, and the pages of the whole list. */
export interface RecurrenceList {
	total: number;
	/** The newest few, for a summary. */
	newest: RecurrenceAfterFix[];
	/** Every one, in pages; none when `newest` already holds every one. */
	pages: ListPage<RecurrenceAfterFix>[];
}

export function recurrenceList(recurrences: readonly RecurrenceAfterFix[]): RecurrenceList {
	const newest = recurrences.slice(0, PREVIEW_SIZES.recurrences);
	return { total: recurrences.length, newest, pages: recurrences.length > newest.length ? listPages(recurrences, PAGE_SIZES.recurrences) : [] };
}

/** Each cause's fixes that did not hold, newest first: one with two shared causes is under both. */
export function recurrencesByCause(recurrences: readonly RecurrenceAfterFix[]): Map<string, RecurrenceAfterFix[]> {
	const byCause = new Map<string, RecurrenceAfterFix[]>();
	for (const r of recurrences) {
		for (const id of r.rootCauses) {
			const list = byCause.get(id);
			if (list) list.push(r);
			else byCause.set(id, [r]);
		}
	}
	return byCause;
}

/** A service and cause pair as `/root-causes/` lists it: its count and its newest incidents. */
export interface PairSummary {
	service: string;
	slug: string;
	rootCause: string;
	count: number;
	newest: Postmortem[];
}

export interface RootCauseIndex {
	/** The newest fixes that did not hold, over every cause. */
	newestRecurrences: RecurrenceAfterFix[];
	recurrenceCount: number;
	/** How many fixes of each cause did not hold, in the order of the causes; causes with none left out. */
	recurrencesByCause: { id: string; name: string; count: number }[];
	/** The most named pairs; `morePairs` more are on the services' pages. */
	pairs: PairSummary[];
	morePairs: number;
}

/** What `/root-causes/` shows past its table of causes: each list cut to what a reader takes in. */
export function rootCauseIndex(profiles: readonly RootCauseCount[], recurrences: readonly RecurrenceAfterFix[], pairs: readonly ServiceCausePair[]): RootCauseIndex {
	const byCause = recurrencesByCause(recurrences);
	return {
		newestRecurrences: recurrences.slice(0, PREVIEW_SIZES.recurrences),
		recurrenceCount: recurrences.length,
		recurrencesByCause: profiles.flatMap((p) => (byCause.has(p.id) ? [{ id: p.id, name: p.name, count: byCause.get(p.id)!.length }] : [])),
		pairs: pairs.slice(0, PREVIEW_SIZES.pairs).map((pair) => ({
			service: pair.service,
			slug: pair.slug,
			rootCause: pair.rootCause,
			count: pair.postmortems.length,
			newest: pair.postmortems.slice(0, PREVIEW_SIZES.pairIncidents),
		})),
		morePairs: Math.max(0, pairs.length - PREVIEW_SIZES.pairs),
	};
}
