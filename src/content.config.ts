import { defineCollection } from 'astro:content';
import { docsLoader } from '@astrojs/starlight/loaders';
import { docsSchema } from '@astrojs/starlight/schema';
import { postmortemLoader } from './node/postmortem-loader';
import { postmortemSchema } from './lib/model/schema';
import { settings } from 'virtual:hindsight/settings';

export const collections = {
	docs: defineCollection({ loader: docsLoader(), schema: docsSchema() }),
	postmortems: defineCollection({
		loader: postmortemLoader({
			contentDir: settings.contentDir,
			include: settings,
			// The entries' type. The loader validates each file against the real taxonomy and ids,
			// and reports problems in its own words.
			schema: postmortemSchema({ rootCauseIds: ['(taxonomy)'] }),
		}),
	}),
};
