import { relative, isAbsolute, resolve } from 'node:path';

export interface UnwatchedOptions {
	/** The project's root. */
	root: string;
	/** The folder holding the postmortems the server shows: always watched, wherever it is. */
	contentDir: string;
	/** Folders the dev server need not watch. */
	folders: readonly string[];
}

/** Whether `path` is `folder` or inside it. */
function within(path: string, folder: string): boolean {
	const rel = relative(folder, path);
	return rel === '' || (!rel.startsWith('..') && !isAbsolute(rel));
}

/**
 * What the dev server's file watcher skips. Vite watches the whole project and walks every file in
 * it before the server answers, and a project that has been built holds a copy of the site (2,600
 * files at 1,000 postmortems), a test run's scratch folder ten times that: seconds of `lstat` before
 * the first page, for files no page is made from. The content folder is watched even inside one of
 * these (the tests and the benchmark keep theirs in the scratch folder).
 */
export function unwatched({ root, contentDir, folders }: UnwatchedOptions): (path: string) => boolean {
	const skipped = folders.map((folder) => resolve(root, folder));
	const content = resolve(root, contentDir);
	return (path) => {
		const file = resolve(root, path);
		if (!skipped.some((folder) => within(file, folder))) return false;
		// The content folder, what is in it, and the folders on the way to it stay watched.
		return !within(file, content) && !within(content, file);
	};
}
