import type { APIRoute } from 'astro';
import rss from '@astrojs/rss';
import { getArchive } from '../data';
import { feedItems } from '../lib/present/open-data';

export const GET: APIRoute = async (context) => {
	const archive = await getArchive();
	return rss({
		title: archive.edition === 'public' ? 'Hindsight: public postmortems' : 'Hindsight: postmortems',
		description: 'New postmortems, newest first.',
		site: context.site!,
		items: feedItems(archive.postmortems, archive.rootCause),
		trailingSlash: true,
	});
};
