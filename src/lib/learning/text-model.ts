/**
 * The archive's text model: each postmortem as a TF-IDF vector of its terms (`terms.ts`), compared
 * by cosine similarity, with an inverted index that finds a document's likely neighbours without
 * comparing every pair. Built once per build from plain text; pure and deterministic: documents and
 * terms are numbered in sorted order, every tie is broken by that number, and nothing reads a
 * clock or a locale.
 */
import { termWords, type TermWord } from './terms';
import type { ContributingFactor, Lesson, ActionItem, TrainingGap } from '../model/schema';

/** One document: an id and all its text. */
export interface TextDocument {
	id: string;
	text: string;
}

/** A sparse vector: term numbers ascending, with their weights; L2-normalised. */
export interface SparseVector {
	terms: Int32Array;
	weights: Float64Array;
}

/** What of a postmortem the model reads: the fields people write in, and the body. */
export interface PostmortemText {
	title: string;
	summary: string;
	trigger?: string | undefined;
	contributingFactors: readonly Pick<ContributingFactor, 'description'>[];
	lessons: readonly Pick<Lesson, 'text'>[];
	actionItems: readonly Pick<ActionItem, 'title'>[];
	trainingGaps: readonly Pick<TrainingGap, 'topic' | 'description'>[];
}

/** A postmortem's text for the model: its written fields and its body's prose. */
export function postmortemText(pm: PostmortemText, body: string): string {
	return [
		pm.title,
		pm.summary,
		pm.trigger ?? '',
		...pm.contributingFactors.map((f) => f.description),
		...pm.lessons.map((l) => l.text),
		...pm.actionItems.map((a) => a.title),
		...pm.trainingGaps.flatMap((g) => [g.topic, g.description ?? '']),
		bodyText(body),
	].join('\n');
}

/**
 * The prose of an MDX body, as the loader hands it over (not rendered): code, ESM lines, comments,
 * JSX expressions, tags and link targets are left out, so a URL or a component's props do not make
 * two incidents alike. A tag's children stay: they are prose.
 */
