/**
 * The archive of one build: which postmortems the edition includes, their derived figures, and
 * the links between them (related, backlinks; similar incidents are `learning/similar.ts`'s). Built once per build; every page, feed and
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
}

/** Whether an edition includes a postmortem (contract: "Editions and what a build includes"). */
export function isIncluded(
	data: Pick<PostmortemData, 'status' | 'visibility'>,
	options: Pick<ArchiveOptions, 'edition' | 'includeDrafts'>
): boolean {
	if (data.status === 'draft' && !options.includeDrafts) return false;
	return options.edition === 'internal' || data.visibility === 'public';
}

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

	// Services by key, so that two spellings of one service are one service here too.
	const serviceNames = new Map<string, string>();
	for (const pm of postmortems) {
		for (const name of pm.services) {
			const key = serviceKey(name);
			if (!serviceNames.has(key)) serviceNames.set(key, name);
		}
	}

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
	};
}
