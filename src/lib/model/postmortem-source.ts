/**
 * A postmortem file's text, read and validated against the content contract: its frontmatter as
 * typed data and its body, or every problem an author must fix, each naming the file, the field, its
 * line and what was expected. The content layer, the leak guard and the linter all read files
 * through this, so a file means one thing to all of them.
 */
import type { core } from 'astro/zod';
import { parseFrontmatter, splitFrontmatter } from './frontmatter';
import type { PostmortemData, PostmortemSchema } from './schema';

/** One thing wrong with the content, where it is, and what was expected. */
export interface ContentProblem {
	file: string;
	line?: number | undefined;
	column?: number | undefined;
	/** The field as authors write it: `impact.usersAffected`, `timeline[2].at`. */
	field?: string | undefined;
	message: string;
}

/** `file:line:col: field: message`, the form editors and CI logs link to. */
export function formatProblem(problem: ContentProblem): string {
	const place = problem.line ? `${problem.file}:${problem.line}${problem.column ? `:${problem.column}` : ''}` : problem.file;
	return `${place}: ${problem.field ? `${problem.field}: ` : ''}${problem.message}`;
}

/** The column (1-based) where a frontmatter line's field starts: past its indentation and a `- `. */
export function fieldColumn(line: string): number {
	return (/^[ \t]*(?:-[ \t]+)?/.exec(line)?.[0].length ?? 0) + 1;
}

/** `impact.usersAffected`, `timeline[2].at`: a path as authors see it. */
export function fieldName(path: readonly PropertyKey[]): string {
	return path.map((key, i) => (typeof key === 'number' ? `[${key}]` : `${i ? '.' : ''}${String(key)}`)).join('');
}

export interface PostmortemText {
	/** The frontmatter as plain data, not yet validated. */
	frontmatter: Record<string, unknown>;
	body: string;
	/** Offset in the file where the body starts. */
	bodyOffset: number;
	/** The file's line of a frontmatter field, when it can be found. */
	locate: (path: readonly PropertyKey[]) => number | undefined;
	/** The line of the opening `---`: where a missing top-level field is reported. */
	frontmatterLine: number;
}

/**
 * Splits and reads a file's frontmatter, or says why it cannot be read. `parse` reads the YAML:
 * {@link parseFrontmatter}, or the same with a cache in front of it.
 */
export function readPostmortemText(file: string, text: string, parse: typeof parseFrontmatter = parseFrontmatter): PostmortemText | { problems: ContentProblem[] } {
	const split = splitFrontmatter(text);
	if ('error' in split) return { problems: [{ file, line: 1, message: split.error }] };
	const parsed = parse(split.raw, split.line);
	if ('problems' in parsed) return { problems: parsed.problems.map((p) => ({ file, line: p.line, column: p.column, message: p.message })) };
	return {
		frontmatter: parsed.data,
		body: text.slice(split.bodyOffset),
		bodyOffset: split.bodyOffset,
		locate: parsed.locate,
		frontmatterLine: split.line - 1,
	};
}

function valueAt(data: unknown, path: readonly PropertyKey[]): unknown {
	let value = data;
	for (const key of path) {
		if (value === null || typeof value !== 'object') return undefined;
		value = (value as Record<PropertyKey, unknown>)[key];
	}
	return value;
}

function describe(value: unknown): string {
	if (value === null) return 'null (an empty value)';
	if (Array.isArray(value)) return 'a list';
	if (typeof value === 'object') return 'a mapping of fields';
	if (typeof value === 'string') return `"${value.length > 80 ? `${value.slice(0, 77)}…` : value}"`;
	return `${typeof value} ${String(value)}`;
}

/** One Zod issue as problems an author can act on: the field, its line, what was expected and got. */
function issueProblems(file: string, issue: core.$ZodIssue, text: PostmortemText): ContentProblem[] {
	if (issue.code === 'unrecognized_keys') {
		// The schema's message names every unknown key; one problem per key puts each on its line.
		return issue.keys.map((key) => ({
			file,
			line: text.locate([...issue.path, key]),
			field: fieldName([...issue.path, key]),
			message:
				(issue.message.split('; ').find((part) => part.includes(`"${key}"`)) ?? issue.message) +
				// `usersAffected: 1,000` inside `{ … }` is read as a second field named 000.
				(/^\d+$/.test(key) ? '; a comma inside { … } starts a new field: write numbers without separators (1000, not 1,000)' : ''),
		}));
	}
	const value = valueAt(text.frontmatter, issue.path);
	let message = issue.message;
	if (value === undefined && issue.code !== 'custom') {
		const expected = message.startsWith('expected') ? message : issue.code === 'invalid_type' ? `expected ${issue.expected}` : message;
		message = `missing; this field is required: ${expected}`;
	} else if (!/\bgot\b/.test(message) && issue.code !== 'custom' && !message.includes(JSON.stringify(value))) {
		message = `${message}; got ${describe(value)}`;
	}
	// A missing field has no line of its own: its parent's (`impact` for `impact.description`), or
	// the frontmatter's first for a top-level one, so every problem has a line an editor can open.
	return [{ file, line: text.locate(issue.path) ?? text.frontmatterLine, field: fieldName(issue.path) || undefined, message }];
}

/** Validates read frontmatter against the schema: typed data, or every problem with its line. */
export function validatePostmortem(
	file: string,
	text: PostmortemText,
	schema: PostmortemSchema
): { data: PostmortemData } | { problems: ContentProblem[] } {
	const result = schema.safeParse(text.frontmatter);
	if (result.success) return { data: result.data };
	return { problems: result.error.issues.flatMap((issue) => issueProblems(file, issue, text)) };
}
