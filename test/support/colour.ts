/**
 * Colour arithmetic for tests: WCAG 2 contrast ratios and a perceptual distance (CIE76 ΔE in Lab),
 * on `#rrggbb`, `rgb(…)` (as getComputedStyle writes it) or `hsl(…)` (as Starlight writes its
 * palette).
 */
export type Rgb = [number, number, number];

export function parseColour(value: string): Rgb {
	const text = value.trim().toLowerCase();
	const hex = /^#([0-9a-f]{6})$/.exec(text);
	if (hex) return [0, 2, 4].map((i) => parseInt(hex[1]!.slice(i, i + 2), 16)) as Rgb;
	const rgb = /^rgba?\(([^)]+)\)$/.exec(text);
	if (rgb) {
		const [r, g, b, a] = rgb[1]!.split(/[\s,/]+/).filter(Boolean).map(Number);
		if (a !== undefined && a < 1) throw new Error(`Colour ${value} is translucent: its contrast depends on what is under it`);
		return [r!, g!, b!];
	}
	const hsl = /^hsl\(\s*([\d.]+)(?:deg)?[\s,]+([\d.]+)%[\s,]+([\d.]+)%\s*\)$/.exec(text);
	if (hsl) {
		const [h, s, l] = [Number(hsl[1]), Number(hsl[2]) / 100, Number(hsl[3]) / 100];
		const k = (n: number) => (n + h / 30) % 12;
		const f = (n: number) => l - s * Math.min(l, 1 - l) * Math.max(-1, Math.min(k(n) - 3, 9 - k(n), 1));
		return [f(0), f(8), f(4)].map((v) => Math.round(v * 255)) as Rgb;
	}
	throw new Error(`Not a colour this test can read: ${value}`);
}

const linear = (channel: number) => {
	const v = channel / 255;
	return v <= 0.04045 ? v / 12.92 : ((v + 0.055) / 1.055) ** 2.4;
};

function luminance([r, g, b]: Rgb): number {
	return 0.2126 * linear(r) + 0.7152 * linear(g) + 0.0722 * linear(b);
}

/** WCAG 2 contrast ratio, 1 to 21. */
export function contrast(a: string, b: string): number {
	const [hi, lo] = [luminance(parseColour(a)), luminance(parseColour(b))].sort((x, y) => y - x);
	return (hi! + 0.05) / (lo! + 0.05);
}

function lab(colour: string): [number, number, number] {
	const [r, g, b] = parseColour(colour).map(linear) as Rgb;
	const f = (t: number) => (t > 216 / 24389 ? Math.cbrt(t) : (24389 / 27 * t + 16) / 116);
	const x = f((0.4124 * r + 0.3576 * g + 0.1805 * b) / 0.95047);
	const y = f(0.2126 * r + 0.7152 * g + 0.0722 * b);
	const z = f((0.0193 * r + 0.1192 * g + 0.9505 * b) / 1.08883);
	return [116 * y - 16, 500 * (x - y), 200 * (y - z)];
}

/** How different two colours look (CIE76 ΔE): about 2 is just noticeable, 20 and more is another colour. */
export function distance(a: string, b: string): number {
	const [p, q] = [lab(a), lab(b)];
	return Math.hypot(p[0] - q[0], p[1] - q[1], p[2] - q[2]);
}
