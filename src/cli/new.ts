/**
 * `npm run new -- "Title"`: writes content/postmortems/<year>/<slug>.mdx as a draft. Never
 * overwrites: a file with that id (any extension or case) already there is an error.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { findPostmortemFiles } from '../node/postmortem-files';
import { scaffoldPostmortem, slugify } from '../lib/model/scaffold';
import { contentDir, postmortemsDir, taxonomyFile } from '../node/settings';
import { loadTaxonomy } from '../node/taxonomy-file';
import { ContentError } from '../lib/model/errors';

function main(args: string[]): number {
	const title = args.join(' ').trim();
	if (!title) {
		console.error('Usage: npm run new -- "Title of the incident"');
		return 2;
	}
	const root = contentDir();
	const postmortems = postmortemsDir(root);
	const now = new Date();
	const id = `${now.getUTCFullYear()}/${slugify(title)}`;
	const clash = findPostmortemFiles(postmortems).files.find((file) => file.id === id);
	if (clash) {
		console.error(`Not written: ${relative(process.cwd(), clash.path)} already has the id "${id}". Choose another title.`);
		return 1;
	}
	const taxonomy = loadTaxonomy(taxonomyFile(root));
	const file = join(postmortems, `${id}.mdx`);
	mkdirSync(join(postmortems, id.split('/')[0]!), { recursive: true });
	writeFileSync(file, scaffoldPostmortem(title, now, taxonomy.find((c) => c.id === 'process-gap')?.id ?? taxonomy[0]!.id), { flag: 'wx' });
	console.log(`Wrote ${relative(process.cwd(), file)} (a draft: see it with npm run dev).`);
	return 0;
}

try {
	process.exitCode = main(process.argv.slice(2));
} catch (error) {
	if (!(error instanceof ContentError)) throw error;
	console.error(error.message);
	process.exitCode = 1;
}
