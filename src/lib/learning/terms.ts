/**
 * The words of a text as the text model compares them: lower case, English stop words left out,
 * each word stemmed (Porter, by `stemmer`) so "restores", "restored" and "restoring" are one term.
 * Pure and deterministic: no locale, no clock, the same terms on every machine.
 */
import { stemmer } from 'stemmer';

/**
 * Words too common in postmortems (or in English) to say what one is about. English function words,
 * plus the words every postmortem uses ("incident", "issue") which would make any two look alike.
 */
const STOP_WORDS = new Set(
	(
		'a about above after again against all also am an and any are as at be because been before being below ' +
		'between both but by can could did do does doing down during each few for from further had has have having ' +
		'he her here hers herself him himself his how i if in into is it its itself just let me more most must my ' +
		'myself no nor not now of off on once only or other our ours ourselves out over own same she should so some ' +
		'such than that the their theirs them themselves then there these they this those through to too under until ' +
		'up us very was we were what when where which while who whom why will with would you your yours yourself ' +
		'yourselves get got one two via per within without across already still yet ever never may might shall ' +
		'incident incidents issue issues problem postmortem outage team teams time times'
	).split(' ')
);

/**
 * Stems already computed: an archive repeats a few thousand words millions of times, and a stem
 * costs microseconds. Emptied when full, so it stays small; the stems are the same either way.
 */
const STEMS = new Map<string, string>();
const STEMS_KEPT = 100_000;

function stem(word: string): string {
	let out = STEMS.get(word);
	if (out === undefined) {
		if (STEMS.size >= STEMS_KEPT) STEMS.clear();
		out = stemmer(word);
		STEMS.set(word, out);
	}
	return out;
}

const WORD = /[\p{L}\p{N}]+(?:['’][\p{L}]+)?/gu;

/** The text's terms, in order, with repeats. */
export function terms(text: string): string[] {
	return termWords(text).map((t) => t.term);
}

/** A term with the word it was stemmed from, lower case, so a page can show a word where the model has a stem. */
export interface TermWord {
	term: string;
	word: string;
}

/** The text's terms as {@link terms} gives them, each with the word it came from. */
export function termWords(text: string): TermWord[] {
	const out: TermWord[] = [];
	for (const match of text.normalize('NFKC').toLowerCase().matchAll(WORD)) {
		const word = match[0].replace(/['’].*$/, '');
		// Single letters and bare numbers carry no topic (a version or a count differs in every text).
		if (word.length < 2 || /^\p{N}+$/u.test(word) || STOP_WORDS.has(word)) continue;
		out.push({ term: stem(word), word });
	}
	return out;
}
