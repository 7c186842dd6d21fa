/**
 * What a postmortem's page lists under "Related and similar incidents": each postmortem with the
 * words after its link, which way a link points or why a similar incident is listed.
 */
import type { Archive } from '../model/archive';
import type { PostmortemLinks } from '../model/links';
import type { Postmortem } from '../model/postmortem';
import type { SimilarReason } from '../learning/similar';
import { LINK_DIRECTION_LABELS, SIMILAR_REASON_LABELS as WORDS } from './labels';

export interface ListedPostmortem {
	postmortem: Postmortem;
	note: string;
}

export interface RelatedLists {
	related: ListedPostmortem[];
	similar: ListedPostmortem[];
}

/**
 * A similar incident's reasons in words, one a part: each shared cause and service, then the
 * trigger's and the text's shared words. `/api/postmortems.json` publishes these parts as they are.
 */
export function similarReasons(because: SimilarReason, archive: Pick<Archive, 'rootCause'>): string[] {
	return [
		...because.causes.map((c) => `${archive.rootCause(c).name} (${WORDS.cause})`),
		...because.services.map((s) => `${s} (${WORDS.service})`),
		...(because.trigger.length ? [`${WORDS.trigger}: ${because.trigger.join(', ')}`] : []),
		...(because.terms.length ? [`${WORDS.terms}: ${because.terms.join(', ')}`] : []),
	];
}

/** The reasons as the page writes them: "Both: Database (cause), payments-api (service); terms: restore, backup". */
export function similarNote(because: SimilarReason, archive: Pick<Archive, 'rootCause'>): string {
	const parts = similarReasons(because, archive);
	const filed = because.causes.length + because.services.length;
	const shared = parts.slice(0, filed);
	const note = [...(shared.length ? [`${WORDS.both}: ${shared.join(', ')}`] : []), ...parts.slice(filed)].join('; ');
	// A line of its own begins with a capital, "Terms: …" as much as "Both: …".
	return note.charAt(0).toUpperCase() + note.slice(1);
}

export function relatedLists(links: PostmortemLinks, archive: Pick<Archive, 'rootCause'>): RelatedLists {
	return {
		related: links.linked.map((l) => ({ postmortem: l.postmortem, note: LINK_DIRECTION_LABELS[l.direction] })),
		similar: links.similar.map((s) => ({ postmortem: s.postmortem, note: similarNote(s.because, archive) })),
	};
}
