/**
 * The last line of defence for the public edition: after the build, no file of the output may
 * hold the id, title, summary or a sentence of the body of a postmortem the edition leaves out.
 * (In the internal edition, that means drafts.) The pages never render them in the first place;
 * this proves it, over every output file including Pagefind's gzip index.
 */

const WINDOW = 6;
const MIN_SENTENCE_WORDS = 8;

/** Lower-case words, with markup, entities, JSON escapes and punctuation reduced to spaces. */
export function normalise(text: string): string {
	return text
		.replace(/<[^>]*>/g, ' ')
		.replace(/&(?:amp|lt|gt|quot|apos|nbsp|#\d+|#x[0-9a-f]+);/gi, ' ')
		.replace(/\\u[0-9a-f]{4}|\\[nrt"\\/]/gi, ' ')
		.toLowerCase()
		.replace(/[^\p{L}\p{N}]+/gu, ' ')
		.trim();
}

/** Sentences of an MDX/Markdown body worth guarding: prose, not code, long enough to be distinctive. */
export function bodySentences(body: string): string[] {
	const prose = body
		.replace(/^---[\s\S]*?\n---/, ' ')
		.replace(/```[\s\S]*?```|~~~[\s\S]*?~~~/g, ' ')
		.replace(/`[^`]*`/g, ' ')
		.replace(/^\s*(?:import|export)\s.*$/gm, ' ')
		.replace(/\{\/\*[\s\S]*?\*\/\}|<!--[\s\S]*?-->/g, ' ')
		.replace(/!?\[([^\]]*)\]\([^)]*\)/g, '$1')
		.replace(/https?:\/\/\S+/g, ' ');
	return prose
		.split(/(?<=[.!?])\s+|\n\s*\n|\n(?=\s*(?:[-*+]|\d+\.|#|:::|>)\s)/)
		.map(normalise)
		.filter((sentence) => sentence.split(' ').length >= MIN_SENTENCE_WORDS);
}

export interface GuardedPostmortem {
	id: string;
	title: string;
	summary?: string | undefined;
	body: string;
}

/** Words that betray a postmortem wherever they appear together, in this order. */
export interface Marker {
	postmortem: string;
	what: string;
	words: string[];
}

export interface Leak {
	file: string;
	postmortem: string;
	what: string;
}

/** Finds markers in texts by their first words, so each text is read once whatever the number of markers. */
class MarkerIndex {
	private readonly byKey = new Map<string, Marker[]>();
	private readonly lengths = new Set<number>();

	constructor(markers: Marker[]) {
		for (const marker of markers) {
			const n = Math.min(WINDOW, marker.words.length);
			const key = marker.words.slice(0, n).join(' ');
			this.lengths.add(n);
			this.byKey.set(key, [...(this.byKey.get(key) ?? []), marker]);
		}
	}

	*find(text: string): Generator<Marker> {
		const words = text ? text.split(' ') : [];
		for (let i = 0; i < words.length; i++) {
			for (const n of this.lengths) {
				if (i + n > words.length) continue;
				const candidates = this.byKey.get(words.slice(i, i + n).join(' '));
				if (!candidates) continue;
				for (const marker of candidates) {
					if (marker.words.every((word, k) => words[i + k] === word)) yield marker;
				}
			}
		}
	}
}

function markersOf(pm: GuardedPostmortem): Marker[] {
	const texts: [string, string][] = [
		['title', pm.title],
		...(pm.summary ? [['summary', pm.summary] as [string, string]] : []),
		...bodySentences(pm.body).map((s): [string, string] => ['a sentence of its body', s]),
	];
	return texts
		.map(([what, text]) => ({ postmortem: pm.id, what: `${what}: "${text.slice(0, 80)}"`, words: normalise(text).split(' ') }))
		.filter((m) => m.words.join('').length >= 12);
}

/** What the guard looks for in the output: the markers of the left-out postmortems, and their ids. */
export interface LeakMarkers {
	markers: Marker[];
	ids: string[];
}

/** Every marker and id of the excluded postmortems, before those that prove nothing are taken out. */
export function candidateMarkers(excluded: readonly GuardedPostmortem[]): LeakMarkers {
	return { markers: excluded.flatMap(markersOf), ids: excluded.map((pm) => pm.id).filter((id) => id.length >= 3) };
}

/** Which of `candidates` an included postmortem's text (or a page of the site's own) holds, by their place in the list. */
export function sharedMarkers(candidates: readonly Marker[]): (pm: GuardedPostmortem) => number[] {
	const index = new MarkerIndex([...candidates]);
	const place = new Map(candidates.map((marker, i) => [marker, i]));
	return (pm) => [...new Set([...index.find(normalise([pm.title, pm.summary ?? '', pm.body].join(' \n ')))].map((marker) => place.get(marker)!))];
}

/**
 * The markers of the excluded postmortems. Text an excluded postmortem shares with an included one
 * or with the site's own pages (a stock sentence, a scaffold's guidance, a common title) proves
 * nothing and is not guarded.
 */
export function leakMarkers(excluded: readonly GuardedPostmortem[], included: readonly GuardedPostmortem[]): LeakMarkers {
	const { markers, ids } = candidateMarkers(excluded);
	const found = sharedMarkers(markers);
	const shared = new Set(included.flatMap(found));
	return { markers: markers.filter((_, i) => !shared.has(i)), ids };
}

/** Every place a marker or an id shows up in the output. */
export function findLeaksOf({ markers, ids }: LeakMarkers, output: Iterable<{ path: string; text: string }>): Leak[] {
	const guarded = new MarkerIndex(markers);
	const idPattern = ids.length
		? new RegExp(`(?<![\\w-])(?:${ids.map((id) => id.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')).join('|')})(?![\\w-])`, 'g')
		: undefined;

	const leaks: Leak[] = [];
	for (const file of output) {
		const seen = new Set<string>();
		const report = (postmortem: string, what: string) => {
			const key = `${postmortem}\u0000${what}`;
			if (seen.has(key)) return;
			seen.add(key);
			leaks.push({ file: file.path, postmortem, what });
		};
		for (const match of idPattern ? file.text.matchAll(idPattern) : []) report(match[0], 'its id');
		for (const marker of guarded.find(normalise(file.text))) report(marker.postmortem, marker.what);
	}
	return leaks;
}

/** Every place an excluded postmortem shows up in the output ({@link leakMarkers}, then {@link findLeaksOf}). */
export function findLeaks(
	excluded: readonly GuardedPostmortem[],
	included: readonly GuardedPostmortem[],
	output: Iterable<{ path: string; text: string }>
): Leak[] {
	return findLeaksOf(leakMarkers(excluded, included), output);
}

/** A file that only left-out postmortems use, to be found in no output. */
export interface GuardedAsset {
	postmortem: string;
	/** Its file name, as written in the postmortem's folder. */
	name: string;
	/** Its bytes' hash, in whatever form the caller computes hashes of output files. */
	hash: string;
	/** Whether an output file named after it betrays it (false when the site has files of that name). */
	byName: boolean;
}

const ASSET_NAME_EXTENSION = /\.[a-z0-9]+$/i;

/**
 * Output files that carry a left-out postmortem's asset: the same bytes, or a name Astro makes from
 * it (`diagram.png` becomes `_astro/diagram.<hash>.png`, or `.webp` once optimised).
 */
export function findAssetLeaks(assets: readonly GuardedAsset[], output: Iterable<{ path: string; hash: string }>): Leak[] {
	const byHash = new Map(assets.map((a) => [a.hash, a]));
	const named = assets
		.filter((a) => a.byName)
		.map((a) => {
			const stem = a.name.replace(ASSET_NAME_EXTENSION, '').replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
			return { asset: a, pattern: new RegExp(`^${stem}(?:\\.[\\w-]{6,}(?:_[\\w-]+)?)?\\.(?:png|jpe?g|gif|webp|avif|svg|ico|bmp|tiff?|pdf|mp4|webm|mov|mp3|wav|csv|txt|json|zip)$`, 'i') };
		});
	const leaks: Leak[] = [];
	for (const file of output) {
		const base = file.path.split(/[\\/]/).pop() ?? file.path;
		const same = byHash.get(file.hash);
		if (same) leaks.push({ file: file.path, postmortem: same.postmortem, what: `its file ${same.name} (the same bytes)` });
		for (const { asset, pattern } of named) {
			if (asset !== same && pattern.test(base)) leaks.push({ file: file.path, postmortem: asset.postmortem, what: `its file ${asset.name} (an output named after it)` });
		}
	}
	return leaks;
}
