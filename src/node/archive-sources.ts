/**
 * Every postmortem of an archive, read from disk and validated once: what the content layer stores
 * and what the leak guard decides "left out" from, so the two can never disagree about a file.
 */
import { relative, isAbsolute } from 'node:path';
import { ContentError } from '../lib/model/errors';
import { fieldName, formatProblem, readPostmortemText, validatePostmortem, type ContentProblem } from '../lib/model/postmortem-source';
import { placeholderFindings } from '../lib/checks/placeholders';
import { postmortemSchema, type PostmortemData } from '../lib/model/schema';
import type { Taxonomy } from '../lib/model/taxonomy';
import { loadTaxonomy } from './taxonomy-file';
import { collisionProblem, serviceSlugCollisions, tagCollisionProblem, tagSlugCollisions, topicCollisionProblem, topicSlugCollisions } from '../lib/model/slugs';
import { findPostmortemFiles, readPostmortemFile, type PostmortemFile } from './postmortem-files';
import { ownersFile, postmortemsDir, taxonomyFile } from './settings';
import { loadOwnerNames } from './owners-file';
import { openFrontmatterCache } from './frontmatter-cache';
import { ownerCollisionProblem, ownerSlugCollisions } from '../lib/model/owners';

export interface PostmortemSource extends PostmortemFile {
	/** The whole file. */
	text: string;
	body: string;
	data: PostmortemData;
}

export interface ArchiveSources {
	taxonomy: Taxonomy;
	postmortems: PostmortemSource[];
	/** Everything an author must fix; the build fails when there is any. */
	problems: ContentProblem[];
}

/** A path as people read it in a log: relative to where the command runs, when it is below it. */
export function displayPath(path: string, cwd = process.cwd()): string {
	const rel = relative(cwd, path);
	return rel && !rel.startsWith('..') && !isAbsolute(rel) ? rel : path;
}

/**
 * Reads and validates every postmortem below `<contentDir>/postmortems` against the taxonomy. With
 * a `cacheDir`, frontmatter unchanged since the last build is not read as YAML again
 * (`frontmatter-cache.ts`).
 */
export function readArchiveSources(contentDir: string, { cacheDir }: { cacheDir?: string | undefined } = {}): ArchiveSources {
	const frontmatter = openFrontmatterCache(cacheDir);
	const problems: ContentProblem[] = [];
	let taxonomy: Taxonomy = [];
	try {
		taxonomy = loadTaxonomy(taxonomyFile(contentDir));
	} catch (error) {
		if (!(error instanceof ContentError)) throw error;
		problems.push({ file: displayPath(error.file), field: error.field, message: error.expected });
	}
	const owners = ownersFile(contentDir);
	const { names: ownerNames, problems: ownerProblems } = loadOwnerNames(owners, displayPath(owners));
	problems.push(...ownerProblems);
	const found = findPostmortemFiles(postmortemsDir(contentDir));
	problems.push(...found.problems.map((p) => ({ ...p, file: displayPath(p.file) })));
	// `related` must name a postmortem that is built: not a hidden file, nor one refused above.
	const schema = postmortemSchema({
		rootCauseIds: taxonomy.map((cause) => cause.id),
		postmortemIds: new Set(found.files.map((file) => file.id)),
	});

	const postmortems: PostmortemSource[] = [];
	for (const file of found.files) {
		const shown = displayPath(file.path);
		const read = readPostmortemFile(file);
		if ('problem' in read) {
			problems.push({ ...read.problem, file: shown });
			continue;
		}
		const text = readPostmortemText(shown, read.text, frontmatter.parse);
		if ('problems' in text) {
			problems.push(...text.problems);
			continue;
		}
		// Without a taxonomy every root cause would be reported unknown: its own error says enough.
		if (!taxonomy.length) continue;
		const valid = validatePostmortem(shown, text, schema);
		if ('problems' in valid) {
			problems.push(...valid.problems);
			continue;
		}
		// A draft may keep the scaffold's and the importer's placeholders; nothing else may.
		for (const found of placeholderFindings(valid.data)) {
			problems.push({ file: shown, line: text.locate(found.path), field: fieldName(found.path), message: found.message });
		}
		postmortems.push({ ...file, text: read.text, body: text.body, data: valid.data });
	}
	// Every file, drafts and the other edition's included: a clash is the authors' to fix, and should
	// not wait for the day a draft is published to break the build.
	const named = postmortems.map((pm) => ({ id: pm.id, filePath: displayPath(pm.path), data: pm.data }));
	problems.push(...serviceSlugCollisions(named).map(collisionProblem));
	problems.push(...tagSlugCollisions(named).map(tagCollisionProblem));
	problems.push(...topicSlugCollisions(named).map(topicCollisionProblem));
	problems.push(...ownerSlugCollisions(named, ownerNames).map((c) => ownerCollisionProblem(c, displayPath(owners))));
	frontmatter.save();
	// In file order, then line order: the order an author fixes them in.
	problems.sort((a, b) => (a.file < b.file ? -1 : a.file > b.file ? 1 : (a.line ?? 0) - (b.line ?? 0)));
	return { taxonomy, postmortems, problems };
}

/** The build's error for content problems: every one of them, each on its own line. */
export function contentErrorMessage(problems: readonly ContentProblem[]): string {
	const files = new Set(problems.map((p) => p.file)).size;
	return `${problems.length === 1 ? 'A problem' : `${problems.length} problems`} in ${files === 1 ? 'a content file' : `${files} content files`} must be fixed before the site can be built:\n${problems.map((p) => `  ${formatProblem(p)}`).join('\n')}`;
}
