/**
 * Settings of the content linter, read from `<content dir>/lint.yaml` when it exists:
 *
 *     blameless:
 *       add:                 # phrases to flag as well, or a new suggestion for a built-in one
 *         - phrase: dropped the ball
 *           suggestion: describe what happened and what made it likely, not who
 *       remove:              # built-in phrases this team does not want flagged
 *         - simply
 *
 * A phrase is words separated by spaces, matched as whole words and case-insensitively ("fault of"
 * matches "Fault of", not "default of"). `*` stands for any one word, `*'s` for any possessive
 * ("*'s fault" matches "Sam's fault"). Removing a phrase that is not built in is an error, so a
 * typo cannot leave a phrase switched on.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import yaml from 'js-yaml';
import { z } from 'astro/zod';
import { ContentError } from '../lib/model/errors';
import { DEFAULT_ROOT_CAUSE_IDS } from '../lib/model/taxonomy';
import { loadTaxonomy } from '../node/taxonomy-file';
import { taxonomyFile } from '../node/settings';

export interface BlamelessPhrase {
	phrase: string;
	suggestion: string;
}

export interface LintConfig {
	blameless: readonly BlamelessPhrase[];
	/** Root-cause ids the frontmatter is validated against (for the completeness score). */
	rootCauseIds: readonly string[];
}

const DESCRIBE_CONDITIONS =
	'describe the conditions that made the action likely (tooling, process, pressure), not the person';
const HINDSIGHT =
	'hindsight: it was not obvious during the incident; state the fact without it, or say what responders knew at the time';
const NO_FAULT = 'name the contributing factors instead of assigning fault';
const WHAT_WAS_MISSING = 'say what the system or process did not do, e.g. "the runbook did not cover …"';

export const DEFAULT_BLAMELESS: readonly BlamelessPhrase[] = [
	{
		phrase: 'human error',
		suggestion: 'name what made the mistake easy to make: missing guard-rails, unclear tooling, an ambiguous runbook',
	},
	{ phrase: 'should have', suggestion: WHAT_WAS_MISSING },
	{ phrase: "should've", suggestion: WHAT_WAS_MISSING },
	{
		phrase: "shouldn't have",
		suggestion: 'say what happened and what made it likely, e.g. "the command ran against production because …"',
	},
	{ phrase: 'failed to', suggestion: 'say what happened instead: "did not", "could not", "was not"' },
	{ phrase: 'forgot to', suggestion: 'describe the missing reminder or check, e.g. "the checklist had no step for …"' },
	{ phrase: 'careless', suggestion: DESCRIBE_CONDITIONS },
	{ phrase: 'carelessly', suggestion: DESCRIBE_CONDITIONS },
	{ phrase: 'negligent', suggestion: DESCRIBE_CONDITIONS },
	{ phrase: 'negligence', suggestion: DESCRIBE_CONDITIONS },
	{ phrase: "*'s fault", suggestion: NO_FAULT },
	{ phrase: 'fault of', suggestion: NO_FAULT },
	{ phrase: 'at fault', suggestion: NO_FAULT },
	{ phrase: 'to blame', suggestion: NO_FAULT },
	{ phrase: 'obviously', suggestion: HINDSIGHT },
	{ phrase: 'clearly', suggestion: HINDSIGHT },
	{ phrase: 'simply', suggestion: HINDSIGHT },
	{ phrase: 'just had to', suggestion: HINDSIGHT },
];

const WORD = String.raw`(?:\*'s|\*|[\p{L}\p{N}][\p{L}\p{N}'’-]*)`;
const PHRASE = new RegExp(String.raw`^${WORD}(?: ${WORD})*$`, 'u');

const phraseSchema = z
	.string({ error: 'expected a phrase as text' })
	.transform((phrase) => phrase.trim().replace(/\s+/g, ' '))
	.refine((phrase) => PHRASE.test(phrase), {
		error: `expected words separated by spaces, where "*" is any word and "*'s" any possessive`,
	})
	.refine((phrase) => phrase.split(' ').some((word) => !word.startsWith('*')), {
		error: 'expected at least one word that is not a wildcard',
	});

const lintFileSchema = z
	.strictObject(
		{
			blameless: z
				.strictObject(
					{
						add: z
							.array(
								z.strictObject(
									{
										phrase: phraseSchema,
										suggestion: z
											.string({ error: 'expected a suggestion as text' })
											.trim()
											.min(1, 'expected a suggestion'),
									},
									{ error: 'expected { phrase, suggestion }' }
								),
								{ error: 'expected a list of { phrase, suggestion }' }
							)
							.default([]),
						remove: z.array(phraseSchema, { error: 'expected a list of phrases' }).default([]),
					},
					{ error: 'expected { add, remove }' }
				)
				.optional(),
		},
		{ error: 'expected a mapping with the key "blameless"' }
	)
	.nullish();

const key = (phrase: string) => phrase.toLowerCase().replace(/’/g, "'");

/**
 * Validates parsed `lint.yaml` data and applies it to the built-in phrases, throwing a
 * {@link ContentError} that names the field.
 */
export function blamelessPhrases(data: unknown, file: string): BlamelessPhrase[] {
	const result = lintFileSchema.safeParse(data);
	if (!result.success) {
		const issue = result.error.issues[0]!;
		const field = issue.path
			.map((p) => (typeof p === 'number' ? `[${p}]` : `.${String(p)}`))
			.join('')
			.replace(/^\./, '');
		throw new ContentError(file, field || '(top level)', issue.message);
	}
	const settings = result.data?.blameless;
	const phrases = new Map(DEFAULT_BLAMELESS.map((entry) => [key(entry.phrase), entry]));
	for (const [index, phrase] of (settings?.remove ?? []).entries()) {
		if (!phrases.delete(key(phrase))) {
			throw new ContentError(
				file,
				`blameless.remove[${index}]`,
				`"${phrase}" is not a built-in phrase; expected one of ${DEFAULT_BLAMELESS.map((e) => `"${e.phrase}"`).join(
					', '
				)}`
			);
		}
	}
	for (const entry of settings?.add ?? []) phrases.set(key(entry.phrase), entry);
	return [...phrases.values()];
}

/** The settings with nothing configured: the built-in phrases and the default taxonomy. */
export function defaultConfig(): LintConfig {
	return { blameless: DEFAULT_BLAMELESS, rootCauseIds: DEFAULT_ROOT_CAUSE_IDS };
}

/** Reads `lint.yaml` and the root-cause taxonomy of a content folder. */
export function loadConfig(contentDir: string): LintConfig {
	const file = join(contentDir, 'lint.yaml');
	let text: string | undefined;
	try {
		text = readFileSync(file, 'utf8');
	} catch (error) {
		if ((error as NodeJS.ErrnoException).code !== 'ENOENT') throw error;
	}
	let data: unknown;
	if (text !== undefined) {
		try {
			data = yaml.load(text);
		} catch (error) {
			throw new ContentError(file, '(file)', `expected valid YAML: ${(error as Error).message}`);
		}
	}
	let rootCauseIds: readonly string[];
	try {
		rootCauseIds = loadTaxonomy(taxonomyFile(contentDir)).map((cause) => cause.id);
	} catch {
		// A missing or broken taxonomy is the build's to report; the linter only needs ids for the
		// completeness score, and the defaults serve most archives.
		rootCauseIds = DEFAULT_ROOT_CAUSE_IDS;
	}
	return { blameless: blamelessPhrases(data, file), rootCauseIds };
}
