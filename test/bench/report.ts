/**
 * The benchmark's results as a Markdown report: the summary table with ratios against the targets,
 * then the details behind each figure.
 */
import { phasesOf, type BuildMeasurement, type DirSize, type SearchMeasurement, type Weight } from './measure';

export interface SiteResult {
	builds: BuildMeasurement[];
	output: DirSize;
	pagefind: DirSize;
	critical: Weight;
	search: SearchMeasurement | { error: string } | null;
}

export interface OursExtra {
	trends: (Weight & { initial: Weight }) | null;
	/** What the browser fetched reading /trends/ with every chart drawn, search unopened. */
	trendsViewed: Weight | { error: string } | null;
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
}

export interface ReportInput {
	env: Environment;
	pagePath: string;
	ours: SiteResult & OursExtra;
	bare: SiteResult | null;
}

export const TARGETS = {
	buildTime: 1.15,
	peakRss: 1.15,
	pageWeight: 1.1,
} as const;

export function median(values: number[]): number {
	const sorted = [...values].sort((a, b) => a - b);
	const mid = Math.floor(sorted.length / 2);
	return sorted.length % 2 ? sorted[mid]! : (sorted[mid - 1]! + sorted[mid]!) / 2;
}

const kb = (bytes: number) => `${(bytes / 1024).toFixed(1)} KB`;
const mb = (bytes: number) => `${(bytes / 1024 / 1024).toFixed(1)} MB`;
const secs = (ms: number) => `${(ms / 1000).toFixed(1)} s`;
const rssMb = (kib: number) => `${(kib / 1024).toFixed(0)} MB`;

export interface Row {
	metric: string;
	ours: string;
	bare: string;
	ratio: string;
	target: string;
	result: string;
}

export interface Summary {
	rows: Row[];
	missed: string[];
}

function siteFigures(site: SiteResult) {
	const wall = median(site.builds.map((b) => b.wallMs));
	const rss = site.builds.every((b) => b.maxRssKb !== null) ? median(site.builds.map((b) => b.maxRssKb!)) : null;
	const tree = median(site.builds.map((b) => b.treePeakKb));
	const pages = site.builds[0]?.pagesBuilt ?? site.output.htmlFiles;
	const searchBytes =
		site.search && !('error' in site.search) ? site.search.pagefind.reduce((s, f) => s + f.bytes, 0) : null;
	const searchGzip =
		site.search && !('error' in site.search) ? site.search.pagefind.reduce((s, f) => s + f.gzip, 0) : null;
	return { wall, rss, tree, pages, pagesPerSec: pages / (wall / 1000), searchBytes, searchGzip };
}

export function summarise(input: ReportInput): Summary {
	const o = siteFigures(input.ours);
	const b = input.bare ? siteFigures(input.bare) : null;
	const rows: Row[] = [];
	const missed: string[] = [];
	const add = (
		metric: string,
		ours: number | null,
		bare: number | null | undefined,
		format: (v: number) => string,
		target?: number
	) => {
		const ratio = ours !== null && bare !== null && bare !== undefined && bare > 0 ? ours / bare : null;
		let result = '';
		if (target !== undefined) {
			result = ratio === null ? 'n/a' : ratio <= target ? 'PASS' : 'MISS';
			if (result === 'MISS') missed.push(metric);
		}
		rows.push({
			metric,
			ours: ours === null ? 'n/a' : format(ours),
			bare: bare === null || bare === undefined ? 'n/a' : format(bare),
			ratio: ratio === null ? '' : `${ratio.toFixed(2)}×`,
			target: target === undefined ? '' : `≤ ${target.toFixed(2)}×`,
			result,
		});
	};
	add('Build wall time (cold)', o.wall, b?.wall, secs, TARGETS.buildTime);
	add('Peak RSS (GNU time, largest process)', o.rss === null ? null : o.rss, b?.rss, rssMb, TARGETS.peakRss);
	add('Peak RSS, whole process tree (sampled)', o.tree, b?.tree, rssMb);
	add('Pages built', o.pages, b?.pages, (v) => String(v));
	add('Pages/s', o.pagesPerSec, b?.pagesPerSec, (v) => v.toFixed(1));
	add('Output size', input.ours.output.bytes, input.bare?.output.bytes, mb);
	add('Pagefind index size', input.ours.pagefind.bytes, input.bare?.pagefind.bytes, mb);
	add('Postmortem page critical path (gzip)', input.ours.critical.gzip, input.bare?.critical.gzip, kb, TARGETS.pageWeight);
	add(
		'  of which HTML (gzip)',
		input.ours.critical.files.find((f) => f.kind === 'html')?.gzip ?? null,
		input.bare?.critical.files.find((f) => f.kind === 'html')?.gzip,
		kb
	);
	const viewed = input.ours.trendsViewed && !('error' in input.ours.trendsViewed) ? input.ours.trendsViewed.gzip : null;
	rows.push({
		metric: '/trends/ JavaScript fetched, every chart drawn (gzip)',
		ours: viewed === null ? 'n/a' : kb(viewed),
		bare: 'n/a',
		ratio: '',
		target: '≤ 80 KB',
		result: viewed === null ? 'n/a' : viewed <= 80 * 1024 ? 'PASS' : 'MISS',
	});
	if (viewed !== null && viewed > 80 * 1024) missed.push('/trends/ JavaScript');
	add('/trends/ JavaScript, all chunks incl. the search UI loaded on use (gzip)', input.ours.trends?.gzip ?? null, null, kb);
	add('/trends/ JavaScript at load (gzip)', input.ours.trends?.initial.gzip ?? null, null, kb);
	add('Pagefind bytes, first search (as files)', o.searchBytes, b?.searchBytes, kb);
	add('Pagefind bytes, first search (gzip-served)', o.searchGzip, b?.searchGzip, kb);
	return { rows, missed };
}

