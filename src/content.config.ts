import { join } from 'node:path';
import { defineCollection } from 'astro:content';
import { glob } from 'astro/loaders';
import { docsLoader } from '@astrojs/starlight/loaders';
import { docsSchema } from '@astrojs/starlight/schema';
import { collectPostmortemIds, postmortemIdFromPath } from './lib/ids';
import { postmortemSchema } from './lib/schema';
import { loadTaxonomy } from './lib/taxonomy';
import { contentDir } from './lib/site-config';

const root = contentDir();
const postmortemsDir = join(root, 'postmortems');
const taxonomy = loadTaxonomy(join(root, 'root-causes.yaml'));
const postmortemIds = collectPostmortemIds(postmortemsDir);

export const collections = {
	docs: defineCollection({ loader: docsLoader(), schema: docsSchema() }),
	postmortems: defineCollection({
		loader: glob({
			pattern: '**/*.{md,mdx}',
			base: postmortemsDir,
			generateId: ({ entry }) => postmortemIdFromPath(entry),
			// Render each postmortem when its page is built, not all of them up front.
			deferRender: true,
		}),
		schema: postmortemSchema({
			rootCauseIds: taxonomy.map((cause) => cause.id),
			postmortemIds,
		}),
	}),
};
