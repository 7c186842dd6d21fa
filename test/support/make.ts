/** Small postmortems for unit tests, validated by the real schema and built by the real archive. */
import { buildArchive, type ArchiveOptions } from '../../src/lib/model/archive';
import type { PostmortemEntry } from '../../src/lib/model/postmortem';
import { postmortemSchema } from '../../src/lib/model/schema';
import { DEFAULT_ROOT_CAUSE_IDS, type Taxonomy } from '../../src/lib/model/taxonomy';

export const taxonomy: Taxonomy = DEFAULT_ROOT_CAUSE_IDS.map((id) => ({
	id,
	name: id.replace(/-/g, ' '),
	description: `About ${id}.`,
}));

const schema = postmortemSchema({ rootCauseIds: DEFAULT_ROOT_CAUSE_IDS });

/** A valid entry: `started` defaults from the id's year, duration 60 minutes. */
export function entry(id: string, fields: Record<string, unknown> = {}): PostmortemEntry {
	const started = (fields.started as string | undefined) ?? '2024-01-10T10:00:00Z';
	const resolved =
		(fields.resolved as string | undefined) ??
		new Date(new Date(started).getTime() + 60 * 60_000).toISOString();
	const data = schema.parse({
		title: `Incident ${id}`,
		summary: `Summary of ${id}.`,
		severity: 'SEV3',
		services: ['api'],
		impact: { description: 'Some impact.' },
		rootCauses: ['software-bug'],
		...fields,
		started,
		resolved,
	});
	return { id, filePath: `content/postmortems/${id}.mdx`, data };
}

export function archiveOf(entries: PostmortemEntry[], options: Partial<ArchiveOptions> = {}) {
	return buildArchive(entries, {
		edition: 'internal',
		includeDrafts: false,
		buildDate: '2024-06-01',
		taxonomy,
		...options,
	});
}
