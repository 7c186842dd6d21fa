/**
 * The postmortem frontmatter schema: every field and rule of the content contract
 * (`docs/content-contract.md`), in one place. Build it with {@link postmortemSchema}, giving it the
 * taxonomy and the ids of every postmortem file so unknown root causes and `related` ids fail with
 * a message that lists what is valid.
 */
import { z } from 'astro/zod';
import { parseDate, parseDateTime } from './datetime';
import { REVIEWABLE_FIELDS } from './placeholders';

export const SEVERITIES = ['SEV1', 'SEV2', 'SEV3', 'SEV4', 'SEV5'] as const;
export const STATUSES = ['draft', 'in-review', 'published'] as const;
export const VISIBILITIES = ['internal', 'public'] as const;
export const DETECTION_METHODS = [
	'alert',
	'customer-report',
	'internal-report',
	'automated-test',
	'third-party',
	'other',
] as const;
export const FACTOR_KINDS = ['technical', 'process', 'human', 'external'] as const;
export const TIMELINE_KINDS = [
	'trigger',
	'detection',
	'escalation',
	'mitigation',
	'resolution',
	'communication',
	'other',
] as const;
export const LESSON_KINDS = ['went-well', 'went-wrong', 'lucky'] as const;
export const ACTION_TYPES = [
	'mitigate',
	'prevent',
	'detect',
	'process',
	'documentation',
	'communication',
	'training',
] as const;
export const ACTION_STATUSES = ['open', 'in-progress', 'done', 'wont-do'] as const;

export type Severity = (typeof SEVERITIES)[number];
export type Status = (typeof STATUSES)[number];
export type Visibility = (typeof VISIBILITIES)[number];
export type ActionStatus = (typeof ACTION_STATUSES)[number];
export type ActionType = (typeof ACTION_TYPES)[number];

const DATETIME_EXPECTED =
	'expected an ISO 8601 datetime such as 2024-03-05T14:02:00Z or 2024-03-05T19:32:00+05:30 (no offset means UTC)';
const DATE_EXPECTED = 'expected a date as YYYY-MM-DD, such as 2024-03-05';

const oneOf = (values: readonly string[]) => values.map((v) => `"${v}"`).join(', ');
const enumOf = <T extends readonly [string, ...string[]]>(values: T) =>
	z.enum(values, { error: `expected one of ${oneOf(values)}` });

/**
 * A datetime, as the text written: frontmatter is read with no YAML timestamp type (see
 * `frontmatter.ts`), so the text is all there is and it is parsed strictly, as UTC when it has no
 * offset.
 */
export const datetimeSchema = z
	.string({ error: DATETIME_EXPECTED })
	.meta({ format: 'date-time', description: DATETIME_EXPECTED })
	.transform((value, ctx) => {
		const date = parseDateTime(value);
		if (!date) {
			const dateAlone = parseDate(value);
			ctx.addIssue({
				code: 'custom',
				message: dateAlone
					? `expected an ISO 8601 datetime such as ${dateAlone}T14:02:00Z (no offset means UTC); got the date "${dateAlone}" with no time of day`
					: `${DATETIME_EXPECTED}; got "${value}"`,
			});
			return z.NEVER;
		}
		return date;
	});

/** A calendar date, kept as its `YYYY-MM-DD` string. */
export const dateSchema = z
	.string({ error: DATE_EXPECTED })
	.meta({ format: 'date', description: DATE_EXPECTED })
	.transform((value, ctx) => {
		const date = parseDate(value);
		if (!date) {
			ctx.addIssue({ code: 'custom', message: `${DATE_EXPECTED}; got "${value}"` });
			return z.NEVER;
		}
		return date;
	});

const text = (what: string) => z.string({ error: `expected ${what} as text` });
const textList = (what: string) =>
	z.array(text(what), { error: `expected a list of ${what}` }).default([]);

