import { defineCollection } from 'astro:content';
import { docsLoader } from '@astrojs/starlight/loaders';
import { postmortemLoaders } from './node/postmortem-loader';
import { postmortemSchema } from './lib/model/schema';
import { sharedDocsSchema } from './lib/model/docs-schema';
import { settings } from 'virtual:hindsight/settings';

const postmortems = postmortemLoaders({
	contentDir: settings.contentDir,
	include: settings,
	// The entries' type. The loader validates each file against the real taxonomy and ids, and
	// reports problems in its own words.
	schema: postmortemSchema({ rootCauseIds: ['(taxonomy)'] }),
});

export const collections = {
	docs: defineCollection({ loader: docsLoader(), schema: sharedDocsSchema() }),
	postmortems: defineCollection({ loader: postmortems.postmortems }),
	// What the dev server shows instead of a page while a content file is broken (always empty in a
	// build, which stops on the first reading instead).
	contentProblems: defineCollection({ loader: postmortems.problems }),
};
