/**
 * Timelines as people write them: a table or a list of times and events, a date given once (or a
 * day per heading), a time zone stated once ("all times UTC", "Time (PDT)"), 12-hour clocks. Read
 * into instants only where the date and time are there to read; the words of each entry say which
 * moments are the start, the detection, the mitigation and the end.
 */
import type { List, Table } from 'mdast';
import { squeeze, textOf, type Block } from './text';

export interface Day {
	year: number;
	month: number;
	day: number;
}

const MONTHS = ['january', 'february', 'march', 'april', 'may', 'june', 'july', 'august', 'september', 'october', 'november', 'december'];
const MONTH = String.raw`(jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?|aug(?:ust)?|sept?(?:ember)?|oct(?:ober)?|nov(?:ember)?|dec(?:ember)?)\.?`;
const WEEKDAY = String.raw`(?:(?:mon|tue|tues|wed|thu|thur|thurs|fri|sat|sun)(?:day|nesday|sday|urday)?\.?,?\s+)?`;
const ORDINAL = String.raw`(?:st|nd|rd|th)?`;
const DATE_PATTERNS: [RegExp, (m: RegExpExecArray) => [number | undefined, number, number]][] = [
	[/(\d{4})[-/](\d{1,2})[-/](\d{1,2})(?!\d)/y, (m) => [Number(m[1]), Number(m[2]), Number(m[3])]],
	[new RegExp(String.raw`${WEEKDAY}${MONTH}\s+(\d{1,2})${ORDINAL}(?:,?\s+(\d{4}))?(?![\d:])`, 'iy'), (m) => [m[3] ? Number(m[3]) : undefined, monthNumber(m[1]!), Number(m[2])]],
	[new RegExp(String.raw`${WEEKDAY}(\d{1,2})${ORDINAL}\s+(?:of\s+)?${MONTH},?(?:\s+(\d{4}))?(?![\d:])`, 'iy'), (m) => [m[3] ? Number(m[3]) : undefined, monthNumber(m[2]!), Number(m[1])]],
];

function monthNumber(name: string): number {
	const lower = name.toLowerCase().slice(0, 3);
	return MONTHS.findIndex((month) => month.startsWith(lower)) + 1;
}

function validDay(year: number, month: number, day: number): boolean {
	if (month < 1 || month > 12 || day < 1) return false;
	return day <= new Date(Date.UTC(year, month, 0)).getUTCDate();
}

/** A date at `at` in the text (sticky), given the year to assume when the text names none. */
function dateAt(text: string, at: number, year?: number): { day: Day; end: number } | undefined {
	for (const [pattern, read] of DATE_PATTERNS) {
		pattern.lastIndex = at;
		const match = pattern.exec(text);
		if (!match) continue;
		const [y = year, month, day] = read(match);
		if (y === undefined || !validDay(y, month, day)) continue;
		return { day: { year: y, month, day }, end: match.index + match[0].length };
	}
	return undefined;
}

/** The first date anywhere in a text. */
export function findDate(text: string, year?: number): Day | undefined {
	for (let i = 0; i < text.length; i++) {
		if (i > 0 && /\w/.test(text[i - 1]!)) continue;
		const found = dateAt(text, i, year);
		if (found) return found.day;
	}
	return undefined;
}

/** A time zone as stated: a fixed offset in minutes east of UTC, or an IANA zone. */
export type Zone = { offset: number; name: string } | { iana: string; name: string };

const ABBREVIATIONS: Record<string, number> = {
	utc: 0, gmt: 0, z: 0, zulu: 0,
	est: -300, edt: -240, cst: -360, cdt: -300, mst: -420, mdt: -360, pst: -480, pdt: -420, akst: -540, akdt: -480, hst: -600,
	wet: 0, west: 60, bst: 60, cet: 60, cest: 120, eet: 120, eest: 180, msk: 180, ist: 330, sgt: 480, hkt: 480, jst: 540, kst: 540,
	awst: 480, acst: 570, acdt: 630, aest: 600, aedt: 660, nzst: 720, nzdt: 780,
};
const REGIONS: Record<string, string> = {
	pacific: 'America/Los_Angeles', 'us pacific': 'America/Los_Angeles', 'us/pacific': 'America/Los_Angeles', pt: 'America/Los_Angeles',
	eastern: 'America/New_York', 'us eastern': 'America/New_York', 'us/eastern': 'America/New_York', et: 'America/New_York',
	central: 'America/Chicago', 'us central': 'America/Chicago', 'us/central': 'America/Chicago', ct: 'America/Chicago',
	mountain: 'America/Denver', 'us mountain': 'America/Denver', 'us/mountain': 'America/Denver', mt: 'America/Denver',
};
const ZONE = String.raw`(?:(?:utc|gmt)\s*[+-−]\s*\d{1,2}(?::?\d{2})?|[+-−]\d{2}:?\d{2}|[a-z]+/[a-z_]+(?:/[a-z_]+)?|(?:us[ /])?(?:pacific|eastern|central|mountain)(?:\s+time)?|${Object.keys(ABBREVIATIONS).join('|')})`;
const ZONE_AT = new RegExp(String.raw`\(?\s*(${ZONE})\s*\)?(?![\w/])`, 'iy');

