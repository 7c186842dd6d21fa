import type { APIRoute } from 'astro';
import { getArchive } from '../../data';
import { postmortemsDocument } from '../../lib/present/open-data';

export const GET: APIRoute = async () => {
	const archive = await getArchive();
	return Response.json(postmortemsDocument(archive.postmortems, archive.edition, archive.buildDate));
};
