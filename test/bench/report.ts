/**
 * The benchmark's results as a Markdown report: a summary table where each figure states its goal
 * and whether it was met, where the build's time and memory go, and the details behind each figure.
 * Pure: plain data in, text out (test/unit/bench-report.test.ts).
 */
import { PHASE_NAMES, identical, type PhaseSpan, type TreeComparison } from './analyse';
import type { DevLoop } from './dev';
import type { LighthouseScore } from './lighthouse';
import type { BuildMeasurement, DirSize, PageSize, SearchMeasurement, Weight } from './measure';

type Failed = { error: string };
const failed = (value: unknown): value is Failed => typeof value === 'object' && value !== null && 'error' in value;

export interface Rebuilds {
	/** One per run: after appending a sentence to the sample postmortem's body. */
	body: BuildMeasurement[];
	/** After also changing its title (ours only). */
	title: BuildMeasurement[];
	/** After putting the file back as it was (ours only). */
	revert: BuildMeasurement[];
	/** The output after the revert against the cold build's output (ours only). */
	identical: TreeComparison[];
	/** Rebuilds that failed, with why (a run's later rebuilds are then skipped). */
	failed: string[];
}

export interface SiteResult {
	/** The cold builds, one per run. */
	builds: BuildMeasurement[];
	rebuilds: Rebuilds;
	output: DirSize;
	pagefind: DirSize;
	critical: Weight;
	/** The largest HTML pages by gzip size, and how many HTML pages there are. */
	pages: { pages: number; largest: PageSize[] };
	search: SearchMeasurement | Failed | null;
	/** Lighthouse mobile: every page type for ours, the postmortem page for bare; null when skipped. */
	lighthouse: LighthouseScore[] | Failed | null;
}

export interface OursExtra {
	trends: (Weight & { initial: Weight }) | null;
	/** What the browser fetched reading /trends/ with every chart drawn, search unopened. */
	trendsViewed: Weight | Failed | null;
}

export interface Environment {
	date: string;
	n: number;
	runs: number;
	nproc: number;
	memory: string;
	cpu: string;
	node: string;
	astro: string;
	starlight: string;
	seed: number;
	/** 1-minute load average when the benchmark started. */
	load: number;
	/** The command line's switches, as given. */
	args: string;
}

export interface ReportInput {
	env: Environment;
	pagePath: string;
	/** The postmortem file the rebuilds and the dev loop edit, relative to the content folder. */
	editedFile: string;
	ours: SiteResult & OursExtra;
	bare: SiteResult | null;
	/** null when skipped (`--skip-dev`). */
	dev: DevLoop | Failed | null;
}

export const GOALS = {
	buildTime: 1.15,
	peakRss: 1.15,
	pageWeight: 1.1,
	/** Rebuild after one body edit ÷ cold build. */
	rebuild: 0.2,
	/** Largest HTML page, gzip, at N = 20,000. */
	pageGzip: 150 * 1024,
	/** Peak RSS of the whole build at N = 20,000, in kB (8 GiB). */
	peakKbAt20k: 8 * 1024 * 1024,
	/** Lighthouse mobile performance, every page type, at N = 1,000. */
	lighthouse: 95,
	trendsJs: 80 * 1024,
} as const;

export function median(values: number[]): number {
	const sorted = [...values].sort((a, b) => a - b);
	const mid = Math.floor(sorted.length / 2);
	return sorted.length % 2 ? sorted[mid]! : (sorted[mid - 1]! + sorted[mid]!) / 2;
}

const kb = (bytes: number) => `${(bytes / 1024).toFixed(1)} KB`;
const mb = (bytes: number) => `${(bytes / 1024 / 1024).toFixed(1)} MB`;
const secs = (ms: number) => (ms < 10_000 ? `${(ms / 1000).toFixed(2)} s` : `${(ms / 1000).toFixed(1)} s`);
const rssMb = (kib: number) => `${Math.round(kib / 1024).toLocaleString('en-US')} MB`;
const rssGb = (kib: number) => `${(kib / 1024 / 1024).toFixed(2)} GB`;
const count = (value: number) => value.toLocaleString('en-US');
const times = (ratio: number) => `${ratio.toFixed(2)}×`;

export interface Row {
	metric: string;
	ours: string;
	bare: string;
	/** ours ÷ bare. */
	ratio: string;
	/** This rebuild ÷ the cold build (rebuild rows only). */
	rebuild: string;
	goal: string;
	/** PASS, MISS, n/a (not measured), or empty (no goal). */
	result: string;
}

