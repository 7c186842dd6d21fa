/**
 * Similar incidents: for each postmortem, the few others most like it, by a blend of what was
 * written (the text model) and what was filed (shared root causes and services) and how it began
 * (the trigger), each with the reasons in words. Worked out from the postmortems it is handed: a
 * build hands it its edition's alone, so nothing of a postmortem left out can shape a list, a
 * score or a reason.
 */
import { buildTextModel, cosine, postmortemText, sharedTerms, type DocumentWords, type PostmortemText, type TextModel } from './text-model';
import { serviceKey } from '../model/slugs';

/** What of a postmortem the blend reads. */
export interface SimilarSource extends PostmortemText {
	id: string;
	started: Date;
	rootCauses: readonly string[];
	services: readonly string[];
	related: readonly string[];
}

/** Why two incidents are alike: what both filed, and the words both wrote. */
export interface SimilarReason {
	/** Root-cause ids both name. */
	causes: string[];
	/** Services both name, as this postmortem spells them. */
	services: string[];
	/** Words both triggers use, when the triggers are alike. */
	trigger: string[];
	/** The words that add most to their text's similarity. */
	terms: string[];
}

export interface SimilarMatch {
	id: string;
	/** 0–1, to 3 decimals. */
	score: number;
	because: SimilarReason;
}

/**
 * The blend's weights, adding up to 1 so a score stays within 0–1. The text carries most: it is
 * all of what people wrote, and on the sample archive it alone tells the pairs a reader would
 * pair (two certificate renewals, two jobs that failed silently). Root causes come next, as a
 * reviewed judgement of what went wrong; a shared service alone says little (one service fails
 * in many ways); the trigger is text the model reads already, weighed a little more as the one
 * sentence on how it began.
 */
export const SIMILAR_WEIGHTS = { text: 0.7, causes: 0.2, services: 0.05, trigger: 0.05 } as const;

/**
 * The lowest score listed. Read off the sample archive: the pairs its authors linked by hand
 * (`related`), scored as if unlinked, score 0.18 at the median and 0.105 at the least; the other
 * pairs among each incident's five best, 0.118 at the median. From 0.12 up are pairs a reader
 * would agree with (the CA's renewal bug and the certificate renewal near miss, 0.145; two
 * network partitions with automation behind them, 0.177). Between 0.11 and 0.12 about half are
 * (two jobs that failed silently, 0.117; retries that amplified load, 0.110) and half share one
 * broad cause and the general words of the field; below 0.11 hardly any. 0.12 lists fewer rather
 * than wrong ones. Long bodies keep text cosines low (0.1–0.25 for real pairs), hence a low number.
 */
export const SIMILAR_MIN_SCORE = 0.12;

/** At most this many similar incidents per postmortem. */
export const SIMILAR_LIMIT = 5;

/**
 * How many of the text model's likeliest neighbours each postmortem scores in full. Scoring is
 * most of the cost at 20,000 postmortems; on the sample archive 24 finds the same lists as 40.
 */
const TEXT_CANDIDATES = 24;

/** How many neighbours in time, on each side, within each shared cause or service, are scored too. */
const FILED_WINDOW = 3;

/** A trigger's words are named as a reason only when the two triggers are at least this alike. */
const TRIGGER_SHOWN_MIN = 0.15;

/** How many words a reason names at most. */
const TERMS_SHOWN = 4;
const TRIGGER_TERMS_SHOWN = 3;

const byString = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);
const round3 = (x: number) => Math.round(x * 1000) / 1000;

function jaccard(a: ReadonlySet<string>, b: ReadonlySet<string>): number {
	let shared = 0;
	for (const x of a) if (b.has(x)) shared++;
	const union = a.size + b.size - shared;
	return union === 0 ? 0 : shared / union;
}

/** One postmortem's similar incidents, worked out when asked for; undefined for an id it was not handed. */
export type SimilarLookup = (id: string) => SimilarMatch[] | undefined;

/**
 * Each postmortem's similar incidents, best first (ties by id), leaving out itself and those a
 * `related` link joins to it either way (the page lists those already, as related). `bodyOf`
 * gives a postmortem's MDX body as written. The text model is built for all of them at once; each
 * list is scored the first time it is asked for and then kept, so the dev server, which renders one
 * page after an edit, scores one list, not the archive's. `words` splits a document into its words
 * (the dev server keeps them from one edit to the next: `keptWords`).
 */
