/**
 * Lints one postmortem file: reads it once, runs every rule over it, drops what `lint-ignore`
 * comments silence, and returns the findings in file order.
 */
import { relative, resolve } from 'node:path';
import { postmortemSchema } from '../lib/model/schema';
import type { LintConfig } from './config';
import { readDocument } from './document';
import { SEVERITY, type Finding, type RuleFinding } from './finding';
import { readIgnores } from './ignores';
import { bodyProse, frontmatterProse } from './prose';
import { blameless } from './rules/blameless';
import { completenessFindings } from './rules/completeness';
import { mdxHazard } from './rules/mdx-hazard';
import { placeholders } from './rules/placeholders';
import { unsafeContent } from './rules/unsafe-content';
import { personalData } from './rules/personal-data';
import { secrets } from './rules/secrets';

const schemas = new WeakMap<readonly string[], ReturnType<typeof postmortemSchema>>();

/** One schema per taxonomy: building it is not free, and a run lints many files. */
function schemaFor(rootCauseIds: readonly string[]) {
	let schema = schemas.get(rootCauseIds);
	if (!schema) {
		schema = postmortemSchema({ rootCauseIds });
		schemas.set(rootCauseIds, schema);
	}
	return schema;
}

export async function lintFile(path: string, text: string, config: LintConfig): Promise<Finding[]> {
	const doc = readDocument(path, text);
	const found: RuleFinding[] = [];

	if (doc.frontmatterError) {
		const { offset, message } = doc.frontmatterError;
		found.push({ rule: 'frontmatter', offset, message });
	}
	found.push(...blameless([...frontmatterProse(doc), ...bodyProse(doc)], config.blameless));
	found.push(...(await secrets(path, text, doc.toOffset)));
	found.push(...personalData(text));
	found.push(...mdxHazard(doc));
	found.push(...unsafeContent(doc));
	if (doc.data) {
		// The build validates the frontmatter and says what is wrong; the linter only needs typed data.
		const parsed = schemaFor(config.rootCauseIds).safeParse(doc.data);
		if (parsed.success) {
			found.push(...completenessFindings(parsed.data, doc.body));
			found.push(...placeholders(doc, parsed.data));
		}
	}

	const { ignores, findings: ignoreProblems } = readIgnores(doc);
	found.push(...ignoreProblems);

	return found
		.map((finding): Finding => {
			const { line, column } = doc.toPoint(finding.offset);
			const { rule, message } = finding;
			return { file: path, line, column, rule, severity: SEVERITY[rule], message };
		})
		.filter((finding) => !ignores.some((ignore) => ignore.rule === finding.rule && ignore.line === finding.line))
		.sort((a, b) => a.line - b.line || a.column - b.column || a.rule.localeCompare(b.rule));
}

/** `file:line:col  rule  message`, the file relative to `cwd`. */
export function formatFinding(finding: Finding, cwd: string = process.cwd()): string {
	const file = relative(cwd, resolve(cwd, finding.file)) || finding.file;
	return `${file}:${finding.line}:${finding.column}  ${finding.rule}  ${finding.message}`;
}

const count = (n: number, noun: string) => `${n} ${noun}${n === 1 ? '' : 's'}`;

/** `3 errors, 2 warnings in 27 files`. */
export function formatSummary(findings: readonly Finding[], files: number): string {
	const errors = findings.filter((finding) => finding.severity === 'error').length;
	return `${count(errors, 'error')}, ${count(findings.length - errors, 'warning')} in ${count(files, 'file')}`;
}