export interface Summary {
	rows: Row[];
	missed: string[];
}

const ok = (pass: boolean) => (pass ? 'PASS' : 'MISS');

function siteFigures(site: SiteResult) {
	const wall = median(site.builds.map((b) => b.wallMs));
	const rss = site.builds.every((b) => b.maxRssKb !== null) ? median(site.builds.map((b) => b.maxRssKb!)) : null;
	const tree = median(site.builds.map((b) => b.treePeakKb));
	const pages = site.builds[0]?.pagesBuilt ?? site.output.htmlFiles;
	const search = site.search && !failed(site.search) ? site.search : null;
	return {
		wall,
		rss,
		tree,
		pages,
		pagesPerSec: pages / (wall / 1000),
		searchBytes: search ? search.pagefind.reduce((s, f) => s + f.bytes, 0) : null,
		searchGzip: search ? search.pagefind.reduce((s, f) => s + f.gzip, 0) : null,
	};
}

/** A rebuild's median time and its median ratio to the cold build of the same run. */
export function rebuildFigures(cold: BuildMeasurement[], rebuilds: BuildMeasurement[]): { ms: number; ratio: number } | null {
	if (rebuilds.length === 0) return null;
	const ratios = rebuilds.map((r, i) => r.wallMs / cold[i]!.wallMs);
	return { ms: median(rebuilds.map((r) => r.wallMs)), ratio: median(ratios) };
}

/** The lowest Lighthouse score among the scored pages, and which page has it. */
export function lowestScore(scores: SiteResult['lighthouse']): LighthouseScore | null {
	if (!scores || failed(scores)) return null;
	const scored = scores.filter((s) => s.score !== null);
	return scored.length ? scored.reduce((low, s) => (s.score! < low.score! ? s : low)) : null;
}