function validIana(name: string): boolean {
	try {
		new Intl.DateTimeFormat('en-US', { timeZone: name });
		return true;
	} catch {
		return false;
	}
}

/** Reads a zone's name (`UTC`, `PDT`, `UTC+2`, `+05:30`, `Europe/Berlin`, `US Pacific`). */
export function readZone(written: string): Zone | undefined {
	const name = squeeze(written).replace(/\s+time$/i, '');
	const lower = name.toLowerCase().replace('−', '-');
	if (lower in ABBREVIATIONS) return { offset: ABBREVIATIONS[lower]!, name };
	const offset = /^(?:utc|gmt)?\s*([+-])\s*(\d{1,2})(?::?(\d{2}))?$/.exec(lower);
	if (offset) {
		const minutes = Number(offset[2]) * 60 + Number(offset[3] ?? 0);
		return minutes <= 14 * 60 ? { offset: (offset[1] === '-' ? -1 : 1) * minutes, name } : undefined;
	}
	const region = REGIONS[lower];
	if (region) return { iana: region, name };
	if (/^[a-z]+\/[a-z_]+/i.test(name) && validIana(name)) return { iana: name, name };
	return undefined;
}

/** A zone stated for a whole timeline or document: "all times UTC", "Timezone: PDT", "Time (CET)". */
export function statedZone(text: string): Zone | undefined {
	const patterns = [
		new RegExp(String.raw`all\s+times\s+(?:are\s+)?(?:in\s+|shown\s+in\s+|given\s+in\s+)?(${ZONE})(?![\w/])`, 'i'),
		new RegExp(String.raw`times?\s+(?:are\s+)?(?:in|shown\s+in|given\s+in)\s+(${ZONE})(?![\w/])`, 'i'),
		new RegExp(String.raw`time\s*zone\s*(?:is|:)?\s*(${ZONE})(?![\w/])`, 'i'),
		new RegExp(String.raw`\btimes?\s*\(\s*(${ZONE})\s*\)`, 'i'),
		new RegExp(String.raw`timeline\s*\(\s*(${ZONE})\s*\)`, 'i'),
	];
	for (const pattern of patterns) {
		const match = pattern.exec(text);
		const zone = match && readZone(match[1]!);
		if (zone) return zone;
	}
	return undefined;
}

function ianaOffset(iana: string, utc: number): number {
	const part = new Intl.DateTimeFormat('en-US', { timeZone: iana, timeZoneName: 'longOffset' })
		.formatToParts(new Date(utc))
		.find((p) => p.type === 'timeZoneName')?.value ?? 'GMT';
	const match = /GMT([+-])(\d{2}):?(\d{2})?/.exec(part);
	return match ? (match[1] === '-' ? -1 : 1) * (Number(match[2]) * 60 + Number(match[3] ?? 0)) : 0;
}

/** A wall-clock time on a day in a zone, as an instant. */
export function toInstant(day: Day, hour: number, minute: number, second: number, zone: Zone): Date {
	const wall = Date.UTC(day.year, day.month - 1, day.day, hour, minute, second);
	if ('offset' in zone) return new Date(wall - zone.offset * 60_000);
	// The offset depends on the instant; two rounds settle it (away from the hour a clock changes).
	let utc = wall - ianaOffset(zone.iana, wall) * 60_000;
	utc = wall - ianaOffset(zone.iana, utc) * 60_000;
	return new Date(utc);
}

