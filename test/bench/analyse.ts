/**
 * The benchmark's pure reading of what it measured: Astro's build log split into phases (with the
 * memory sampled in each), how many pages a build rendered and how many it reused, two output
 * trees compared, and a page type's example address found in a generated site. Plain data in,
 * plain data out: unit-tested in test/unit/bench-analyse.test.ts.
 */

/** One line of a build's output, with when it arrived (ms after the build was spawned). */
export interface LogLine {
	t: number;
	text: string;
}

/** The build's process tree summed, sampled from /proc (ms after spawn, kB). */
export interface RssSample {
	t: number;
	kb: number;
}

export interface PhaseSpan {
	name: string;
	start: number;
	end: number;
	ms: number;
	/** The largest sampled RSS of the whole process tree during the phase; null when no sample fell in it. */
	peakKb: number | null;
}

/** Astro's durations: `850ms`, `3.21s`, `1m 13s`. */
export const duration = (text: string | undefined): number | null => {
	const parts = text ? [...text.matchAll(/([\d.]+)\s*(ms|s|m)\b/g)] : [];
	if (parts.length === 0) return null;
	return parts.reduce((sum, m) => sum + Number(m[1]) * (m[2] === 'ms' ? 1 : m[2] === 's' ? 1000 : 60_000), 0);
};

