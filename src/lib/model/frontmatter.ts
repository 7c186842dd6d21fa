/**
 * Postmortem frontmatter as written: where it sits in the file, and its YAML read into plain data.
 *
 * One reading serves the content layer, the leak guard and the linter, so they never disagree on
 * what a file says. The YAML is read with the core schema, which has no timestamp type: every date
 * and datetime stays the text that was written, on every path YAML can take to it (plain or quoted,
 * through an anchor, an alias, a merge key or an explicit `!!timestamp` tag). The schema then parses
 * that text strictly, so `2024-02-30` or `T25:00` is refused instead of rolled over to another day.
 */
import { isMap, isScalar, isSeq, parseDocument, visit, type Node, type Scalar, type ScalarTag } from 'yaml';

/** Optional BOM, then blank lines, then the fence: what Astro's own frontmatter reader allows too. */
const OPENING = /^\uFEFF?(?:[ \t]*\r?\n)*(---|\+\+\+)[ \t]*\r?\n/;
const CLOSING = /^---[ \t]*$/m;

export interface FrontmatterBlock {
	/** The YAML between the fences. */
	raw: string;
	/** Offset in the file where `raw` starts. */
	offset: number;
	/** Line of the file (1-based) where `raw` starts. */
	line: number;
	/** Offset in the file where the body starts. */
	bodyOffset: number;
}

export type SplitFrontmatter = FrontmatterBlock | { error: string };

/** The frontmatter between the two `---` lines at the top of a file, and where the body starts. */
export function splitFrontmatter(text: string): SplitFrontmatter {
	const opening = OPENING.exec(text);
	if (!opening) return { error: 'expected YAML frontmatter between two --- lines at the top of the file' };
	if (opening[1] === '+++') {
		return { error: 'expected YAML frontmatter between two --- lines; got TOML (+++), which Hindsight does not read: rewrite it as YAML' };
	}
	const offset = opening[0].length;
	const rest = text.slice(offset);
	const closing = CLOSING.exec(rest);
	if (!closing) return { error: 'expected a --- line that closes the frontmatter' };
	let bodyOffset = offset + closing.index + closing[0].length;
	bodyOffset += /^\r?\n/.exec(text.slice(bodyOffset))?.[0].length ?? 0;
	const line = text.slice(0, offset).split('\n').length;
	return { raw: rest.slice(0, closing.index), offset, line, bodyOffset };
}

/** A problem in the YAML itself, with its line and column in the file (1-based). */
export interface YamlProblem {
	message: string;
	line: number;
	column: number;
}

/** The file's line of the value at a path (`['timeline', 2, 'at']`), when it can be found. */
export type Locate = (path: readonly PropertyKey[]) => number | undefined;

export type ParsedYaml = { data: unknown; locate: Locate } | { problems: YamlProblem[] };
export type ParsedFrontmatter = { data: Record<string, unknown>; locate: Locate } | { problems: YamlProblem[] };

/** `!!timestamp` keeps the text written, for the schema to parse strictly, like every other date. */
const timestampAsText: ScalarTag = {
	tag: 'tag:yaml.org,2002:timestamp',
	resolve: (text: string) => text,
};

function isCircular(value: unknown, holders = new Set<object>()): boolean {
	if (value === null || typeof value !== 'object') return false;
	if (holders.has(value)) return true;
	holders.add(value);
	const circular = Object.values(value).some((child) => isCircular(child, holders));
	holders.delete(value);
	return circular;
}

/** A mapping key as written, for messages. */
function keyText(node: unknown): string {
	return isScalar(node) ? String(node.value) : String(node);
}

/**
 * Reads YAML that starts on line `line` of its file into plain data, with a function that finds the
 * line of a field, or says what is wrong and where.
 */
