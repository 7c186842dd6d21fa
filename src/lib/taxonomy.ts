/** The root-cause taxonomy: `content/root-causes.yaml`, a YAML list of `{ id, name, description }`. */
import { readFileSync } from 'node:fs';
import yaml from 'js-yaml';
import { z } from 'astro/zod';
import { ContentError } from './errors';

export const ROOT_CAUSE_ID = /^[a-z0-9]+(?:-[a-z0-9]+)*$/;

export const rootCauseSchema = z.strictObject({
	id: z.string().regex(ROOT_CAUSE_ID, 'expected a lower-case kebab-case id such as "config-change"'),
	name: z.string().trim().min(1, 'expected a non-empty name'),
	description: z.string().trim().min(1, 'expected a non-empty description'),
});

export type RootCause = z.infer<typeof rootCauseSchema>;

export const taxonomySchema = z
	.array(rootCauseSchema, 'expected a YAML list of { id, name, description }')
	.min(1, 'expected at least one root cause')
	.superRefine((causes, ctx) => {
		const seen = new Set<string>();
		causes.forEach((cause, index) => {
			if (seen.has(cause.id)) {
				ctx.addIssue({ code: 'custom', path: [index, 'id'], message: `duplicate id "${cause.id}"` });
			}
			seen.add(cause.id);
		});
	});

export type Taxonomy = readonly RootCause[];

/** The ids every default taxonomy must contain (the content contract). */
export const DEFAULT_ROOT_CAUSE_IDS = [
	'config-change',
	'software-bug',
	'deployment',
	'capacity',
	'dependency',
	'hardware',
	'network',
	'certificate-expiry',
	'database',
	'automation',
	'monitoring-gap',
	'process-gap',
	'security',
] as const;

/** Validates parsed YAML as a taxonomy, throwing a {@link ContentError} that names the entry. */
export function parseTaxonomy(data: unknown, file: string): Taxonomy {
	const result = taxonomySchema.safeParse(data);
	if (!result.success) {
		const issue = result.error.issues[0]!;
		const field = issue.path.length ? issue.path.map((p) => (typeof p === 'number' ? `[${p}]` : `.${String(p)}`)).join('').replace(/^\./, '') : '(top level)';
		throw new ContentError(file, field, issue.message);
	}
	return result.data;
}

/** Reads and validates a taxonomy file. */
export function loadTaxonomy(file: string): Taxonomy {
	let text: string;
	try {
		text = readFileSync(file, 'utf8');
	} catch {
		throw new ContentError(file, '(file)', 'expected the root-cause taxonomy file to exist');
	}
	let data: unknown;
	try {
		data = yaml.load(text);
	} catch (error) {
		throw new ContentError(file, '(file)', `expected valid YAML: ${(error as Error).message}`);
	}
	return parseTaxonomy(data, file);
}
