import type { APIRoute } from 'astro';
import { getArchive, getSimilarRecords } from '../../data';
import { postmortemsDocument } from '../../lib/present/open-data';

export const GET: APIRoute = async () => {
	const [archive, similarOf] = await Promise.all([getArchive(), getSimilarRecords()]);
	return Response.json(postmortemsDocument(archive.postmortems, archive.edition, archive.buildDate, similarOf));
};
