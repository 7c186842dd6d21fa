/**
 * blameless: wording that blames people or judges with hindsight ("human error", "should have",
 * "obviously"), each with a suggestion. Matching is by words (retext), not by substrings, so
 * "clearly" does not match "unclearly" and a phrase may break across lines.
 */
import { retext } from 'retext';
import retextEnglish from 'retext-english';
import { search } from 'nlcst-search';
import { toString } from 'nlcst-to-string';
import type { BlamelessPhrase } from '../config';
import type { RuleFinding } from '../finding';
import type { Prose } from '../prose';

const parser = retext().use(retextEnglish);

const POSSESSIVE = "*'s";
const IS_POSSESSIVE = /(?:['’]s|s['’])$/i;

export function blameless(prose: readonly Prose[], phrases: readonly BlamelessPhrase[]): RuleFinding[] {
	// nlcst-search knows `*` (any word) but not possessives: search for any word, then check it.
	const byPattern = new Map<string, BlamelessPhrase[]>();
	for (const entry of phrases) {
		const pattern = entry.phrase
			.split(' ')
			.map((word) => (word === POSSESSIVE ? '*' : word))
			.join(' ');
		byPattern.set(pattern, [...(byPattern.get(pattern) ?? []), entry]);
	}
	const patterns = [...byPattern.keys()];
	if (!patterns.length) return [];

	const findings: RuleFinding[] = [];
	for (const { text, offsets } of prose) {
		const tree = parser.parse(text);
		search(tree, patterns, (nodes, _index, _parent, pattern) => {
			const words = nodes.filter((node) => node.type === 'WordNode').map((node) => toString(node));
			const entry = byPattern
				.get(pattern)
				?.find((candidate) =>
					candidate.phrase
						.split(' ')
						.every((word, i) => word !== POSSESSIVE || IS_POSSESSIVE.test(words[i] ?? ''))
				);
			const start = nodes[0]?.position?.start.offset;
			if (!entry || start === undefined) return;
			const matched = nodes.map((node) => toString(node)).join('').replace(/\s+/g, ' ');
			findings.push({
				rule: 'blameless',
				offset: offsets[start] ?? offsets[0] ?? 0,
				message: `"${matched}": ${entry.suggestion}`,
			});
		});
	}
	return findings;
}
