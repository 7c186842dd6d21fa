/** The root-cause taxonomy: `content/root-causes.yaml`, a YAML list of `{ id, name, description }`. */
import { z } from 'astro/zod';
import { ContentError } from './errors';
import type { Locate } from './frontmatter';

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

/** `entry 3 (id "network").name`: entries counted from 1, as a person counts them. */
function entryField(path: readonly PropertyKey[], data: unknown): string {
	if (!path.length) return '(top level)';
	const [index, ...rest] = path;
	if (typeof index !== 'number') return path.map(String).join('.');
	const id = Array.isArray(data) ? (data[index] as { id?: unknown } | undefined)?.id : undefined;
	const entry = `entry ${index + 1}${typeof id === 'string' ? ` (id "${id}")` : ''}`;
	return rest.length ? `${entry}.${rest.map(String).join('.')}` : entry;
}

/** Validates parsed YAML as a taxonomy, throwing a {@link ContentError} that names the entry and its line. */
export function parseTaxonomy(data: unknown, file: string, locate?: Locate): Taxonomy {
	const result = taxonomySchema.safeParse(data);
	if (!result.success) {
		const issue = result.error.issues[0]!;
		const line = locate?.(issue.path);
		throw new ContentError(line ? `${file}:${line}` : file, entryField(issue.path, data), issue.message);
	}
	return result.data;
}