export function similarLookup(
	postmortems: readonly SimilarSource[],
	bodyOf: (id: string) => string,
	{ minScore = SIMILAR_MIN_SCORE, words }: { minScore?: number; words?: DocumentWords } = {}
): SimilarLookup {
	const model = buildTextModel(
		postmortems.map((pm) => ({ id: pm.id, text: postmortemText(pm, bodyOf(pm.id)) })),
		words
	);
	const byId = new Map(postmortems.map((pm) => [pm.id, pm]));
	const pms = model.ids.map((id) => byId.get(id)!);
	const triggers = pms.map((pm) => (pm.trigger ? model.vectorise(pm.trigger) : undefined));
	const causeSets = pms.map((pm) => new Set(pm.rootCauses));
	const serviceSets = pms.map((pm) => new Set(pm.services.map(serviceKey)));

	// Linked either way, by document number.
	const linked = pms.map(() => new Set<number>());
	pms.forEach((pm, doc) => {
		for (const id of pm.related) {
			const other = model.indexOf(id);
			if (other < 0) continue;
			linked[doc]!.add(other);
			linked[other]!.add(doc);
		}
	});

	const neighbours = filedNeighbours(pms);
	const scoredFor = (doc: number): SimilarMatch[] => {
		const pm = pms[doc]!;
		const candidates = new Set([...model.candidates(doc, TEXT_CANDIDATES), ...(neighbours.get(doc) ?? [])]);
		const scored: { other: number; score: number; trigger: number }[] = [];
		for (const other of candidates) {
			if (other === doc || linked[doc]!.has(other)) continue;
			const text = cosine(model.vector(doc), model.vector(other));
			const a = triggers[doc];
			const b = triggers[other];
			const trigger = a && b ? cosine(a, b) : 0;
			const score =
				SIMILAR_WEIGHTS.text * text +
				SIMILAR_WEIGHTS.causes * jaccard(causeSets[doc]!, causeSets[other]!) +
				SIMILAR_WEIGHTS.services * jaccard(serviceSets[doc]!, serviceSets[other]!) +
				SIMILAR_WEIGHTS.trigger * trigger;
			if (round3(score) >= minScore) scored.push({ other, score: round3(score), trigger });
		}
		scored.sort((x, y) => y.score - x.score || byString(pms[x.other]!.id, pms[y.other]!.id));
		return scored.slice(0, SIMILAR_LIMIT).map(({ other, score, trigger }) => ({
			id: pms[other]!.id,
			score,
			because: reason(model, doc, other, pm, pms[other]!, serviceSets[other]!, trigger >= TRIGGER_SHOWN_MIN ? [triggers[doc]!, triggers[other]!] : undefined),
		}));
	};
	const lists = new Map<number, SimilarMatch[]>();
	return (id) => {
		const doc = model.indexOf(id);
		if (doc < 0) return undefined;
		let list = lists.get(doc);
		if (!list) lists.set(doc, (list = scoredFor(doc)));
		return list;
	};
}

/** Every postmortem's similar incidents ({@link similarLookup}), all at once, by id. */
export function similarIncidents(
	postmortems: readonly SimilarSource[],
	bodyOf: (id: string) => string,
	options: { minScore?: number } = {}
): Map<string, SimilarMatch[]> {
	const find = similarLookup(postmortems, bodyOf, options);
	return new Map(
		[...postmortems]
			.map((pm) => pm.id)
			.sort(byString)
			.map((id) => [id, find(id)!])
	);
}

function reason(
	model: TextModel,
	doc: number,
	other: number,
	pm: SimilarSource,
	that: SimilarSource,
	thatServices: ReadonlySet<string>,
	triggers: [ReturnType<TextModel['vector']>, ReturnType<TextModel['vector']>] | undefined
): SimilarReason {
	const seen = new Set<string>();
	return {
		causes: pm.rootCauses.filter((c) => that.rootCauses.includes(c)),
		services: pm.services.filter((s) => {
			const key = serviceKey(s);
			if (seen.has(key) || !thatServices.has(key)) return false;
			seen.add(key);
			return true;
		}),
		trigger: triggers ? named(sharedTerms(...triggers), TRIGGER_TERMS_SHOWN).map((t) => model.word(t.term)) : [],
		terms: named(sharedTerms(model.vector(doc), model.vector(other)), TERMS_SHOWN).map((t) => model.word(t.term)),
	};
}

/** The shared terms worth naming: the heaviest, and those weighing at least a quarter as much, up to `limit`. */
function named<T extends { weight: number }>(shared: readonly T[], limit: number): T[] {
	const top = shared[0]?.weight ?? 0;
	return shared.slice(0, limit).filter((t) => t.weight >= top / 4);
}

/**
 * The postmortems next to each one in time within each root cause and service it names: what the
 * people filing them judged alike is scored even when the words differ, at a cost that does not
 * grow with the size of a cause.
 */
function filedNeighbours(pms: readonly SimilarSource[]): Map<number, number[]> {
	const groups = new Map<string, number[]>();
	pms.forEach((pm, doc) => {
		const keys = new Set([...pm.rootCauses.map((c) => `cause:${c}`), ...pm.services.map((s) => `service:${serviceKey(s)}`)]);
		for (const key of keys) {
			const list = groups.get(key) ?? [];
			list.push(doc);
			groups.set(key, list);
		}
	});
	const out = new Map<number, number[]>();
	for (const key of [...groups.keys()].sort(byString)) {
		const list = groups.get(key)!.sort((a, b) => pms[a]!.started.getTime() - pms[b]!.started.getTime() || a - b);
		list.forEach((doc, at) => {
			const near = out.get(doc) ?? [];
			for (let i = Math.max(0, at - FILED_WINDOW); i <= Math.min(list.length - 1, at + FILED_WINDOW); i++) if (i !== at) near.push(list[i]!);
			out.set(doc, near);
		});
	}
	return out;
}
