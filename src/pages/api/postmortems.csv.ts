import type { APIRoute } from 'astro';
import { getArchive } from '../../data';
import { postmortemsCsv } from '../../lib/present/open-data';

export const GET: APIRoute = async () => {
	const archive = await getArchive();
	return new Response(postmortemsCsv(archive.postmortems, archive.buildDate), {
		headers: { 'Content-Type': 'text/csv; charset=utf-8' },
	});
};
