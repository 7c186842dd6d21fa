/**
 * A postmortem's facts panel: the record behind the strip under its title (`glance.ts`), without
 * repeating it. When each phase happened, what it hit and why, who worked on it, and what the
 * postmortem does not state.
 */
import type { Archive } from '../model/archive';
import type { Postmortem } from '../model/postmortem';
import { formatUtc, formatUtcOnDay } from './format';
import { DETECTION_LABELS, VISIBILITY_LABELS } from './labels';
import { rootCauseUrl } from './urls';

export interface FactTime {
	label: string;
	/** Absent when the postmortem does not record it. */
	date?: Date;
	text: string;
}

export type FactValue = { text: string } | { list: readonly string[] } | { links: { text: string; href: string }[] };

export interface FactRow {
	key: string;
	label: string;
	value: FactValue;
	/** Free text of a sentence or more, which a narrow screen gives the whole width. */
	prose: boolean;
}

export interface Facts {
	times: FactTime[];
	rows: FactRow[];
}

export function postmortemFacts(pm: Postmortem, archive: Pick<Archive, 'rootCause'>): Facts {
	// The day is written once, on the start, unless a later time falls on another day.
	const time = (label: string, date: Date | undefined, first = false): FactTime =>
		date ? { label, date, text: first ? formatUtc(date) : formatUtcOnDay(date, pm.started) } : { label, text: 'not recorded' };
	const times = [time('Started', pm.started, true), time('Detected', pm.detected), time('Mitigated', pm.mitigated), time('Resolved', pm.resolved)];

	const rows: FactRow[] = [];
	const add = (key: string, label: string, value: FactValue | undefined, prose = false) => {
		if (value && !('list' in value && value.list.length === 0)) rows.push({ key, label, value, prose });
	};
	add('impact', 'Impact', { text: pm.impact.description }, true);
	add('trigger', 'Trigger', pm.trigger === undefined ? undefined : { text: pm.trigger }, true);
	add('root-causes', 'Root causes', { links: pm.rootCauses.map((id) => ({ text: archive.rootCause(id).name, href: rootCauseUrl(id) })) });
	add('detection', 'Detected by', pm.detection === undefined ? undefined : { text: DETECTION_LABELS[pm.detection] });
	add('teams', 'Teams', { list: pm.teams });
	add('authors', 'Authors', { list: pm.authors });
	add('reviewers', 'Reviewers', { list: pm.reviewers });
	add('visibility', 'Visibility', { text: VISIBILITY_LABELS[pm.visibility] });
	add('tags', 'Tags', { list: pm.tags });
	const unstated = [
		pm.impact.usersAffected === undefined && 'users affected',
		pm.impact.customerFacing === undefined && 'customer-facing',
		pm.impact.dataLoss === undefined && 'data loss',
	].filter((x): x is string => x !== false);
	add('not-stated', 'Not stated', { list: unstated });
	return { times, rows };
}