/** A time of day at the start of a text, with the date and zone written with it, and the rest. */
export interface Stamp {
	day?: Day | undefined;
	/** Undefined for a date alone. */
	time?: { hour: number; minute: number; second: number } | undefined;
	zone?: Zone | undefined;
	rest: string;
}

const TIME_AT = /(\d{1,2})(?::(\d{2})(?::(\d{2}))?(?:\.\d+)?\s*([aApP])\.?\s?[mM]\.?|:(\d{2})(?::(\d{2}))?(?:\.\d+)?|\s*([aApP])\.?\s?[mM]\.?)(?![0-9_a-yA-Y])(?!:\d)/y;

function timeAt(text: string, at: number): { time: NonNullable<Stamp['time']>; end: number } | undefined {
	TIME_AT.lastIndex = at;
	const m = TIME_AT.exec(text);
	if (!m) return undefined;
	let hour = Number(m[1]);
	const minute = Number(m[2] ?? m[5] ?? 0);
	const second = Number(m[3] ?? m[6] ?? 0);
	const half = (m[4] ?? m[7])?.toLowerCase();
	if (half) {
		if (hour < 1 || hour > 12) return undefined;
		hour = (hour % 12) + (half === 'p' ? 12 : 0);
	}
	if (hour > 23 || minute > 59 || second > 59) return undefined;
	return { time: { hour, minute, second }, end: m.index + m[0].length };
}

/** Reads `[2024-03-05] 14:02 UTC — event`, `2:15 PM: event`, `Mar 5, 09:00 PST event` or a date alone. */
export function readStamp(text: string, year?: number): Stamp | undefined {
	const source = text.replace(/^[\s*_[(]+/, '');
	let at = 0;
	const date = dateAt(source, at, year);
	if (date) at = date.end;
	if (date) at += /^(?:[*_\])]*\s*(?:,|at|@|T|-|–)?\s*[*_]*)/i.exec(source.slice(at))?.[0].length ?? 0;
	const time = timeAt(source, at);
	if (!date && !time) return undefined;
	let zone: Zone | undefined;
	if (time) {
		at = time.end;
		ZONE_AT.lastIndex = at;
		const z = /^\s*/.exec(source.slice(at))![0].length;
		ZONE_AT.lastIndex = at + z;
		const zm = ZONE_AT.exec(source);
		const read = zm && readZone(zm[1]!);
		if (read) {
			zone = read;
			at = zm!.index + zm![0].length;
		}
	}
	const rest = source.slice(at).replace(/^[\s\])*_]*(?:[-–—:|>]+\s*)?/, '').trim();
	return { day: date?.day, time: time?.time, zone, rest };
}

export type Kind = 'trigger' | 'detection' | 'escalation' | 'mitigation' | 'resolution' | 'communication' | 'other';

export interface Entry {
	at: Date;
	event: string;
	kind: Kind;
}

const BEGINS = /\b(?:outage|incident|impact|problem|issue|degradation|errors?|failures?)\s+(?:begins?|began|starts?|started)\b|\b(?:begins?|began|starts?|started) (?:to )?fail(?:ing)?\b|\bbegin(?:s|ning)? of (?:the )?(?:outage|incident|impact)\b|\b(?:start|beginning) of (?:the )?(?:outage|incident|impact)\b/i;
const ENDS = /\b(?:outage|incident|impact|problem|issue|degradation|errors?)\s+(?:ends|ended|over|resolved)\b|\bend of (?:the )?(?:outage|incident|impact)\b|\bresolved\b|\bfully (?:recovered|restored)\b|\ball[- ]clear\b|\bback to normal\b|\bclosed\b/i;
const KIND_WORDS: [Kind, RegExp][] = [
	['trigger', /\btrigger(?:ed)?\b|\b(?:outage|incident|impact) (?:begins|began|starts|started)\b/i],
	['resolution', ENDS],
	['mitigation', /\bmitigat(?:ed|ion|es)\b|\brolled back\b|\brollback (?:complete|completed|finished|done)\b|\bfailed over\b|\bworkaround\b|\brecover(?:s|ed|ing)?\b/i],
	['communication', /\bstatus ?page\b|\bannounce(?:d|ment)?\b|\bcustomers? (?:were )?(?:notified|informed|updated)\b|\btweet(?:ed)?\b|\bcommunicat(?:ed|ion)\b|\bpublished\b/i],
	['detection', /\bdetect(?:ed|s|ion)?\b|\bpaged\b|\bpages?\s|\balert(?:ed|s)?\b|\bnoticed\b|\bfirst (?:customer )?reports?\b|\breported\b/i],
	['escalation', /\bescalat(?:ed|es|ion)\b|\bincident (?:declared|opened)\b|\bdeclared\b|\bsev ?[0-9] declared\b/i],
];

