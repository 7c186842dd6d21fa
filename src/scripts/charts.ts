/**
 * Draws every `canvas[data-chart]` on the page. Chart.js is fetched only when the first chart
 * scrolls near the viewport, and charts are redrawn in the other palette when the theme changes.
 */
import type { Chart as ChartJs } from 'chart.js';
import type { ChartSpec } from '../lib/present/chart-specs';
import { formatCount, formatMinutes, formatPercent } from '../lib/present/format';

const drawn = new Map<HTMLCanvasElement, ChartJs>();

function cssColor(name: string): string {
	return getComputedStyle(document.documentElement).getPropertyValue(name).trim() || '#888';
}

/** The duration ticks a person reads at a glance; a log axis shows the ones in its range. */
const DURATION_TICKS = [1, 10, 60, 360, 1440, 10080, 43200, 525600];

const compact = new Intl.NumberFormat('en-US', { notation: 'compact' });

/** Axis labels: durations and counts as the tables write them, users compactly (50M). */
function formatTick(format: ChartSpec['format'], value: number): string {
	if (format === 'minutes') return formatMinutes(value);
	if (format === 'users') return compact.format(value);
	return formatValue(format, value);
}

/** Tooltips: exactly the table's words. */
function formatValue(format: ChartSpec['format'], value: number): string {
	if (format === 'percent') return formatPercent(value);
	if (format === 'minutes') return formatMinutes(value);
	return formatCount(value);
}

function config(spec: ChartSpec) {
	const log = spec.format === 'minutes' || spec.format === 'users';
	// Users reach up to the next power of ten, so that the tallest bar has a labelled tick above it.
	const largest = Math.max(0, ...spec.datasets.flatMap((d) => d.data.filter((v): v is number => v !== null)));
	const usersMax = spec.format === 'users' && largest > 0 ? 10 ** Math.ceil(Math.log10(largest)) : undefined;
	const text = cssColor('--sl-color-gray-2');
	const grid = cssColor('--sl-color-gray-5');
	return {
		type: spec.type,
		data: {
			labels: spec.labels,
			datasets: spec.datasets.map((d) => ({
				label: d.label,
				data: d.data,
				backgroundColor: cssColor(d.color),
				borderColor: cssColor(d.color),
				borderDash: d.dashed ? [6, 4] : [],
				borderWidth: spec.type === 'line' ? 2 : 0,
				pointRadius: spec.type === 'line' ? 2 : 0,
				// A chart with one or two periods on a wide page draws bars, not slabs.
				maxBarThickness: 56,
				// An empty period is a gap, never a line drawn across it as if there were data.
				spanGaps: false,
			})),
		},
		options: {
			responsive: true,
			maintainAspectRatio: false,
			animation: false as const,
			color: text,
			interaction: { mode: 'index' as const, intersect: false },
			scales: {
				x: { stacked: !!spec.stacked, ticks: { color: text }, grid: { color: grid } },
				y: {
					type: log ? ('logarithmic' as const) : ('linear' as const),
					stacked: !!spec.stacked,
					beginAtZero: !log,
					...(usersMax ? { max: usersMax } : {}),
					title: { display: true, text: spec.yTitle, color: text },
					// Log axes get round ticks: 1 min, 10 min, 1 h, 6 h, 1 d, 7 d… or powers of ten.
					afterBuildTicks: log
						? (axis: { min: number; max: number; ticks: { value: number }[] }) => {
								const candidates = spec.format === 'minutes' ? DURATION_TICKS : Array.from({ length: 12 }, (_, i) => 10 ** i);
								const inRange = candidates.filter((v) => v >= axis.min && v <= axis.max);
								if (inRange.length >= 2) axis.ticks = inRange.map((value) => ({ value }));
							}
						: undefined,
					ticks: {
						color: text,
						// Whole incidents and users: no 0.5 ticks.
						precision: spec.format === 'count' ? 0 : undefined,
						callback: (value: string | number) => formatTick(spec.format, Number(value)),
					},
					grid: { color: grid },
				},
			},
			plugins: {
				legend: { labels: { color: text } },
				tooltip: {
					callbacks: {
						label: (item: { dataset: { label?: string }; parsed: { y: number | null } }) =>
							`${item.dataset.label}: ${item.parsed.y === null ? '—' : formatValue(spec.format, item.parsed.y)}`,
						// How many incidents stand behind the point.
						footer: (items: { dataIndex: number }[]) => {
							const n = spec.counts?.[items[0]?.dataIndex ?? -1];
							return n === undefined ? '' : `${formatCount(n)} ${n === 1 ? 'incident' : 'incidents'}`;
						},
					},
				},
			},
		},
	};
}

async function draw(canvas: HTMLCanvasElement): Promise<void> {
	if (drawn.has(canvas)) return;
	const { Chart } = await import('./chart-setup');
	const spec = JSON.parse(canvas.dataset.chart!) as ChartSpec;
	drawn.set(canvas, new Chart(canvas, config(spec) as never));
	// Lets tests and print styles know the chart is on the canvas.
	canvas.dataset.drawn = '';
}

function redrawAll(): void {
	for (const [canvas, chart] of drawn) {
		chart.destroy();
		drawn.delete(canvas);
		void draw(canvas);
	}
}

let started = false;

export function drawChartsWhenVisible(): void {
	if (started) return;
	started = true;
	const canvases = [...document.querySelectorAll<HTMLCanvasElement>('canvas[data-chart]')];
	if (canvases.length === 0) return;
	const observer = new IntersectionObserver(
		(entries) => {
			for (const entry of entries) {
				if (!entry.isIntersecting) continue;
				observer.unobserve(entry.target);
				void draw(entry.target as HTMLCanvasElement);
			}
		},
		{ rootMargin: '200px' }
	);
	for (const canvas of canvases) observer.observe(canvas);
	// Starlight switches themes by setting data-theme on <html>.
	new MutationObserver(redrawAll).observe(document.documentElement, { attributes: true, attributeFilter: ['data-theme'] });
}
