/**
 * Themes and repeated fixes: what the archive's short texts (lessons, contributing factors, action
 * items) say again and again across incidents, found from the words people wrote rather than from
 * the fields they filled in.
 *
 * Each text becomes a TF-IDF vector over its terms (`terms.ts`); texts whose vectors are close
 * (cosine at least {@link SIMILARITY_CUTOFF}) are near-duplicates, and near-duplicates joined
 * together make a group. Candidate pairs come from an inverted index probed with each text's few
 * most telling terms, so the work grows with the number of texts, not with its square. Pure and
 * deterministic: every order is the input's or broken by id, no clock or locale is read.
 */
import type { Postmortem } from '../model/postmortem';
import type { ActionStatus, ActionType, ContributingFactor, Lesson } from '../model/schema';
import { addressSegment, nameKey, serviceKey } from '../model/slugs';
import { terms } from './terms';

/**
 * Cosine similarity at which two short texts say the same thing. Chosen by reading every pair of the sample
 * archive above 0.2: paraphrased action items ("test backups by restoring them on a schedule",
 * "rehearse restoring clusters from backup on a regular schedule") score 0.4–0.55, paraphrased
 * lessons, longer and each with words of its own, 0.3–0.4; pairs below 0.3 share a word or two of
 * setting ("recovery", "network") and not a statement. At 0.35 half of the paraphrased lessons
 * fell out of their themes; at 0.25 unrelated lessons chained together.
 */
export const SIMILARITY_CUTOFF = 0.3;

/**
 * Two texts that share one word share a word, not a statement: "multi-region updates" and
 * "multi-site restores" scored 0.34 on one rare term. Every paraphrase pair of the sample archive
 * shares at least two terms.
 */
export const MIN_SHARED_TERMS = 2;

/**
 * Words that set the scene of almost any postmortem rather than say what it learned, and adverbs of
 * place that the terms module keeps for longer texts: kept out of the short texts compared here
 * only. With them, "the affected service in that region" joined unrelated lessons, and "moved
 * traffic away" met "moved the impact away". "Make" and "add" begin action items of every kind: as
 * a label's first word ("Make, internal, production") they said nothing.
 */
const SETTING_TERMS = new Set(terms('service services affected affect customer customers user users away make add'));

/** A theme needs two incidents: one postmortem saying a thing twice is not a pattern. */
export const MIN_THEME_INCIDENTS = 2;

/**
 * How many of a text's terms (its highest TF-IDF weights) it looks others up by. A near-duplicate
 * shares most of a short text's content words, so it shares at least one of its three most telling
 * ones; more keys found no further pairs on the sample archive and cost time at 20,000 postmortems.
 */
export const KEY_TERMS = 8;

/**
 * A term held by more distinct texts than this is not used to look candidates up (it still counts
 * in every similarity). It bounds the work per text to KEY_TERMS × MAX_POSTINGS comparisons however
 * large the archive: at 20,000 synthetic postmortems only words every template repeats reach it,
 * and no text of the sample archive comes near it.
 */
export const MAX_POSTINGS = 400;

/**
 * A theme's label: up to LABEL_WORDS of its terms, each held by at least LABEL_SHARE of its texts.
 * Three words name a theme ("certificate expiry monitoring") without becoming a sentence; a term half
 * the texts share is what they have in common, not a word of one of them.
 */
export const LABEL_WORDS = 3;
export const LABEL_SHARE = 0.5;

/** A word as written (lower case) with the term it counts as. */
interface Word {
	term: string;
	word: string;
}