function editDistance(a: string, b: string): number {
	const row = Array.from({ length: b.length + 1 }, (_, j) => j);
	for (let i = 1; i <= a.length; i++) {
		let previous = row[0]!;
		row[0] = i;
		for (let j = 1; j <= b.length; j++) {
			const current = row[j]!;
			row[j] = Math.min(row[j]! + 1, row[j - 1]! + 1, previous + (a[i - 1] === b[j - 1] ? 0 : 1));
			previous = current;
		}
	}
	return row[b.length]!;
}

/** Error text for unknown fields, with a "did you mean" for typos such as `severty`. */
function unknownFields(known: readonly string[], expected?: string) {
	return (issue: { code?: string; keys?: string[] }) => {
		if (issue.code === 'invalid_type' && expected) return `expected ${expected}`;
		if (issue.code !== 'unrecognized_keys' || !issue.keys) return undefined;
		return issue.keys
			.map((key) => {
				const best = [...known].sort((a, b) => editDistance(key, a) - editDistance(key, b))[0];
				const hint =
					best && editDistance(key.toLowerCase(), best.toLowerCase()) <= 3
						? ` (did you mean "${best}"?)`
						: '';
				return `unknown field "${key}"${hint}; expected only ${oneOf(known)}`;
			})
			.join('; ');
	};
}

/** An object that rejects unknown keys, naming them and what was expected. */
function strictObject<T extends z.core.$ZodLooseShape>(shape: T, expected?: string) {
	return z.strictObject(shape, { error: unknownFields(Object.keys(shape), expected) });
}

const impactSchema = strictObject({
	description: text('a description of the impact'),
	usersAffected: z
		.int({ error: 'expected a whole number of users (0 or more)' })
		.min(0, 'expected a whole number of users (0 or more)')
		.optional(),
	customerFacing: z.boolean({ error: 'expected true or false' }).optional(),
	dataLoss: z.boolean({ error: 'expected true or false' }).optional(),
}, 'a mapping with description (required), usersAffected, customerFacing and dataLoss');

const contributingFactorSchema = strictObject({
	kind: enumOf(FACTOR_KINDS),
	description: text('a description'),
}, '{ kind, description }');

const timelineEntrySchema = strictObject({
	at: datetimeSchema,
	event: text('the event'),
	kind: enumOf(TIMELINE_KINDS).optional(),
}, '{ at, event, kind }');

const lessonSchema = strictObject({
	kind: enumOf(LESSON_KINDS),
	text: text('the lesson'),
	tags: textList('tags'),
}, '{ kind, text, tags }');

const actionItemSchema = strictObject({
	title: text('a title'),
	type: enumOf(ACTION_TYPES),
	owner: text('an owner'),
	status: enumOf(ACTION_STATUSES).default('open'),
	due: dateSchema.optional(),
	// z.url() accepts `javascript:`; only web links belong in a postmortem.
	link: z.httpUrl({ error: 'expected an http:// or https:// URL' }).optional(),
}, '{ title, type, owner, status, due, link }');

const trainingGapSchema = strictObject({
	topic: text('a topic'),
	audience: text('an audience').optional(),
	description: text('a description').optional(),
}, '{ topic, audience, description }');

export interface SchemaContext {
	/** Valid `rootCauses` ids: the taxonomy's. */
	rootCauseIds: readonly string[];
	/** Ids of every postmortem file; when given, each `related` id must be one of them. */
	postmortemIds?: ReadonlySet<string>;
}

/** Normalises a `related` id as written (`/2024/DB-Failover/`) to a postmortem id. */
export function normaliseRelatedId(id: string): string {
	return id.trim().replace(/^\/+|\/+$/g, '').toLowerCase();
}

