/**
 * The content-layer loaders of the `postmortems` collection and of its companion `contentProblems`.
 * In place of Astro's glob loader, which skips some files without a word: every postmortem is read
 * and validated by `readArchiveSources`, and any problem fails the build with the project's own
 * message.
 *
 * The dev server must not stop on a broken file, nor go on showing the last good version of it: it
 * keeps the files that are valid, drops the broken ones, and stores the problems in
 * `contentProblems`, where the pages' data door (`src/data/index.ts`) finds them and throws them
 * into Astro's error overlay, in the browser the author is looking at. Storing them changes the data
 * store, which reloads the page, so fixing the file brings the page back.
 *
 * Only the postmortems the edition includes are stored. A postmortem's body is a module that Vite
 * bundles, with every image and file it imports; a left-out postmortem must never become one, or
 * its assets would be emitted into an edition that leaves it out.
 */
import { fileURLToPath } from 'node:url';
import { relative, sep } from 'node:path';
import type { DataStore, Loader } from 'astro/loaders';
import { AstroError } from 'astro/errors';
import { z } from 'astro/zod';
import { isIncluded, type ArchiveOptions } from '../lib/model/archive';
import type { ContentProblem } from '../lib/model/postmortem-source';
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

export const CONTENT_ERROR_HINT = 'Each line names a file, the field and what was expected. Fix the files; the build reads them again.';

/** How long the dev server waits after a change to a content file for the next one of the same save. */
const CHANGES_SETTLE_MS = 30;

/** The one entry of `contentProblems`: every problem of the last reading, none when all is well. */
export const PROBLEMS_ENTRY = 'current';

const problemsSchema = z.object({
	problems: z.array(
		z.object({
			file: z.string(),
			line: z.number().optional(),
			column: z.number().optional(),
			field: z.string().optional(),
			message: z.string(),
		})
	),
});

export function postmortemLoaders({ contentDir, include, schema }: PostmortemLoaderOptions): { postmortems: Loader; problems: Loader } {
	// Shared by the two loaders: the postmortems' reading decides, the problems' store shows it.
	let problems: ContentProblem[] = [];
	let problemStore: DataStore | undefined;
	let digestOf: ((data: string) => string) | undefined;
	const saveProblems = () => {
		if (!problemStore || !digestOf) return;
		// Without `undefined` values, which the store's serialiser would keep as nothing anyway.
		const data = { problems: problems.map((p) => JSON.parse(JSON.stringify(p)) as ContentProblem) };
		const digest = digestOf(JSON.stringify(data));
		if (problemStore.get(PROBLEMS_ENTRY)?.digest === digest) return;
		problemStore.set({ id: PROBLEMS_ENTRY, data, digest });
	};

	const postmortems: Loader = {
		name: 'hindsight-postmortems',
		schema,
		async load({ store, config, generateDigest, logger, watcher }) {
			const root = fileURLToPath(config.root);
			// Only the dev server watches; there a broken file is shown, not fatal.
			const dev = Boolean(watcher);
			const sync = () => {
				const sources = readArchiveSources(contentDir, { cacheDir: fileURLToPath(config.cacheDir) });
				if (sources.problems.length && !dev) throw new AstroError(contentErrorMessage(sources.problems), CONTENT_ERROR_HINT);
				const untouched = new Set(store.keys());
				for (const pm of sources.postmortems) {
					if (!isIncluded(pm.data, include)) continue;
					untouched.delete(pm.id);
					const filePath = relative(root, pm.path).split(sep).join('/');
					const digest = generateDigest(pm.text);
					const existing = store.get(pm.id);
					// (An entry stored with its body, by an earlier version, is stored again without it.)
					if (existing?.digest === digest && existing.filePath === filePath && existing.body === undefined) {
						store.addModuleImport(filePath);
						continue;
					}
					// No body: Astro renders it from its module, and what reads it reads the file
					// (postmortem-body.ts), so the store, compiled into the build, stays the size of the data.
					store.set({ id: pm.id, data: pm.data, filePath, digest, deferredRender: true });
				}
				// A broken file is dropped too: its last good version is not what the file says.
				for (const id of untouched) store.delete(id);
				problems = sources.problems;
				saveProblems();
				if (problems.length) logger.error(contentErrorMessage(problems));
				return problems.length === 0;
			};
			sync();
			if (!watcher) return;
			// In the dev server, any change below the folder is read again whole: a new file can make
			// another one's `related` valid, and a rename changes an id.
			const dir = postmortemsDir(contentDir);
			watcher.add(dir);
			// One save is often two or three events in a row (an editor truncates, writes, renames): the
			// folder is read once for them, after they settle, not once each, each costing what the
			// archive costs to read while the reloaded page waits.
			let settling: ReturnType<typeof setTimeout> | undefined;
			const onChange = (path: string) => {
				if (!path.startsWith(dir + sep) && path !== taxonomyFile(contentDir) && path !== ownersFile(contentDir)) return;
				clearTimeout(settling);
				settling = setTimeout(() => {
					try {
						if (sync()) logger.info(`Reloaded postmortems after a change to ${relative(root, path)}`);
					} catch (error) {
						logger.error((error as Error).message);
					}
				}, CHANGES_SETTLE_MS);
			};
			watcher.on('change', onChange);
			watcher.on('add', onChange);
			watcher.on('unlink', onChange);
		},
	};

	const problemsLoader: Loader = {
		name: 'hindsight-content-problems',
		schema: problemsSchema,
		load({ store, generateDigest }) {
			problemStore = store;
			digestOf = generateDigest;
			saveProblems();
			return Promise.resolve();
		},
	};

	return { postmortems, problems: problemsLoader };
}
