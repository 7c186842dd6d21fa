/**
 * Postmortem frontmatter as written, before a YAML parser gives it types. Astro's YAML parser turns
 * an unquoted `2024-03-05` into a `Date` at midnight, indistinguishable from `2024-03-05T00:00:00Z`
 * by the time the schema sees it; only the text tells that a datetime field was given a date alone.
 */
import yaml from 'js-yaml';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { listPostmortemFiles } from './ids';

const OPENING = /^\uFEFF?---[ \t]*\r?\n/;
const CLOSING = /^---[ \t]*$/m;

export type SplitFrontmatter = { raw: string; offset: number; bodyOffset: number } | { error: string };

/** The frontmatter between the two `---` lines at the top of a file, and where the body starts. */
export function splitFrontmatter(text: string): SplitFrontmatter {
	const opening = OPENING.exec(text);
	if (!opening) return { error: 'expected YAML frontmatter between two --- lines at the top of the file' };
	const offset = opening[0].length;
	const rest = text.slice(offset);
	const closing = CLOSING.exec(rest);
	if (!closing) return { error: 'expected a --- line that closes the frontmatter' };
	let bodyOffset = offset + closing.index + closing[0].length;
	bodyOffset += /^\r?\n/.exec(text.slice(bodyOffset))?.[0].length ?? 0;
	return { raw: rest.slice(0, closing.index), offset, bodyOffset };
}

const DATETIME_FIELDS = ['started', 'detected', 'mitigated', 'resolved'] as const;
const DATE_ALONE = /^\s*\d{4}-\d{2}-\d{2}\s*$/;

/** Datetime fields (`started`, …, `timeline[i].at`) given a date with no time of day, with their values. */
export function datesWhereDatetimesAreDue(raw: string): { field: string; value: string }[] {
	let data: unknown;
	try {
		// The core schema has no timestamp type: every date stays the string that was written.
		data = yaml.load(raw, { schema: yaml.CORE_SCHEMA });
	} catch {
		return []; // Astro's own parser reports broken YAML, with its position.
	}
	if (!data || typeof data !== 'object' || Array.isArray(data)) return [];
	const record = data as Record<string, unknown>;
	const found: { field: string; value: string }[] = [];
	const check = (field: string, value: unknown) => {
		if (typeof value === 'string' && DATE_ALONE.test(value)) found.push({ field, value: value.trim() });
	};
	for (const field of DATETIME_FIELDS) check(field, record[field]);
	if (Array.isArray(record.timeline)) {
		record.timeline.forEach((event, i) => {
			if (event && typeof event === 'object') check(`timeline[${i}].at`, (event as Record<string, unknown>).at);
		});
	}
	return found;
}

/**
 * Fails on any postmortem that gives a datetime field a date alone, naming the file and the field.
 * Runs before Astro's loader so that the error is the same whether or not the date was quoted.
 */
export function assertDatetimesHaveTimes(dir: string): void {
	const problems: string[] = [];
	for (const file of listPostmortemFiles(dir)) {
		const split = splitFrontmatter(readFileSync(join(dir, file), 'utf8'));
		if ('error' in split) continue; // the schema reports missing fields
		for (const { field, value } of datesWhereDatetimesAreDue(split.raw)) {
			problems.push(
				`${join(dir, file)}: ${field}: expected an ISO 8601 datetime such as ${value}T14:02:00Z (no offset means UTC); got the date "${value}" with no time of day`
			);
		}
	}
	if (problems.length > 0) throw new Error(`Postmortem frontmatter does not match the content format:\n${problems.join('\n')}`);
}