export function summarise(input: ReportInput): Summary {
	const o = siteFigures(input.ours);
	const b = input.bare ? siteFigures(input.bare) : null;
	const rows: Row[] = [];
	const missed: string[] = [];
	const push = (row: Partial<Row> & { metric: string }) => {
		const full: Row = { ours: 'n/a', bare: input.bare ? 'n/a' : 'skipped', ratio: '', rebuild: '', goal: '', result: '', ...row };
		if (full.result === 'MISS') missed.push(full.metric);
		rows.push(full);
	};
	/** A figure compared with bare; with a goal, the ratio is what passes or misses. */
	const compare = (metric: string, ours: number | null, bare: number | null | undefined, format: (v: number) => string, goal?: number) => {
		const ratio = ours !== null && bare !== null && bare !== undefined && bare > 0 ? ours / bare : null;
		push({
			metric,
			ours: ours === null ? 'n/a' : format(ours),
			...(bare !== null && bare !== undefined ? { bare: format(bare) } : {}),
			ratio: ratio === null ? '' : times(ratio),
			goal: goal === undefined ? '' : `ours/bare ≤ ${times(goal)}`,
			result: goal === undefined ? '' : ratio === null ? 'n/a' : ok(ratio <= goal),
		});
	};

	compare('Build wall time (cold)', o.wall, b?.wall, secs, GOALS.buildTime);
	const body = rebuildFigures(input.ours.builds, input.ours.rebuilds.body);
	const bareBody = input.bare ? rebuildFigures(input.bare.builds, input.bare.rebuilds.body) : null;
	const oursFailed = input.ours.rebuilds.failed.length > 0;
	push({
		metric: 'Rebuild after one body edit',
		ours: body ? secs(body.ms) : oursFailed ? 'failed' : 'n/a',
		...(bareBody ? { bare: `${secs(bareBody.ms)} (${times(bareBody.ratio)} its cold)` } : input.bare?.rebuilds.failed.length ? { bare: 'failed' } : {}),
		rebuild: body ? times(body.ratio) : '',
		goal: `rebuild ratio ≤ ${times(GOALS.rebuild)}`,
		result: oursFailed ? 'MISS' : body ? ok(body.ratio <= GOALS.rebuild) : 'n/a',
	});
	const title = rebuildFigures(input.ours.builds, input.ours.rebuilds.title);
	push({ metric: 'Rebuild after one title edit', ours: title ? secs(title.ms) : 'n/a', bare: '', rebuild: title ? times(title.ratio) : '' });
	const revert = rebuildFigures(input.ours.builds, input.ours.rebuilds.revert);
	push({ metric: 'Rebuild after undoing both edits', ours: revert ? secs(revert.ms) : 'n/a', bare: '', rebuild: revert ? times(revert.ratio) : '' });
	const comparisons = input.ours.rebuilds.identical;
	const same = comparisons.length > 0 && comparisons.every(identical);
	push({
		metric: 'Output after undoing the edits equals the cold build',
		ours: comparisons.length === 0 ? 'n/a' : same ? `yes, ${count(comparisons[0]!.files)} files` : comparisons.map(differences).join('; '),
		bare: '',
		goal: 'byte-identical',
		result: comparisons.length === 0 ? 'n/a' : ok(same),
	});
	const renders = input.ours.rebuilds.body.map((r) => r.renders);
	if (renders.length) {
		const r = renders[renders.length - 1]!;
		push({ metric: '  pages the body-edit rebuild rendered', ours: `${count(r.rendered)} of ${count(r.rendered + r.reused)}`, bare: input.bare ? 'all' : 'skipped' });
	}

	compare('Peak RSS (GNU time, largest process)', o.rss, b?.rss, rssMb, GOALS.peakRss);
	push({
		metric: 'Peak RSS, whole process tree (sampled)',
		ours: rssGb(o.tree),
		...(b ? { bare: rssGb(b.tree), ratio: times(o.tree / b.tree) } : {}),
		goal: `≤ ${rssGb(GOALS.peakKbAt20k)} (set for N = 20,000)`,
		result: ok(o.tree <= GOALS.peakKbAt20k),
	});
	compare('Pages built', o.pages, b?.pages, count);
	compare('Pages/s', o.pagesPerSec, b?.pagesPerSec, (v) => v.toFixed(1));
	compare('Output size', input.ours.output.bytes, input.bare?.output.bytes, mb);
	compare('Pagefind index size', input.ours.pagefind.bytes, input.bare?.pagefind.bytes, mb);

	compare('Postmortem page critical path (gzip)', input.ours.critical.gzip, input.bare?.critical.gzip, kb, GOALS.pageWeight);
	compare(
		'  of which HTML (gzip)',
		input.ours.critical.files.find((f) => f.kind === 'html')?.gzip ?? null,
		input.bare?.critical.files.find((f) => f.kind === 'html')?.gzip,
		kb
	);
	const largest = input.ours.pages.largest[0];
	const bareLargest = input.bare?.pages.largest[0];
	push({
		metric: 'Largest HTML page (gzip)',
		ours: largest ? `${kb(largest.gzip)} \`${largest.url}\`` : 'n/a',
		...(bareLargest ? { bare: `${kb(bareLargest.gzip)} \`${bareLargest.url}\`` } : {}),
		goal: `≤ ${kb(GOALS.pageGzip)} (set for N = 20,000)`,
		result: largest ? ok(largest.gzip <= GOALS.pageGzip) : 'n/a',
	});

	const lowest = lowestScore(input.ours.lighthouse);
	const bareLowest = input.bare ? lowestScore(input.bare.lighthouse) : null;
	const unscored = input.ours.lighthouse && !failed(input.ours.lighthouse) ? input.ours.lighthouse.filter((s) => s.score === null) : [];
	push({
		metric: 'Lighthouse mobile performance, lowest page type',
		ours: input.ours.lighthouse === null ? 'skipped' : lowest ? `${lowest.score} (${lowest.labels.join(', ')})` : 'n/a',
		bare: input.bare === null ? 'skipped' : input.bare.lighthouse === null ? 'skipped' : bareLowest ? `${bareLowest.score} (postmortem)` : 'n/a',
		goal: `every page type ≥ ${GOALS.lighthouse} (set for N = 1,000)`,
		result: input.ours.lighthouse === null ? '' : lowest && unscored.length === 0 ? ok(lowest.score! >= GOALS.lighthouse) : 'n/a',
	});

	const viewed = input.ours.trendsViewed && !failed(input.ours.trendsViewed) ? input.ours.trendsViewed.gzip : null;
	push({
		metric: '/trends/ JavaScript fetched, every chart drawn (gzip)',
		ours: viewed === null ? 'n/a' : kb(viewed),
		bare: '',
		goal: `≤ ${kb(GOALS.trendsJs)}`,
		result: viewed === null ? 'n/a' : ok(viewed <= GOALS.trendsJs),
	});
	push({ metric: '/trends/ JavaScript, all chunks incl. the search UI loaded on use (gzip)', ours: input.ours.trends ? kb(input.ours.trends.gzip) : 'n/a', bare: '' });
	push({ metric: '/trends/ JavaScript at load (gzip)', ours: input.ours.trends ? kb(input.ours.trends.initial.gzip) : 'n/a', bare: '' });
	compare('Pagefind bytes, first search (as files)', o.searchBytes, b?.searchBytes, kb);
	compare('Pagefind bytes, first search (gzip-served)', o.searchGzip, b?.searchGzip, kb);

	const dev = input.dev;
	const devCell = (pick: (d: DevLoop) => number) => (dev === null ? 'skipped' : failed(dev) ? 'failed' : secs(pick(dev)));
	push({ metric: 'Dev server: first postmortem page', ours: devCell((d) => d.firstPageMs), bare: '', goal: 'watched (about 5 s at N = 1,000 before issue 13)' });
	push({ metric: 'Dev server: a saved body edit shows', ours: devCell((d) => d.editMs), bare: '', goal: 'watched (about 0.2 s at N = 1,000 before issue 13)' });
	return { rows, missed };
}