export function table(rows: Row[]): string {
	const header = ['metric', 'ours', 'bare', 'ours/bare', 'target', 'result'];
	const lines = [
		`| ${header.join(' | ')} |`,
		`| ${header.map((_, i) => (i === 0 ? '---' : '---:')).join(' | ')} |`,
		...rows.map((r) => `| ${[r.metric, r.ours, r.bare, r.ratio, r.target, r.result].join(' | ')} |`),
	];
	return lines.join('\n');
}

function weightTable(weight: Weight): string {
	return [
		'| file | kind | bytes | gzip |',
		'| --- | --- | ---: | ---: |',
		...weight.files.map((f) => `| \`${f.url}\` | ${f.kind} | ${f.bytes} | ${f.gzip} |`),
		`| **total** | | ${weight.bytes} | ${weight.gzip} |`,
	].join('\n');
}

function buildTable(name: string, site: SiteResult): string {
	return [
		'| site | run | exit | wall | GNU time max RSS | tree peak RSS | processes seen (own peak) | load avg before → after |',
		'| --- | ---: | ---: | ---: | ---: | ---: | --- | ---: |',
		...site.builds.map(
			(b, i) =>
				`| ${name} | ${i + 1} | ${b.code} | ${secs(b.wallMs)} | ${b.maxRssKb === null ? 'n/a' : rssMb(b.maxRssKb)} | ${rssMb(b.treePeakKb)} | ${b.processes
					.map((p) => `${p.command} ${rssMb(p.peakKb)}`)
					.join(', ')} | ${b.load[0].toFixed(2)} → ${b.load[1].toFixed(2)} |`
		),
	].join('\n');
}

