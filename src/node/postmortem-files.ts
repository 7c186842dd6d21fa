/**
 * The postmortem files of an archive, found by walking `content/postmortems/` ourselves: Astro's glob
 * loader skips hidden paths and mishandles `#` and `?` in names without failing the build, so a
 * postmortem could be silently left out. Here every entry whose name ends in `.md` or `.mdx`, in any
 * case, symbolic links followed, is either a postmortem that gets built or a problem that fails the
 * build, naming the path and what to do.
 */
import { readFileSync, readdirSync, realpathSync, statSync, type Stats } from 'node:fs';
import { join, relative, sep } from 'node:path';
import type { ContentProblem } from '../lib/model/postmortem-source';
import { POSTMORTEM_EXTENSIONS, postmortemIdFromPath } from '../lib/model/ids';
import { decodeUtf8 } from '../lib/model/utf8';

export interface PostmortemFile {
	/** Absolute path, as found (through a symbolic link, not its target). */
	path: string;
	/** Path below the postmortems folder, `/`-separated. */
	relative: string;
	id: string;
}

/**
 * Characters a postmortem's file name may not hold: `#` and `?` end a URL's path and a module id,
 * `%` starts an escape, `\` is a separator on Windows, and control characters are not seen in a
 * listing. Anything else (spaces, accents, other scripts) is kept in the id and its address.
 */
const UNSAFE_NAME = /[#?%\\\p{Cc}]/u;

function why(path: string, reason: string): ContentProblem {
	return { file: path, message: reason };
}

/**
 * Every postmortem file below `dir`, sorted by id, and every entry that looks like one but cannot
 * be built. A missing folder is an empty archive.
 */
export function findPostmortemFiles(dir: string): { files: PostmortemFile[]; problems: ContentProblem[] } {
	const files: PostmortemFile[] = [];
	const problems: ContentProblem[] = [];
	const visited = new Map<string, string>();

	const walk = (folder: string) => {
		let real: string;
		try {
			real = realpathSync(folder);
		} catch {
			return;
		}
		// A link back up the tree would be walked forever, and a second way into a folder would build
		// its postmortems twice under two ids.
		const first = visited.get(real);
		if (first !== undefined) {
			problems.push(why(folder, `leads to the folder ${first}, which is read already: remove the link, so that each postmortem has one id`));
			return;
		}
		visited.set(real, folder);
		for (const entry of readdirSync(folder, { withFileTypes: true }).sort((a, b) => (a.name < b.name ? -1 : 1))) {
			const path = join(folder, entry.name);
			const rel = relative(dir, path).split(sep).join('/');
			const looksLikePostmortem = POSTMORTEM_EXTENSIONS.test(entry.name);
			let stats: Stats;
			try {
				stats = statSync(path);
			} catch {
				if (looksLikePostmortem) problems.push(why(path, 'is a symbolic link to nothing: point it at a postmortem file, or remove it'));
				continue;
			}
			if (stats.isDirectory()) {
				if (looksLikePostmortem) {
					problems.push(why(path, `is a folder, but its name ends in ${entry.name.slice(entry.name.lastIndexOf('.'))}, as a postmortem file's would: rename the folder`));
				}
				walk(path);
				continue;
			}
			if (!looksLikePostmortem) continue;
			const hidden = rel.split('/').find((segment) => segment.startsWith('.'));
			if (hidden) {
				problems.push(
					why(path, `is hidden (its path has "${hidden}", which starts with a dot), and hidden postmortems are not built: rename it without the leading dot, or move it out of the postmortems folder`)
				);
			} else if (UNSAFE_NAME.test(rel)) {
				problems.push(why(path, `has a character that cannot be part of a web address or module name (# ? % \\ or a control character): rename it`));
			} else if (!/\.mdx?$/.test(entry.name)) {
				problems.push(why(path, `expected a postmortem file name ending in .md or .mdx, in lower case: rename it to ${entry.name.replace(POSTMORTEM_EXTENSIONS, (ext) => ext.toLowerCase())}`));
			} else if (!stats.isFile()) {
				problems.push(why(path, 'is not a regular file: expected a postmortem file, or nothing by this name'));
			} else {
				files.push({ path, relative: rel, id: postmortemIdFromPath(rel) });
			}
		}
	};

	try {
		walk(dir);
	} catch (error) {
		problems.push(why(dir, `could not be read: ${(error as Error).message}`));
	}

	const owners = new Map<string, PostmortemFile>();
	for (const file of files) {
		const other = owners.get(file.id);
		if (other) {
			problems.push(why(file.path, `gives the postmortem id "${file.id}", as ${other.relative} does: rename one of them`));
		} else owners.set(file.id, file);
	}
	return { files: [...owners.values()].sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0)), problems };
}

/** A postmortem file's text, or why it cannot be read (not UTF-8, unreadable). */
export function readPostmortemFile(file: Pick<PostmortemFile, 'path'>): { text: string } | { problem: ContentProblem } {
	let bytes: Uint8Array;
	try {
		bytes = readFileSync(file.path);
	} catch (error) {
		return { problem: why(file.path, `could not be read: ${(error as Error).message}`) };
	}
	const decoded = decodeUtf8(bytes);
	if ('text' in decoded) return decoded;
	return {
		problem: {
			file: file.path,
			line: decoded.line,
			column: decoded.column,
			message: `expected UTF-8 text; byte 0x${decoded.byte.toString(16).padStart(2, '0')} here is not UTF-8. Save the file as UTF-8`,
		},
	};
}
