/**
 * What a postmortem's page lists under "Related and similar incidents": each postmortem with the
 * words after its link, which way a link points or what a similar incident shares.
 */
import type { Archive } from '../model/archive';
import type { PostmortemLinks } from '../model/links';
import type { Postmortem } from '../model/postmortem';
import { LINK_DIRECTION_LABELS } from './labels';

export interface ListedPostmortem {
	postmortem: Postmortem;
	note: string;
}

export interface RelatedLists {
	related: ListedPostmortem[];
	similar: ListedPostmortem[];
}

export function relatedLists(links: PostmortemLinks, archive: Pick<Archive, 'rootCause'>): RelatedLists {
	return {
		related: links.linked.map((l) => ({ postmortem: l.postmortem, note: LINK_DIRECTION_LABELS[l.direction] })),
		similar: links.similar.map((s) => ({
			postmortem: s.postmortem,
			note: `shares ${[...s.sharedRootCauses.map((c) => archive.rootCause(c).name.toLowerCase()), ...s.sharedServices].join(', ')}`,
		})),
	};
}
