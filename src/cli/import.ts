/**
 * `npm run import -- [--force] <file or folder>…`: turns existing postmortems (Markdown, or HTML as
 * Google Docs and Confluence export it) into draft Hindsight files at
 * <content dir>/postmortems/<year>/<slug>.mdx, and says per file what became a field and what still
 * needs a person. Never overwrites without --force. Exit code 0 when every file was imported or
 * skipped as already there, 1 when any failed, 2 for a usage error.
 */
import { mkdirSync, readFileSync, readdirSync, statSync, writeFileSync } from 'node:fs';
import { dirname, join, relative } from 'node:path';
import { convertPostmortem, type Imported } from '../lib/import/convert';
import { FAMILY_NAMES } from '../lib/import/sections';
import { writeImportedFile } from '../lib/import/writer';
import { ContentError } from '../lib/model/errors';
import { formatProblem, readPostmortemText, validatePostmortem } from '../lib/model/postmortem-source';
import { postmortemSchema } from '../lib/model/schema';
import { HTML_EXTENSIONS, MARKDOWN_EXTENSIONS, mdxProblem, readImportSource, toMdxBody } from '../node/import-source';
import { findPostmortemFiles } from '../node/postmortem-files';
import { contentDir, postmortemsDir, taxonomyFile } from '../node/settings';
import { loadTaxonomy } from '../node/taxonomy-file';

const USAGE = `Usage: npm run import -- [--force] <file or folder>…

Turns existing postmortems into Hindsight drafts: Markdown (.md, with or without frontmatter) and
HTML (.html, as Google Docs and Confluence export it), one postmortem per file; a folder means every
such file below it. Each is written to <content dir>/postmortems/<year>/<slug>.mdx
(HINDSIGHT_CONTENT_DIR, default ./content) as a draft, with a report of what became a field and
what needs a person. A file already there is skipped; --force replaces it.`;

const show = (path: string) => relative(process.cwd(), path) || path;

/** The files to import: each file given, and below each folder every Markdown and HTML file. */
function collect(paths: readonly string[]): { files: string[]; missing: string[] } {
	const files: string[] = [];
	const missing: string[] = [];
	const walk = (dir: string) => {
		for (const entry of readdirSync(dir, { withFileTypes: true }).sort((a, b) => a.name.localeCompare(b.name))) {
			if (entry.name.startsWith('.') || entry.name === 'node_modules') continue;
			const path = join(dir, entry.name);
			if (entry.isDirectory()) walk(path);
			else if (MARKDOWN_EXTENSIONS.test(entry.name) || HTML_EXTENSIONS.test(entry.name)) files.push(path);
		}
	};
	for (const path of paths) {
		let isFolder: boolean;
		try {
			isFolder = statSync(path).isDirectory();
		} catch {
			missing.push(path);
			continue;
		}
		if (isFolder) walk(path);
		else files.push(path);
	}
	return { files: [...new Set(files)], missing };
}

function report(source: string, target: string, imported: Imported): string {
	const { data } = imported;
	const counts: Record<string, number> = { timeline: data.timeline.length, actionItems: data.actionItems.length, lessons: data.lessons.length };
	const read = imported.filled.map((field) => (counts[field] ? `${field} (${counts[field]})` : field));
	return [
		`imported  ${show(source)}`,
		`  into:    ${show(target)}`,
		`  read as ${FAMILY_NAMES[imported.family]}`,
		`  fields:  ${read.length ? read.join(', ') : 'none read with confidence'}`,
		...imported.notes.map((note) => `  note:    ${note}`),
		...imported.todo.map((todo, i) => `  ${i ? '         ' : 'to do:   '}${todo}`),
		`  the body keeps the whole document; it is a draft until a person has read it`,
	].join('\n');
}

function main(args: string[]): number {
	if (args.includes('--help') || args.includes('-h')) {
		console.log(USAGE);
		return 0;
	}
	const force = args.includes('--force');
	const unknown = args.find((arg) => arg.startsWith('-') && arg !== '--force');
	if (unknown) {
		console.error(`Unknown option ${unknown}\n\n${USAGE}`);
		return 2;
	}
	const paths = args.filter((arg) => !arg.startsWith('-'));
	if (!paths.length) {
		console.error(USAGE);
		return 2;
	}
	const root = contentDir();
	const postmortems = postmortemsDir(root);
	const taxonomy = loadTaxonomy(taxonomyFile(root));
	const schema = postmortemSchema({ rootCauseIds: taxonomy.map((c) => c.id) });
	const existing = new Map(findPostmortemFiles(postmortems).files.map((file) => [file.id, file.path]));
	const written = new Map<string, string>();
	const now = new Date();
	const { files, missing } = collect(paths);
	let failed = missing.length;
	let skipped = 0;
	let imported = 0;
	for (const path of missing) console.error(`failed    ${path}: no such file or folder`);
	if (!files.length && !missing.length) console.error(`No Markdown or HTML files found in ${paths.join(', ')}.`);

	for (const file of files) {
		const fail = (why: string) => {
			failed++;
			console.error(`failed    ${show(file)}: ${why}`);
		};
		const read = readImportSource(file, readFileSync(file));
		if ('error' in read) {
			fail(read.error);
			continue;
		}
		const result = convertPostmortem(read.source, { taxonomy, now });
		if ('error' in result) {
			fail(result.error);
			continue;
		}
		const { id } = result.imported;
		const target = join(postmortems, `${id}.mdx`);
		const earlier = written.get(id);
		if (earlier) {
			fail(`it would be ${show(target)}, which ${show(earlier)} was just imported to: give one of them another title`);
			continue;
		}
		const there = existing.get(id);
		if (there && !force) {
			skipped++;
			console.log(`skipped   ${show(file)}: ${show(there)} is already there (imported before?); --force replaces it`);
			continue;
		}
		if (there && there !== target) {
			fail(`${show(there)} already has the id "${id}" and is not an .mdx file: move it away, or give the postmortem another title`);
			continue;
		}
		const text = writeImportedFile(result.imported.data, toMdxBody(result.imported.body), relative(process.cwd(), file) || file);
		// The importer checks its own work: a file it writes must pass the contract and parse as MDX.
		const output = readPostmortemText(target, text);
		const valid = 'problems' in output ? undefined : validatePostmortem(target, output, schema);
		const mdx = 'problems' in output ? undefined : mdxProblem(output.body);
		if (!valid || 'problems' in valid || mdx) {
			fail(`the importer made a file that would not build (a bug; please report it with this file): ${valid && 'problems' in valid ? valid.problems.map(formatProblem).join('; ') : (mdx ?? 'unreadable frontmatter')}`);
			continue;
		}
		mkdirSync(dirname(target), { recursive: true });
		writeFileSync(target, text);
		written.set(id, file);
		imported++;
		console.log(report(file, target, result.imported));
	}
	console.log(`\n${imported} imported, ${skipped} skipped (already there), ${failed} failed.${imported ? ' Next: npm run lint:content lists what is left to do in each draft; npm run dev shows them.' : ''}`);
	return failed ? 1 : 0;
}

try {
	process.exitCode = main(process.argv.slice(2));
} catch (error) {
	if (!(error instanceof ContentError)) throw error;
	console.error(error.message);
	process.exitCode = 1;
}
