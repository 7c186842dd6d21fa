/**
 * The imported file's text: frontmatter written the way the scaffold writes it (every string
 * double-quoted, so no YAML reading can turn a word into a boolean or a date), then the body.
 */
import { toIsoDateTime } from '../model/datetime';
import type { ImportedFrontmatter } from './convert';

type Value = string | number | boolean | Date | undefined | Value[] | { [key: string]: Value };

function scalar(value: string | number | boolean | Date): string {
	if (value instanceof Date) return JSON.stringify(toIsoDateTime(value));
	return typeof value === 'string' ? JSON.stringify(value) : String(value);
}

function isScalar(value: Value): value is string | number | boolean | Date {
	return value instanceof Date || typeof value !== 'object';
}

function lines(key: string, value: Value, indent: string): string[] {
	if (value === undefined) return [];
	if (isScalar(value)) return [`${indent}${key}: ${scalar(value)}`];
	if (Array.isArray(value)) {
		if (!value.length) return [`${indent}${key}: []`];
		if (value.every(isScalar)) return [`${indent}${key}: [${value.map((v) => scalar(v as string)).join(', ')}]`];
		return [
			`${indent}${key}:`,
			...value.flatMap((item) => {
				const inner = Object.entries(item as Record<string, Value>).flatMap(([k, v]) => lines(k, v, `${indent}    `));
				return inner.length ? [`${indent}  - ${inner[0]!.trimStart()}`, ...inner.slice(1)] : [];
			}),
		];
	}
	return [`${indent}${key}:`, ...Object.entries(value).flatMap(([k, v]) => lines(k, v, `${indent}  `))];
}

/** The whole file: a comment saying where it came from, the frontmatter, the body. */
export function writeImportedFile(data: ImportedFrontmatter, body: string, source: string): string {
	const from = source.replace(/[\r\n]+/g, ' ');
	const yaml = Object.entries(data as unknown as Record<string, Value>).flatMap(([key, value]) => lines(key, value, ''));
	return [
		'---',
		`# Imported by npm run import from ${from}: a draft until a person has read it.`,
		'# needsReview names the fields the importer guessed, and TODO marks what nobody wrote down;',
		'# see /guides/writing-a-postmortem/#bringing-your-existing-postmortems. npm run lint:content lists what is left.',
		...yaml,
		'---',
		'',
		body.trim() ? `${body.trim()}\n` : '',
	].join('\n');
}
