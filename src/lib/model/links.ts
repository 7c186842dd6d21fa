/**
 * The postmortems linked with one postmortem, in one list: those its `related` names and those
 * whose `related` names it, each saying which way the link points.
 */
import type { Archive } from './archive';
import type { SimilarMatch } from '../learning/similar';
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

/** A similar incident with its score and reasons (`learning/similar.ts`). */
export interface SimilarPostmortem extends Omit<SimilarMatch, 'id'> {
	postmortem: Postmortem;
}

export interface PostmortemLinks {
	linked: LinkedPostmortem[];
	/** The most similar incidents, best first; none of them linked (the similar list leaves those out). */
	similar: SimilarPostmortem[];
}

/** Everything a postmortem's page lists as related: linked postmortems, then similar incidents. */
export function postmortemLinks(archive: Pick<Archive, 'byId' | 'backlinks'>, id: string, similar: readonly SimilarMatch[] = []): PostmortemLinks {
	const pm = archive.byId.get(id);
	if (!pm) throw new Error(`No postmortem with id "${id}" in this edition`);
	const linked = linkedPostmortems(
		pm.related.map((other) => archive.byId.get(other)!),
		archive.backlinks(id)
	);
	return { linked, similar: similar.map(({ id: other, ...match }) => ({ postmortem: archive.byId.get(other)!, ...match })) };
}
