/**
 * The bridge from Astro's content layer to `src/lib`: loads the collection once per build and
 * hands every page the same archive and the same figures.
 */
import { join, relative, resolve, sep } from 'node:path';
import { gitHistory } from '../node/git-history';
import { getCollection, type CollectionEntry } from 'astro:content';
import { buildArchive } from '../lib/model/archive';
import { computeStats } from '../lib/figures/stats';
import { rootCauseProfiles } from '../lib/figures/causes';
import { serviceProfiles } from '../lib/figures/services';
import { serviceSlug } from '../lib/model/slugs';
import { buildDate, contentDir, editBaseUrl, edition, showDrafts } from '../node/settings';
import { loadTaxonomy } from '../node/taxonomy-file';

export type PostmortemCollectionEntry = CollectionEntry<'postmortems'>;

/**
 * Computes once per build. The dev server reloads content under a running process, so there it
 * computes every time instead of serving a stale archive.
 */
function once<T>(compute: () => Promise<T>): () => Promise<T> {
	let value: Promise<T> | undefined;
	return () => {
		if (import.meta.env.DEV) return compute();
		value ??= compute();
		return value;
	};
}

const loadEntries = once(() =>
	getCollection('postmortems').then((list) => new Map(list.map((e) => [e.id, e])))
);

/** The archive of this build: the edition's postmortems, newest first. */
export const getArchive = once(() =>
	loadEntries().then((list) => {
		const entries = [...list.values()].map((entry) => ({ id: entry.id, filePath: entry.filePath, data: entry.data }));
		return buildArchive(entries, {
			edition: edition(),
			includeDrafts: showDrafts(),
			buildDate: buildDate(),
			taxonomy: loadTaxonomy(join(contentDir(), 'root-causes.yaml')),
		});
	})
);

/** The content entry behind a postmortem, for rendering its MDX body. */
export async function getPostmortemEntry(id: string): Promise<PostmortemCollectionEntry> {
	const entry = (await loadEntries()).get(id);
	if (!entry) throw new Error(`No postmortem with id "${id}"`);
	return entry;
}

/** The aggregate figures of this build (`/api/stats.json`). */
export const getStats = once(() =>
	getArchive().then((a) =>
		computeStats(a.postmortems, { edition: a.edition, buildDate: a.buildDate, rootCause: a.rootCause })
	)
);

/** Every named root cause with its incidents and figures. */
export const getRootCauseProfiles = once(() =>
	getArchive().then((a) => rootCauseProfiles(a.postmortems, a.rootCause, serviceSlug))
);

/** Every service with its incident history. */
export const getServiceProfiles = once(() =>
	getArchive().then((a) => serviceProfiles(a.postmortems, a.rootCause, serviceSlug))
);

const postmortemsDir = () => join(contentDir(), 'postmortems');
const getGitHistory = once(async () => gitHistory(postmortemsDir()));

/** Edit link and last change of a postmortem's source, when the site names its repository. */
export async function getSourceInfo(pm: { filePath: string | undefined }): Promise<{ editUrl?: string; lastUpdated?: Date }> {
	const base = editBaseUrl();
	if (!base || !pm.filePath) return {};
	const file = resolve(pm.filePath);
	const history = await getGitHistory();
	// The link names the file as its own repository does: content kept in a repository of its
	// own would otherwise get a path from this project's root, climbing out with `../`.
	const path = history ? history.prefix + relative(postmortemsDir(), file).split(sep).join('/') : pm.filePath;
	const lastUpdated = history?.lastChanged.get(file);
	return { editUrl: new URL(path, base).href, ...(lastUpdated ? { lastUpdated } : {}) };
}
