/**
 * The archive of one build: which postmortems the edition includes, their derived figures, and
 * the links between them (related, backlinks, similar). Built once per build; every page, feed and
 * JSON file reads it.
 */
import type { Taxonomy, RootCause } from './taxonomy';
import { byNewest, deriveFigures, type Postmortem, type PostmortemEntry } from './postmortem';
import { postmortemUrl } from '../present/urls';
import type { PostmortemData } from './schema';
import { serviceKey } from './slugs';

/** Which postmortems a build publishes: every one but drafts, or the public ones alone. */
export type Edition = 'internal' | 'public';

export interface ArchiveOptions {
	edition: Edition;
	/** Drafts are shown by the dev server only. */
	includeDrafts: boolean;
	/** `YYYY-MM-DD`: what "overdue" is measured against. */
	buildDate: string;
	taxonomy: Taxonomy;
}

export interface Archive {
	edition: Edition;
	buildDate: string;
	taxonomy: Taxonomy;
	/** Included postmortems, newest first. */
	postmortems: Postmortem[];
	byId: ReadonlyMap<string, Postmortem>;
	rootCause(id: string): RootCause;
	/** A service's name as the newest postmortem naming it writes it: one value per service for filters. */
	serviceName(name: string): string;
	/** Included postmortems whose `related` names this one. */
	backlinks(id: string): Postmortem[];
	/** Nearby incidents in time sharing a root cause or a service, most alike first. */
	similar(id: string, limit?: number): SimilarIncident[];
}

export interface SimilarIncident {
	postmortem: Postmortem;
	sharedRootCauses: string[];
	sharedServices: string[];
}

/** Whether an edition includes a postmortem (contract: "Editions and what a build includes"). */
export function isIncluded(
	data: Pick<PostmortemData, 'status' | 'visibility'>,
	options: Pick<ArchiveOptions, 'edition' | 'includeDrafts'>
): boolean {
	if (data.status === 'draft' && !options.includeDrafts) return false;
	return options.edition === 'internal' || data.visibility === 'public';
}

/** How many neighbours in time, on each side, within each shared cause or service, to consider. */
const SIMILAR_WINDOW = 3;

export function buildArchive(entries: readonly PostmortemEntry[], options: ArchiveOptions): Archive {
	const included = entries.filter((entry) => isIncluded(entry.data, options));
	const ids = new Set(included.map((entry) => entry.id));
	const postmortems: Postmortem[] = included
		.map((entry) => ({
			...entry.data,
			// A related postmortem left out of this edition is dropped here, silently (contract).
			related: [...new Set(entry.data.related)].filter((id) => ids.has(id) && id !== entry.id),
			...deriveFigures(entry.data),
			id: entry.id,
			url: postmortemUrl(entry.id),
			filePath: entry.filePath,
		}))
		.sort(byNewest);
	const byId = new Map(postmortems.map((pm) => [pm.id, pm]));

	const backlinkMap = new Map<string, Postmortem[]>();
	for (const pm of postmortems) {
		for (const target of pm.related) {
			const list = backlinkMap.get(target) ?? [];
			list.push(pm);
			backlinkMap.set(target, list);
		}
	}

	// Postmortems by cause and by service, newest first, with each one's position: "similar" then
	// looks only at a few neighbours in each list, so each page's work does not grow with the archive.
	// Services by key, so that two spellings of one service are one service here too.
	const keysOf = (pm: Postmortem) => [
		...new Set([...pm.rootCauses.map((c) => `cause:${c}`), ...pm.services.map((s) => `service:${serviceKey(s)}`)]),
	];
	const groups = new Map<string, Postmortem[]>();
	const serviceNames = new Map<string, string>();
	for (const pm of postmortems) {
		for (const name of pm.services) {
			const key = serviceKey(name);
			if (!serviceNames.has(key)) serviceNames.set(key, name);
		}
		for (const key of keysOf(pm)) {
			const list = groups.get(key) ?? [];
			list.push(pm);
			groups.set(key, list);
		}
	}
	const positions = new Map<string, number>();
	for (const [key, list] of groups) list.forEach((pm, i) => positions.set(`${key}\u0000${pm.id}`, i));

	const causes = new Map(options.taxonomy.map((cause) => [cause.id, cause]));

	return {
		edition: options.edition,
		buildDate: options.buildDate,
		taxonomy: options.taxonomy,
		postmortems,
		byId,
		serviceName(name) {
			return serviceNames.get(serviceKey(name)) ?? name;
		},
		rootCause(id) {
			return causes.get(id) ?? { id, name: id, description: '' };
		},
		backlinks(id) {
			return backlinkMap.get(id) ?? [];
		},
		similar(id, limit = 5) {
			const self = byId.get(id);
			if (!self) return [];
			const scores = new Map<string, number>();
			for (const key of keysOf(self)) {
				const list = groups.get(key)!;
				const at = positions.get(`${key}\u0000${id}`)!;
				for (let i = Math.max(0, at - SIMILAR_WINDOW); i <= Math.min(list.length - 1, at + SIMILAR_WINDOW); i++) {
					const other = list[i]!;
					if (other.id === id || self.related.includes(other.id)) continue;
					scores.set(other.id, (scores.get(other.id) ?? 0) + 1);
				}
			}
			const selfServices = new Set(self.services.map(serviceKey));
			const distance = (pm: Postmortem) => Math.abs(pm.started.getTime() - self.started.getTime());
			return [...scores]
				.map(([otherId, score]) => ({ pm: byId.get(otherId)!, score }))
				.sort((a, b) => b.score - a.score || distance(a.pm) - distance(b.pm) || a.pm.id.localeCompare(b.pm.id))
				.slice(0, limit)
				.map(({ pm }) => ({
					postmortem: pm,
					sharedRootCauses: pm.rootCauses.filter((c) => self.rootCauses.includes(c)),
					sharedServices: pm.services.filter((s) => selfServices.has(serviceKey(s))),
				}));
		},
	};
}
