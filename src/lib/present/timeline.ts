/** A postmortem's timeline as its page shows it: in the order things happened, each event timed from the start of impact. */
import { minutesBetween } from '../model/datetime';
import type { TIMELINE_KINDS, TimelineEntry } from '../model/schema';
import { formatMinutes, formatUtc, formatUtcOnDay } from './format';
import { TIMELINE_LABELS } from './labels';

export interface TimelineRow {
	at: Date;
	/** `2024-03-05 14:02 UTC` on the first event of each day, `14:10 UTC` after it. */
	when: string;
	/** `+12 min` after impact began, `3 h before` it. */
	offset: string;
	kind: (typeof TIMELINE_KINDS)[number];
	label: string;
	event: string;
}

export function timelineRows(entries: readonly TimelineEntry[], started: Date): TimelineRow[] {
	// Authors write events in any order; readers need them in the order they happened.
	const sorted = [...entries].sort((a, b) => a.at.getTime() - b.at.getTime());
	return sorted.map((entry, i) => {
		const minutes = minutesBetween(started, entry.at)!;
		const kind = entry.kind ?? 'other';
		return {
			at: entry.at,
			when: i === 0 ? formatUtc(entry.at) : formatUtcOnDay(entry.at, sorted[i - 1]!.at),
			offset: minutes < 0 ? `${formatMinutes(-minutes)} before` : `+${formatMinutes(minutes)}`,
			kind,
			label: TIMELINE_LABELS[kind],
			event: entry.event,
		};
	});
}
