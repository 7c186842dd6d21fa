/** Counts over any group of postmortems: by severity, users affected, by quarter and by service, and a group's profile. */
import { spread, type Spread } from './percentile';
import type { Postmortem } from '../model/postmortem';
import { SEVERITIES, type Severity } from '../model/schema';

export interface QuarterFigures {
	quarter: string;
	count: number;
	durationMinutes: Spread;
	usersAffected: number;
}

/** Occurrences of each severity, every severity present. */
export function countBySeverity(postmortems: readonly Postmortem[]): Record<Severity, number> {
	const counts = Object.fromEntries(SEVERITIES.map((s) => [s, 0])) as Record<Severity, number>;
	for (const pm of postmortems) counts[pm.severity]++;
	return counts;
}

/** Sum of users affected; a missing figure counts as 0. */
export function sumUsersAffected(postmortems: readonly Postmortem[]): number {
	return postmortems.reduce((sum, pm) => sum + (pm.impact.usersAffected ?? 0), 0);
}

/** Every quarter from `first` to `last` inclusive (`YYYY-Qn`). */
export function quarterRange(first: string, last: string): string[] {
	const parse = (q: string) => {
		const [year, n] = q.split('-Q').map(Number) as [number, number];
		return year * 4 + (n - 1);
	};
	const out: string[] = [];
	for (let i = parse(first); i <= parse(last); i++) out.push(`${Math.floor(i / 4)}-Q${(i % 4) + 1}`);
	return out;
}

/** Postmortems per quarter of `started`, from the first to the last quarter with one, gaps as empty lists. */
export function groupByQuarter(postmortems: readonly Postmortem[]): { quarter: string; postmortems: Postmortem[] }[] {
	if (postmortems.length === 0) return [];
	const quarters = postmortems.map((pm) => pm.quarter).sort();
	const groups = new Map(quarterRange(quarters[0]!, quarters.at(-1)!).map((q) => [q, [] as Postmortem[]]));
	for (const pm of postmortems) groups.get(pm.quarter)!.push(pm);
	return [...groups].map(([quarter, list]) => ({ quarter, postmortems: list }));
}

export function figuresByQuarter(postmortems: readonly Postmortem[]): QuarterFigures[] {
	return groupByQuarter(postmortems).map(({ quarter, postmortems: list }) => ({
		quarter,
		count: list.length,
		durationMinutes: spread(list.map((pm) => pm.durationMinutes)),
		usersAffected: sumUsersAffected(list),
	}));
}

export interface IncidentProfile {
	count: number;
	firstSeen: Date;
	lastSeen: Date;
	totalDurationMinutes: number;
	durationMinutes: Spread;
	usersAffected: number;
	bySeverity: Record<Severity, number>;
}

/** Count, span, impact and severity mix of a non-empty group of postmortems. */
export function profileOf(postmortems: readonly Postmortem[]): IncidentProfile {
	const starts = postmortems.map((pm) => pm.started.getTime());
	return {
		count: postmortems.length,
		firstSeen: new Date(Math.min(...starts)),
		lastSeen: new Date(Math.max(...starts)),
		totalDurationMinutes: postmortems.reduce((sum, pm) => sum + pm.durationMinutes, 0),
		durationMinutes: spread(postmortems.map((pm) => pm.durationMinutes)),
		usersAffected: sumUsersAffected(postmortems),
		bySeverity: countBySeverity(postmortems),
	};
}

export interface ServiceGroup {
	/** The name as first written (newest postmortem first). */
	name: string;
	slug: string;
	postmortems: Postmortem[];
}

/**
 * Postmortems by service page, most incidents first, ties by name. Spellings that are one service
 * (`Payments API`, `payments api`: see `serviceKey`) share a page; a build refuses different
 * services that would share one (`assertDistinctServiceSlugs`), so here a slug is one service.
 */
export function groupByService(
	postmortems: readonly Postmortem[],
	slugOf: (service: string) => string
): ServiceGroup[] {
	const groups = new Map<string, ServiceGroup>();
	for (const pm of postmortems) {
		for (const service of pm.services) {
			const slug = slugOf(service);
			let group = groups.get(slug);
			if (!group) {
				group = { name: service, slug, postmortems: [] };
				groups.set(slug, group);
			}
			if (!group.postmortems.includes(pm)) group.postmortems.push(pm);
		}
	}
	return [...groups.values()].sort(
		(a, b) => b.postmortems.length - a.postmortems.length || a.name.localeCompare(b.name)
	);
}