/** What kind of moment an entry's words describe. */
export function kindOf(event: string): Kind {
	for (const [kind, words] of KIND_WORDS) if (words.test(event)) return kind;
	return 'other';
}

/** One line of a timeline as written, before dates are applied. */
interface Line {
	stamp: Stamp;
	/** The text as written (for a table: the row's other cells). */
	event: string;
}

function linesOfText(text: string, year?: number): Line[] {
	return text
		.split('\n')
		.map((line) => line.trim())
		.filter(Boolean)
		.flatMap((line) => {
			const stamp = readStamp(line, year);
			return stamp ? [{ stamp, event: stamp.rest }] : [];
		});
}

function linesOfTable(table: Table, year?: number): { lines: Line[]; zone?: Zone | undefined } {
	const [header, ...rows] = table.children;
	if (!header) return { lines: [] };
	const cells = (row: Table['children'][number]) => row.children.map((cell) => squeeze(textOf(cell)));
	const heads = cells(header);
	const zone = heads.map((head) => statedZone(head) ?? statedZone(`time (${/\((.*)\)/.exec(head)?.[1] ?? ''})`)).find(Boolean);
	const body = rows.map(cells);
	const stampColumn = (pick: (s: Stamp) => boolean) =>
		heads.findIndex((_, col) => {
			const stamps = body.map((row) => readStamp(row[col] ?? '', year)).filter((s): s is Stamp => !!s && pick(s));
			return stamps.length > 0 && stamps.length >= body.filter((row) => row[col]).length / 2;
		});
	const timeCol = stampColumn((s) => !!s.time);
	if (timeCol < 0) return { lines: [], zone };
	const dateCol = heads.findIndex((_, col) => col !== timeCol && body.some((row) => { const s = readStamp(row[col] ?? '', year); return !!s?.day && !s.time && !s.rest; }));
	const lines: Line[] = [];
	for (const row of body) {
		const stamp = readStamp(row[timeCol] ?? '', year);
		const dayStamp = dateCol >= 0 ? readStamp(row[dateCol] ?? '', year) : undefined;
		const others = row.filter((cell, col) => col !== timeCol && col !== dateCol && cell);
		const event = [stamp?.rest, ...others].filter(Boolean).join(' — ');
		if (dayStamp?.day && !stamp?.time) {
			lines.push({ stamp: { day: dayStamp.day, rest: '' }, event });
			continue;
		}
		if (!stamp) continue;
		lines.push({ stamp: { ...stamp, day: stamp.day ?? dayStamp?.day }, event });
	}
	return { lines, zone };
}

function linesOfList(list: List, year?: number): Line[] {
	return list.children.flatMap((item) => {
		const [first, ...more] = item.children;
		const own = first ? linesOfText(textOf(first).split('\n')[0] ?? '', year) : [];
		const line = own[0];
		// The item's other lines belong to its event (`- 14:02 X\n  more about X`).
		if (line && first) {
			const rest = [textOf(first).split('\n').slice(1).join(' '), ...more.filter((b) => b.type !== 'list').map((b) => textOf(b))].map(squeeze).filter(Boolean);
			if (rest.length) line.event = squeeze([line.event, ...rest].join(' '));
		}
		return [...own, ...more.flatMap((b) => (b.type === 'list' ? linesOfList(b, year) : []))];
	});
}

function linesOf(blocks: readonly Block[], year?: number): { lines: Line[]; zone?: Zone | undefined } {
	const lines: Line[] = [];
	let zone: Zone | undefined;
	for (const block of blocks) {
		if (block.type === 'table') {
			const read = linesOfTable(block, year);
			lines.push(...read.lines);
			zone ??= read.zone;
		} else if (block.type === 'list') lines.push(...linesOfList(block, year));
		else if (block.type === 'heading' || block.type === 'paragraph') lines.push(...linesOfText(textOf(block), year));
		else if (block.type === 'code') lines.push(...linesOfText(block.value, year));
		else if (block.type === 'blockquote') lines.push(...linesOf(block.children, year).lines);
	}
	return { lines, zone };
}