function differences(c: TreeComparison): string {
	const parts = [
		c.differ.length ? `${c.differ.length} differ` : '',
		c.onlyFirst.length ? `${c.onlyFirst.length} missing` : '',
		c.onlySecond.length ? `${c.onlySecond.length} extra` : '',
	].filter(Boolean);
	return `no: ${parts.join(', ')} of ${count(c.files)} files`;
}

export function table(rows: Row[]): string {
	const header = ['metric', 'ours', 'bare', 'ours/bare', 'rebuild ratio', 'goal', 'result'];
	return [
		`| ${header.join(' | ')} |`,
		`| ${header.map((_, i) => (i === 0 || i === 5 ? '---' : '---:')).join(' | ')} |`,
		...rows.map((r) => `| ${[r.metric, r.ours, r.bare, r.ratio, r.rebuild, r.goal, r.result].join(' | ')} |`),
	].join('\n');
}

/** Each phase's median over a set of builds (a phase a build does not print counts as absent). */
export function phaseMedians(builds: BuildMeasurement[]): Map<string, { ms: number; peakKb: number | null }> {
	const out = new Map<string, { ms: number; peakKb: number | null }>();
	for (const name of PHASE_NAMES) {
		const spans = builds.map((b) => b.phases.find((p) => p.name === name)).filter((p): p is PhaseSpan => p !== undefined);
		if (spans.length === 0) continue;
		const peaks = spans.map((s) => s.peakKb).filter((k): k is number => k !== null);
		out.set(name, { ms: median(spans.map((s) => s.ms)), peakKb: peaks.length ? median(peaks) : null });
	}
	return out;
}

/** Where the time goes: each phase, cold and after a body edit, for both sites; the phases add up to the wall time. */
export function phaseTable(ours: SiteResult, bare: SiteResult | null): string {
	const columns = [
		['ours cold', phaseMedians(ours.builds)],
		...(bare ? [['bare cold', phaseMedians(bare.builds)] as const] : []),
		['ours rebuild', phaseMedians(ours.rebuilds.body)],
		...(bare ? [['bare rebuild', phaseMedians(bare.rebuilds.body)] as const] : []),
	] as const;
	const names = PHASE_NAMES.filter((name) => columns.some(([, m]) => m.has(name)));
	const cell = (m: Map<string, { ms: number }>, name: string) => (m.has(name) ? secs(m.get(name)!.ms) : '–');
	const oursCold = phaseMedians(ours.builds);
	const bareCold = bare ? phaseMedians(bare.builds) : null;
	const diff = (name: string) => {
		const o = oursCold.get(name)?.ms;
		const b = bareCold?.get(name)?.ms;
		return o === undefined || b === undefined ? '' : `${o - b >= 0 ? '+' : '−'}${secs(Math.abs(o - b))}`;
	};
	const total = (m: Map<string, { ms: number }>) => (m.size ? secs([...m.values()].reduce((s, p) => s + p.ms, 0)) : '–');
	const header = ['phase', ...columns.map(([label]) => label), ...(bare ? ['cold: ours − bare'] : [])];
	return [
		`| ${header.join(' | ')} |`,
		`| ${header.map((_, i) => (i === 0 ? '---' : '---:')).join(' | ')} |`,
		...names.map((name) => `| ${[name, ...columns.map(([, m]) => cell(m, name)), ...(bare ? [diff(name)] : [])].join(' | ')} |`),
		`| **wall time** | ${[...columns.map(([, m]) => total(m)), ...(bare ? [''] : [])].join(' | ')} |`,
	].join('\n');
}

