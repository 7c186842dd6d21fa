/**
 * A postmortem file read for linting: its frontmatter (the data, and where each text value sits in
 * the file), and its body as a Markdown tree whose positions are offsets into the whole file, so
 * every rule reports lines and columns an editor can jump to.
 */
import { unified } from 'unified';
import remarkParse from 'remark-parse';
import remarkFrontmatter from 'remark-frontmatter';
import remarkMdx from 'remark-mdx';
import { location } from 'vfile-location';
import { parseFrontmatter, splitFrontmatter, yamlStrings, type Locate } from '../lib/model/frontmatter';

export interface Point {
	line: number;
	column: number;
	offset?: number | undefined;
}

/** The parts of an mdast (or MDX) node the rules read. */
export interface MdNode {
	type: string;
	value?: string;
	url?: string;
	children?: MdNode[];
	position?: { start: Point; end: Point } | undefined;
}

/** A YAML string value and where its source text sits in the file (leading blanks included). */
export interface YamlScalar {
	value: string;
	start: number;
	end: number;
}

export interface PostmortemDocument {
	path: string;
	text: string;
	format: 'md' | 'mdx';
	/** The YAML between the `---` lines, and the offset in `text` where it starts. */
	frontmatter: { raw: string; offset: number } | undefined;
	/** The parsed frontmatter; undefined when there is none or it did not parse. */
	data: Record<string, unknown> | undefined;
	frontmatterError: { message: string; offset: number } | undefined;
	/** Every string scalar of the frontmatter, in file order. */
	scalars: YamlScalar[];
	/** The file's line of a frontmatter field (`['timeline', 2, 'event']`), when it can be found. */
	locate: Locate;
	/** Everything after the frontmatter. */
	body: string;
	bodyOffset: number;
	/** The whole file as Markdown (MDX for `.mdx` files); offsets are offsets into `text`. */
	tree: MdNode;
	/** Why MDX could not parse the file; `tree` is then plain Markdown, so other rules still run. */
	mdxError: { message: string; offset: number; source: string } | undefined;
	toPoint: (offset: number) => { line: number; column: number };
	toOffset: (point: { line: number; column: number }) => number;
}

interface ParseError {
	reason?: string;
	message: string;
	source?: string | undefined;
	line?: number | undefined;
	column?: number | undefined;
}

function parseMarkdown(text: string, mdx: boolean): MdNode {
	const processor = unified().use(remarkParse).use(remarkFrontmatter, ['yaml']);
	return (mdx ? processor.use(remarkMdx) : processor).parse(text) as MdNode;
}

export function readDocument(path: string, text: string): PostmortemDocument {
	const place = location(text);
	const toPoint = (offset: number) => {
		const point = place.toPoint(Math.min(Math.max(offset, 0), text.length));
		return { line: point?.line ?? 1, column: point?.column ?? 1 };
	};
	const toOffset = (point: { line: number; column: number }) => place.toOffset(point) ?? 0;
	const format = /\.mdx$/i.test(path) ? 'mdx' : 'md';

	let frontmatter: PostmortemDocument['frontmatter'];
	let frontmatterError: PostmortemDocument['frontmatterError'];
	let data: PostmortemDocument['data'];
	let scalars: YamlScalar[] = [];
	let locate: Locate = () => undefined;
	let bodyOffset = 0;
	const split = splitFrontmatter(text);
	if ('error' in split) {
		frontmatterError = { message: split.error ?? 'expected frontmatter', offset: 0 };
	} else {
		frontmatter = { raw: split.raw, offset: split.offset };
		bodyOffset = split.bodyOffset;
		// The build's own reading of the YAML, so that the linter and the build agree on every value.
		const parsed = parseFrontmatter(split.raw, split.line);
		if ('problems' in parsed) {
			const problem = parsed.problems[0]!;
			frontmatterError = { message: problem.message, offset: toOffset({ line: problem.line, column: problem.column }) };
		} else {
			data = parsed.data;
			locate = parsed.locate;
			scalars = yamlStrings(split.raw).map((s) => ({ value: s.value, start: split.offset + s.start, end: split.offset + s.end }));
		}
	}

	let tree: MdNode;
	let mdxError: PostmortemDocument['mdxError'];
	try {
		tree = parseMarkdown(text, format === 'mdx');
	} catch (error) {
		if (format !== 'mdx') throw error;
		const problem = error as ParseError;
		mdxError = {
			message: problem.reason ?? problem.message,
			offset: problem.line ? toOffset({ line: problem.line, column: problem.column ?? 1 }) : 0,
			source: problem.source ?? '',
		};
		tree = parseMarkdown(text, false);
	}

	return {
		path,
		text,
		format,
		frontmatter,
		data,
		frontmatterError,
		scalars,
		locate,
		body: text.slice(bodyOffset),
		bodyOffset,
		tree,
		mdxError,
		toPoint,
		toOffset,
	};
}