export function postmortemSchema({ rootCauseIds, postmortemIds }: SchemaContext) {
	const causeList = rootCauseIds.join(', ');
	const rootCauseId = z.enum(rootCauseIds as [string, ...string[]], {
		error: (issue) =>
			`unknown root cause ${JSON.stringify(issue.input)}; expected one of the taxonomy ids in content/root-causes.yaml: ${causeList}`,
	});
	const relatedId = text('a postmortem id')
		.transform(normaliseRelatedId)
		.superRefine((id, ctx) => {
			if (postmortemIds && !postmortemIds.has(id)) {
				ctx.addIssue({
					code: 'custom',
					message: `no postmortem has the id "${id}"; expected the path of a file below content/postmortems/ without its extension, such as "2024/db-failover"`,
				});
			}
		});

	return strictObject({
		title: text('a title')
			.trim()
			.min(1, 'expected a title of 1 to 200 characters')
			.max(200, 'expected a title of 1 to 200 characters'),
		summary: text('a summary')
			.trim()
			.min(1, 'expected a summary of 1 to 600 characters')
			.max(600, 'expected a summary of 1 to 600 characters'),
		severity: enumOf(SEVERITIES),
		started: datetimeSchema,
		detected: datetimeSchema.optional(),
		mitigated: datetimeSchema.optional(),
		resolved: datetimeSchema,
		services: z
			.array(text('a service name').trim().min(1, 'expected a service name'), {
				error: 'expected a list of service names',
			})
			.min(1, 'expected at least one service'),
		impact: impactSchema,
		rootCauses: z
			.array(rootCauseId, { error: 'expected a list of root-cause ids' })
			.min(1, 'expected at least one root-cause id'),
		status: enumOf(STATUSES).default('published'),
		visibility: enumOf(VISIBILITIES).default('internal'),
		teams: textList('team names'),
		authors: textList('author names'),
		reviewers: textList('reviewer names'),
		tags: textList('tags'),
		trigger: text('the trigger').optional(),
		detection: enumOf(DETECTION_METHODS).optional(),
		contributingFactors: z
			.array(contributingFactorSchema, { error: 'expected a list of { kind, description }' })
			.default([]),
		timeline: z
			.array(timelineEntrySchema, { error: 'expected a list of { at, event, kind }' })
			.default([]),
		lessons: z.array(lessonSchema, { error: 'expected a list of { kind, text, tags }' }).default([]),
		actionItems: z
			.array(actionItemSchema, {
				error: 'expected a list of { title, type, owner, status, due, link }',
			})
			.default([]),
		trainingGaps: z
			.array(trainingGapSchema, { error: 'expected a list of { topic, audience, description }' })
			.default([]),
		related: z.array(relatedId, { error: 'expected a list of postmortem ids' }).default([]),
		onboarding: z.boolean({ error: 'expected true or false' }).default(false),
		// Fields a tool guessed (the importer's suggested root cause); a published postmortem may not
		// keep the mark, so a guess is never published unread.
		needsReview: z
			.array(enumOf(REVIEWABLE_FIELDS), { error: 'expected a list of field names' })
			.default([]),
	}).superRefine((pm, ctx) => {
		const order = (
			field: 'detected' | 'mitigated' | 'resolved',
			earlier: 'started' | 'detected',
			later?: 'mitigated' | 'resolved'
		) => {
			const value = pm[field];
			const low = pm[earlier];
			if (value && low && value < low) {
				ctx.addIssue({
					code: 'custom',
					path: [field],
					message: `expected ${field} (${value.toISOString()}) to be at or after ${earlier} (${low.toISOString()})`,
				});
			}
			const high = later ? pm[later] : undefined;
			if (value && high && value > high) {
				ctx.addIssue({
					code: 'custom',
					path: [field],
					message: `expected ${field} (${value.toISOString()}) to be at or before ${later} (${high.toISOString()})`,
				});
			}
		};
		order('resolved', 'started');
		order('detected', 'started', 'resolved');
		order('mitigated', 'started', 'resolved');
		order('mitigated', 'detected');
	});
}

export type PostmortemSchema = ReturnType<typeof postmortemSchema>;
/** Frontmatter as authors write it. */
export type PostmortemInput = z.input<PostmortemSchema>;
/** Frontmatter after validation: defaults filled in, datetimes as `Date`s. */
export type PostmortemData = z.output<PostmortemSchema>;
export type ActionItem = PostmortemData['actionItems'][number];
export type Lesson = PostmortemData['lessons'][number];
export type TimelineEntry = PostmortemData['timeline'][number];
export type TrainingGap = PostmortemData['trainingGaps'][number];
export type ContributingFactor = PostmortemData['contributingFactors'][number];
export type Impact = PostmortemData['impact'];