export function parseYaml(raw: string, line = 1): ParsedYaml {
	const doc = parseDocument(raw, {
		schema: 'core',
		merge: true,
		uniqueKeys: true,
		customTags: [timestampAsText],
		// `!!binary`, `!!set` and the like have no place in a postmortem: refused as unknown tags.
		resolveKnownTags: false,
		prettyErrors: false,
	});
	const toProblem = (message: string, pos: readonly number[] | undefined): YamlProblem => {
		const at = pos?.[0] ?? 0;
		const before = raw.slice(0, at);
		const lineInRaw = before.split('\n').length - 1;
		return { message, line: line + lineInRaw, column: at - (before.lastIndexOf('\n') + 1) + 1 };
	};

	const problems: YamlProblem[] = [];
	for (const error of doc.errors) {
		if (error.code === 'DUPLICATE_KEY') {
			const key = raw.slice(error.pos[0]).split('\n')[0]!.split(':')[0]!.trim();
			problems.push(toProblem(`the field "${key}" is given twice; expected each field once`, error.pos));
		} else {
			problems.push(toProblem(`expected valid YAML: ${error.message.split('\n')[0]}`, error.pos));
		}
	}
	// The YAML library only warns about a tag it does not know and reads the text instead; that
	// would quietly change the meaning of `!!binary` or a custom `!tag`.
	for (const warning of doc.warnings) {
		problems.push(toProblem(`expected plain YAML values: ${warning.message.split('\n')[0]}`, warning.pos));
	}
	if (problems.length) return { problems };

	let data: unknown;
	try {
		data = doc.toJS({ maxAliasCount: 100 });
	} catch (error) {
		return { problems: [toProblem(`expected valid YAML: ${(error as Error).message}`, undefined)] };
	}
	// An alias to a node that holds it (`title: &a [*a]`) makes a value that contains itself.
	if (isCircular(data)) return { problems: [toProblem('expected plain YAML values: an alias refers to a value that contains it', undefined)] };
	return {
		data,
		locate(path) {
			let node: unknown = doc.contents;
			let found: Node | undefined;
			for (const key of path) {
				if (isMap(node)) {
					const pair = node.items.find((item) => keyText(item.key) === String(key));
					if (!pair) break;
					found = (isScalar(pair.key) ? pair.key : (pair.value as Node | undefined)) ?? found;
					node = pair.value;
				} else if (isSeq(node) && typeof key === 'number') {
					const item = node.items[key] as Node | undefined;
					if (!item) break;
					found = item;
					node = item;
				} else break;
			}
			const start = found?.range?.[0];
			return start === undefined ? undefined : toProblem('', [start]).line;
		},
	};
}

/** Frontmatter YAML (the `raw` of a {@link FrontmatterBlock} that starts on line `line`) as fields. */
export function parseFrontmatter(raw: string, line = 1): ParsedFrontmatter {
	const parsed = parseYaml(raw, line);
	if ('problems' in parsed) return parsed;
	const data = parsed.data ?? {};
	if (typeof data !== 'object' || Array.isArray(data)) {
		return { problems: [{ message: 'expected the frontmatter to be a YAML mapping of fields (name: value)', line, column: 1 }] };
	}
	// Keys that YAML reads as numbers or booleans (`1: x`) become strings in JavaScript; that is fine,
	// the schema refuses them as unknown fields.
	return { data: data as Record<string, unknown>, locate: parsed.locate };
}

/** Every string scalar of the YAML with where its source text sits in `raw` (for the linter). */
export function yamlStrings(raw: string): { value: string; start: number; end: number }[] {
	const doc = parseDocument(raw, { schema: 'core', merge: true, customTags: [timestampAsText], resolveKnownTags: false });
	const found: { value: string; start: number; end: number }[] = [];
	visit(doc, {
		Scalar(_key, node: Scalar) {
			if (typeof node.value === 'string' && node.range) found.push({ value: node.value, start: node.range[0], end: node.range[1] });
		},
	});
	return found.sort((a, b) => a.start - b.start);
}
