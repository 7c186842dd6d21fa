/** What the content linter reports: one problem at one place in one file. */

export const RULES = [
	'blameless',
	'secrets',
	'personal-data',
	'completeness',
	'mdx-hazard',
	'unsafe-content',
	'placeholders',
	'to-do',
	'frontmatter',
	'lint-ignore',
] as const;

export type RuleName = (typeof RULES)[number];
export type Severity = 'error' | 'warning';

/** Errors fail the run (exit code 1); warnings are advice. */
export const SEVERITY: Record<RuleName, Severity> = {
	blameless: 'error',
	secrets: 'error',
	'personal-data': 'warning',
	completeness: 'warning',
	'mdx-hazard': 'error',
	'unsafe-content': 'error',
	placeholders: 'error',
	'to-do': 'warning',
	frontmatter: 'error',
	'lint-ignore': 'error',
};

/** A finding as a rule makes it: where in the file's text, as a 0-based character offset. */
export interface RuleFinding {
	rule: RuleName;
	offset: number;
	message: string;
}

export interface Finding {
	/** The path the file was linted under, as given. */
	file: string;
	/** 1-based. */
	line: number;
	/** 1-based, in characters. */
	column: number;
	rule: RuleName;
	severity: Severity;
	message: string;
}
