/**
 * Figures across postmortems: the one place each is computed. `/api/stats.json`, the stats and
 * knowledge pages, the charts and the feeds all read these functions.
 */
import { spread, type Spread } from './percentile';
import { isOverdue, type Postmortem } from './postmortem';
import { SEVERITIES, type Severity } from './schema';
import type { RootCause } from './taxonomy';

export interface RootCauseCount {
	id: string;
	name: string;
	count: number;
	recurring: boolean;
	/** Ids of the postmortems that name it, newest first. */
	postmortems: string[];
}

export interface TrainingGapGroup {
	/** The topic as first written (newest postmortem first). */
	topic: string;
	count: number;
	postmortems: string[];
	audiences: string[];
	descriptions: string[];
}

export interface ActionItemCounts {
	total: number;
	open: number;
	inProgress: number;
	done: number;
	wontDo: number;
	overdue: number;
}

export interface QuarterFigures {
	quarter: string;
	count: number;
	durationMinutes: Spread;
	usersAffected: number;
}

export interface Stats {
	edition: string;
	count: number;
	bySeverity: Record<Severity, number>;
	durationMinutes: Spread;
	timeToDetectMinutes: Spread;
	timeToMitigateMinutes: Spread;
	usersAffected: number;
	rootCauses: RootCauseCount[];
	trainingGaps: Pick<TrainingGapGroup, 'topic' | 'count' | 'postmortems'>[];
	actionItems: ActionItemCounts;
	byQuarter: QuarterFigures[];
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

/**
 * Every root cause named by at least one postmortem, most named first, ties by id. A cause is
 * recurring when two or more postmortems name it.
 */
export function countRootCauses(
	postmortems: readonly Postmortem[],
	rootCause: (id: string) => RootCause
): RootCauseCount[] {
	const byCause = new Map<string, string[]>();
	for (const pm of postmortems) {
		for (const id of new Set(pm.rootCauses)) {
			const list = byCause.get(id) ?? [];
			list.push(pm.id);
			byCause.set(id, list);
		}
	}
	return [...byCause]
		.map(([id, ids]) => ({
			id,
			name: rootCause(id).name,
			count: ids.length,
			recurring: ids.length >= 2,
			postmortems: ids,
		}))
		.sort((a, b) => b.count - a.count || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
}

/** Training-gap topics compared case-insensitively, ignoring surrounding and repeated white space. */
export function topicKey(topic: string): string {
	return topic.trim().replace(/\s+/g, ' ').toLowerCase();
}

/** Training gaps grouped by topic, most frequent first, ties by topic. */
export function groupTrainingGaps(postmortems: readonly Postmortem[]): TrainingGapGroup[] {
	const groups = new Map<string, TrainingGapGroup>();
	for (const pm of postmortems) {
		for (const gap of pm.trainingGaps) {
			const key = topicKey(gap.topic);
			let group = groups.get(key);
			if (!group) {
				group = { topic: gap.topic.trim().replace(/\s+/g, ' '), count: 0, postmortems: [], audiences: [], descriptions: [] };
				groups.set(key, group);
			}
			if (!group.postmortems.includes(pm.id)) {
				group.postmortems.push(pm.id);
				group.count++;
			}
			if (gap.audience && !group.audiences.includes(gap.audience)) group.audiences.push(gap.audience);
			if (gap.description) group.descriptions.push(gap.description);
		}
	}
	return [...groups.values()].sort(
		(a, b) => b.count - a.count || topicKey(a.topic).localeCompare(topicKey(b.topic))
	);
}

export function countActionItems(postmortems: readonly Postmortem[], buildDate: string): ActionItemCounts {
	const counts: ActionItemCounts = { total: 0, open: 0, inProgress: 0, done: 0, wontDo: 0, overdue: 0 };
	for (const pm of postmortems) {
		for (const item of pm.actionItems) {
			counts.total++;
			if (item.status === 'open') counts.open++;
			else if (item.status === 'in-progress') counts.inProgress++;
			else if (item.status === 'done') counts.done++;
			else counts.wontDo++;
			if (isOverdue(item, buildDate)) counts.overdue++;
		}
	}
	return counts;
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

/** The aggregate figures of `/api/stats.json` (content contract, "JSON"). */
export function computeStats(
	postmortems: readonly Postmortem[],
	options: { edition: string; buildDate: string; rootCause: (id: string) => RootCause }
): Stats {
	return {
		edition: options.edition,
		count: postmortems.length,
		bySeverity: countBySeverity(postmortems),
		durationMinutes: spread(postmortems.map((pm) => pm.durationMinutes)),
		timeToDetectMinutes: spread(postmortems.map((pm) => pm.timeToDetectMinutes)),
		timeToMitigateMinutes: spread(postmortems.map((pm) => pm.timeToMitigateMinutes)),
		usersAffected: sumUsersAffected(postmortems),
		rootCauses: countRootCauses(postmortems, options.rootCause),
		trainingGaps: groupTrainingGaps(postmortems).map(({ topic, count, postmortems: ids }) => ({
			topic,
			count,
			postmortems: ids,
		})),
		actionItems: countActionItems(postmortems, options.buildDate),
		byQuarter: figuresByQuarter(postmortems),
	};
}
