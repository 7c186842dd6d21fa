/**
 * A JSON Schema of postmortem frontmatter, generated from the Zod schema so the two cannot drift.
 * Editors use it to complete and check frontmatter (see the content-format guide).
 */
import { z } from 'astro/zod';
import { postmortemSchema } from '../model/schema';

export function postmortemJsonSchema(rootCauseIds: readonly string[]): Record<string, unknown> {
	const schema = postmortemSchema({ rootCauseIds });
	const json = z.toJSONSchema(schema, {
		io: 'input',
		unrepresentable: 'any',
		override: (ctx) => {
			// Datetimes and dates are strings, checked strictly by the build.
			const format = ctx.jsonSchema.format;
			if (format === 'date') ctx.jsonSchema.pattern = '^\\d{4}-\\d{2}-\\d{2}$';
			else if (format === 'date-time') {
				// ISO 8601 with optional seconds and offset: wider than JSON Schema's RFC 3339 `date-time`.
				delete ctx.jsonSchema.format;
				ctx.jsonSchema.pattern =
					'^\\d{4}-\\d{2}-\\d{2}[Tt ]\\d{2}:\\d{2}(:\\d{2}(\\.\\d+)?)?\\s*([Zz]|[+-]\\d{2}(:?\\d{2})?)?$';
			}
		},
	}) as Record<string, unknown>;
	return {
		...json,
		$id: '/api/postmortem.schema.json',
		title: 'Hindsight postmortem frontmatter',
		description:
			'The YAML frontmatter of a postmortem in content/postmortems/. Cross-field rules (started ≤ detected ≤ mitigated ≤ resolved, related ids that exist) are checked by the build.',
	};
}