function searchSection(name: string, search: SiteResult['search']): string {
	if (!search) return `${name}: not measured.`;
	if ('error' in search) return `${name}: failed: ${search.error}`;
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

/** Each phase's median over the runs, for ours and (if built) bare, side by side. */
export function phaseTable(ours: SiteResult, bare: SiteResult | null): string {
	const medians = (site: SiteResult) => {
		const perRun = site.builds.map((b) => phasesOf(b.log, b.wallMs));
		return perRun[0]!.map((phase, i) => {
			const values = perRun.map((run) => run[i]?.ms).filter((v): v is number => v !== null && v !== undefined);
			return { name: phase.name, ms: values.length ? median(values) : null };
		});
	};
	const o = medians(ours);
	const b = bare ? medians(bare) : null;
	const fmt = (ms: number | null | undefined) => (ms === null || ms === undefined ? 'n/a' : secs(ms));
	const rows = o.map((phase, i) => {
		const other = b?.[i]?.ms;
		const diff = phase.ms !== null && other !== null && other !== undefined ? `${phase.ms - other >= 0 ? '+' : '−'}${secs(Math.abs(phase.ms - other))}` : '';
		return `| ${phase.name} | ${fmt(phase.ms)} | ${b ? fmt(other) : 'n/a'} | ${diff} |`;
	});
	return ['| phase | ours | bare | ours − bare |', '| --- | ---: | ---: | ---: |', ...rows].join('\n');
}

export function markdown(input: ReportInput, summary: Summary): string {
	const { env } = input;
	const out: string[] = [];
	out.push('# Hindsight benchmark results', '');
	out.push(
		`- Date: ${env.date}`,
		`- N: ${env.n} synthetic postmortems (seed ${env.seed}), ${env.runs} cold build(s) per site, interleaved ours/bare`,
		`- Machine: ${env.nproc} CPUs (${env.cpu}), ${env.memory} memory; 1-minute load average ${env.load.toFixed(2)} at the start (each build's is in the details)`,
		`- Node ${env.node}, Astro ${env.astro}, Starlight ${env.starlight}`,
		`- Command: \`npm run bench -- --n ${env.n} --runs ${env.runs}${input.bare ? '' : ' --skip-bare'}\``,
		''
	);
	out.push('## Summary', '', table(summary.rows), '');
	out.push(
		input.bare
			? summary.missed.length
				? `Targets missed: ${summary.missed.join('; ')}.\n\nWhere the build time goes (from Astro's log; details below):\n\n${phaseTable(input.ours, input.bare)}`
				: 'Every target is met.'
			: 'The bare baseline was skipped (`--skip-bare`): no ratios.',
		''
	);
	out.push(
		'## How it is measured',
		'',
		'- **ours**: Hindsight (`astro build`, internal edition) over the generated archive; **bare**: a Starlight site',
		'  with nothing but the same MDX bodies as docs pages at the same addresses (`title` and `description`',
		'  frontmatter only), a fixed sidebar of the same size as Hindsight\'s, and Starlight\'s defaults (which',
		'  include its own `mdx({ optimize: true })`; Hindsight registers the same itself).',
		'- Every build is cold: the output folder and the Astro cache of that site are deleted first',
		'  (`node_modules/.astro/<hash of the content folder>` for ours; the bare project\'s `.astro/` and',
		'  `node_modules/.astro/`). Medians over the runs.',
		'- Wall time: from spawning the build to its exit. Peak RSS: GNU time\'s `%M` (the largest peak of the build',
		'  process or any process it waited for, such as Pagefind\'s binary); the tree figure is the largest sum of RSS',
		'  over the build\'s process tree, sampled from `/proc` every 50 ms.',
		'- Output and Pagefind sizes: sum of file sizes (the allocated size on disk is in the details).',
		'- Page weight, the critical path of one postmortem page: its HTML, the stylesheets it links, and the module',
		'  scripts it loads (plus their static imports), each gzipped (level 9) on its own. Lazily loaded code',
		'  (search UI, charts) is not on it.',
		'- `/trends/` JavaScript: its module scripts plus every static and dynamic import reachable from them (chart',
		'  code and the lazily loaded search UI included); "at load" is the static part only.',
		'- Pagefind bytes: Chromium opens the postmortem page, opens search, types one word of a generated title, and',
		'  waits for results (and for the network to settle); the figure sums the size of every file fetched from',
		'  `/pagefind/`, the worker\'s fetches included (Pagefind\'s index, fragment and WebAssembly files are gzip',
		'  already). "gzip-served" also compresses the other files (`pagefind.js`, its worker, JSON) as a web',
		'  server would.',
		''
	);
	out.push('## Details', '', `Postmortem page measured: \`${input.pagePath}\``, '');
	out.push('### Builds', '', buildTable('ours', input.ours), '');
	if (input.bare) out.push(buildTable('bare', input.bare), '');
	out.push('### Output', '');
	const sizeRow = (name: string, s: SiteResult) =>
		`| ${name} | ${s.output.files} | ${s.output.htmlFiles} | ${s.output.bytes} | ${s.output.diskBytes} | ${s.pagefind.files} | ${s.pagefind.bytes} | ${s.pagefind.diskBytes} |`;
	out.push(
		'| site | files | HTML files | bytes | bytes on disk | Pagefind files | Pagefind bytes | Pagefind on disk |',
		'| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: |',
		sizeRow('ours', input.ours),
		...(input.bare ? [sizeRow('bare', input.bare)] : []),
		''
	);
	out.push('### Postmortem page critical path', '', 'ours:', '', weightTable(input.ours.critical), '');
	if (input.bare) out.push('bare:', '', weightTable(input.bare.critical), '');
	if (input.ours.trends) out.push('### `/trends/` JavaScript (ours)', '', weightTable(input.ours.trends), '');
	out.push('### First search', '', searchSection('ours', input.ours.search), '');
	if (input.bare) out.push(searchSection('bare', input.bare.search), '');
	out.push(
		'### Phase timings from the build logs',
		'',
		'Derived from the log lines below (medians over the runs); the static build contains the bundles and the rendering.',
		'',
		phaseTable(input.ours, input.bare),
		''
	);
	const phases = (name: string, site: SiteResult) =>
		site.builds.map((b, i) => [`${name}, run ${i + 1}:`, '', '```', ...b.phases, '```', ''].join('\n'));
	out.push(...phases('ours', input.ours));
	if (input.bare) out.push(...phases('bare', input.bare));
	return `${out.join('\n').trimEnd()}\n`;
}
