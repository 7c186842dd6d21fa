/** How figures read on a page: one format per kind of value, used by every page, chart and feed. */
import { toIsoDate } from '../model/datetime';

/** Human-readable UTC time for pages: `2024-03-05 14:02 UTC`. */
export function formatUtc(date: Date): string {
	const iso = date.toISOString();
	const seconds = iso.slice(17, 19);
	return `${iso.slice(0, 10)} ${iso.slice(11, 16)}${seconds === '00' ? '' : `:${seconds}`} UTC`;
}

/**
 * A time on the day of `reference` as `14:09 UTC`, any other as `formatUtc` does: the times of an
 * incident that ends on the day it began read without repeating the day.
 */
export function formatUtcOnDay(date: Date, reference: Date): string {
	const full = formatUtc(date);
	return toIsoDate(date) === toIsoDate(reference) ? full.slice(11) : full;
}

/** A day as `YYYY-MM-DD`, in UTC: how pages show the day of an incident. */
export function formatDay(date: Date): string {
	return toIsoDate(date);
}

/** `1 d 3 h`, `2 h 5 min`, `45 min`, `30 s`: durations as people say them. */
export function formatMinutes(minutes: number | null): string {
	if (minutes === null) return '—';
	if (minutes === 0) return '0 min';
	if (minutes < 1) return `${Math.round(minutes * 60)} s`;
	const total = Math.round(minutes);
	const days = Math.floor(total / 1440);
	const hours = Math.floor((total % 1440) / 60);
	const mins = total % 60;
	if (days > 0) return hours > 0 ? `${days} d ${hours} h` : `${days} d`;
	if (hours > 0) return mins > 0 ? `${hours} h ${mins} min` : `${hours} h`;
	return `${mins} min`;
}

/** A share as a whole percent, `—` when there is none. */
export function formatPercent(share: number | null): string {
	return share === null ? '—' : `${Math.round(share * 100)}%`;
}

/** `1,234,567` regardless of the build machine's locale. */
export function formatCount(n: number): string {
	return n.toLocaleString('en-US');
}

/** `1 lesson`, `2,041 lessons`: a count with the noun that fits it. */
export function formatCountOf(n: number, one: string, many: string): string {
	return `${formatCount(n)} ${n === 1 ? one : many}`;
}
