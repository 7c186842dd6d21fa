/**
 * A postmortem as the site uses it: the validated frontmatter plus the figures derived from it
 * (contract: "Derived figures").
 */
import { minutesBetween, monthOf, quarterOf } from './datetime';
import type { PostmortemData } from './schema';

/** What the content loader hands over for one file. */
export interface PostmortemEntry {
	id: string;
	/** Path of the source file, relative to the project root, when known. */
	filePath?: string | undefined;
	data: PostmortemData;
}

export interface DerivedFigures {
	durationMinutes: number;
	timeToDetectMinutes: number | null;
	timeToMitigateMinutes: number | null;
	quarter: string;
	month: string;
	year: string;
}

export type Postmortem = PostmortemData &
	DerivedFigures & {
		id: string;
		/** Site-relative address of its page, `/postmortems/<id>/`. */
		url: string;
		filePath: string | undefined;
	};

export function deriveFigures(data: PostmortemData): DerivedFigures {
	return {
		durationMinutes: minutesBetween(data.started, data.resolved)!,
		timeToDetectMinutes: minutesBetween(data.started, data.detected),
		timeToMitigateMinutes: minutesBetween(data.started, data.mitigated),
		quarter: quarterOf(data.started),
		month: monthOf(data.started),
		year: String(data.started.getUTCFullYear()),
	};
}

/** Newest `started` first; ties by id so every build orders them the same way. */
export function byNewest(a: { started: Date; id: string }, b: { started: Date; id: string }): number {
	return b.started.getTime() - a.started.getTime() || a.id.localeCompare(b.id);
}

/** An action item still waiting: neither done nor declined. */
export function isActionOpen(status: string): boolean {
	return status !== 'done' && status !== 'wont-do';
}

/** Overdue: still open, with a due date before the build date (both `YYYY-MM-DD`). */
export function isOverdue(item: { status: string; due?: string | undefined }, buildDate: string): boolean {
	return isActionOpen(item.status) && item.due !== undefined && item.due < buildDate;
}
