/**
 * The content-layer loader of the `postmortems` collection. In place of Astro's glob loader, which
 * skips some files without a word: every postmortem is read and validated by
 * `readArchiveSources`, and any problem fails the build with the project's own message.
 *
 * Only the postmortems the edition includes are stored. A postmortem's body is a module that Vite
 * bundles, with every image and file it imports; a left-out postmortem must never become one, or
 * its assets would be emitted into an edition that leaves it out.
 */
import { fileURLToPath } from 'node:url';
import { relative, sep } from 'node:path';
import type { Loader } from 'astro/loaders';
import { AstroError } from 'astro/errors';
import { isIncluded, type ArchiveOptions } from '../lib/model/archive';
import type { PostmortemSchema } from '../lib/model/schema';
import { contentErrorMessage, readArchiveSources } from './archive-sources';
import { ownersFile, postmortemsDir, taxonomyFile } from './settings';

export interface PostmortemLoaderOptions {
	contentDir: string;
	/** Which postmortems this build includes. */
	include: Pick<ArchiveOptions, 'edition' | 'includeDrafts'>;
	/** Types the collection's entries; validation itself happens in `readArchiveSources`. */
	schema: PostmortemSchema;
}

const HINT = 'Each line names a file, the field and what was expected. Fix the files; the build reads them again.';

export function postmortemLoader({ contentDir, include, schema }: PostmortemLoaderOptions): Loader {
	return {
		name: 'hindsight-postmortems',
		schema,
		async load({ store, config, generateDigest, logger, watcher }) {
			const root = fileURLToPath(config.root);
			const sync = () => {
				const sources = readArchiveSources(contentDir, { cacheDir: fileURLToPath(config.cacheDir) });
				if (sources.problems.length) throw new AstroError(contentErrorMessage(sources.problems), HINT);
				const untouched = new Set(store.keys());
				for (const pm of sources.postmortems) {
					if (!isIncluded(pm.data, include)) continue;
					untouched.delete(pm.id);
					const filePath = relative(root, pm.path).split(sep).join('/');
					const digest = generateDigest(pm.text);
					const existing = store.get(pm.id);
					if (existing?.digest === digest && existing.filePath === filePath) {
						store.addModuleImport(filePath);
						continue;
					}
					store.set({ id: pm.id, data: pm.data, body: pm.body, filePath, digest, deferredRender: true });
				}
				for (const id of untouched) store.delete(id);
			};
			sync();
			if (!watcher) return;
			// In the dev server, any change below the folder is read again whole: a new file can make
			// another one's `related` valid, and a rename changes an id.
			const dir = postmortemsDir(contentDir);
			watcher.add(dir);
			const onChange = (path: string) => {
				if (!path.startsWith(dir + sep) && path !== taxonomyFile(contentDir) && path !== ownersFile(contentDir)) return;
				try {
					sync();
					logger.info(`Reloaded postmortems after a change to ${relative(root, path)}`);
				} catch (error) {
					logger.error((error as Error).message);
				}
			};
			watcher.on('change', onChange);
			watcher.on('add', onChange);
			watcher.on('unlink', onChange);
		},
	};
}