/** Where the memory peaks: the largest sampled RSS of the whole build tree in each phase. */
export function memoryTable(ours: SiteResult, bare: SiteResult | null): string {
	const columns = [
		['ours cold', phaseMedians(ours.builds)],
		...(bare ? [['bare cold', phaseMedians(bare.builds)] as const] : []),
		['ours rebuild', phaseMedians(ours.rebuilds.body)],
	] as const;
	const names = PHASE_NAMES.filter((name) => columns.some(([, m]) => m.has(name)));
	const cell = (m: Map<string, { peakKb: number | null }>, name: string) => {
		const peak = m.get(name)?.peakKb;
		return peak === null || peak === undefined ? '–' : rssMb(peak);
	};
	const header = ['phase', ...columns.map(([label]) => `${label} peak`)];
	return [
		`| ${header.join(' | ')} |`,
		`| ${header.map((_, i) => (i === 0 ? '---' : '---:')).join(' | ')} |`,
		...names.map((name) => `| ${[name, ...columns.map(([, m]) => cell(m, name))].join(' | ')} |`),
	].join('\n');
}

function weightTable(weight: Weight): string {
	return [
		'| file | kind | bytes | gzip |',
		'| --- | --- | ---: | ---: |',
		...weight.files.map((f) => `| \`${f.url}\` | ${f.kind} | ${f.bytes} | ${f.gzip} |`),
		`| **total** | | ${weight.bytes} | ${weight.gzip} |`,
	].join('\n');
}

function buildTable(rows: { site: string; kind: string; run: number; build: BuildMeasurement }[]): string {
	return [
		'| site | build | run | exit | wall | GNU time max RSS | tree peak RSS | pages rendered / reused | processes seen (own peak) | load avg before → after |',
		'| --- | --- | ---: | ---: | ---: | ---: | ---: | ---: | --- | ---: |',
		...rows.map(
			({ site, kind, run, build: b }) =>
				`| ${site} | ${kind} | ${run} | ${b.code} | ${secs(b.wallMs)} | ${b.maxRssKb === null ? 'n/a' : rssMb(b.maxRssKb)} | ${rssMb(b.treePeakKb)} | ${count(b.renders.rendered)} / ${count(b.renders.reused)} | ${b.processes
					.map((p) => `${p.command} ${rssMb(p.peakKb)}`)
					.join(', ')} | ${b.load[0].toFixed(2)} → ${b.load[1].toFixed(2)} |`
		),
	].join('\n');
}

function allBuilds(name: string, site: SiteResult) {
	const rows: { site: string; kind: string; run: number; build: BuildMeasurement }[] = [];
	site.builds.forEach((build, i) => {
		rows.push({ site: name, kind: 'cold', run: i + 1, build });
		const add = (kind: string, list: BuildMeasurement[]) => list[i] && rows.push({ site: name, kind, run: i + 1, build: list[i]! });
		add('body edit', site.rebuilds.body);
		add('title edit', site.rebuilds.title);
		add('undo edits', site.rebuilds.revert);
	});
	return rows;
}

function searchSection(name: string, search: SiteResult['search']): string {
	if (!search) return `${name}: not measured.`;
	if (failed(search)) return `${name}: failed: ${search.error}`;
	const list = (fetches: { url: string; bytes: number; gzip: number }[]) =>
		fetches.map((f) => `| \`${f.url}\` | ${f.bytes} | ${f.gzip} |`).join('\n');
	return [
		`${name}: query \`${search.query}\`, ${search.results} results shown.`,
		'',
		'| Pagefind request | bytes | gzip-served |',
		'| --- | ---: | ---: |',
		list(search.pagefind),
		'',
		search.searchUi.length
			? ['| other files fetched after opening search | bytes | gzip-served |', '| --- | ---: | ---: |', list(search.searchUi)].join('\n')
			: 'No other files were fetched after opening search.',
	].join('\n');
}

function lighthouseTable(scores: LighthouseScore[], site: string): string {
	const ms = (v: number | null) => (v === null ? 'n/a' : `${Math.round(v).toLocaleString('en-US')} ms`);
	return [
		'| site | page type | address | score (median audit) | every audit | total blocking time | largest contentful paint | result |',
		'| --- | --- | --- | ---: | ---: | ---: | ---: | ---: |',
		...scores.map(
			(s) =>
				`| ${site} | ${s.labels.join(', ')} | \`${s.address}\`${s.note ? ` (${s.note})` : ''} | ${s.score ?? 'n/a'} | ${s.scores.join(', ') || 'n/a'} | ${ms(s.tbtMs)} | ${ms(s.lcpMs)} | ${
					s.score === null ? `n/a: ${s.error ?? 'no score'}` : ok(s.score >= GOALS.lighthouse)
				} |`
		),
	].join('\n');
}