// terms.ts's own word pattern: each match is passed through `terms` alone, so stop words, numbers
// and stems are its rules, and the word as written is kept beside its term for labels.
const WORD = /[\p{L}\p{N}]+(?:['’][\p{L}]+)?/gu;

/**
 * A text's words. `known` keeps each word as written with its term for the texts of one run (one
 * object per word, shared by every text that writes it): an archive's texts use a vocabulary of
 * thousands of words, written millions of times at 20,000 postmortems.
 */
function wordsOf(text: string, known: Map<string, Word | null>): Word[] {
	const out: Word[] = [];
	// ASCII is its own NFKC form; `match` is many times faster than `matchAll` here, and a word is
	// lower-cased once, when first met, not each text.
	const normal = /^[\x00-\x7f]*$/.test(text) ? text : text.normalize('NFKC');
	for (const written of normal.match(WORD) ?? []) {
		let word = known.get(written);
		if (word === undefined) {
			const lower = written.toLowerCase();
			const [term] = terms(lower);
			word = term && !SETTING_TERMS.has(term) ? { term, word: lower.replace(/['’].*$/, '') } : null;
			known.set(written, word);
		}
		if (word) out.push(word);
	}
	return out;
}

/**
 * Porter's stems split a word whose last letter is y from its other forms ("expiry" → expiri,
 * "expires" → expir): a term ending in i is read as the term without it, when that one is in the
 * texts too.
 */
function mergeYStems(words: Iterable<Word | null>): void {
	const list = [...words].filter((w): w is Word => w !== null);
	const all = new Set(list.map((w) => w.term));
	for (const w of list) if (w.term.length > 3 && w.term.endsWith('i') && all.has(w.term.slice(0, -1))) w.term = w.term.slice(0, -1);
}

interface Vector {
	/** Terms, in code-point order, with their weights; the vector has length 1. */
	terms: string[];
	weights: number[];
}

/** Cosine similarity, or 0 when the two share fewer than {@link MIN_SHARED_TERMS} terms. */
function similarity(a: Vector, b: Vector): number {
	let i = 0;
	let j = 0;
	let dot = 0;
	let shared = 0;
	while (i < a.terms.length && j < b.terms.length) {
		const x = a.terms[i]!;
		const y = b.terms[j]!;
		if (x === y) {
			dot += a.weights[i++]! * b.weights[j++]!;
			shared++;
		} else if (x < y) i++;
		else j++;
	}
	return shared >= MIN_SHARED_TERMS ? dot : 0;
}

const byCodePoint = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);

/** The normalised sum of unit vectors: what a group's texts say together. */
function centroid(list: readonly Vector[]): Vector {
	const sum = new Map<string, number>();
	for (const v of list) v.terms.forEach((term, k) => sum.set(term, (sum.get(term) ?? 0) + v.weights[k]!));
	const sorted = [...sum.keys()].sort(byCodePoint);
	const norm = Math.hypot(...sorted.map((t) => sum.get(t)!));
	return { terms: sorted, weights: sorted.map((t) => sum.get(t)! / norm) };
}

/**
 * Greedy leader clustering of vectors: the weightiest first (ties by index), each joins the most
 * alike leader at or above `cutoff` (ties by the earlier leader) or leads a group of its own.
 * Leaders are found through an inverted index probed with a vector's {@link KEY_TERMS} heaviest
 * terms. Groups by leader, members in the order they joined.
 */
function leaderClusters(
	vectors: readonly Vector[],
	weight: readonly number[],
	apart: (a: number, b: number) => boolean,
	cutoff: number,
	onScore?: ((leader: number, member: number, score: number) => void) | undefined
): Map<number, number[]> {
	const order = vectors.map((_, d) => d).sort((a, b) => weight[b]! - weight[a]! || a - b);
	const groups = new Map<number, number[]>();
	const postings = new Map<string, number[]>();
	for (const d of order) {
		const v = vectors[d]!;
		const keys = v.terms
			.map((term, k) => ({ term, weight: v.weights[k]! }))
			.sort((a, b) => b.weight - a.weight || byCodePoint(a.term, b.term))
			.slice(0, KEY_TERMS);
		const seen = new Set<number>();
		let best = -1;
		let bestScore = cutoff;
		for (const { term } of keys) {
			const list = postings.get(term);
			if (!list || list.length > MAX_POSTINGS) continue;
			for (const leader of list) {
				if (seen.has(leader) || apart(d, leader)) continue;
				seen.add(leader);
				const score = similarity(v, vectors[leader]!);
				onScore?.(leader, d, score);
				if (score > bestScore || (score === bestScore && (best < 0 || leader < best))) {
					best = leader;
					bestScore = score;
				}
			}
		}
		if (best >= 0) groups.get(best)!.push(d);
		else {
			groups.set(d, [d]);
			for (const term of v.terms) (postings.get(term) ?? postings.set(term, []).get(term)!).push(d);
		}
	}
	return groups;
}

export interface NearDuplicateGroup {
	/** Indices into the texts given, in input order. */
	members: number[];
	/** The group's label words, as written, in the order its most typical text has them. */
	words: string[];
}

/**
 * Texts grouped by near-duplication: two texts are in one group when a chain of pairs, each at
 * least `cutoff` alike, joins them. Texts with no term (all stop words) are in no group; every other
 * text is in exactly one, a group of one included.
 */
export function groupNearDuplicates(
	texts: readonly string[],
	/** Where each text comes from (its postmortem): a label is made of words its sources share. */
	sources: readonly string[] = texts.map((_, i) => String(i)),
	cutoff = SIMILARITY_CUTOFF,
	debug?: { floor: number; pairs?: [number, number, number][] }): NearDuplicateGroup[] {
	// The same sentence written in many postmortems is read once (its words are then shared, and
	// read only).
	const known = new Map<string, Word | null>();
	const read = new Map<string, Word[]>();
	const words = texts.map((text) => read.get(text) ?? read.set(text, wordsOf(text, known)).get(text)!);
	mergeYStems(known.values());

	// Texts with the same terms are one text here: the same statement in a hundred postmortems is
	// compared once, and does not make its own words look common.
	const signatures = new Map<Word[], string>();
	const signatureOf = words.map(
		(list) => signatures.get(list) ?? signatures.set(list, [...new Set(list.map((w) => w.term))].sort(byCodePoint).join(' ')).get(list)!
	);
	const distinct = new Map<string, number>();
	const textsOf: number[][] = [];
	signatureOf.forEach((signature, i) => {
		if (signature === '') return;
		let d = distinct.get(signature);
		if (d === undefined) {
			d = textsOf.length;
			distinct.set(signature, d);
			textsOf.push([]);
		}
		textsOf[d]!.push(i);
	});

	// Document frequency over distinct texts, then TF-IDF vectors of unit length.
	const df = new Map<string, number>();
	for (const signature of distinct.keys()) for (const term of signature.split(' ')) df.set(term, (df.get(term) ?? 0) + 1);
	const count = distinct.size;
	const idf = (term: string) => Math.log(1 + count / df.get(term)!);
	const vectors: Vector[] = textsOf.map((members) => {
		const tf = new Map<string, number>();
		for (const w of words[members[0]!]!) tf.set(w.term, (tf.get(w.term) ?? 0) + 1);
		const sorted = [...tf.keys()].sort(byCodePoint);
		const raw = sorted.map((term) => tf.get(term)! * idf(term));
		const norm = Math.hypot(...raw);
		return { terms: sorted, weights: raw.map((w) => w / norm) };
	});


	// Texts of one postmortem are not compared: they share its names ("Rapid Response Content") and
	// would pull its unrelated lessons into one theme; a theme is what incidents have in common.
	const onlySource = textsOf.map((members) => {
		const first = sources[members[0]!]!;
		return members.every((i) => sources[i] === first) ? first : undefined;
	});
	const pairs: [number, number, number][] = [];

	// Leader clustering, twice. First over texts: in turn, the most often written first (ties by
	// first appearance), each joins the most alike leader at or above the cut-off or becomes a leader
	// itself, so every member is a near-duplicate of its leader. Then the same over those groups'
	// centroids, so paraphrases that each came close to a different leader meet. Two rounds and no
	// more: joining pairs in a chain made one group of 20,000 templated action items, each a word
	// away from the next.
	const sourceCount = (members: readonly number[]) => new Set(members.map((i) => sources[i])).size;
	const round1 = leaderClusters(
		vectors,
		textsOf.map((members) => sourceCount(members)),
		(a, b) => onlySource[a] !== undefined && onlySource[a] === onlySource[b],
		cutoff,
		debug && ((a, b, score) => pairs.push([textsOf[a]![0]!, textsOf[b]![0]!, score]))
	);
	const firstGroups = [...round1.values()];
	const groupSource = firstGroups.map((ds) => {
		const all = new Set(ds.flatMap((d) => textsOf[d]!.map((i) => sources[i]!)));
		return all.size === 1 ? [...all][0] : undefined;
	});
	const round2 = leaderClusters(
		firstGroups.map((ds) => centroid(ds.map((d) => vectors[d]!))),
		firstGroups.map((ds) => sourceCount(ds.flatMap((d) => textsOf[d]!))),
		(a, b) => groupSource[a] !== undefined && groupSource[a] === groupSource[b],
		cutoff
	);

	if (debug) debug.pairs = pairs;
	const byRoot = new Map<number, number[]>();
	for (const groups of round2.values()) {
		const members = groups.flatMap((g) => firstGroups[g]!.flatMap((d) => textsOf[d]!)).sort((a, b) => a - b);
		byRoot.set(members[0]!, members);
	}
	return [...byRoot.values()].map((members) => ({ members, words: labelWords(members.map((i) => words[i]!), members.map((i) => sources[i]!), idf) }));
}

/**
 * The terms most of a group's incidents hold (at least {@link LABEL_SHARE} of them, and two), those
 * in the most incidents, then in the most texts, then the most telling first; each as its texts
 * most often write it, put in the order of the first text that holds the most of them. Incidents
 * before texts: a word one postmortem repeats in five texts is that postmortem's, not the theme's.
 */
function labelWords(texts: Word[][], sources: readonly string[], idf: (term: string) => number): string[] {
	const inTexts = new Map<string, number>();
	const inSources = new Map<string, Set<string>>();
	const written = new Map<string, Map<string, number>>();
	texts.forEach((list, i) => {
		for (const term of new Set(list.map((w) => w.term))) {
			inTexts.set(term, (inTexts.get(term) ?? 0) + 1);
			(inSources.get(term) ?? inSources.set(term, new Set()).get(term)!).add(sources[i]!);
		}
		for (const { term, word } of list) {
			const forms = written.get(term) ?? written.set(term, new Map()).get(term)!;
			forms.set(word, (forms.get(word) ?? 0) + 1);
		}
	});
	const sourceCount = new Set(sources).size;
	const needed = Math.max(Math.min(2, sourceCount), Math.ceil(sourceCount * LABEL_SHARE));
	const ranked = [...inTexts.keys()]
		.map((term) => ({ term, sources: inSources.get(term)!.size, texts: inTexts.get(term)! }))
		.sort((a, b) => b.sources - a.sources || b.texts - a.texts || idf(b.term) - idf(a.term) || byCodePoint(a.term, b.term));
	let chosen = ranked.filter((t) => t.sources >= needed).slice(0, LABEL_WORDS).map((t) => t.term);
	if (chosen.length === 0) chosen = ranked.slice(0, 1).map((t) => t.term);

	const cover = (list: Word[]) => new Set(list.map((w) => w.term).filter((t) => chosen.includes(t))).size;
	const typical = texts.reduce((best, list) => (cover(list) > cover(best) ? list : best));
	const position = (term: string) => {
		const at = typical.findIndex((w) => w.term === term);
		return at < 0 ? Infinity : at;
	};
	return chosen
		.sort((a, b) => position(a) - position(b) || byCodePoint(a, b))
		.map((term) => [...written.get(term)!].sort(([a, na], [b, nb]) => nb - na || byCodePoint(a, b))[0]![0]);
}

/** "Certificate, expiry, monitoring": a label from its words. */
function labelOf(words: readonly string[]): string {
	const text = words.join(', ');
	return text.charAt(0).toUpperCase() + text.slice(1);
}

/** Slugs from labels, a second theme with the same label getting `-2`, in the order given. */
function uniqueSlugs(labels: readonly string[][], prefix: string): string[] {
	const taken = new Map<string, number>();
	return labels.map((words) => {
		const base = addressSegment(nameKey(words.join(' ')), prefix);
		const n = (taken.get(base) ?? 0) + 1;
		taken.set(base, n);
		return n === 1 ? base : `${base}-${n}`;
	});
}

// ---------------------------------------------------------------------------------------------

export interface ThemeLesson extends Lesson {
	postmortem: Postmortem;
}
export interface ThemeFactor extends ContributingFactor {
	postmortem: Postmortem;
}
export interface ThemeAction {
	postmortem: Postmortem;
	title: string;
	type: ActionType;
	status: ActionStatus;
	owner: string;
}

export interface Theme {
	/** A slug of its label: stable while the label is. */
	id: string;
	label: string;
	/** Its incidents, newest first. */
	postmortems: Postmortem[];
	/** What it holds, oldest incident first, in each postmortem's own order. */
	lessons: ThemeLesson[];
	actionItems: ThemeAction[];
	contributingFactors: ThemeFactor[];
	/** `started` of its first and latest incident. */
	firstSeen: Date;
	lastSeen: Date;
	/**
	 * Whether it came back after a fix: the latest `prevent` action item in the theme marked done
	 * that some incident of the theme started after (after the fix's own incident was resolved), with
	 * those incidents, oldest first. Null when no done prevention in it was followed by another incident.
	 */
	recurringAfterFix: { fix: ThemeAction; postmortems: Postmortem[] } | null;
}

export interface RepeatedFix {
	id: string;
	label: string;
	/** Each time it was proposed, oldest incident first. */
	items: ThemeAction[];
	/** How many postmortems proposed it, and in how many of them it was done. */
	proposed: number;
	done: number;
	/** The theme that holds these items, when one does. */
	theme: { id: string; label: string } | undefined;
}

export interface ThemeFigures {
	themes: Theme[];
	repeatedFixes: RepeatedFix[];
	/** The themes each postmortem is in, most incidents first. */
	ofPostmortem(id: string): Theme[];
}

type Text =
	| { kind: 'factor'; postmortem: Postmortem; factor: ContributingFactor }
	| { kind: 'lesson'; postmortem: Postmortem; lesson: Lesson }
	| { kind: 'action'; postmortem: Postmortem; action: ThemeAction };

const oldestFirst = (a: Postmortem, b: Postmortem) => a.started.getTime() - b.started.getTime() || byCodePoint(a.id, b.id);
const newestFirst = (a: Postmortem, b: Postmortem) => oldestFirst(b, a);

function textsOf(postmortems: readonly Postmortem[]): Text[] {
	return [...postmortems].sort(oldestFirst).flatMap((pm): Text[] => [
		...pm.contributingFactors.map((factor) => ({ kind: 'factor' as const, postmortem: pm, factor })),
		...pm.lessons.map((lesson) => ({ kind: 'lesson' as const, postmortem: pm, lesson })),
		...pm.actionItems.map((item) => ({ kind: 'action' as const, postmortem: pm, action: { postmortem: pm, title: item.title, type: item.type, status: item.status, owner: item.owner } })),
	]);
}

const sentenceOf = (text: Text) => (text.kind === 'factor' ? text.factor.description : text.kind === 'lesson' ? text.lesson.text : text.action.title);

function distinctPostmortems(list: readonly Postmortem[]): Postmortem[] {
	return [...new Map(list.map((pm) => [pm.id, pm])).values()];
}

const teamKey = (team: string) => team.trim().toLowerCase();

/** Whether two incidents share a service or a team: the place a fix was meant to hold. */
function sharePlace(a: Postmortem, b: Postmortem): boolean {
	const services = new Set(a.services.map(serviceKey));
	const teams = new Set(a.teams.map(teamKey));
	return b.services.some((s) => services.has(serviceKey(s))) || b.teams.some((t) => teams.has(teamKey(t)));
}

/**
 * The rule for "recurring after a fix", the one `figures/causes.ts` uses for root causes: a
 * `prevent` action item in the theme is done, and a later incident of the theme (started after the
 * fix's own incident was resolved) shares a service or a team with the fix's incident. Without that
 * place in common, one company's fix does not "fail" when another system says the same thing.
 */
function recurrence(actions: readonly ThemeAction[], incidents: readonly Postmortem[]): Theme['recurringAfterFix'] {
	const fixes = actions.filter((a) => a.type === 'prevent' && a.status === 'done');
	// Actions are oldest incident first: the latest fix followed by an incident wins.
	for (let i = fixes.length - 1; i >= 0; i--) {
		const fix = fixes[i]!;
		const after = incidents.filter((pm) => pm.started > fix.postmortem.resolved && sharePlace(fix.postmortem, pm)).sort(oldestFirst);
		if (after.length > 0) return { fix, postmortems: after };
	}
	return null;
}

/**
 * Themes (lessons, factors and action items grouped, across at least {@link MIN_THEME_INCIDENTS}
 * incidents) and repeated fixes (action items alone grouped the same way) of these postmortems:
 * an edition's, so a public build's themes are made of public postmortems alone.
 */
export function themeFigures(postmortems: readonly Postmortem[]): ThemeFigures {
	const texts = textsOf(postmortems);
	const groups = groupNearDuplicates(texts.map(sentenceOf), texts.map((t) => t.postmortem.id))
		.map((group) => ({ group, incidents: distinctPostmortems(group.members.map((i) => texts[i]!.postmortem)) }))
		.filter((g) => g.incidents.length >= MIN_THEME_INCIDENTS);

	const built = groups.map(({ group, incidents }) => {
		const members = group.members.map((i) => texts[i]!);
		const actionItems = members.flatMap((t) => (t.kind === 'action' ? [t.action] : []));
		const sorted = [...incidents].sort(newestFirst);
		return {
			words: group.words,
			label: labelOf(group.words),
			postmortems: sorted,
			lessons: members.flatMap((t) => (t.kind === 'lesson' ? [{ ...t.lesson, postmortem: t.postmortem }] : [])),
			actionItems,
			contributingFactors: members.flatMap((t) => (t.kind === 'factor' ? [{ ...t.factor, postmortem: t.postmortem }] : [])),
			firstSeen: sorted.at(-1)!.started,
			lastSeen: sorted[0]!.started,
			recurringAfterFix: recurrence(actionItems, incidents),
		};
	});
	// Most incidents first, then the most recently seen, then by label: the order of the list page
	// and of the slugs' `-2`.
	built.sort((a, b) => b.postmortems.length - a.postmortems.length || b.lastSeen.getTime() - a.lastSeen.getTime() || byCodePoint(a.label, b.label));
	const ids = uniqueSlugs(built.map((t) => t.words), 'theme');
	const themes: Theme[] = built.map(({ words: _words, ...theme }, i) => ({ id: ids[i]!, ...theme }));

	const byPostmortem = new Map<string, Theme[]>();
	for (const theme of themes) for (const pm of theme.postmortems) (byPostmortem.get(pm.id) ?? byPostmortem.set(pm.id, []).get(pm.id)!).push(theme);
	const themeOfAction = new Map<ThemeAction, Theme>();
	for (const theme of themes) for (const action of theme.actionItems) themeOfAction.set(action, theme);

	return {
		themes,
		repeatedFixes: repeatedFixes(texts.flatMap((t) => (t.kind === 'action' ? [t.action] : [])), themeOfAction),
		ofPostmortem: (id) => byPostmortem.get(id) ?? [],
	};
}

function repeatedFixes(actions: readonly ThemeAction[], themeOfAction: ReadonlyMap<ThemeAction, Theme>): RepeatedFix[] {
	const found = groupNearDuplicates(actions.map((a) => a.title), actions.map((a) => a.postmortem.id))
		.map((group) => ({ group, items: group.members.map((i) => actions[i]!) }))
		.filter(({ items }) => distinctPostmortems(items.map((a) => a.postmortem)).length >= MIN_THEME_INCIDENTS)
		.map(({ group, items }) => {
			const done = distinctPostmortems(items.filter((a) => a.status === 'done').map((a) => a.postmortem)).length;
			const theme = items.map((a) => themeOfAction.get(a)).find((t) => t !== undefined);
			return {
				words: group.words,
				label: labelOf(group.words),
				items,
				proposed: distinctPostmortems(items.map((a) => a.postmortem)).length,
				done,
				theme: theme && { id: theme.id, label: theme.label },
			};
		});
	// Promised most often without being done first: the fix promised three times and done once
	// leads the list.
	found.sort((a, b) => b.proposed - b.done - (a.proposed - a.done) || b.proposed - a.proposed || byCodePoint(a.label, b.label));
	const ids = uniqueSlugs(found.map((f) => f.words), 'fix');
	return found.map(({ words: _words, ...fix }, i) => ({ id: ids[i]!, ...fix }));
}

/** `/api/themes.json`: the edition's themes, postmortems by id, times in ISO 8601 UTC. */
export function themesDocument(figures: Pick<ThemeFigures, 'themes'>, edition: string) {
	const iso = (date: Date) => date.toISOString();
	return {
		edition,
		themes: figures.themes.map((theme) => ({
			id: theme.id,
			label: theme.label,
			postmortems: theme.postmortems.map((pm) => pm.id),
			lessons: theme.lessons.map(({ postmortem, ...lesson }) => ({ postmortem: postmortem.id, ...lesson })),
			actionItems: theme.actionItems.map(({ postmortem, ...item }) => ({ postmortem: postmortem.id, ...item })),
			contributingFactors: theme.contributingFactors.map(({ postmortem, ...factor }) => ({ postmortem: postmortem.id, ...factor })),
			firstSeen: iso(theme.firstSeen),
			lastSeen: iso(theme.lastSeen),
			recurringAfterFix: theme.recurringAfterFix && {
				fix: { postmortem: theme.recurringAfterFix.fix.postmortem.id, title: theme.recurringAfterFix.fix.title },
				postmortems: theme.recurringAfterFix.postmortems.map((pm) => pm.id),
			},
		})),
	};
}
