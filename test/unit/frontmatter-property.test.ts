/**
 * Property-based tests of the frontmatter pipeline (`readPostmortemText` + `validatePostmortem`):
 * frontmatter generated from the content contract, written out as YAML in many styles (plain,
 * quoted, `!!timestamp` / `!!str` tags, anchors and aliases, merge keys, flow and block lists),
 * must be accepted and read back exactly; the same files with one field broken must be refused,
 * naming that field; and no text at all may make the pipeline throw.
 *
 * The seed is left random so each run explores new cases; on a failure fast-check prints the seed
 * and the shrunk counterexample, which `fc.assert(..., { seed, path })` replays.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { formatProblem, readPostmortemText, validatePostmortem, type ContentProblem } from '../../src/lib/model/postmortem-source';
import { postmortemSchema } from '../../src/lib/model/schema';

// ---------------------------------------------------------------------------------------------
// The contract's vocabulary, written out here rather than imported, so the test checks the schema.

const ROOT_CAUSES = ['config-change', 'software-bug', 'deployment', 'capacity', 'dependency', 'network', 'database'] as const;
const POSTMORTEM_IDS = ['2024/db-failover', '2023/cert-expiry', 'outage'] as const;
const SEVERITIES = ['SEV1', 'SEV2', 'SEV3', 'SEV4', 'SEV5'] as const;
const STATUSES = ['draft', 'in-review', 'published'] as const;
const VISIBILITIES = ['internal', 'public'] as const;
const DETECTIONS = ['alert', 'customer-report', 'internal-report', 'automated-test', 'third-party', 'other'] as const;
const FACTOR_KINDS = ['technical', 'process', 'human', 'external'] as const;
const TIMELINE_KINDS = ['trigger', 'detection', 'escalation', 'mitigation', 'resolution', 'communication', 'other'] as const;
const LESSON_KINDS = ['went-well', 'went-wrong', 'lucky'] as const;
const ACTION_TYPES = ['mitigate', 'prevent', 'detect', 'process', 'documentation', 'communication', 'training'] as const;
const ACTION_STATUSES = ['open', 'in-progress', 'done', 'wont-do'] as const;
const TOP_LEVEL_FIELDS = [
	'title', 'summary', 'severity', 'started', 'detected', 'mitigated', 'resolved', 'services', 'impact', 'rootCauses',
	'status', 'visibility', 'teams', 'authors', 'reviewers', 'tags', 'trigger', 'detection', 'contributingFactors',
	'timeline', 'lessons', 'actionItems', 'trainingGaps', 'related', 'onboarding',
] as const;

const FILE = 'pm.md';
const schema = postmortemSchema({ rootCauseIds: ROOT_CAUSES, postmortemIds: new Set(POSTMORTEM_IDS) });

// ---------------------------------------------------------------------------------------------
// A small YAML model: what to write, with each scalar's text fixed and its YAML style left open.

/** A datetime as written, and the instant (ms since the epoch) it means, computed independently. */
class Dt {
	constructor(readonly text: string, readonly ms: number) {}
}
/** A scalar written exactly as `text`: plain only, or (when `quotable`) also quoted and tagged. */
class Raw {
	constructor(readonly text: string, readonly quotable: boolean, readonly plain = true) {}
}
/** The same node in two places: the first one written gets `&id`, the others `*id`. */
class Shared {
	constructor(readonly id: string, readonly value: YNode) {}
}
/** A mapping. */
class YMap {
	constructor(readonly entries: [string, YNode][]) {}
}
/** A mapping that merges the anchored mapping `id` (`<<: *id`) and overrides some of its keys. */
class Merge {
	constructor(readonly id: string, readonly entries: [string, YNode][]) {}
}
type YNode = string | Dt | Raw | Shared | YMap | Merge | YNode[];

type Pick = <T>(options: readonly T[]) => T;

function pickerOf(g: fc.GeneratorValue): Pick {
	// An index, so that shrinking goes towards the first (simplest) option.
	return <T,>(options: readonly T[]): T => (options.length === 1 ? options[0]! : options[g(fc.integer, { min: 0, max: options.length - 1 })]!);
}

// ---------------------------------------------------------------------------------------------
// Scalar styles.

/** YAML 1.2 printable characters. */
const printable = (cp: number) =>
	cp === 9 || cp === 10 || cp === 13 || (cp >= 0x20 && cp <= 0x7e) || cp === 0x85 || (cp >= 0xa0 && cp <= 0xd7ff) ||
	(cp >= 0xe000 && cp <= 0xfffd) || (cp >= 0x10000 && cp <= 0x10ffff);
/** Characters written escaped in double quotes and never put raw into plain or single-quoted text. */
const needsEscape = (cp: number) =>
	!printable(cp) || cp === 9 || cp === 10 || cp === 13 || cp === 0x85 || cp === 0x2028 || cp === 0x2029 || cp === 0xfeff;

