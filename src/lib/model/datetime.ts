/**
 * Datetime and date parsing for frontmatter.
 *
 * Frontmatter dates reach the schema as the text written (`frontmatter.ts`), and `new Date(string)`
 * would read an offset-less string in the build machine's local time and roll invalid days over.
 * The contract says a datetime with no offset is UTC, so strings are parsed here, by hand, and never
 * handed to `Date`'s parser.
 */

const DATETIME =
	/^(\d{4})-(\d{2})-(\d{2})[Tt ](\d{2}):(\d{2})(?::(\d{2})(\.\d{1,9})?)?\s*(Z|z|[+-]\d{2}(?::?\d{2})?)?$/;
const DATE = /^(\d{4})-(\d{2})-(\d{2})$/;

/** `Date.UTC`, but years 0–99 stay themselves instead of becoming 1900–1999. */
function utcMillis(year: number, monthIndex: number, day: number, hour = 0, minute = 0, second = 0, millis = 0): number {
	const date = new Date(0);
	date.setUTCFullYear(year, monthIndex, day);
	date.setUTCHours(hour, minute, second, millis);
	return date.getTime();
}

function daysInMonth(year: number, month: number): number {
	return new Date(utcMillis(year, month, 0)).getUTCDate();
}

function validCalendarDate(year: number, month: number, day: number): boolean {
	return month >= 1 && month <= 12 && day >= 1 && day <= daysInMonth(year, month);
}

/** Offset in minutes east of UTC, from `Z`, `+05:30`, `-0800` or `+05`. */
function offsetMinutes(offset: string | undefined): number | undefined {
	if (!offset || offset === 'Z' || offset === 'z') return 0;
	const sign = offset.startsWith('-') ? -1 : 1;
	const digits = offset.slice(1).replace(':', '');
	const hours = Number(digits.slice(0, 2));
	const minutes = digits.length > 2 ? Number(digits.slice(2, 4)) : 0;
	if (hours > 23 || minutes > 59) return undefined;
	return sign * (hours * 60 + minutes);
}

/** Parses an ISO 8601 datetime string; no offset means UTC. Returns `undefined` when invalid. */
export function parseDateTime(value: string): Date | undefined {
	const match = DATETIME.exec(value.trim());
	if (!match) return undefined;
	const [, y, mo, d, h, mi, s = '0', fraction = '', offset] = match;
	const year = Number(y);
	const month = Number(mo);
	const day = Number(d);
	const hour = Number(h);
	const minute = Number(mi);
	const second = Number(s);
	if (!validCalendarDate(year, month, day) || hour > 23 || minute > 59 || second > 59) {
		return undefined;
	}
	const east = offsetMinutes(offset);
	if (east === undefined) return undefined;
	const millis = fraction ? Math.round(Number(`0${fraction}`) * 1000) : 0;
	const utc = utcMillis(year, month - 1, day, hour, minute, second, millis) - east * 60_000;
	return new Date(utc);
}

/** Parses a `YYYY-MM-DD` date string, returning it unchanged when valid. */
export function parseDate(value: string): string | undefined {
	const match = DATE.exec(value.trim());
	if (!match) return undefined;
	const [, y, m, d] = match;
	return validCalendarDate(Number(y), Number(m), Number(d)) ? value.trim() : undefined;
}

/** `YYYY-MM-DD` of a date in UTC. */
export function toIsoDate(date: Date): string {
	return date.toISOString().slice(0, 10);
}

/** ISO string in UTC without milliseconds when they are zero: `2024-03-05T14:02:00Z`. */
export function toIsoDateTime(date: Date): string {
	return date.toISOString().replace('.000Z', 'Z');
}

/** Whole minutes between two instants, not rounded; `null` when either is missing. */
export function minutesBetween(from: Date | undefined, to: Date | undefined): number | null {
	if (!from || !to) return null;
	return (to.getTime() - from.getTime()) / 60_000;
}

/** `YYYY-Qn` of an instant, in UTC. */
export function quarterOf(date: Date): string {
	return `${date.getUTCFullYear()}-Q${Math.floor(date.getUTCMonth() / 3) + 1}`;
}

/** `YYYY-MM` of an instant, in UTC. */
export function monthOf(date: Date): string {
	return date.toISOString().slice(0, 7);
}
