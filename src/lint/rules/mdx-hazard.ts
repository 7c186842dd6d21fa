/**
 * mdx-hazard: prose that MDX reads as code. A top-level paragraph whose first line starts with
 * `import ` or `export ` (lower case, at the start of the line, as MDX checks it) is parsed as a
 * JavaScript module statement, and the build fails on "import of the backup failed". Blocks that
 * look like real ES module statements (`import X from '…'`, `import { … } from '…'`) pass. Any
 * other MDX syntax error is reported here too, since the build would stop on it.
 */
import type { PostmortemDocument } from '../document';
import type { RuleFinding } from '../finding';

const STRING = String.raw`(?:'[^'\n]*'|"[^"\n]*")`;
const NAME = String.raw`[\p{L}_$][\p{L}\p{N}_$]*`;
const BINDINGS = [
	String.raw`${NAME}(?:\s*,\s*(?:\{[^}]*\}|\*\s*as\s+${NAME}))?`,
	String.raw`\{[^}]*\}`,
	String.raw`\*\s*as\s+${NAME}`,
].join('|');
const IMPORT = String.raw`import\s+(?:(?:${BINDINGS})\s+from\s+${STRING}|${STRING})`;
// Exports only need to look like code: what acorn then rejects, MDX reports as a parse error.
const EXPORT = String.raw`export\s+(?:${[
	String.raw`(?:const|let|var)\s+${NAME}\s*=[\s\S]*`,
	String.raw`(?:async\s+)?function\s*\*?\s*${NAME}\s*\([\s\S]*`,
	String.raw`class\s+${NAME}[\s\S]*`,
	String.raw`default\s+(?:[{[('"\x60\d][\s\S]*|(?:async\s+)?function\b[\s\S]*|class\b[\s\S]*|${NAME}\s*;?)`,
	String.raw`\{[^}]*\}(?:\s+from\s+${STRING})?`,
	String.raw`\*\s*(?:as\s+${NAME}\s+)?from\s+${STRING}`,
].join('|')})`;
const ES_MODULE_BLOCK = new RegExp(String.raw`^(?:\s*(?:${IMPORT}|${EXPORT})\s*;?)+\s*$`, 'u');
const MODULE_START = /^(import|export) /;

/** Whether a block MDX takes as module code reads like real ES module statements. */
export function looksLikeEsModule(block: string): boolean {
	return ES_MODULE_BLOCK.test(block);
}

export function mdxHazard(doc: PostmortemDocument): RuleFinding[] {
	if (doc.format !== 'mdx') return [];
	const findings: RuleFinding[] = [];
	const flagged: Array<[number, number]> = [];
	for (const node of doc.tree.children ?? []) {
		if (node.type !== 'paragraph' && node.type !== 'mdxjsEsm') continue;
		const start = node.position?.start;
		const end = node.position?.end.offset;
		if (start?.offset === undefined || end === undefined || start.column !== 1) continue;
		const block = doc.text.slice(start.offset, end);
		const keyword = MODULE_START.exec(block)?.[1];
		if (!keyword || looksLikeEsModule(block)) continue;
		flagged.push([start.offset, end]);
		findings.push({
			rule: 'mdx-hazard',
			offset: start.offset,
			message:
				`paragraph starts with "${keyword}", which MDX reads as JavaScript and the build fails on; ` +
				`reword its start (e.g. "The ${keyword} of …")`,
		});
	}
	const error = doc.mdxError;
	if (error && !flagged.some(([from, to]) => error.offset >= from && error.offset <= to)) {
		findings.push({
			rule: 'mdx-hazard',
			offset: error.offset,
			message: `MDX cannot parse this, so the build will fail: ${error.message}`,
		});
	}
	return findings;
}
