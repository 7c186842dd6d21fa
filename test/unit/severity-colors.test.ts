/**
 * The five severity colours, read from the one stylesheet that defines them: label text readable on
 * its background (WCAG AA), marks visible on the page, and no two levels alike, in both themes.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { SEVERITIES } from '../../src/lib/model/schema';
import { contrast, distance } from '../support/colour';

const STYLES = join(import.meta.dirname, '../../src/styles');
const css = readFileSync(join(STYLES, 'severity.css'), 'utf8');
// The page background from Starlight itself, so that an upgrade that changes it is seen here.
const starlightProps = readFileSync(join(import.meta.dirname, '../../node_modules/@astrojs/starlight/dist/style/props.css'), 'utf8');

/** The custom properties of the first rule whose selector list starts with `selector`. */
function properties(source: string, selector: string): Map<string, string> {
	const start = source.indexOf(`${selector}`);
	if (start < 0) throw new Error(`No rule for ${selector}`);
	const body = source.slice(source.indexOf('{', start) + 1, source.indexOf('}', start));
	return new Map([...body.matchAll(/(--[\w-]+)\s*:\s*([^;]+);/g)].map((m) => [m[1]!, m[2]!.trim()]));
}

const THEMES = {
	dark: { own: ':root {', starlight: ':root,\n' },
	light: { own: ":root[data-theme='light'] {", starlight: ":root[data-theme='light'],\n" },
} as const;

const palettes = Object.entries(THEMES).map(([theme, selectors]) => {
	const props = properties(css, selectors.own);
	const get = (name: string) => {
		const value = props.get(name);
		if (!value || !/^#[0-9a-f]{6}$/i.test(value)) throw new Error(`${theme}: ${name} must be a literal #rrggbb in severity.css (is ${value})`);
		return value;
	};
	const page = properties(starlightProps, selectors.starlight).get('--sl-color-black')!;
	const levels = SEVERITIES.map((s, i) => ({
		severity: s,
		mark: get(`--hs-sev${i + 1}`),
		bg: get(`--hs-sev${i + 1}-bg`),
		text: get(`--hs-sev${i + 1}-text`),
	}));
	return { theme, page, levels };
});

const pairs = <T,>(list: readonly T[]) => list.flatMap((a, i) => list.slice(i + 1).map((b) => [a, b] as const));

describe('severity colours', () => {
	it('reads five levels per theme and a page background from Starlight', () => {
		expect(SEVERITIES).toHaveLength(5);
		for (const { page, levels } of palettes) {
			expect(page).toMatch(/^hsl\(/);
			expect(levels).toHaveLength(5);
		}
	});

	describe.each(palettes)('$theme theme', ({ page, levels }) => {
		it.each(levels)('$severity label text reaches 4.5:1 on its background (WCAG AA)', ({ bg, text }) => {
			expect(contrast(text, bg)).toBeGreaterThanOrEqual(4.5);
		});

		it.each(levels)('$severity mark (chart colour, label border) reaches 3:1 on the page (WCAG 1.4.11)', ({ mark }) => {
			expect(contrast(mark, page)).toBeGreaterThanOrEqual(3);
		});

		// ΔE 20 is "another colour" at a glance, not a shade of the same one.
		it('gives every level a label background unlike every other level', () => {
			for (const [a, b] of pairs(levels)) expect(distance(a.bg, b.bg), `${a.severity} vs ${b.severity}`).toBeGreaterThanOrEqual(20);
		});

		it('gives every level a mark unlike every other level, so stacked bars separate', () => {
			for (const [a, b] of pairs(levels)) expect(distance(a.mark, b.mark), `${a.severity} vs ${b.severity}`).toBeGreaterThanOrEqual(20);
		});
	});

	it('is defined in severity.css alone', () => {
		for (const file of readdirSync(STYLES).filter((f) => f.endsWith('.css') && f !== 'severity.css')) {
			expect(readFileSync(join(STYLES, file), 'utf8'), file).not.toMatch(/--hs-sev\d?(-bg|-text)?\s*:/);
		}
	});
});

describe('colour arithmetic', () => {
	it('matches the WCAG reference values', () => {
		expect(contrast('#000000', '#ffffff')).toBeCloseTo(21, 5);
		expect(contrast('#767676', '#ffffff')).toBeCloseTo(4.54, 2);
		expect(contrast('rgb(118, 118, 118)', 'hsl(0, 0%, 100%)')).toBeCloseTo(4.54, 2);
		expect(distance('#ffffff', '#ffffff')).toBe(0);
		expect(distance('#000000', '#ffffff')).toBeCloseTo(100, 0);
	});
});