function pagesTable(pages: PageSize[]): string {
	return ['| page | bytes | gzip |', '| --- | ---: | ---: |', ...pages.map((p) => `| \`${p.url}\` | ${count(p.bytes)} | ${kb(p.gzip)} |`)].join('\n');
}

function rebuildProse(input: ReportInput): string[] {
	const { ours, bare } = input;
	const failures = [...ours.rebuilds.failed.map((f) => `ours: ${f}`), ...(bare?.rebuilds.failed ?? []).map((f) => `bare: ${f}`)];
	const failed = failures.length ? ['Rebuilds that failed (the run\'s later rebuilds were skipped):', '', ...failures.map((f) => `- ${f}`), ''] : [];
	const body = rebuildFigures(ours.builds, ours.rebuilds.body);
	if (!body) return [...failed, 'No rebuild of ours was measured.'];
	const last = ours.rebuilds.body[ours.rebuilds.body.length - 1]!;
	const reused = last.renders.reused;
	const out = [
		`After the cold build, one sentence was appended to the body of \`${input.editedFile}\` (the postmortem in`,
		`the middle of the archive, \`${input.pagePath}\`) and ours was built again, output and caches kept: ${secs(body.ms)},`,
		`${times(body.ratio)} of its cold build (goal ≤ ${times(GOALS.rebuild)}: ${ok(body.ratio <= GOALS.rebuild)}).`,
		reused > 0
			? `Astro re-rendered ${count(last.renders.rendered)} pages and reused ${count(reused)} from its incremental cache.`
			: `Astro re-rendered every page (${count(last.renders.rendered)}): nothing came from an incremental page cache.`,
	];
	const title = rebuildFigures(ours.builds, ours.rebuilds.title);
	if (title) {
		const t = ours.rebuilds.title[ours.rebuilds.title.length - 1]!.renders;
		out.push(`Then its title changed too (a title shows on many pages): ${secs(title.ms)}, ${times(title.ratio)}, ${count(t.rendered)} pages rendered.`);
	}
	const revert = rebuildFigures(ours.builds, ours.rebuilds.revert);
	if (revert) {
		const same = ours.rebuilds.identical.every(identical);
		out.push(
			`Then the file was put back and ours rebuilt once more (${secs(revert.ms)}, ${times(revert.ratio)}); its output ${
				same ? 'is byte-identical to the cold build’s' : 'differs from the cold build’s (listed below)'
			}.`
		);
	}
	const bareBody = bare ? rebuildFigures(bare.builds, bare.rebuilds.body) : null;
	if (bareBody) out.push(`The same body edit on the bare site rebuilds in ${secs(bareBody.ms)} (${times(bareBody.ratio)} of its cold build): Starlight alone caches no pages.`);
	const phases = phaseMedians(ours.rebuilds.body);
	const floor = [...phases].filter(([name]) => name !== 'rendering pages').sort((a, b) => b[1].ms - a[1].ms).slice(0, 3);
	if (floor.length) out.push(`Outside rendering, the rebuild's largest phases are ${floor.map(([name, p]) => `${name}, ${secs(p.ms)}`).join('; ')}: what a one-file change still costs.`);
	return [...failed, out.join(' ')];
}

