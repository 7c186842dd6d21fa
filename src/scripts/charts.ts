/**
 * Draws every `canvas[data-chart]` on the page. Chart.js is fetched only when the first chart
 * scrolls near the viewport, and charts are redrawn in the other palette when the theme changes.
 */
import type { Chart as ChartJs } from 'chart.js';
import type { ChartSpec } from '../lib/present/chart-specs';

const drawn = new Map<HTMLCanvasElement, ChartJs>();

function cssColor(name: string): string {
	return getComputedStyle(document.documentElement).getPropertyValue(name).trim() || '#888';
}

/** Axis ticks and tooltips round to one figure: the table under each chart has the exact value. */
function shortDuration(value: number): string {
	if (value < 60) return `${Math.round(value)} min`;
	if (value < 1440) return `${Math.round((value / 60) * 10) / 10} h`;
	return `${Math.round((value / 1440) * 10) / 10} d`;
}

function formatValue(format: ChartSpec['format'], value: number): string {
	if (format === 'percent') return `${Math.round(value * 100)}%`;
	if (format === 'minutes') return shortDuration(value);
	return value.toLocaleString('en-US');
}

function config(spec: ChartSpec) {
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
				spanGaps: true,
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
					// Durations span minutes to days: a log scale keeps both ends readable.
					type: spec.format === 'minutes' ? ('logarithmic' as const) : ('linear' as const),
					stacked: !!spec.stacked,
					beginAtZero: spec.format !== 'minutes',
					title: { display: true, text: spec.yTitle, color: text },
					ticks: {
						color: text,
						// Whole incidents and users: no 0.5 ticks.
						precision: spec.format === 'count' ? 0 : undefined,
						callback: (value: string | number) => {
							const n = Number(value);
							// On the log scale, label only round durations.
							if (spec.format === 'minutes' && ![1, 5, 15, 60, 240, 1440, 4320, 14400, 43200].includes(n)) return '';
							return formatValue(spec.format, n);
						},
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
