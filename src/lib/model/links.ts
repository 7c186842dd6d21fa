/**
 * The postmortems linked with one postmortem, in one list: those its `related` names and those
 * whose `related` names it, each saying which way the link points.
 */
import type { Archive, SimilarIncident } from './archive';
import type { Postmortem } from './postmortem';

/** `to`: this postmortem names the other; `from`: the other names this one; `both`: each names the other. */
export type LinkDirection = 'to' | 'from' | 'both';

export interface LinkedPostmortem {
	postmortem: Postmortem;
	direction: LinkDirection;
}

/**
 * The author's `related` list in the author's order, then the postmortems that name this one and
 * that it does not name, in the order given (the archive's: newest first).
 */
export function linkedPostmortems(related: readonly Postmortem[], backlinks: readonly Postmortem[]): LinkedPostmortem[] {
	const incoming = new Set(backlinks.map((pm) => pm.id));
	const outgoing = new Set(related.map((pm) => pm.id));
	return [
		...related.map((postmortem) => ({ postmortem, direction: incoming.has(postmortem.id) ? ('both' as const) : ('to' as const) })),
		...backlinks.filter((pm) => !outgoing.has(pm.id)).map((postmortem) => ({ postmortem, direction: 'from' as const })),
	];
}

export interface PostmortemLinks {
	linked: LinkedPostmortem[];
	/** Nearby incidents sharing a cause or a service, leaving out those already linked. */
	similar: SimilarIncident[];
}

/** Everything a postmortem's page lists as related: linked postmortems, then similar incidents. */
export function postmortemLinks(archive: Pick<Archive, 'byId' | 'backlinks' | 'similar'>, id: string, similarLimit = 5): PostmortemLinks {
	const pm = archive.byId.get(id);
	if (!pm) throw new Error(`No postmortem with id "${id}" in this edition`);
	const linked = linkedPostmortems(
		pm.related.map((other) => archive.byId.get(other)!),
		archive.backlinks(id)
	);
	const listed = new Set(linked.map((l) => l.postmortem.id));
	// Ask for more, so that leaving out the linked ones still leaves a full list where there is one.
	const similar = archive
		.similar(id, similarLimit + listed.size)
		.filter((s) => !listed.has(s.postmortem.id))
		.slice(0, similarLimit);
	return { linked, similar };
}