export function bodyText(mdx: string): string {
	return mdx
		.replace(/^[ \t]*(`{3,}|~{3,})[^\n]*\n[\s\S]*?^[ \t]*\1[ \t]*$/gm, ' ')
		.replace(/^(?:import|export)\s[^\n]*$/gm, ' ')
		.replace(/<!--[\s\S]*?-->|\{\/\*[\s\S]*?\*\/\}/g, ' ')
		.replace(/`[^`\n]*`/g, ' ')
		.replace(/\{[^{}\n]*\}/g, ' ')
		.replace(/<\/?[A-Za-z][^<>]*>/g, ' ')
		.replace(/\]\([^)\s]*(?:\s+"[^"]*")?\)/g, '] ')
		.replace(/https?:\/\/\S+/g, ' ');
}

/**
 * How many of a document's heaviest terms look for its neighbours in the index. The terms that
 * weigh most are the ones that say what an incident is about; 16 is more than the few a reader
 * would name, and enough that two incidents about the same thing share several.
 */
export const QUERY_TERMS = 16;

/**
 * How many documents each term's list in the index keeps: those where the term weighs most. It
 * bounds each look-up, so finding every document's neighbours costs N × QUERY_TERMS × this, not
 * N²; a term in more documents than this says little about any one of them (its weight is low),
 * and the documents where it weighs most are kept.
 */
export const POSTINGS_CAP = 256;

export interface TextModel {
	/** Document ids, sorted: document numbers are positions here. */
	readonly ids: readonly string[];
	/** A document's number, or -1. */
	indexOf(id: string): number;
	vector(doc: number): SparseVector;
	/** A text as a vector with this model's weights (terms the model has not seen are left out). */
	vectorise(text: string): SparseVector;
	/** The documents most likely to be similar to one, by the index: at most `limit`, likeliest first. */
	candidates(doc: number, limit: number): number[];
	/** The word shown for a term: its most frequent form in the documents. */
	word(term: number): string;
}

/** Cosine similarity of two L2-normalised vectors: their dot product. */
export function cosine(a: SparseVector, b: SparseVector): number {
	let sum = 0;
	let i = 0;
	let j = 0;
	while (i < a.terms.length && j < b.terms.length) {
		const ta = a.terms[i]!;
		const tb = b.terms[j]!;
		if (ta === tb) sum += a.weights[i++]! * b.weights[j++]!;
		else if (ta < tb) i++;
		else j++;
	}
	// Rounding can take a vector's similarity to itself a hair past 1.
	return Math.min(1, sum);
}

/** The terms two vectors share, those adding most to their similarity first (ties by term number). */
export function sharedTerms(a: SparseVector, b: SparseVector): { term: number; weight: number }[] {
	const out: { term: number; weight: number }[] = [];
	let i = 0;
	let j = 0;
	while (i < a.terms.length && j < b.terms.length) {
		const ta = a.terms[i]!;
		const tb = b.terms[j]!;
		if (ta === tb) out.push({ term: ta, weight: a.weights[i++]! * b.weights[j++]! });
		else if (ta < tb) i++;
		else j++;
	}
	return out.sort((x, y) => y.weight - x.weight || x.term - y.term);
}

/**
 * Words left out here rather than in `terms` (which the themes share): calendar words, since a
 * postmortem names the month and the day it happened and two incidents in one February are not
 * alike for it; and words of any account that name no topic, which a small archive otherwise
 * weighs as rare and then gives as the reason two incidents are alike ("thing", "certain", "none"
 * on the sample archive).
 */
const GENERAL_WORDS = new Set(
	(
		'january february march april may june july august september october november december ' +
		'monday tuesday wednesday thursday friday saturday sunday today yesterday tomorrow ' +
		'thing things none nothing something anything everything certain nearly almost left asked ask open older ' +
		'enough lot lots way part kind able around another every many much well back made make took take ' +
		'new first last next later early earlier several less least often usually really like since ' +
		'whether though although however instead rather around likely unlikely'
	).split(' ')
);

const byString = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);

/** A document's words, as {@link termWords} gives them for its text. */
export type DocumentWords = (doc: TextDocument) => readonly TermWord[];

/**
 * {@link termWords} that keeps each document's words while its text stays the same. For the dev
 * server, which builds the model again after every edit, when all but one text are as before. A
 * build makes its model once and would only hold the words longer.
 */
export function keptWords(): DocumentWords {
	const kept = new Map<string, { text: string; words: readonly TermWord[] }>();
	return ({ id, text }) => {
		let entry = kept.get(id);
		if (entry?.text !== text) kept.set(id, (entry = { text, words: termWords(text) }));
		return entry.words;
	};
}

export function buildTextModel(documents: readonly TextDocument[], documentWords: DocumentWords = (doc) => termWords(doc.text)): TextModel {
	const docs = [...documents].sort((a, b) => byString(a.id, b.id));
	for (let i = 1; i < docs.length; i++) {
		if (docs[i]!.id === docs[i - 1]!.id) throw new Error(`Text model: two documents with the id "${docs[i]!.id}"`);
	}
	const n = docs.length;

	// Term counts per document, and how often each word is written, for the word shown for a stem.
	const counts: Map<string, number>[] = [];
	const topical = (list: readonly TermWord[]) => list.filter((t) => !GENERAL_WORDS.has(t.word));
	const wordCount = new Map<string, number>();
	const stemOf = new Map<string, string>();
	const df = new Map<string, number>();
	for (const doc of docs) {
		const tf = new Map<string, number>();
		for (const { term, word } of topical(documentWords(doc))) {
			tf.set(term, (tf.get(term) ?? 0) + 1);
			const c = wordCount.get(word);
			if (c === undefined) stemOf.set(word, term);
			wordCount.set(word, (c ?? 0) + 1);
		}
		for (const term of tf.keys()) df.set(term, (df.get(term) ?? 0) + 1);
		counts.push(tf);
	}

	const vocabulary = [...df.keys()].sort(byString);
	const termId = new Map(vocabulary.map((term, i) => [term, i]));
	// BM25's idf: always above 0, so a term in every document still counts a little, and low for a
	// term most documents have.
	const idf = Float64Array.from(vocabulary, (term) => {
		const d = df.get(term)!;
		return Math.log(1 + (n - d + 0.5) / (d + 0.5));
	});

	// The word shown for a stem: its most written form; ties to the shorter, then the first in order.
	const words: string[] = new Array<string>(vocabulary.length).fill('');
	const bestCount = new Int32Array(vocabulary.length);
	for (const word of [...wordCount.keys()].sort(byString)) {
		const t = termId.get(stemOf.get(word)!)!;
		const c = wordCount.get(word)!;
		const current = words[t]!;
		if (c > bestCount[t]! || (c === bestCount[t]! && word.length < current.length)) {
			words[t] = word;
			bestCount[t] = c;
		}
	}

	const toVector = (tf: ReadonlyMap<string, number>): SparseVector => {
		const terms = new Int32Array(tf.size);
		let size = 0;
		for (const term of tf.keys()) {
			const t = termId.get(term);
			if (t !== undefined) terms[size++] = t;
		}
		const sorted = terms.subarray(0, size).sort();
		const weights = new Float64Array(size);
		let norm = 0;
		for (let k = 0; k < size; k++) {
			const t = sorted[k]!;
			// Sublinear tf: a word written ten times is not ten times the topic.
			const w = (1 + Math.log(tf.get(vocabulary[t]!)!)) * idf[t]!;
			weights[k] = w;
			norm += w * w;
		}
		norm = Math.sqrt(norm) || 1;
		for (let k = 0; k < size; k++) weights[k]! /= norm;
		return { terms: sorted.slice(), weights };
	};
	const vectors = counts.map(toVector);

	// The inverted index, each term's documents heaviest first (ties by document), cut to the cap.
	// Built flat (offsets into two arrays) rather than as objects: at 20,000 postmortems it holds
	// millions of entries.
	const offsets = new Int32Array(vocabulary.length + 1);
	for (const v of vectors) for (const t of v.terms) offsets[t + 1]!++;
	for (let t = 0; t < vocabulary.length; t++) offsets[t + 1]! += offsets[t]!;
	const fill = offsets.slice(0, vocabulary.length);
	const allDocs = new Int32Array(offsets[vocabulary.length]!);
	const allWeights = new Float64Array(allDocs.length);
	vectors.forEach((v, doc) =>
		v.terms.forEach((t, k) => {
			const at = fill[t]!++;
			allDocs[at] = doc;
			allWeights[at] = v.weights[k]!;
		})
	);
	const postings = vocabulary.map((_, t) => {
		const from = offsets[t]!;
		const to = offsets[t + 1]!;
		// Within the cap every entry is kept, and their order does not matter.
		if (to - from <= POSTINGS_CAP) return { docs: allDocs.subarray(from, to), weights: allWeights.subarray(from, to) };
		const order = Array.from({ length: to - from }, (_, i) => from + i).sort((a, b) => allWeights[b]! - allWeights[a]! || allDocs[a]! - allDocs[b]!);
		const kept = order.slice(0, POSTINGS_CAP);
		return { docs: Int32Array.from(kept, (i) => allDocs[i]!), weights: Float64Array.from(kept, (i) => allWeights[i]!) };
	});

	const scratch = new Float64Array(n);
	const ids = docs.map((d) => d.id);
	const index = new Map(ids.map((id, i) => [id, i]));

	return {
		ids,
		indexOf: (id) => index.get(id) ?? -1,
		vector: (doc) => vectors[doc]!,
		vectorise(text) {
			const tf = new Map<string, number>();
			for (const { term } of topical(termWords(text))) tf.set(term, (tf.get(term) ?? 0) + 1);
			return toVector(tf);
		},
		word: (term) => words[term]!,
		candidates(doc, limit) {
			const v = vectors[doc]!;
			const query = Array.from(v.terms.keys())
				.sort((a, b) => v.weights[b]! - v.weights[a]! || v.terms[a]! - v.terms[b]!)
				.slice(0, QUERY_TERMS);
			const touched: number[] = [];
			for (const k of query) {
				const list = postings[v.terms[k]!]!;
				const w = v.weights[k]!;
				for (let p = 0; p < list.docs.length; p++) {
					const other = list.docs[p]!;
					if (other === doc) continue;
					if (scratch[other] === 0) touched.push(other);
					scratch[other]! += w * list.weights[p]!;
				}
			}
			// The best `limit`, kept in order as they come: cheaper than sorting every one touched.
			const best: number[] = [];
			const better = (a: number, b: number) => scratch[a]! > scratch[b]! || (scratch[a] === scratch[b] && a < b);
			for (const other of touched) {
				if (best.length === limit && !better(other, best[limit - 1]!)) continue;
				let at = best.length === limit ? limit - 1 : best.length;
				while (at > 0 && better(other, best[at - 1]!)) {
					best[at] = best[at - 1]!;
					at--;
				}
				best[at] = other;
			}
			for (const other of touched) scratch[other] = 0;
			return best;
		},
	};
}