const hex = (n: number, width: number) => n.toString(16).toUpperCase().padStart(width, '0');
function escapeCodePoint(cp: number): string {
	if (cp === 10) return '\\n';
	if (cp === 9) return '\\t';
	if (cp === 13) return '\\r';
	if (cp <= 0xff) return `\\x${hex(cp, 2)}`;
	if (cp <= 0xffff) return `\\u${hex(cp, 4)}`;
	return `\\U${hex(cp, 8)}`;
}
function doubleQuoted(s: string, asciiOnly: boolean): string {
	let out = '"';
	for (const ch of s) {
		const cp = ch.codePointAt(0)!;
		if (ch === '"') out += '\\"';
		else if (ch === '\\') out += '\\\\';
		else if (needsEscape(cp) || (asciiOnly && cp > 0x7e)) out += escapeCodePoint(cp);
		else out += ch;
	}
	return `${out}"`;
}
const singleQuotable = (s: string) => [...s].every((ch) => !needsEscape(ch.codePointAt(0)!));
const singleQuoted = (s: string) => `'${s.replace(/'/g, "''")}'`;
/** Conservative plain scalars: start with a letter, no indicator characters, not a core keyword. */
const plainOk = (s: string) => /^\p{L}[\p{L}\p{N} _./()'-]*$/u.test(s) && !/ $/.test(s) && !/^(true|false|null|yes|no|on|off|y|n)$/i.test(s);

function stringStyles(s: string): string[] {
	const styles = [doubleQuoted(s, false), doubleQuoted(s, true)];
	if (plainOk(s)) styles.push(s);
	if (singleQuotable(s)) styles.push(singleQuoted(s));
	return styles;
}
/** Text that must stay exactly itself, dates and datetimes: plain, quoted, `!!timestamp` or `!!str`. */
function fixedTextStyles(text: string, plain: boolean): string[] {
	const base = [doubleQuoted(text, false), singleQuoted(text)];
	if (plain) base.push(text);
	return [...base, ...base.map((b) => `!!timestamp ${b}`), ...base.map((b) => `!!str ${b}`)];
}

// ---------------------------------------------------------------------------------------------
// The serialiser: every style choice is drawn from fast-check, so it shrinks and replays.

type Out = { inline: string } | { props: string; lines: string[] };

class Writer {
	private anchored = new Set<string>();
	constructor(private readonly pick: Pick) {}

	scalar(node: string | Dt | Raw): string {
		if (typeof node === 'string') return this.pick(stringStyles(node));
		if (node instanceof Dt) return this.pick(fixedTextStyles(node.text, true));
		if (!node.quotable) return node.text;
		return this.pick(fixedTextStyles(node.text, node.plain));
	}

	node(node: YNode, flow: boolean): Out {
		if (node instanceof Shared) {
			if (this.anchored.has(node.id)) return { inline: `*${node.id}` };
			this.anchored.add(node.id);
			const inner = this.node(node.value, flow);
			if ('inline' in inner) return { inline: `&${node.id} ${inner.inline}` };
			return { props: `&${node.id}${inner.props ? ` ${inner.props}` : ''}`, lines: inner.lines };
		}
		if (typeof node === 'string' || node instanceof Dt || node instanceof Raw) return { inline: this.scalar(node) };
		if (Array.isArray(node)) {
			if (flow || node.length === 0 || this.pick([true, false])) {
				const items = node.map((item) => this.inline(item));
				return { inline: this.pick([`[${items.join(', ')}]`, `[ ${items.join(' , ')} ]`, `[${items.join(',')}]`]) };
			}
			const lines: string[] = [];
			for (const item of node) {
				const out = this.node(item, false);
				if ('inline' in out) lines.push(`- ${out.inline}`);
				else if (out.props) lines.push(`- ${out.props}`, ...out.lines.map((l) => `  ${l}`));
				else lines.push(`- ${out.lines[0]!}`, ...out.lines.slice(1).map((l) => `  ${l}`));
			}
			return { props: '', lines };
		}
		let entries: [string, YNode | { alias: string }][] = node.entries;
		if (node instanceof Merge) {
			const at = this.pick(Array.from({ length: node.entries.length + 1 }, (_, i) => i));
			entries = [...node.entries.slice(0, at), ['<<', { alias: node.id }], ...node.entries.slice(at)];
		}
		const value = (v: YNode | { alias: string }, inFlow: boolean): Out =>
			typeof v === 'object' && 'alias' in v && !(v instanceof Array) ? { inline: `*${v.alias}` } : this.node(v as YNode, inFlow);
		if (flow || this.pick([false, false, true])) {
			const parts = entries.map(([k, v]) => `${k}: ${(value(v, true) as { inline: string }).inline}`);
			return { inline: `{ ${parts.join(', ')} }` };
		}
		const lines: string[] = [];
		for (const [k, v] of entries) {
			const out = value(v, false);
			if ('inline' in out) lines.push(`${k}: ${out.inline}`);
			else {
				lines.push(`${k}:${out.props ? ` ${out.props}` : ''}`);
				const isSeq = out.lines[0]!.startsWith('- ') || out.lines[0] === '-';
				const indent = isSeq ? this.pick(['  ', '']) : this.pick(['  ', '    ']);
				lines.push(...out.lines.map((l) => indent + l));
			}
		}
		return { props: '', lines };
	}

	inline(node: YNode): string {
		return (this.node(node, true) as { inline: string }).inline;
	}

	/** The whole frontmatter block: the top-level fields in a random order, block style. */
	document(top: YMap): string {
		const order = this.pick([true, false])
			? top.entries
			: top.entries
					.map((entry, i) => ({ entry, key: this.pick([0, 1, 2, 3, 4, 5, 6, 7]) * 100 + i }))
					.sort((a, b) => a.key - b.key)
					.map(({ entry }) => entry);
		const lines: string[] = [];
		for (const [k, v] of order) {
			if (this.pick([false, false, false, true])) lines.push(this.pick(['# a comment', '', '#']));
			const out = this.node(v, false);
			if ('inline' in out) lines.push(`${k}: ${out.inline}`);
			else {
				lines.push(`${k}:${out.props ? ` ${out.props}` : ''}`);
				const isSeq = out.lines[0]!.startsWith('- ');
				const indent = isSeq ? this.pick(['  ', '']) : this.pick(['  ', '    ']);
				lines.push(...out.lines.map((l) => indent + l));
			}
		}
		const eol = this.pick(['\n', '\n', '\r\n']);
		return `---${eol}${lines.join(eol)}${eol}---${eol}`;
	}
}

// ---------------------------------------------------------------------------------------------
// Dates and datetimes, generated as components; their instants computed with Date.UTC.

const pad = (n: number, width: number) => String(n).padStart(width, '0');
const isLeap = (y: number) => (y % 4 === 0 && y % 100 !== 0) || y % 400 === 0;
const daysIn = (y: number, m: number) => [31, isLeap(y) ? 29 : 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31][m - 1]!;

const yearArb = fc.oneof(
	fc.integer({ min: 1990, max: 2040 }),
	fc.integer({ min: 1001, max: 9998 }),
	fc.constantFrom(1900, 2000, 2024, 2100, 2400, 1970, 1969)
);
interface Wall { y: number; mo: number; d: number; h: number; mi: number; s: number; ms: number }
const wallArb: fc.Arbitrary<Wall> = fc
	.record({
		y: yearArb,
		mo: fc.integer({ min: 1, max: 12 }),
		d: fc.oneof(fc.integer({ min: 1, max: 31 }), fc.constantFrom(1, 28, 29, 31)),
		h: fc.oneof(fc.integer({ min: 0, max: 23 }), fc.constantFrom(0, 23)),
		mi: fc.oneof(fc.integer({ min: 0, max: 59 }), fc.constantFrom(0, 59)),
		s: fc.oneof(fc.integer({ min: 0, max: 59 }), fc.constantFrom(0, 59)),
		ms: fc.oneof(fc.integer({ min: 0, max: 999 }), fc.constantFrom(0, 1, 500, 999)),
	})
	.map((w) => ({ ...w, d: Math.min(w.d, daysIn(w.y, w.mo)) }));

type Precision = 'minute' | 'second' | 'fraction';
/** Minutes east of UTC and how the offset is written. */
interface Zone { east: number; style: 'Z' | 'none' | 'colon' | 'basic' | 'hour'; negativeZero: boolean }
const zoneArb: fc.Arbitrary<Zone> = fc.oneof(
	fc.record({ east: fc.constant(0), style: fc.constantFrom('Z' as const, 'none' as const), negativeZero: fc.constant(false) }),
	fc.record({
		east: fc.oneof(fc.integer({ min: -14 * 60, max: 14 * 60 }), fc.constantFrom(0, 330, 345, -210, 840, -720, 23 * 60 + 59, -(23 * 60 + 59))),
		style: fc.constantFrom('colon' as const, 'basic' as const),
		negativeZero: fc.boolean(),
	}),
	fc.record({ east: fc.integer({ min: -14, max: 14 }).map((h) => h * 60), style: fc.constant('hour' as const), negativeZero: fc.boolean() })
);
interface DtStyle { precision: Precision; sep: 'T' | ' '; fraction: 'exact' | 'trimmed' | 'extra'; extra: string }
const dtStyleArb: fc.Arbitrary<DtStyle> = fc.record({
	precision: fc.constantFrom('minute' as const, 'second' as const, 'fraction' as const),
	sep: fc.constantFrom('T' as const, 'T' as const, ' ' as const),
	fraction: fc.constantFrom('exact' as const, 'trimmed' as const, 'extra' as const),
	// Digits past the millisecond that are below half a millisecond: rounding and truncating agree.
	extra: fc.stringMatching(/^[0-4][0-9]{0,5}$/),
});

function offsetText(zone: Zone): string {
	if (zone.style === 'Z') return 'Z';
	if (zone.style === 'none') return '';
	const sign = zone.east < 0 || (zone.east === 0 && zone.negativeZero) ? '-' : '+';
	const abs = Math.abs(zone.east);
	const hh = pad(Math.floor(abs / 60), 2);
	const mm = pad(abs % 60, 2);
	return zone.style === 'hour' ? `${sign}${hh}` : zone.style === 'colon' ? `${sign}${hh}:${mm}` : `${sign}${hh}${mm}`;
}

/** A datetime written from its wall-clock components in `zone`; its instant from Date.UTC. */
function dtFromWall(w: Wall, zone: Zone, style: DtStyle): Dt {
	const s = style.precision === 'minute' ? 0 : w.s;
	const ms = style.precision === 'fraction' ? w.ms : 0;
	let time = `${pad(w.h, 2)}:${pad(w.mi, 2)}`;
	if (style.precision !== 'minute') time += `:${pad(s, 2)}`;
	if (style.precision === 'fraction') {
		const digits = pad(ms, 3);
		time += `.${style.fraction === 'exact' ? digits : style.fraction === 'trimmed' ? digits.replace(/0+$/, '') || '0' : digits + style.extra}`;
	}
	const text = `${pad(w.y, 4)}-${pad(w.mo, 2)}-${pad(w.d, 2)}${style.sep}${time}${offsetText(zone)}`;
	return new Dt(text, Date.UTC(w.y, w.mo - 1, w.d, w.h, w.mi, s, ms) - zone.east * 60_000);
}

/** The instant `ms` written in `zone`: its wall clock there, read off a shifted Date. */
function dtFromInstant(ms: number, zone: Zone, style: DtStyle): Dt {
	const unit = style.precision === 'minute' ? 60_000 : style.precision === 'second' ? 1000 : 1;
	const aligned = Math.ceil(ms / unit) * unit;
	const local = new Date(aligned + zone.east * 60_000);
	const wall: Wall = {
		y: local.getUTCFullYear(), mo: local.getUTCMonth() + 1, d: local.getUTCDate(),
		h: local.getUTCHours(), mi: local.getUTCMinutes(), s: local.getUTCSeconds(), ms: local.getUTCMilliseconds(),
	};
	const dt = dtFromWall(wall, zone, style);
	if (dt.ms !== aligned) throw new Error(`test bug: ${dt.text} is not ${aligned}`);
	return dt;
}

const datetimeArb: fc.Arbitrary<Dt> = fc.tuple(wallArb, zoneArb, dtStyleArb).map(([w, z, s]) => dtFromWall(w, z, s));

/** A valid `YYYY-MM-DD`, often the 29th of February of a leap year. */
const dateArb: fc.Arbitrary<string> = fc.oneof(
	wallArb.map((w) => `${pad(w.y, 4)}-${pad(w.mo, 2)}-${pad(w.d, 2)}`),
	yearArb.filter(isLeap).map((y) => `${pad(y, 4)}-02-29`),
	fc.constantFrom('2000-02-29', '2024-02-29', '1996-02-29', '2400-02-29', '2023-12-31', '2024-01-01')
);

/** started ≤ detected ≤ mitigated ≤ resolved, with equal instants written in different zones. */
const timesArb = fc
	.record({
		first: datetimeArb,
		steps: fc.array(
			fc.record({
				how: fc.constantFrom('same', 'near', 'far', 'anywhere'),
				delta: fc.oneof(fc.integer({ min: 0, max: 1000 }), fc.integer({ min: 0, max: 3 * 3_600_000 }), fc.integer({ min: 0, max: 30 * 86_400_000 })),
				zone: zoneArb,
				style: dtStyleArb,
				other: datetimeArb,
			}),
			{ minLength: 1, maxLength: 3 }
		),
		middle: fc.constantFrom('detected', 'mitigated'),
	})
	.map(({ first, steps, middle }) => {
		let times: Dt[] = [first];
		for (const step of steps) {
			const previous = times[times.length - 1]!;
			if (step.how === 'same') times.push(dtFromInstant(previous.ms, step.zone, step.style));
			else if (step.how === 'near' || step.how === 'far') {
				const delta = step.how === 'near' ? step.delta % 3_600_000 : step.delta;
				const next = dtFromInstant(previous.ms + delta, step.zone, step.style);
				times.push(next.ms > 253_402_000_000_000 ? previous : next);
			} else times.push(step.other);
		}
		times = times.sort((a, b) => a.ms - b.ms);
		const [started, ...rest] = times;
		const resolved = rest.pop()!;
		const named: { started: Dt; resolved: Dt; detected?: Dt; mitigated?: Dt } = { started: started!, resolved };
		if (rest.length === 2) [named.detected, named.mitigated] = [rest[0]!, rest[1]!];
		else if (rest.length === 1) named[middle as 'detected' | 'mitigated'] = rest[0]!;
		return named;
	});

// ---------------------------------------------------------------------------------------------
// Strings.

const wellFormed = (s: string) => s.isWellFormed();
/** Any text (the contract puts no limit on it), including empty, spaces and every plane. */
const anyTextArb = (maxUnits: number) =>
	fc
		.oneof(
			fc.string({ unit: 'grapheme-ascii', maxLength: maxUnits }),
			fc.string({ unit: 'grapheme', maxLength: Math.ceil(maxUnits / 4) }),
			fc.string({ unit: 'binary', maxLength: Math.floor(maxUnits / 2) }),
			fc.stringMatching(/^[A-Za-zÀ-ÿ][A-Za-zÀ-ÿ0-9 ._/()'-]{0,30}[A-Za-z0-9]$/),
			fc.constantFrom('', ' ', 'null', 'true', '~', '2024-03-05', '12', 'a: b', '- x', '# not a comment', '"', "'", '\\', 'é', '日本語', '🔥 incident', 'a\nb')
		)
		.filter((s) => s.length <= maxUnits && wellFormed(s));
/** Text that the schema keeps as written: no surrounding white space, not empty. */
const trimmedTextArb = (maxUnits: number) => anyTextArb(maxUnits).filter((s) => s.length > 0 && s.trim() === s);
/** Characters as the contract counts them for its length limits: code points. */
const characters = (s: string) => [...s].length;
/** Text within `max` characters, every plane, no surrounding white space, not empty. */
const limitedTextArb = (max: number) =>
	fc
		.oneof(
			anyTextArb(max),
			fc.string({ unit: 'binary', maxLength: max }),
			fc.string({ unit: 'grapheme', maxLength: Math.ceil(max / 3) })
		)
		.filter((s) => wellFormed(s) && s.length > 0 && s.trim() === s && characters(s) <= max);
/** Exactly `n` characters (ASCII, or any plane), no surrounding white space: the limit itself. */
const exactLengthArb = (n: number) =>
	fc
		.oneof(fc.string({ unit: 'grapheme-ascii', minLength: n, maxLength: n }), fc.string({ unit: 'binary', minLength: n, maxLength: n }).filter(wellFormed))
		.map((s) => s.replace(/^\s+|\s+$/g, (m) => 'x'.repeat(m.length)));
const titleArb = fc.oneof(limitedTextArb(200), exactLengthArb(200), exactLengthArb(1), fc.constant('🔥'.repeat(200)));
const summaryArb = fc.oneof(limitedTextArb(600), exactLengthArb(600), limitedTextArb(60));

const wordArb = fc.stringMatching(/^[a-z][a-z0-9-]{0,12}[a-z0-9]$/);
const urlArb = fc
	.tuple(fc.constantFrom('http', 'https'), fc.array(wordArb, { minLength: 1, maxLength: 3 }), fc.stringMatching(/^[a-z]{2,6}$/), fc.stringMatching(/^(\/[a-z0-9_-]{0,8}){0,3}$/))
	.map(([scheme, labels, tld, path]) => `${scheme}://${labels.join('.')}.${tld}${path}`);

/** An integer as YAML's core schema writes one, and its value. */
const intArb = fc
	.tuple(fc.oneof(fc.nat(1000), fc.nat(), fc.maxSafeNat()), fc.constantFrom('dec', 'dec', 'plus', 'hex', 'HEX', 'oct'))
	.map(([n, style]) => ({
		n,
		text: style === 'dec' ? String(n) : style === 'plus' ? `+${n}` : style === 'hex' ? `0x${n.toString(16)}` : style === 'HEX' ? `0x${n.toString(16).toUpperCase()}` : `0o${n.toString(8)}`,
	}));
const boolArb = fc.tuple(fc.boolean(), fc.constantFrom('lower', 'Title', 'UPPER')).map(([b, style]) => {
	const word = String(b);
	return { b, text: style === 'lower' ? word : style === 'UPPER' ? word.toUpperCase() : word[0]!.toUpperCase() + word.slice(1) };
});

// ---------------------------------------------------------------------------------------------
// Valid frontmatter: the YAML model and, beside it, what validation must return.

/** What a datetime must read back as. */
const at = (dt: Dt) => ({ instant: dt.ms });

const opt = <T,>(arb: fc.Arbitrary<T>) => fc.option(arb, { nil: undefined });

const timelineEntryArb = fc.record({
	at: datetimeArb,
	event: anyTextArb(80),
	kind: opt(fc.constantFrom(...TIMELINE_KINDS)),
	merge: fc.boolean(),
	override: fc.subarray(['at', 'event', 'kind'] as const),
});

const specArb = fc.record({
	title: titleArb,
	summary: summaryArb,
	severity: fc.constantFrom(...SEVERITIES),
	times: timesArb,
	services: fc.array(trimmedTextArb(40), { minLength: 1, maxLength: 4 }),
	impact: fc.record({
		description: anyTextArb(120),
		usersAffected: opt(intArb),
		customerFacing: opt(boolArb),
		dataLoss: opt(boolArb),
	}),
	rootCauses: fc.subarray([...ROOT_CAUSES], { minLength: 1 }),
	status: opt(fc.constantFrom(...STATUSES)),
	visibility: opt(fc.constantFrom(...VISIBILITIES)),
	teams: opt(fc.array(anyTextArb(30), { maxLength: 3 })),
	authors: opt(fc.array(anyTextArb(30), { maxLength: 3 })),
	reviewers: opt(fc.array(anyTextArb(30), { maxLength: 3 })),
	tags: opt(fc.array(anyTextArb(20), { maxLength: 3 })),
	trigger: opt(anyTextArb(80)),
	detection: opt(fc.constantFrom(...DETECTIONS)),
	contributingFactors: opt(fc.array(fc.record({ kind: fc.constantFrom(...FACTOR_KINDS), description: anyTextArb(60) }), { maxLength: 3 })),
	timeline: opt(fc.array(timelineEntryArb, { minLength: 1, maxLength: 5 })),
	lessons: opt(fc.array(fc.record({ kind: fc.constantFrom(...LESSON_KINDS), text: anyTextArb(60), tags: opt(fc.array(anyTextArb(15), { maxLength: 3 })) }), { maxLength: 3 })),
	actionItems: opt(
		fc.array(
			fc.record({
				title: anyTextArb(60),
				type: fc.constantFrom(...ACTION_TYPES),
				owner: anyTextArb(30),
				status: opt(fc.constantFrom(...ACTION_STATUSES)),
				due: opt(dateArb),
				link: opt(urlArb),
			}),
			{ maxLength: 4 }
		)
	),
	trainingGaps: opt(fc.array(fc.record({ topic: anyTextArb(40), audience: opt(anyTextArb(30)), description: opt(anyTextArb(60)) }), { maxLength: 3 })),
	related: opt(fc.array(fc.tuple(fc.constantFrom(...POSTMORTEM_IDS), fc.constantFrom('as-is', 'slashes', 'upper')), { maxLength: 3 })),
	onboarding: opt(boolArb),
	shareStartedWithTimeline: fc.boolean(),
	shareServiceWithTags: fc.boolean(),
});
type Spec = typeof specArb extends fc.Arbitrary<infer T> ? T : never;

interface Built {
	top: YMap;
	expected: Record<string, unknown>;
	times: { started: Dt; resolved: Dt; detected?: Dt; mitigated?: Dt };
}

/** The YAML model of a spec, and the data validation must return for it. */
function build(spec: Spec): Built {
	const top: [string, YNode][] = [];
	const expected: Record<string, unknown> = {};
	const { times } = spec;
	const startedNode: YNode = spec.shareStartedWithTimeline && spec.timeline ? new Shared('started', times.started) : times.started;

	top.push(['title', spec.title], ['summary', spec.summary], ['severity', spec.severity], ['started', startedNode], ['resolved', times.resolved]);
	Object.assign(expected, { title: spec.title, summary: spec.summary, severity: spec.severity, started: at(times.started), resolved: at(times.resolved) });
	if (times.detected) top.push(['detected', times.detected]);
	if (times.mitigated) top.push(['mitigated', times.mitigated]);
	expected['detected'] = times.detected ? at(times.detected) : undefined;
	expected['mitigated'] = times.mitigated ? at(times.mitigated) : undefined;

	const services: YNode[] = [...spec.services];
	if (spec.shareServiceWithTags) services[0] = new Shared('svc', spec.services[0]!);
	top.push(['services', services]);
	expected['services'] = spec.services;

	const impact: [string, YNode][] = [['description', spec.impact.description]];
	const impactOut: Record<string, unknown> = { description: spec.impact.description };
	if (spec.impact.usersAffected) {
		impact.push(['usersAffected', new Raw(spec.impact.usersAffected.text, false)]);
		impactOut['usersAffected'] = spec.impact.usersAffected.n;
	}
	for (const key of ['customerFacing', 'dataLoss'] as const) {
		const value = spec.impact[key];
		if (value) {
			impact.push([key, new Raw(value.text, false)]);
			impactOut[key] = value.b;
		}
	}
	top.push(['impact', new YMap(impact)]);
	expected['impact'] = impactOut;

	top.push(['rootCauses', [...spec.rootCauses]]);
	expected['rootCauses'] = spec.rootCauses;

	for (const key of ['status', 'visibility', 'detection', 'trigger'] as const) {
		const value = spec[key];
		if (value !== undefined) top.push([key, value]);
	}
	expected['status'] = spec.status ?? 'published';
	expected['visibility'] = spec.visibility ?? 'internal';
	expected['detection'] = spec.detection;
	expected['trigger'] = spec.trigger;

	for (const key of ['teams', 'authors', 'reviewers'] as const) {
		const value = spec[key];
		if (value) top.push([key, [...value]]);
		expected[key] = value ?? [];
	}
	const tags: YNode[] = [...(spec.tags ?? [])];
	const tagsOut = [...(spec.tags ?? [])];
	if (spec.shareServiceWithTags) {
		tags.push(services[0]!);
		tagsOut.push(spec.services[0]!);
	}
	if (spec.tags || spec.shareServiceWithTags) top.push(['tags', tags]);
	expected['tags'] = tagsOut;

	if (spec.contributingFactors) {
		top.push(['contributingFactors', spec.contributingFactors.map((f) => new YMap([['kind', f.kind], ['description', f.description]]))]);
	}
	expected['contributingFactors'] = spec.contributingFactors ?? [];

	if (spec.timeline) {
		const nodes: YNode[] = [];
		const out: Record<string, unknown>[] = [];
		const merging = spec.timeline.slice(1).some((e) => e.merge);
		spec.timeline.forEach((entry, i) => {
			const own: Record<string, unknown> = { at: entry.at, event: entry.event, ...(entry.kind ? { kind: entry.kind } : {}) };
			if (i === 0 && spec.shareStartedWithTimeline) own['at'] = times.started;
			if (i > 0 && entry.merge) {
				// `<<: *tl0` plus the keys this entry overrides: explicit keys win over merged ones.
				const first = out[0]!;
				const overrides = entry.override.filter((k) => own[k] !== undefined);
				const merged: Record<string, unknown> = { ...first };
				for (const k of overrides) merged[k] = own[k] instanceof Dt ? at(own[k]) : own[k];
				nodes.push(new Merge('tl0', overrides.map((k) => [k, own[k] as YNode])));
				out.push(merged);
				return;
			}
			const entries: [string, YNode][] = [['at', i === 0 && spec.shareStartedWithTimeline ? startedNode : entry.at], ['event', entry.event]];
			if (entry.kind) entries.push(['kind', entry.kind]);
			const map = new YMap(entries);
			nodes.push(i === 0 && merging ? new Shared('tl0', map) : map);
			out.push({ at: at(own['at'] as Dt), event: entry.event, ...(entry.kind ? { kind: entry.kind } : {}) });
		});
		top.push(['timeline', nodes]);
		expected['timeline'] = out;
	} else expected['timeline'] = [];

	if (spec.lessons) {
		top.push(['lessons', spec.lessons.map((l) => new YMap([['kind', l.kind], ['text', l.text], ...(l.tags ? [['tags', [...l.tags]] as [string, YNode]] : [])]))]);
	}
	expected['lessons'] = (spec.lessons ?? []).map((l) => ({ kind: l.kind, text: l.text, tags: l.tags ?? [] }));

	if (spec.actionItems) {
		top.push([
			'actionItems',
			spec.actionItems.map((a) => {
				const entries: [string, YNode][] = [['title', a.title], ['type', a.type], ['owner', a.owner]];
				if (a.status) entries.push(['status', a.status]);
				if (a.due) entries.push(['due', new Raw(a.due, true)]);
				if (a.link) entries.push(['link', a.link]);
				return new YMap(entries);
			}),
		]);
	}
	expected['actionItems'] = (spec.actionItems ?? []).map((a) => ({
		title: a.title, type: a.type, owner: a.owner, status: a.status ?? 'open',
		...(a.due ? { due: a.due } : {}), ...(a.link ? { link: a.link } : {}),
	}));

	if (spec.trainingGaps) {
		top.push([
			'trainingGaps',
			spec.trainingGaps.map((t) => new YMap([['topic', t.topic], ...(t.audience !== undefined ? [['audience', t.audience] as [string, YNode]] : []), ...(t.description !== undefined ? [['description', t.description] as [string, YNode]] : [])])),
		]);
	}
	expected['trainingGaps'] = (spec.trainingGaps ?? []).map((t) => ({
		topic: t.topic, ...(t.audience !== undefined ? { audience: t.audience } : {}), ...(t.description !== undefined ? { description: t.description } : {}),
	}));

	if (spec.related) {
		top.push(['related', spec.related.map(([id, how]) => (how === 'slashes' ? `/${id}/` : how === 'upper' ? id.toUpperCase() : id))]);
	}
	expected['related'] = (spec.related ?? []).map(([id]) => id);

	if (spec.onboarding) top.push(['onboarding', new Raw(spec.onboarding.text, false)]);
	expected['onboarding'] = spec.onboarding?.b ?? false;
	// Only tools write the review mark; a file written by hand reads back without it.
	expected['needsReview'] = [];

	for (const key of Object.keys(expected)) if (expected[key] === undefined) delete expected[key];
	return { top: new YMap(top), expected, times };
}

/** Validation's result with every Date as `{ instant }`, comparable to the expected data. */
function comparable(value: unknown): unknown {
	if (value instanceof Date) return { instant: value.getTime() };
	if (Array.isArray(value)) return value.map(comparable);
	if (value && typeof value === 'object') {
		return Object.fromEntries(Object.entries(value).filter(([, v]) => v !== undefined).map(([k, v]) => [k, comparable(v)]));
	}
	return value;
}

const bodyArb = fc.oneof(fc.constant(''), fc.constant('# Incident\n\nIt broke.\n'), fc.string({ unit: 'grapheme', maxLength: 40 }), fc.constant('---\nnot: frontmatter\n---\n'));

function validate(text: string): { problems: ContentProblem[] } | { data: unknown } {
	const read = readPostmortemText(FILE, text);
	if ('problems' in read) return read;
	return validatePostmortem(FILE, read, schema);
}

/** The invariants of every problem: it names the file, says something, prints, and has a real line. */
function checkProblems(problems: ContentProblem[], text: string) {
	expect(problems.length).toBeGreaterThan(0);
	const lines = text.split('\n').length;
	for (const p of problems) {
		expect(p.file).toBe(FILE);
		expect(typeof p.message).toBe('string');
		expect(p.message.trim()).not.toBe('');
		expect(formatProblem(p)).toContain(p.message);
		if (p.line !== undefined) {
			expect(Number.isInteger(p.line)).toBe(true);
			expect(p.line).toBeGreaterThanOrEqual(1);
			expect(p.line).toBeLessThanOrEqual(lines);
		}
	}
}

// ---------------------------------------------------------------------------------------------
// 1. Valid files are accepted, and read back as written.

describe('frontmatter properties', () => {
	it('accepts every valid file, whatever YAML style it is written in, and reads back exactly what was written', () => {
		fc.assert(
			fc.property(specArb, fc.gen(), bodyArb, (spec, g, body) => {
				const built = build(spec);
				const text = new Writer(pickerOf(g)).document(built.top) + body;
				const result = validate(text);
				if ('problems' in result) {
					throw new Error(`refused a valid file:\n${text}\n${result.problems.map(formatProblem).join('\n')}`);
				}
				const data = result.data as Record<string, unknown>;
				expect(data['started']).toBeInstanceOf(Date);
				expect(data['resolved']).toBeInstanceOf(Date);
				expect(comparable(data)).toEqual(built.expected);
				const read = readPostmortemText(FILE, text);
				expect('body' in read && read.body).toBe(body);
			}),
			{ numRuns: 200 }
		);
	});

	// -----------------------------------------------------------------------------------------
	// 2. One broken field is refused, and the problem names it.

	/** A datetime with one component out of range or malformed, or a date where a datetime is due. */
	const badDatetimeArb = fc
		.tuple(wallArb, zoneArb, fc.constantFrom('T', ' '), fc.integer({ min: 0, max: 999 }), fc.constantFrom(
			'feb30', 'feb29-common-year', 'day-past-month-end', 'month13', 'month00', 'day00', 'day32', 'hour24', 'hour25+', 'minute60', 'offset+24', 'offset-24',
			'offset-minute60', 'one-digit-month', 'one-digit-day', 'one-digit-hour', 'date-alone', 'date-alone', 'garbage'
		))
		.map(([w, zone, sep, n, kind]) => {
			let Y = pad(w.y, 4), M = pad(w.mo, 2), D = pad(w.d, 2), h = pad(w.h, 2), m = pad(w.mi, 2);
			let off = offsetText(zone);
			const nonLeap = [2023, 1900, 2100, 2019, 2200][n % 5]!;
			switch (kind) {
				case 'feb30': M = '02'; D = n % 2 ? '30' : '31'; break;
				case 'feb29-common-year': Y = String(nonLeap); M = '02'; D = '29'; break;
				case 'day-past-month-end': M = pad([4, 6, 9, 11][n % 4]!, 2); D = '31'; break;
				case 'month13': M = String(13 + (n % 87)); break;
				case 'month00': M = '00'; break;
				case 'day00': D = '00'; break;
				case 'day32': D = String(32 + (n % 68)); break;
				case 'hour24': h = '24'; break;
				case 'hour25+': h = String(25 + (n % 75)); break;
				case 'minute60': m = String(60 + (n % 40)); break;
				case 'offset+24': off = `+${24 + (n % 76)}:${pad(n % 60, 2)}`; break;
				case 'offset-24': off = `-24${n % 2 ? ':' : ''}00`; break;
				case 'offset-minute60': off = `${n % 2 ? '+' : '-'}05${n % 3 ? ':' : ''}${60 + (n % 40)}`; break;
				case 'one-digit-month': M = String(1 + (n % 9)); break;
				case 'one-digit-day': D = String(1 + (n % 9)); break;
				case 'one-digit-hour': h = String(n % 10); break;
				case 'date-alone': return new Raw(`${Y}-${M}-${D}`, true);
				default: return new Raw(['yesterday', '2024-03-05T10:00:00ZZ', '24-03-05T10:00Z', '2024/03/05 10:00', '', 'now', '2024-03-05T10:00:00+5:30', '2024-03-05T', 'T10:00:00Z'][n % 9]!, true, n % 9 !== 4);
			}
			return new Raw(`${Y}-${M}-${D}${sep}${h}:${m}:${pad(w.s, 2)}${off}`, true);
		});
	const badDateArb = fc
		.tuple(yearArb, fc.integer({ min: 0, max: 999 }), fc.constantFrom('feb30', 'feb29-common-year', 'day-past-month-end', 'month13', 'month00', 'day00', 'day32', 'one-digit', 'datetime', 'number', 'words'))
		.map(([y, n, kind]) => {
			const Y = pad(y, 4);
			switch (kind) {
				case 'feb30': return new Raw(`${Y}-02-30`, true);
				case 'feb29-common-year': return new Raw(`${[2023, 1900, 2100, 2019, 2200][n % 5]}-02-29`, true);
				case 'day-past-month-end': return new Raw(`${Y}-${pad([4, 6, 9, 11][n % 4]!, 2)}-31`, true);
				case 'month13': return new Raw(`${Y}-${13 + (n % 87)}-01`, true);
				case 'month00': return new Raw(`${Y}-00-10`, true);
				case 'day00': return new Raw(`${Y}-05-00`, true);
				case 'day32': return new Raw(`${Y}-01-${32 + (n % 68)}`, true);
				case 'one-digit': return new Raw(n % 2 ? `${Y}-3-05` : `${Y}-03-5`, true);
				case 'datetime': return new Raw(`${Y}-03-05T10:00:00Z`, true);
				case 'number': return new Raw(`${y}0305`, false);
				default: return new Raw(['tomorrow', 'next week', '05/03/2024', '2024-03'][n % 4]!, true);
			}
		});
	const badUsersArb = fc.oneof(
		fc.integer({ min: 1, max: 1e9 }).map((n) => new Raw(`-${n}`, false)),
		fc.tuple(fc.nat(1e6), fc.integer({ min: 1, max: 999 })).map(([a, b]) => new Raw(`${a}.${pad(b, 3).replace(/0+$/, '')}`, false)),
		fc.constantFrom(new Raw('-1', false), new Raw('0.5', false), new Raw('.inf', false), new Raw('-.inf', false), new Raw('.nan', false), new Raw('1e400', false),
			new Raw('true', false), new Raw('~', false), new Raw('', false), new Raw('12', true, false), new Raw('many', true), new Raw('1,000', true, false)),
		fc.constant(['12'] as YNode[])
	);
	const badSeverityArb = fc.oneof(
		fc.constantFrom('SEV0', 'SEV6', 'SEV9', 'SEV10', 'SEV-1', 'SEV', 'S1', 'P1', 'critical', 'high', '', '1'),
		fc.integer({ min: 6, max: 99 }).map((n) => `SEV${n}`),
		fc.constantFrom(new Raw('1', false), new Raw('~', false), ['SEV1'] as YNode[], new YMap([['level', 'SEV1']]))
	);
	const unknownKeyArb = fc
		.oneof(
			fc.stringMatching(/^[a-zA-Z_][a-zA-Z0-9_-]{0,20}$/),
			fc.tuple(fc.constantFrom(...TOP_LEVEL_FIELDS), fc.nat()).map(([k, n]) => {
				const i = n % k.length;
				return [k.slice(0, i) + k.slice(i + 1), k[0]!.toUpperCase() + k.slice(1), `${k}s`, k.slice(0, i) + k[i]! + k.slice(i)][n % 4]!;
			})
		)
		.filter((k) => !(TOP_LEVEL_FIELDS as readonly string[]).includes(k) && !/^(null|true|false|yes|no|on|off|y|n)$/i.test(k));
	const longTextArb = (over: number) =>
		fc
			.oneof(
				fc.string({ unit: 'grapheme-ascii', minLength: over + 1, maxLength: over + 150 }),
				fc.string({ unit: 'binary', minLength: over + 1, maxLength: over + 50 }).filter(wellFormed)
			)
			.map((s) => s.replace(/^\s+|\s+$/g, (m) => 'x'.repeat(m.length)));
	const wrongTypeArb = fc.constantFrom<YNode>(
		['a', 'b'], [], new YMap([['text', 'x']]), new Raw('42', false), new Raw('3.5', false), new Raw('true', false), new Raw('~', false), new Raw('null', false), new Raw('', false)
	);

	/** A mutation: which field, and the new node; `host` shares it through an alias from a text field. */
	type Mutation =
		| { kind: 'set'; field: string; path: (string | number)[]; value: YNode; viaAlias: boolean }
		| { kind: 'unknown'; field: string; path: string[]; value: YNode }
		| { kind: 'merged'; value: YNode }
		| { kind: 'order'; which: 'resolved-before-started' | 'detected-before-started' | 'mitigated-before-detected' | 'mitigated-before-started' | 'started-after-resolved' | 'detected-after-resolved'; delta: number; zone: Zone };

	const orderDeltaArb = fc.oneof(fc.integer({ min: 1, max: 999 }), fc.constantFrom(1, 1000, 60_000), fc.integer({ min: 1, max: 30 * 86_400_000 }));
	const mutationArb: fc.Arbitrary<Mutation> = fc.oneof(
		fc.record({
			kind: fc.constant('set' as const),
			target: fc.oneof(fc.constantFrom('started', 'detected', 'mitigated', 'resolved'), fc.nat(4).map((i) => `timeline[${i}].at`)),
			value: badDatetimeArb as fc.Arbitrary<YNode>,
			viaAlias: fc.boolean(),
		}).map(({ target, value, viaAlias }) => ({ kind: 'set' as const, field: target, path: pathOf(target), value, viaAlias })),
		// Through a merge key: timeline[1] is `<<: *tl0` and inherits the broken `at` of timeline[0].
		(badDatetimeArb as fc.Arbitrary<YNode>).map((value) => ({ kind: 'merged' as const, value })),
		fc.record({ i: fc.nat(3), value: badDateArb, viaAlias: fc.boolean() }).map(({ i, value, viaAlias }) => ({ kind: 'set' as const, field: `actionItems[${i}].due`, path: ['actionItems', i, 'due'], value: value as YNode, viaAlias })),
		fc.record({ value: badUsersArb as fc.Arbitrary<YNode>, viaAlias: fc.boolean() }).map(({ value, viaAlias }) => ({ kind: 'set' as const, field: 'impact.usersAffected', path: ['impact', 'usersAffected'], value, viaAlias })),
		fc.record({ value: badSeverityArb as fc.Arbitrary<YNode>, viaAlias: fc.boolean() }).map(({ value, viaAlias }) => ({ kind: 'set' as const, field: 'severity', path: ['severity'], value, viaAlias })),
		fc.record({ field: fc.constantFrom('title', 'summary'), viaAlias: fc.boolean() }).chain(({ field, viaAlias }) =>
			fc.oneof(longTextArb(field === 'title' ? 200 : 600), fc.constant(''), wrongTypeArb).map((value) => ({ kind: 'set' as const, field, path: [field], value: value as YNode, viaAlias }))
		),
		fc.record({
			target: fc.constantFrom('services', 'impact', 'rootCauses', 'timeline', 'onboarding', 'impact.customerFacing', 'started', 'actionItems[0].link'),
			viaAlias: fc.boolean(),
			n: fc.nat(),
		}).map(({ target, viaAlias, n }) => {
			const values: Record<string, YNode[]> = {
				services: ['payments-api', [], new YMap([['name', 'x']]), new Raw('~', false)],
				impact: ['bad', ['a'], new Raw('~', false), new YMap([['usersAffected', new Raw('3', false)]])],
				rootCauses: ['network', [], ['not-a-cause'], new Raw('7', false)],
				timeline: [new YMap([['at', '2024-03-05T10:00:00Z'], ['event', 'x']]), 'none', [new Raw('5', false)]],
				onboarding: ['yes', 'no', 'on', new Raw('1', false), 'true'],
				'impact.customerFacing': ['yes', 'y', new Raw('0', false), 'false'],
				started: [new Raw('1709647320', false), new Raw('2024', false), ['2024-03-05T10:00:00Z']],
				'actionItems[0].link': ['javascript:alert(1)', 'ftp://example.com/x', 'example.com', 'mailto:a@example.com', 'not a url'],
			};
			const options = values[target]!;
			return { kind: 'set' as const, field: target, path: pathOf(target), value: options[n % options.length]!, viaAlias };
		}),
		fc.record({ where: fc.constantFrom('top', 'top', 'top', 'impact', 'timeline', 'actionItems'), key: unknownKeyArb, value: fc.oneof(anyTextArb(20), datetimeArb as fc.Arbitrary<YNode>, fc.constant(['x'] as YNode[])) }).map(({ where, key, value }) => {
			if (where === 'top') return { kind: 'unknown' as const, field: key, path: [key], value: value as YNode };
			if (where === 'impact') return { kind: 'unknown' as const, field: `impact.${key}`, path: ['impact', key], value: value as YNode };
			return { kind: 'unknown' as const, field: `${where}[0].${key}`, path: [where, '0', key], value: value as YNode };
		}),
		fc.record({
			kind: fc.constant('order' as const),
			which: fc.constantFrom('resolved-before-started' as const, 'detected-before-started' as const, 'mitigated-before-detected' as const, 'mitigated-before-started' as const, 'started-after-resolved' as const, 'detected-after-resolved' as const),
			delta: orderDeltaArb,
			zone: zoneArb,
		})
	);

	function pathOf(field: string): (string | number)[] {
		return field.split(/\.|(?=\[)/).map((part) => (part.startsWith('[') ? Number(part.slice(1, -1)) : part));
	}

	const unwrap = (node: YNode | undefined): YNode | undefined => (node instanceof Shared ? unwrap(node.value) : node);
	const entriesOf = (node: YNode | undefined) => {
		const n = unwrap(node);
		return n instanceof YMap || n instanceof Merge ? n.entries : undefined;
	};
	function setEntry(entries: [string, YNode][], key: string, value: YNode) {
		const found = entries.find(([k]) => k === key);
		if (found) found[1] = value;
		else entries.push([key, value]);
	}
	function getEntry(entries: [string, YNode][], key: string): YNode | undefined {
		return entries.find(([k]) => k === key)?.[1];
	}

	/** Makes sure the list at `key` of `top` has an item `i` (a valid one), and returns the list. */
	function ensureItem(top: [string, YNode][], key: 'timeline' | 'actionItems', i: number): YNode[] {
		let list = unwrap(getEntry(top, key)) as YNode[] | undefined;
		if (!list) {
			list = [];
			setEntry(top, key, list);
		}
		while (list.length <= i) {
			list.push(key === 'timeline'
				? new YMap([['at', '2024-03-05T10:00:00Z'], ['event', 'something happened']])
				: new YMap([['title', 'fix it'], ['type', 'prevent'], ['owner', 'sre'], ['link', 'https://example.com/x']]));
		}
		return list;
	}

	/** Applies a mutation to the model; returns the field names of which one must be in a problem. */
	function mutate(built: Built, mutation: Mutation): string[] {
		const top = built.top.entries;
		const { times } = built;
		if (mutation.kind === 'order') {
			const style: DtStyle = { precision: 'fraction', sep: 'T', fraction: 'exact', extra: '' };
			const put = (field: string, ms: number) => setEntry(top, field, dtFromInstant(ms, mutation.zone, style));
			switch (mutation.which) {
				case 'resolved-before-started': put('resolved', times.started.ms - mutation.delta); return ['resolved'];
				case 'detected-before-started': put('detected', times.started.ms - mutation.delta); return ['detected'];
				case 'mitigated-before-started': put('mitigated', times.started.ms - mutation.delta); return ['mitigated'];
				case 'mitigated-before-detected': {
					const detected = times.detected ?? times.resolved;
					setEntry(top, 'detected', detected);
					put('mitigated', detected.ms - mutation.delta);
					return ['mitigated'];
				}
				case 'started-after-resolved':
					// `started` may be shared with timeline[0].at through an alias: break the link.
					put('started', times.resolved.ms + mutation.delta);
					return ['resolved'];
				case 'detected-after-resolved': put('detected', times.resolved.ms + mutation.delta); return ['detected', 'resolved'];
			}
		}
		if (mutation.kind === 'merged') {
			const list = ensureItem(top, 'timeline', 0);
			if (!(list[0] instanceof Shared)) list[0] = new Shared('tl0', list[0]!);
			setEntry(entriesOf(list[0])!, 'at', mutation.value);
			list.splice(1, 0, new Merge('tl0', [['event', 'merged']]));
			return ['timeline[1].at'];
		}
		if (mutation.kind === 'unknown') {
			const [first, second, key] = mutation.path;
			if (mutation.path.length === 1) {
				setEntry(top, first!, mutation.value);
				return [mutation.field];
			}
			if (first === 'impact') {
				entriesOf(getEntry(top, 'impact'))!.push([second!, mutation.value]);
				return [mutation.field];
			}
			const list = ensureItem(top, first as 'timeline' | 'actionItems', 0);
			const entries = entriesOf(list[0]);
			setEntry(entries!, key!, mutation.value);
			return [mutation.field];
		}
		// kind 'set': a string or string list can be shared through an alias from a text field.
		let value = mutation.value;
		const shareable = (typeof value === 'string' || (value instanceof Raw && value.quotable)) && mutation.viaAlias;
		const shareableList = Array.isArray(value) && value.every((v) => typeof v === 'string') && mutation.viaAlias;
		if (shareable || shareableList) {
			value = new Shared('bad', value);
			setEntry(top, shareable ? 'trigger' : 'tags', value);
		}
		const [first, second, third] = mutation.path;
		if (mutation.path.length === 1) setEntry(top, first as string, value);
		else if (first === 'impact') setEntry(entriesOf(getEntry(top, 'impact'))!, second as string, value);
		else {
			const list = ensureItem(top, first as 'timeline' | 'actionItems', second as number);
			let entries = entriesOf(list[second as number])!;
			// An entry that merges the first and does not override the key inherits the broken value.
			if (list[second as number] instanceof Merge && getEntry(entries, third as string) === undefined) entries = entriesOf(list[0])!;
			setEntry(entries, third as string, value);
		}
		return [mutation.field];
	}

	it('refuses a file with one field broken, on every YAML path, naming that field; it never throws', () => {
		fc.assert(
			fc.property(specArb, mutationArb, fc.gen(), (spec, mutation, g) => {
				const built = build(spec);
				const fields = mutate(built, mutation);
				const text = `${new Writer(pickerOf(g)).document(built.top)}Body\n`;
				const result = validate(text);
				if (!('problems' in result)) throw new Error(`accepted a broken file (${fields.join(' or ')}):\n${text}`);
				checkProblems(result.problems, text);
				const named = result.problems.map((p) => p.field);
				// The field itself, or a part of it (`rootCauses[0]` for a bad id in `rootCauses`).
				const names = (f: string | undefined) => f !== undefined && fields.some((field) => f === field || f.startsWith(`${field}.`) || f.startsWith(`${field}[`));
				if (!named.some(names)) {
					throw new Error(`no problem names ${fields.join(' or ')}:\n${text}\n${result.problems.map(formatProblem).join('\n')}`);
				}
			}),
			{ numRuns: 250 }
		);
	});

	// -----------------------------------------------------------------------------------------
	// 3. Nothing makes the pipeline throw.

	/** YAML-looking trees with anchors, aliases (also to an enclosing node), tags and merge keys. */
	const yamlKeyArb = fc.oneof(
		fc.constantFrom(...TOP_LEVEL_FIELDS, 'description', 'usersAffected', 'at', 'event', 'kind', 'due', 'link', '<<', '?', '"quoted key"', '[a, b]', '{a: b}', '1', 'true', '~', 'null', ''),
		wordArb
	);
	const yamlTagArb = fc.oneof({ arbitrary: fc.constant(''), weight: 8 }, { arbitrary: fc.constantFrom('!!timestamp ', '!!str '), weight: 1 }, fc.constantFrom('!!timestamp ', '!!str ', '!!int ', '!!float ', '!!bool ', '!!null ', '!!map ', '!!seq ', '!!binary ', '!!set ', '!!omap ', '!!merge ', '!custom ', '!<tag:yaml.org,2002:str> ', '! '));
	const anchorArb = fc.constantFrom('', '', '&a ', '&b ', '&c ');
	const yamlScalarArb = fc.oneof(
		// Aliases, often to a node that encloses them (a recursive structure) or to no anchor at all.
		{ arbitrary: fc.constantFrom('*a', '*b', '*c', '*zz'), weight: 3 },
		{
			arbitrary: fc.constantFrom('2024-03-05T10:00:00Z', '2024-02-30', '2024-03-05', '2024-13-01T00:00:00Z', '2024-03-05 25:00', '~', 'null', 'true', 'False', '0x1F', '0o17', '-.inf', '.nan', '1e400', '12', '-1', '1.5', 'SEV1', 'network', '|', '>-', '"', "'", '`', '@', '%', '&', '*', '!', '-', '? x', ': x'),
			weight: 3,
		},
		{ arbitrary: anyTextArb(20).map((s) => doubleQuoted(s, false)), weight: 1 },
		{ arbitrary: anyTextArb(20).map((s) => (singleQuotable(s) ? singleQuoted(s) : doubleQuoted(s, true))), weight: 1 },
		{ arbitrary: wordArb, weight: 1 }
	);
	/** YAML trees in flow style; `wellFormed` ones keep to scalars and tags that parse, to reach the schema. */
	const treeArb = (wellFormed: boolean) => {
		const scalar = wellFormed
			? fc.oneof(
					{ arbitrary: fc.constantFrom('*a', '*b', '*c'), weight: 3 },
					{ arbitrary: fc.constantFrom('2024-03-05T10:00:00Z', '2024-02-30', '2024-03-05', '~', 'true', '0x1F', '-.inf', '.nan', '12', '-1', '1.5', 'SEV1', 'network', 'published'), weight: 3 },
					{ arbitrary: anyTextArb(12).map((s) => doubleQuoted(s, false)), weight: 1 }
				)
			: yamlScalarArb;
		const tag = wellFormed ? fc.constantFrom('', '', '', '', '!!str ', '!!timestamp ') : yamlTagArb;
		const key = wellFormed ? fc.constantFrom(...TOP_LEVEL_FIELDS, 'description', 'usersAffected', 'at', 'event', 'kind', 'text', 'tags', 'due', 'link', '<<') : yamlKeyArb;
		return fc.letrec<{ tree: string; scalar: string; seq: string; map: string }>((tie) => ({
			tree: fc.oneof({ depthSize: 'small', withCrossShrink: true }, tie('scalar'), tie('seq'), tie('map')),
			// An anchor on an alias is not YAML: the well-formed trees put anchors on values only.
			scalar: fc.tuple(anchorArb, tag, scalar).map(([a, t, v]) => (wellFormed && v.startsWith('*') ? v : `${a}${t}${v}`)),
			seq: fc.tuple(anchorArb, wellFormed ? fc.constant('') : tag, fc.array(tie('tree'), { maxLength: 4 })).map(([a, t, items]) => `${a}${t}[${items.join(', ')}]`),
			map: fc
				.tuple(anchorArb, wellFormed ? fc.constant('') : tag, fc.uniqueArray(fc.tuple(key, tie('tree')), { maxLength: 4, selector: ([k]) => k }))
				.map(([a, t, entries]) => `${a}${t}{ ${entries.map(([k, v]) => `${k}: ${v}`).join(', ')} }`),
		})).tree;
	};
	const treeDocumentArb = fc.boolean().chain((wellFormed) =>
		fc
			.uniqueArray(fc.tuple(fc.oneof({ arbitrary: fc.constantFrom(...TOP_LEVEL_FIELDS), weight: 4 }, yamlKeyArb), treeArb(wellFormed)), { maxLength: 8, selector: ([k]) => k })
			.map((entries) => entries.map(([k, v]) => `${k}: ${v}`).join('\n'))
	);

	const yamlTokens = ['---', '...', ':', ': ', '- ', '-', '[', ']', '{', '}', ',', '&a', '*a', '&a [*a]', '<<: *a', '!!timestamp', '!!binary', '!!set', '%YAML 1.2', '%TAG ! tag:x,2000:', '? ', '|', '>', '#', '"', "'", '\\', '\t', '  ', '\n', '\r\n', '\r', '\u2028', '\uFEFF', '\u0000', 'title', 'started', 'timeline', 'impact', '2024-02-30T10:00:00Z', 'SEV1', '*', '&'];
	const tokenSoupArb = fc.array(fc.oneof(fc.constantFrom(...yamlTokens), anyTextArb(8)), { maxLength: 40 }).map((parts) => parts.join(''));
	const loneSurrogatesArb = fc.string({ unit: fc.integer({ min: 0, max: 0xffff }).map((c) => String.fromCharCode(c)), maxLength: 60 });

	/** A valid file with a few random edits: inserted tokens, deleted or replaced spans. */
	const editedValidArb = fc
		.tuple(specArb, fc.gen(), fc.array(fc.tuple(fc.nat(), fc.nat(8), fc.oneof(fc.constantFrom(...yamlTokens), anyTextArb(6))), { minLength: 1, maxLength: 4 }))
		.map(([spec, g, edits]) => {
			let text = new Writer(pickerOf(g)).document(build(spec).top);
			for (const [at, remove, insert] of edits) {
				const i = at % (text.length + 1);
				text = text.slice(0, i) + insert + text.slice(i + remove);
			}
			return text;
		});

	const frontmatterTextArb = fc.oneof(treeDocumentArb, tokenSoupArb, fc.string({ unit: 'binary', maxLength: 80 }), loneSurrogatesArb, fc.string({ unit: 'grapheme', maxLength: 40 }));
	const wholeTextArb = fc.oneof(
		{ arbitrary: fc.tuple(frontmatterTextArb, fc.constantFrom('---\n', '---\r\n', '\uFEFF---\n', '\n\n---\n', '+++\n', '')).map(([fm, open]) => `${open}${fm}\n---\nBody\n`), weight: 4 },
		{ arbitrary: editedValidArb, weight: 2 },
		{ arbitrary: fc.oneof(tokenSoupArb, loneSurrogatesArb), weight: 1 }
	);

	it('never throws on any text: it returns data or problems, and every problem names the file and says something', () => {
		fc.assert(
			fc.property(wholeTextArb, (text) => {
				const read = readPostmortemText(FILE, text);
				if ('problems' in read) {
					checkProblems(read.problems, text);
					return;
				}
				const result = validatePostmortem(FILE, read, schema);
				if ('problems' in result) checkProblems(result.problems, text);
				else expect(result.data.started).toBeInstanceOf(Date);
			}),
			{
				numRuns: 400,
				// Found by this property: an alias to an enclosing node makes a circular value, and
				// validatePostmortem throws "Converting circular structure to JSON" describing it.
				examples: [['---\ntitle: &a [*a]\n---\nBody\n']],
			}
		);
	});
});
