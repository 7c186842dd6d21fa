/**
 * secrets: credentials in a postmortem (API tokens, private keys, cloud keys), found by
 * secretlint's recommended rules over the whole file, frontmatter included. A message shows at
 * most the first characters of a secret: the linter's output lands in CI logs, which must not
 * become the leak.
 */
import { lintSource } from '@secretlint/core';
import { creator as recommended } from '@secretlint/secretlint-rule-preset-recommend';
import type { RuleFinding } from '../finding';

const CONFIG = {
	rules: [{ id: '@secretlint/secretlint-rule-preset-recommend', rule: recommended }],
};

/** Values in secretlint's message data that describe a secret rather than being one. */
const DESCRIPTIVE = new Set(['typeName', 'FILE_NAME']);

/**
 * `AKIA****` for a long single-line secret, `****` otherwise: four characters say which key it
 * was without giving much of it away, but not of a short password or a multi-line key.
 */
export function maskSecret(secret: string): string {
	const shown = secret.length >= 16 && !/\s/.test(secret) ? secret.slice(0, 4) : '';
	return `${shown}****`;
}

function replaceAll(text: string, secret: string, mask: string): string {
	return secret ? text.split(secret).join(mask) : text;
}

export async function secrets(
	path: string,
	text: string,
	toOffset: (point: { line: number; column: number }) => number
): Promise<RuleFinding[]> {
	const result = await lintSource({
		source: { content: text, filePath: path, contentType: 'text' },
		options: { config: CONFIG, noPhysicFilePath: true },
	});
	const findings: RuleFinding[] = [];
	for (const message of result.messages) {
		if (message.type !== 'message') continue;
		let description = message.message;
		for (const [key, value] of Object.entries(message.data ?? {})) {
			if (typeof value === 'string' && !DESCRIPTIVE.has(key)) {
				description = replaceAll(description, value, maskSecret(value));
			}
		}
		// Belt and braces: whatever the rule reported as the secret's place never appears either.
		const [start, end] = message.range;
		const reported = text.slice(start, end);
		if (reported.length >= 8) description = replaceAll(description, reported, maskSecret(reported));
		// "found GitHub Token(…): ghp_****" reads better as "GitHub Token (…): ghp_****".
		description = description.replace(/^found /, '').replace(/(\S)\(/g, '$1 (');
		findings.push({
			rule: 'secrets',
			offset: toOffset({ line: message.loc.start.line, column: message.loc.start.column + 1 }),
			message: `${description}; remove it and revoke it (it stays in git history)`,
		});
	}
	return findings;
}
