import type { APIRoute, GetStaticPaths } from 'astro';
import { getArchiveListing } from '../../../data';
import type { ArchiveChunk } from '../../../lib/present/archive-rows';

/** The archive's rows in parts (`src/lib/present/archive-rows.ts`), which its filters load when asked. */
export const getStaticPaths = (async () => {
	const { chunks } = await getArchiveListing();
	return chunks.map((chunk) => ({ params: { chunk: String(chunk.chunk) }, props: { chunk } }));
}) satisfies GetStaticPaths;

export const GET: APIRoute<{ chunk: ArchiveChunk }> = ({ props }) => Response.json(props.chunk);
