/**
 * `lint-ignore` comments: an author may silence one finding, saying why (a quotation from a public
 * report, a version number that looks like an IP address):
 *
 *     {/* lint-ignore blameless: quoted from the vendor's report *\/}   in .mdx files
 *     <!-- lint-ignore blameless: quoted from the vendor's report -->   in .md files
 *     # lint-ignore blameless: quoted from the vendor's report          in the frontmatter
 *
 * A comment alone on its line applies to the next line that is not blank; a comment after other
 * text applies to its own line. It silences that rule's findings on that line. A comment without a
 * reason silences nothing and is an error itself: the reason is what a reviewer checks.
 */
import type { MdNode, PostmortemDocument } from './document';
import type { RuleFinding, RuleName } from './finding';

/** The rules whose findings can be a judgment call; secrets and MDX hazards never are. */
export const IGNORABLE: readonly RuleName[] = ['blameless', 'personal-data'];

export interface Ignore {
	rule: RuleName;
	/** The 1-based line whose findings it silences. */
	line: number;
}

const MDX_COMMENT = /\{\/\*\s*lint-ignore\b([\s\S]*?)\*\/\}/g;
const HTML_COMMENT = /<!--\s*lint-ignore\b([\s\S]*?)-->/g;
const YAML_COMMENT = /(?<=^|[ \t])#[ \t]*lint-ignore\b(.*)$/gm;
const DIRECTIVE = /^\s+([\w-]+)[ \t]*(?::([\s\S]*))?$/;

function codeRanges(node: MdNode, out: Array<[number, number]> = []): Array<[number, number]> {
	if ((node.type === 'code' || node.type === 'inlineCode') && node.position) {
		out.push([node.position.start.offset ?? 0, node.position.end.offset ?? 0]);
	}
	for (const child of node.children ?? []) codeRanges(child, out);
	return out;
}

export function readIgnores(doc: PostmortemDocument): { ignores: Ignore[]; findings: RuleFinding[] } {
	const ignores: Ignore[] = [];
	const findings: RuleFinding[] = [];
	const lines = doc.text.split(/\r?\n/);
	const problem = (offset: number, message: string) => findings.push({ rule: 'lint-ignore', offset, message });

	/** The line a comment at [start, end) applies to. */
	const target = (start: number, end: number) => {
		const first = doc.toPoint(start);
		const last = doc.toPoint(end);
		const before = (lines[first.line - 1] ?? '').slice(0, first.column - 1);
		const after = (lines[last.line - 1] ?? '').slice(last.column - 1);
		if (before.trim() || after.trim()) return first.line;
		let next = last.line + 1;
		while (next <= lines.length && !lines[next - 1]!.trim()) next++;
		return next;
	};

	const read = (offset: number, end: number, directive: string) => {
		const parts = DIRECTIVE.exec(directive);
		if (!parts) {
			problem(offset, 'expected "lint-ignore <rule>: <reason>"');
			return;
		}
		const rule = parts[1] as RuleName;
		if (!IGNORABLE.includes(rule)) {
			problem(offset, `cannot ignore "${parts[1]}"; expected one of ${IGNORABLE.join(', ')}`);
			return;
		}
		if (!parts[2]?.trim()) {
			problem(offset, `lint-ignore ${rule} needs a reason: "lint-ignore ${rule}: <why this wording is right here>"`);
			return;
		}
		ignores.push({ rule, line: target(offset, end) });
	};

	const code = codeRanges(doc.tree);
	const inCode = (offset: number) => code.some(([from, to]) => offset >= from && offset < to);
	const body = doc.text.slice(doc.bodyOffset);
	for (const [pattern, form] of [
		[MDX_COMMENT, 'mdx'],
		[HTML_COMMENT, 'md'],
	] as const) {
		for (const match of body.matchAll(pattern)) {
			const offset = doc.bodyOffset + match.index;
			if (inCode(offset)) continue;
			if (form !== doc.format) {
				problem(
					offset,
					doc.format === 'mdx'
						? 'MDX has no HTML comments; write {/* lint-ignore <rule>: <reason> */}'
						: 'a .md file shows {/* … */} as text; write <!-- lint-ignore <rule>: <reason> -->'
				);
				continue;
			}
			read(offset, offset + match[0].length, match[1] ?? '');
		}
	}
	if (doc.frontmatter) {
		for (const match of doc.frontmatter.raw.matchAll(YAML_COMMENT)) {
			const offset = doc.frontmatter.offset + match.index;
			read(offset, offset + match[0].length, match[1] ?? '');
		}
	}
	return { ignores, findings };
}
