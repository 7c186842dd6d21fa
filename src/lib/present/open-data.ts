/**
 * The published data files: `/api/postmortems.json`, `/api/postmortems.csv` and the feed's items.
 * Shapes follow the content contract ("JSON"); every figure comes from the archive and aggregates.
 */
import type { Postmortem } from '../model/postmortem';
import { isActionOpen, isOverdue } from '../model/postmortem';
import type { Edition } from '../model/archive';

const iso = (date: Date | undefined) => (date ? date.toISOString() : null);

/** One postmortem as published in `/api/postmortems.json`. */
export function postmortemRecord(pm: Postmortem, buildDate: string) {
	return {
		id: pm.id,
		url: pm.url,
		title: pm.title,
		summary: pm.summary,
		severity: pm.severity,
		status: pm.status,
		visibility: pm.visibility,
		started: iso(pm.started),
		detected: iso(pm.detected),
		mitigated: iso(pm.mitigated),
		resolved: iso(pm.resolved),
		durationMinutes: pm.durationMinutes,
		timeToDetectMinutes: pm.timeToDetectMinutes,
		timeToMitigateMinutes: pm.timeToMitigateMinutes,
		quarter: pm.quarter,
		month: pm.month,
		services: pm.services,
		teams: pm.teams,
		authors: pm.authors,
		reviewers: pm.reviewers,
		rootCauses: pm.rootCauses,
		impact: {
			description: pm.impact.description,
			usersAffected: pm.impact.usersAffected ?? null,
			customerFacing: pm.impact.customerFacing ?? null,
			dataLoss: pm.impact.dataLoss ?? null,
		},
		trigger: pm.trigger ?? null,
		detection: pm.detection ?? null,
		contributingFactors: pm.contributingFactors,
		timeline: [...pm.timeline]
			.sort((a, b) => a.at.getTime() - b.at.getTime())
			.map((entry) => ({ at: entry.at.toISOString(), event: entry.event, kind: entry.kind ?? null })),
		lessons: pm.lessons,
		actionItems: pm.actionItems.map((item) => ({
			title: item.title,
			type: item.type,
			owner: item.owner,
			status: item.status,
			due: item.due ?? null,
			link: item.link ?? null,
			overdue: isOverdue(item, buildDate),
		})),
		trainingGaps: pm.trainingGaps.map((gap) => ({
			topic: gap.topic,
			audience: gap.audience ?? null,
			description: gap.description ?? null,
		})),
		related: pm.related,
		tags: pm.tags,
		onboarding: pm.onboarding,
	};
}

export type PostmortemRecord = ReturnType<typeof postmortemRecord>;

/** A similar incident as `/api/postmortems.json` lists it: its id, its score (0–1) and its reasons in words. */
export interface SimilarRecord {
	id: string;
	score: number;
	because: string[];
}

/**
 * `/api/postmortems.json`: every included postmortem, newest `started` first, each with its
 * similar incidents (`similarOf`), as its page lists them.
 */
export function postmortemsDocument(
	postmortems: readonly Postmortem[],
	edition: Edition,
	buildDate: string,
	similarOf: (id: string) => SimilarRecord[]
) {
	return { edition, postmortems: postmortems.map((pm) => ({ ...postmortemRecord(pm, buildDate), similar: similarOf(pm.id) })) };
}

const CSV_COLUMNS = [
	'id',
	'url',
	'title',
	'severity',
	'status',
	'visibility',
	'started',
	'detected',
	'mitigated',
	'resolved',
	'durationMinutes',
	'timeToDetectMinutes',
	'timeToMitigateMinutes',
	'quarter',
	'services',
	'teams',
	'rootCauses',
	'usersAffected',
	'customerFacing',
	'dataLoss',
	'detection',
	'actionItems',
	'notDoneActionItems',
	'overdueActionItems',
	'lessons',
	'tags',
	'summary',
] as const;

/**
 * A CSV cell: quoted when it holds a comma, quote or line break, and defused when a spreadsheet
 * would read it as a formula (`=`, `+`, `-`, `@` at the start), since postmortem text is input.
 */
export function csvCell(value: string | number | boolean | null): string {
	if (value === null) return '';
	let text = String(value);
	if (typeof value === 'string' && /^[=+\-@\t\r]/.test(text)) text = `'${text}`;
	return /[",\r\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

/** `/api/postmortems.csv`: one row per postmortem for spreadsheets; lists joined with `; `. */
export function postmortemsCsv(postmortems: readonly Postmortem[], buildDate: string): string {
	const rows = postmortems.map((pm) => {
		const r = postmortemRecord(pm, buildDate);
		const values: Record<(typeof CSV_COLUMNS)[number], string | number | boolean | null> = {
			id: r.id,
			url: r.url,
			title: r.title,
			severity: r.severity,
			status: r.status,
			visibility: r.visibility,
			started: r.started,
			detected: r.detected,
			mitigated: r.mitigated,
			resolved: r.resolved,
			durationMinutes: r.durationMinutes,
			timeToDetectMinutes: r.timeToDetectMinutes,
			timeToMitigateMinutes: r.timeToMitigateMinutes,
			quarter: r.quarter,
			services: r.services.join('; '),
			teams: r.teams.join('; '),
			rootCauses: r.rootCauses.join('; '),
			usersAffected: r.impact.usersAffected,
			customerFacing: r.impact.customerFacing,
			dataLoss: r.impact.dataLoss,
			detection: r.detection,
			actionItems: r.actionItems.length,
			notDoneActionItems: r.actionItems.filter((a) => isActionOpen(a.status)).length,
			overdueActionItems: r.actionItems.filter((a) => a.overdue).length,
			lessons: r.lessons.length,
			tags: r.tags.join('; '),
			summary: r.summary,
		};
		return CSV_COLUMNS.map((column) => csvCell(values[column])).join(',');
	});
	// CRLF line ends, as RFC 4180 and spreadsheets expect.
	return [CSV_COLUMNS.join(','), ...rows].join('\r\n') + '\r\n';
}

/** The feed's items: every included postmortem, newest `started` first. */
export function feedItems(postmortems: readonly Postmortem[], rootCause: (id: string) => { name: string }) {
	return postmortems.map((pm) => ({
		title: `[${pm.severity}] ${pm.title}`,
		link: pm.url,
		pubDate: pm.started,
		description: pm.summary,
		categories: [pm.severity, ...pm.rootCauses.map((c) => rootCause(c).name), ...pm.services],
	}));
}