export const stripAnsi = (text: string) => text.replace(/\x1b\[[0-9;]*m/g, '');

/**
 * Where each phase starts, in the order Astro prints them. A phase lasts until the next one that
 * appears; one whose line is missing (another Astro version, a site without Pagefind) is folded
 * into the phase before it, so the phases always add up to the wall time.
 */
interface Marker {
	name: string;
	match: RegExp;
	/**
	 * The line reports the phase's own duration (its first group): the phase began that long before
	 * the line. With `printedLater`, the line comes after lines of later phases (Astro prints the
	 * sync's total once the types are written), so it is looked for anywhere in the log.
	 */
	reportsOwnDuration?: boolean;
	printedLater?: boolean;
}

export const HINDSIGHT_CHECKS = /\[hindsight\] Checked the output in ([\d.]+\s*m?s)/;
/** `npm run build` indexes and checks the site after Astro has exited (src/cli/build.ts), under its own label. */
const AFTER_BUILD_CHECKS = /\[hindsight:after-build\] Checked the output in ([\d.]+\s*m?s)/;

const MARKERS: Marker[] = [
	// The sync begins well before it prints `Syncing content` (the content config, the link
	// validator clearing the content cache, Vite re-optimizing): `[types] Generated 9.01s` says when.
	{ name: 'content layer setup', match: /\[types\] Generated ([\d.]+\s*m?s)/, reportsOwnDuration: true, printedLater: true },
	{ name: 'content sync', match: /\[content\] Syncing content/ },
	{ name: 'types and build setup', match: /\[content\] Synced content/ },
	{ name: 'Vite bundles (server and client)', match: /\[build\] Building \w+ entrypoints/ },
	{ name: 'rendering pages', match: /generating static routes/ },
	// The line that closes the rendering: `✓ Completed in 3.35s.` without a `[build]` label.
	{ name: 'rest of the static build (images, assets)', match: /^(?!.*\[build\]).*✓ Completed in/ },
	{ name: 'Pagefind index', match: /\[starlight:pagefind\] Building search index/ },
	{ name: 'link check, sitemap, other end-of-build hooks', match: /\[starlight:pagefind\] Finished building search index/ },
	{ name: "Hindsight's output check (leak guard)", match: HINDSIGHT_CHECKS, reportsOwnDuration: true },
	{ name: 'process exit', match: /page\(s\) built in/ },
	{ name: 'Pagefind index, after Astro exits', match: /\[hindsight:after-build\] Building search index/ },
	{ name: "Hindsight's output check, after Astro exits", match: AFTER_BUILD_CHECKS, reportsOwnDuration: true },
];

export const FIRST_PHASE = 'Node start, config and integrations';

/** Every phase name, in build order. */
export const PHASE_NAMES = [FIRST_PHASE, ...MARKERS.map((m) => m.name)];

/** A build's phases from its timed log lines, each with the peak RSS sampled while it ran. */
export function phaseSpans(lines: LogLine[], wallMs: number, samples: RssSample[] = []): PhaseSpan[] {
	// Where each marker's phase starts (null: not printed), the markers in build order.
	const found: (number | null)[] = [];
	let from = 0;
	for (const marker of MARKERS) {
		const index = lines.findIndex((line, i) => (marker.printedLater || i >= from) && marker.match.test(line.text));
		if (index < 0) {
			found.push(null);
			continue;
		}
		if (!marker.printedLater) from = index + 1;
		const line = lines[index]!;
		const own = marker.reportsOwnDuration ? duration(marker.match.exec(line.text)?.[1]) : null;
		found.push(Math.max(0, own === null ? line.t : line.t - own));
	}
	// Phases stay in build order: a start computed from a reported duration is kept between its neighbours.
	const starts: { name: string; t: number }[] = [{ name: FIRST_PHASE, t: 0 }];
	MARKERS.forEach((marker, i) => {
		const t = found[i];
		if (t === null || t === undefined) return;
		const next = found.slice(i + 1).find((v): v is number => v !== null && v !== undefined) ?? wallMs;
		starts.push({ name: marker.name, t: Math.min(Math.max(starts[starts.length - 1]!.t, t), Math.max(starts[starts.length - 1]!.t, next)) });
	});
	return starts.map(({ name, t }, i) => {
		const end = Math.max(t, i + 1 < starts.length ? starts[i + 1]!.t : wallMs);
		const inside = samples.filter((s) => s.t >= t && s.t < end).map((s) => s.kb);
		return { name, start: t, end, ms: end - t, peakKb: inside.length ? Math.max(...inside) : null };
	});
}

/** Pages Astro rendered (`(+12ms)` after the path) and pages it reused from its incremental cache. */
export function renderCounts(log: string): { rendered: number; reused: number } {
	return {
		rendered: [...log.matchAll(/\(\+[\d.]+\s*m?s\)/g)].length,
		reused: [...log.matchAll(/\((?:cached|restored)\)/g)].length,
	};
}

/** The log lines worth keeping in the report: phase boundaries and what the cache did, not one line per page. */
export function keyLines(lines: LogLine[]): string[] {
	const keep = [
		/\[content\] Sync/,
		/\[types\] Generated/,
		/\[build\] ✓ Completed in/,
		/\[vite\] ✓ built in/,
		/generating static routes/,
		/^(?!.*\[build\]).*✓ Completed in/,
		/\[starlight:pagefind\] (Found|Finished building search index)/,
		/\[hindsight:after-build\] (Found|Finished building search index|Checked)/,
		/\[build\] Pruned/,
		// What a rebuild throws away or keeps: Astro's incremental cache, the content layer's store.
		/\bincremental\b/i,
		/content layer cache|content store|Astro config changed/i,
		HINDSIGHT_CHECKS,
		/page\(s\) built in/,
	];
	return lines
		.map((line) => line.text.trim())
		.filter((text) => !text.includes('├─') && keep.some((pattern) => pattern.test(text)));
}

export interface TreeComparison {
	files: number;
	differ: string[];
	onlyFirst: string[];
	onlySecond: string[];
}

/** Two output trees (path → content hash): which files differ, and which exist in one only. */
export function compareTrees(first: Map<string, string>, second: Map<string, string>): TreeComparison {
	const differ: string[] = [];
	const onlyFirst: string[] = [];
	for (const [path, hash] of first) {
		const other = second.get(path);
		if (other === undefined) onlyFirst.push(path);
		else if (other !== hash) differ.push(path);
	}
	const onlySecond = [...second.keys()].filter((path) => !first.has(path));
	return { files: first.size, differ: differ.sort(), onlyFirst: onlyFirst.sort(), onlySecond: onlySecond.sort() };
}

export const identical = (c: TreeComparison) => c.differ.length === 0 && c.onlyFirst.length === 0 && c.onlySecond.length === 0;

/**
 * Where two versions of a file differ: both cut after each `>` (built HTML is one long line), and
 * the stretch from the first to the last differing piece shown from each with a little context,
 * `-` for the first version and `+` for the second. A long stretch shows its two ends.
 */
export function whereTheyDiffer(first: string, second: string, context = 2, most = 40): string {
	const a = first.split(/(?<=>)/);
	const b = second.split(/(?<=>)/);
	let start = 0;
	while (start < a.length && start < b.length && a[start] === b[start]) start++;
	if (start === a.length && start === b.length) return '(identical)';
	let tail = 0;
	while (tail < a.length - start && tail < b.length - start && a[a.length - 1 - tail] === b[b.length - 1 - tail]) tail++;
	const stretch = (pieces: string[], mark: string) => {
		const from = Math.max(0, start - context);
		const to = Math.min(pieces.length, pieces.length - tail + context);
		const shown = (f: number, t: number) => pieces.slice(f, t).map((piece) => `${mark} ${piece}`);
		if (to - from <= most) return shown(from, to);
		const half = Math.floor(most / 2);
		return [...shown(from, from + half), `${mark} …`, ...shown(to - half, to)];
	};
	return [...stretch(a, '-'), ...stretch(b, '+')].join('\n');
}

/** What a site's output looks like to `resolveExample`: is this an HTML page, what folders are here. */
export interface SiteShape {
	/** The page at this address exists (`/a/` → `a/index.html`, `/a.html` → itself). */
	isPage(address: string): boolean;
	/** The sub-folders of this address's folder, sorted. */
	folders(address: string): string[];
}

export interface ResolvedExample {
	/** The address to open, with the example's query kept. */
	address: string;
	/** Why it differs from the example, when it does. */
	note?: string;
}

/**
 * The address of a page type in a generated site. The examples name pages of the sample archive
 * (`/services/github-com/`): a folder the generated site lacks is replaced by one it has, preferring
 * `prefer` (the benchmark's sample postmortem), and an example whose first folder is missing
 * altogether is the not-found page, opened as `/404.html` (Lighthouse scores no 404 response).
 * Non-HTML examples (the feed, JSON) return null.
 */
export function resolveExample(example: string, site: SiteShape, prefer?: string): ResolvedExample | null {
	const [path, query] = example.split('?') as [string, string | undefined];
	const suffix = query === undefined ? '' : `?${query}`;
	if (!path.endsWith('/') && !path.endsWith('.html')) return null;
	if (site.isPage(path)) return { address: example };
	const segments = path.split('/').filter(Boolean);
	if (prefer && prefer !== path && site.isPage(prefer)) {
		const preferred = prefer.split('/').filter(Boolean);
		if (preferred.length === segments.length && preferred[0] === segments[0]) {
			return { address: `${prefer}${suffix}`, note: `stand-in for ${example}` };
		}
	}
	// Depth first below the first folder, which names the kind of page: keep each folder that
	// exists, else try the site's own folders at that depth in order.
	const search = (at: string, rest: string[]): string | null => {
		if (rest.length === 0) return site.isPage(at) ? at : null;
		const [head, ...tail] = rest as [string, ...string[]];
		const candidates = site.folders(at);
		const ordered = candidates.includes(head) ? [head, ...candidates.filter((c) => c !== head)] : candidates;
		for (const folder of ordered) {
			const found = search(`${at}${folder}/`, tail);
			if (found) return found;
		}
		return null;
	};
	if (segments.length === 0 || !site.folders('/').includes(segments[0]!)) {
		return site.isPage('/404.html') ? { address: '/404.html', note: `the not-found page, as ${example} shows it` } : null;
	}
	const found = search(`/${segments[0]}/`, segments.slice(1));
	return found ? { address: `${found}${suffix}`, note: `stand-in for ${example}` } : null;
}
