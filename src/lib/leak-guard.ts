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

interface Marker {
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

/**
 * Every place an excluded postmortem shows up in the output. Text an excluded postmortem shares
 * with an included one or with the site's own pages (a stock sentence, a scaffold's guidance, a
 * common title) proves nothing and is not guarded.
 */
export function findLeaks(
	excluded: readonly GuardedPostmortem[],
	included: readonly GuardedPostmortem[],
	output: Iterable<{ path: string; text: string }>
): Leak[] {
	let markers = excluded.flatMap(markersOf);
	const shared = new Set<Marker>();
	const index = new MarkerIndex(markers);
	for (const pm of included) {
		for (const marker of index.find(normalise([pm.title, pm.summary ?? '', pm.body].join(' \n ')))) shared.add(marker);
	}
	markers = markers.filter((m) => !shared.has(m));
	const guarded = new MarkerIndex(markers);
	const ids = excluded.map((pm) => pm.id).filter((id) => id.length >= 3);
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
