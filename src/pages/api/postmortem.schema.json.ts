import type { APIRoute } from 'astro';
import { getArchive } from '../../data';
import { postmortemJsonSchema } from '../../lib/present/json-schema';

export const GET: APIRoute = async () => {
	const archive = await getArchive();
	return Response.json(postmortemJsonSchema(archive.taxonomy.map((cause) => cause.id)));
};