export interface TimelineReading {
	entries: Entry[];
	/** What a person should know about how the times were read. */
	notes: string[];
	/** Whether the reading made an assumption (no zone stated, a date taken from elsewhere). */
	assumed: boolean;
	/** Times that could not be placed: there was no date for them. */
	undated: number;
}

/**
 * Reads a timeline's blocks. `context` is the text around it that may state the zone or the date
 * (the timeline's heading and intro, the document), `day` the incident's date from elsewhere.
 */
export function readTimeline(blocks: readonly Block[], context: { heading: string; document: string; day?: Day | undefined; dayIsStated: boolean }): TimelineReading {
	const notes: string[] = [];
	let assumed = false;
	const intro = [context.heading, ...blocks.filter((b) => b.type !== 'table' && b.type !== 'list').map((b) => textOf(b))].join('\n');
	const firstDate = findDate(intro);
	const year = firstDate?.year ?? context.day?.year;
	const { lines, zone: tableZone } = linesOf(blocks, year);
	let zone = statedZone(intro) ?? tableZone ?? statedZone(context.document);
	const perEntryZone = lines.some((line) => line.stamp.zone);
	if (!zone && !perEntryZone && lines.some((l) => l.stamp.time)) {
		zone = { offset: 0, name: 'UTC' };
		assumed = true;
		notes.push('no time zone is stated: times were read as UTC');
	}
	let day = firstDate ?? context.day;
	const firstTimed = lines.findIndex((l) => l.stamp.time);
	const firstDated = lines.findIndex((l) => l.stamp.day);
	const fromElsewhere = !firstDate && firstTimed >= 0 && (firstDated < 0 || firstDated > firstTimed);
	if (day && fromElsewhere && !context.dayIsStated) {
		assumed = true;
		notes.push(`the timeline gives no date: its times were placed on ${isoDay(day)}, the first date in the document`);
	}
	const entries: Entry[] = [];
	let undated = 0;
	let last: Date | undefined;
	for (const line of lines) {
		if (line.stamp.day) day = line.stamp.day;
		if (!line.stamp.time) continue;
		if (!day || !line.event) {
			undated += line.event ? 1 : 0;
			continue;
		}
		const { hour, minute, second } = line.stamp.time;
		let at = toInstant(day, hour, minute, second, line.stamp.zone ?? zone ?? { offset: 0, name: 'UTC' });
		// 23:50 then 00:10 with no new date: the next day.
		if (last && at < last && !line.stamp.day && last.getTime() - at.getTime() > 6 * 3600_000) {
			const next = new Date(Date.UTC(day.year, day.month - 1, day.day + 1));
			day = { year: next.getUTCFullYear(), month: next.getUTCMonth() + 1, day: next.getUTCDate() };
			at = toInstant(day, hour, minute, second, line.stamp.zone ?? zone ?? { offset: 0, name: 'UTC' });
			if (!notes.some((n) => n.includes('past midnight'))) notes.push('times go past midnight with no new date: later entries were placed on the next day');
			assumed = true;
		}
		last = at;
		entries.push({ at, event: line.event, kind: kindOf(line.event) });
	}
	if (undated) notes.push(`${undated} timeline ${undated === 1 ? 'entry has' : 'entries have'} a time but no date anywhere in the document: left in the body only`);
	if (zone && entries.length && !notes.some((n) => n.startsWith('no time zone'))) notes.push(`times read in ${zone.name}`);
	return { entries, notes, assumed, undated };
}

export function isoDay(day: Day): string {
	return `${day.year}-${String(day.month).padStart(2, '0')}-${String(day.day).padStart(2, '0')}`;
}

/** The moments the timeline's words mark, where they are marked. */
export interface Moments {
	started?: Date | undefined;
	detected?: Date | undefined;
	mitigated?: Date | undefined;
	resolved?: Date | undefined;
}

export function momentsOf(entries: readonly Entry[]): Moments {
	const first = (test: (e: Entry) => boolean) => entries.find(test)?.at;
	const lastOf = (test: (e: Entry) => boolean) => [...entries].reverse().find(test)?.at;
	return {
		started: first((e) => BEGINS.test(e.event)),
		detected: first((e) => e.kind === 'detection'),
		mitigated: first((e) => e.kind === 'mitigation'),
		resolved: lastOf((e) => ENDS.test(e.event) || /\bENDS\b/.test(e.event)),
	};
}