function treeDifferences(comparisons: TreeComparison[]): string[] {
	const out: string[] = [];
	comparisons.forEach((c, i) => {
		if (identical(c)) return;
		const list = (label: string, paths: string[]) =>
			paths.length ? [`- ${label} (${paths.length}): ${paths.slice(0, 10).map((p) => `\`${p}\``).join(', ')}${paths.length > 10 ? ', …' : ''}`] : [];
		out.push(
			`Run ${i + 1}, after undoing the edits, against the cold build${c.differ.length ? ` (\`diff -u\` of the first in \`logs/ours-${i + 1}-undo.diff\` of the work folder)` : ''}:`,
			'',
			...list('differ', c.differ),
			...list('missing', c.onlyFirst),
			...list('extra', c.onlySecond),
			''
		);
	});
	return out;
}

export function markdown(input: ReportInput, summary: Summary): string {
	const { env, ours, bare } = input;
	const out: string[] = [];
	out.push('# Hindsight benchmark results', '');
	out.push(
		`- Date: ${env.date}`,
		`- N: ${count(env.n)} synthetic postmortems (seed ${env.seed}); ${env.runs} run(s), ${
			input.ours.rebuilds.body.length || input.ours.rebuilds.failed.length
				? `each a cold build of ours and three rebuilds of ours${bare ? ', then a cold build and a rebuild of bare' : ''}`
				: `each a cold build of ours${bare ? ', then a cold build of bare' : ''} (rebuilds skipped)`
		}`,
		`- Machine: ${env.nproc} CPUs (${env.cpu}), ${env.memory} memory; 1-minute load average ${env.load.toFixed(2)} at the start (each build's is in the details)`,
		`- Node ${env.node}, Astro ${env.astro}, Starlight ${env.starlight}`,
		`- Command: \`npm run bench --${env.args ? ` ${env.args}` : ''}\``,
		''
	);
	out.push('## Summary', '', table(summary.rows), '');
	out.push(
		summary.missed.length ? `Goals missed: ${summary.missed.join('; ')}.` : 'Every goal measured here is met.',
		'',
		bare ? '' : 'The bare baseline was skipped (`--skip-bare`): no ratios to bare.',
		''
	);

	out.push('## What each figure means', '');
	out.push(
		'- **Cold build**: `--force`, with the output folder and the site\'s Astro cache deleted first; ours as `npm run build`',
		'  builds (src/cli/build.ts: `astro build`, then Pagefind and the leak guard once Astro has exited), bare with',
		'  `astro build`. Wall time from spawning the build to its exit. Goal: ours ≤ 1.15× bare. Medians over the runs.',
		'- **Rebuilds**: ours built again after each edit with its output and caches kept, as a team\'s CI does after one',
		'  postmortem changed. The rebuild ratio is the rebuild\'s time over the cold build\'s of the same run. Goal for',
		'  the body edit: ≤ 0.20×. The title edit and the undo are for information; the undo must give the cold build\'s',
		'  output byte for byte (every file hashed and compared).',
		'- **Peak RSS**: GNU time\'s `%M` is the largest peak of any one process (the Node build, or Pagefind\'s binary); the',
		'  tree figure is the largest sum over the build\'s process tree, sampled from `/proc` every 50 ms, which is what the',
		'  machine must hold. Goals: GNU time ours ≤ 1.15× bare; the tree ≤ 8 GB (1 GB = 1024³ bytes) at N = 20,000.',
		'- **Critical path** of one postmortem page: its HTML, the stylesheets it links, and the module scripts it loads at',
		'  once (with their static imports), each gzipped (level 9) on its own. Goal: ours ≤ 1.10× bare.',
		'- **Largest HTML page**: every HTML file gzipped (level 9) on its own; the goal, ≤ 150 KB at N = 20,000, says that',
		'  no page may grow with the archive. At a smaller N a pass is necessary, not sufficient.',
		'- **Lighthouse**: Lighthouse\'s default mobile audit (simulated slow 4G and a 4× slower CPU) of one page of every',
		'  page type (`test/support/page-types.ts`, read at run time; pages of the sample archive are stood in for by pages',
		'  of the generated one), in Debian\'s Chromium, served from `dist/` on loopback. Each page is audited several times',
		'  (`--lighthouse-audits`, 3 by default, in rounds over all the pages) and scored by the audit Lighthouse\'s own',
		'  `computeMedianRun` picks (the one nearest the median first paint and time to interactive), as Lighthouse\'s',
		'  documentation advises: one audit of a page moves by up to 15 points on this machine. Every audit\'s score is listed.',
		'  Goal: every page type ≥ 95 at N = 1,000. The bare site\'s postmortem page is the reference (a bare Starlight page).',
		'- **Pagefind bytes**: Chromium opens the postmortem page, opens search, types one word of a generated title and waits',
		'  for the results; the sum of every file fetched from `/pagefind/` (its index, fragment and WebAssembly files are',
		'  gzip already; "gzip-served" also compresses `pagefind.js`, its worker and JSON as a web server would).',
		'- **`/trends/` JavaScript**: what the browser fetches reading the page with every chart drawn (goal ≤ 80 KB gzip),',
		'  and every chunk reachable from its scripts, the lazily loaded search UI included.',
		'- **Dev loop**: `astro dev` on the same archive with the same settings, after the builds (its content cache warm, as',
		'  on an author\'s machine); the time until the sample postmortem answers 200 with its title, then from saving a',
		'  sentence appended to its body until a GET shows it. Watched, not a pass/fail goal: they should stay near the',
		'  figures measured before issue 13.',
		'- **Phases**: each starts at the log line that opens it, timed when the line arrived, so they add up to the wall',
		'  time; a phase a build does not print is folded into the one before it. Memory per phase is the tree RSS sampled',
		'  while it ran (GNU time gives only the one maximum for the whole build).',
		''
	);

	out.push('## Where the time goes', '', phaseTable(ours, bare), '');
	out.push('## Where the memory goes', '', memoryTable(ours, bare), '');
	out.push('## Rebuilds', '', ...rebuildProse(input), '', ...treeDifferences(ours.rebuilds.identical));

	out.push('## Page size', '');
	out.push(
		`Ours has ${count(ours.pages.pages)} HTML pages${bare ? `, bare ${count(bare.pages.pages)}` : ''}. The largest ten by gzip size (goal: none above ${kb(GOALS.pageGzip)} at N = 20,000):`,
		'',
		pagesTable(ours.pages.largest),
		''
	);
	if (bare?.pages.largest.length) out.push('Bare, for reference:', '', pagesTable(bare.pages.largest.slice(0, 3)), '');

	out.push('## Lighthouse mobile', '');
	if (ours.lighthouse === null) out.push('Skipped (`--skip-lighthouse`).', '');
	else if (failed(ours.lighthouse)) out.push(`Not measured: ${ours.lighthouse.error}`, '');
	else {
		const scores = [...ours.lighthouse];
		out.push(
			`Goal: every page type ≥ ${GOALS.lighthouse}. Total blocking time and largest contentful paint are Lighthouse's simulated figures for a mid-range phone.`,
			'',
			lighthouseTable(scores, 'ours'),
			...(bare?.lighthouse && !failed(bare.lighthouse) ? [lighthouseTable(bare.lighthouse, 'bare').split('\n').slice(2).join('\n')] : []),
			''
		);
		if (bare?.lighthouse && failed(bare.lighthouse)) out.push(`Bare: not measured: ${bare.lighthouse.error}`, '');
	}

	out.push('## Dev loop', '');
	const dev = input.dev;
	if (dev === null) out.push('Skipped (`--skip-dev`).', '');
	else if (failed(dev)) out.push(`Failed: ${dev.error}`, '');
	else
		out.push(
			`\`astro dev\` served \`${input.pagePath}\` with its title ${secs(dev.firstPageMs)} after it was started; a sentence appended to its body showed ${secs(dev.editMs)} after the file was saved (${dev.editPolls} request${dev.editPolls === 1 ? '' : 's'}, one at a time).`,
			''
		);

	out.push('## Details', '', `Postmortem page measured: \`${input.pagePath}\``, '');
	out.push('### Builds', '', buildTable([...allBuilds('ours', ours), ...(bare ? allBuilds('bare', bare) : [])]), '');
	out.push('### Output', '');
	const sizeRow = (name: string, s: SiteResult) =>
		`| ${name} | ${s.output.files} | ${s.output.htmlFiles} | ${s.output.bytes} | ${s.output.diskBytes} | ${s.pagefind.files} | ${s.pagefind.bytes} | ${s.pagefind.diskBytes} |`;
	out.push(
		'| site | files | HTML files | bytes | bytes on disk | Pagefind files | Pagefind bytes | Pagefind on disk |',
		'| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: |',
		sizeRow('ours', ours),
		...(bare ? [sizeRow('bare', bare)] : []),
		''
	);
	out.push('### Postmortem page critical path', '', 'ours:', '', weightTable(ours.critical), '');
	if (bare) out.push('bare:', '', weightTable(bare.critical), '');
	if (ours.trends) out.push('### `/trends/` JavaScript (ours)', '', weightTable(ours.trends), '');
	out.push('### First search', '', searchSection('ours', ours.search), '');
	if (bare) out.push(searchSection('bare', bare.search), '');
	out.push('### Build log lines behind the phases', '');
	for (const { site, kind, run, build } of [...allBuilds('ours', ours), ...(bare ? allBuilds('bare', bare) : [])]) {
		out.push(`${site}, ${kind}, run ${run}:`, '', '```', ...build.keyLines, '```', '');
	}
	return `${out.join('\n').replace(/\n{3,}/g, '\n\n').trimEnd()}\n`;
}
