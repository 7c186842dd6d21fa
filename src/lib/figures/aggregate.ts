/**
 * Figures across postmortems: the one place each is computed. `/api/stats.json`, the stats and
 * knowledge pages, the charts and the feeds all read these functions.
 */
import { spread, type Spread } from './percentile';
import { byNewest, isOverdue, type Postmortem } from '../model/postmortem';
import { LESSON_KINDS, SEVERITIES, type ActionItem, type Lesson, type Severity } from '../model/schema';
import type { RootCause } from '../model/taxonomy';

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

/** Training-gap topics compared case-insensitively, ignoring surrounding white space (the contract). */
export function topicKey(topic: string): string {
	return topic.trim().toLowerCase();
}

/** Training gaps grouped by topic, most frequent first, ties by topic. */
export function groupTrainingGaps(postmortems: readonly Postmortem[]): TrainingGapGroup[] {
	const groups = new Map<string, TrainingGapGroup>();
	for (const pm of postmortems) {
		for (const gap of pm.trainingGaps) {
			const key = topicKey(gap.topic);
			let group = groups.get(key);
			if (!group) {
				group = { topic: gap.topic.trim(), count: 0, postmortems: [], audiences: [], descriptions: [] };
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

/** Counts action items by status, and how many are overdue on `buildDate`. */
export function countItems(
	items: readonly { status: string; due?: string | undefined }[],
	buildDate: string
): ActionItemCounts {
	const counts: ActionItemCounts = { total: 0, open: 0, inProgress: 0, done: 0, wontDo: 0, overdue: 0 };
	for (const item of items) {
		counts.total++;
		if (item.status === 'open') counts.open++;
		else if (item.status === 'in-progress') counts.inProgress++;
		else if (item.status === 'done') counts.done++;
		else counts.wontDo++;
		if (isOverdue(item, buildDate)) counts.overdue++;
	}
	return counts;
}

export function countActionItems(postmortems: readonly Postmortem[], buildDate: string): ActionItemCounts {
	return countItems(
		postmortems.flatMap((pm) => pm.actionItems),
		buildDate
	);
}

/**
 * Share of action items done, out of those still meant to be done (won't-do items are a decision,
 * not a backlog); `null` when there are none.
 */
export function completionRate(counts: ActionItemCounts): number | null {
	const committed = counts.total - counts.wontDo;
	return committed === 0 ? null : counts.done / committed;
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

export interface ArchiveFacets {
	severities: Severity[];
	services: { name: string; slug: string; count: number }[];
	rootCauses: { id: string; name: string; count: number }[];
	years: string[];
}

/** The values the archive can be filtered by, each with how many postmortems have it. */
export function archiveFacets(
	postmortems: readonly Postmortem[],
	rootCause: (id: string) => RootCause,
	slugOf: (service: string) => string
): ArchiveFacets {
	const bySeverity = countBySeverity(postmortems);
	return {
		severities: SEVERITIES.filter((s) => bySeverity[s] > 0),
		services: groupByService(postmortems, slugOf)
			.map((g) => ({ name: g.name, slug: g.slug, count: g.postmortems.length }))
			.sort((a, b) => a.name.localeCompare(b.name)),
		rootCauses: countRootCauses(postmortems, rootCause).map(({ id, name, count }) => ({ id, name, count })),
		years: [...new Set(postmortems.map((pm) => pm.year))].sort().reverse(),
	};
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

export interface RootCauseProfile extends RootCauseCount, IncidentProfile {
	description: string;
	/** Its postmortems, newest first. */
	incidents: Postmortem[];
	/** Services it hit most, most incidents first. */
	topServices: { name: string; slug: string; count: number }[];
}

/** Each named root cause with its incidents and figures, in the order of {@link countRootCauses}. */
export function rootCauseProfiles(
	postmortems: readonly Postmortem[],
	rootCause: (id: string) => RootCause,
	slugOf: (service: string) => string
): RootCauseProfile[] {
	const byId = new Map(postmortems.map((pm) => [pm.id, pm]));
	return countRootCauses(postmortems, rootCause).map((count) => {
		const incidents = count.postmortems.map((id) => byId.get(id)!);
		return {
			...count,
			...profileOf(incidents),
			description: rootCause(count.id).description,
			incidents,
			topServices: groupByService(incidents, slugOf)
				.slice(0, 5)
				.map((g) => ({ name: g.name, slug: g.slug, count: g.postmortems.length })),
		};
	});
}

export interface RecurrenceAfterFix {
	rootCause: string;
	/** The incident in which the cause came back. */
	postmortem: Postmortem;
	/** The latest earlier incident with the same cause whose `prevent` items were done. */
	earlier: Postmortem;
	/** Those done `prevent` items: the fixes that did not prevent it. */
	fixes: string[];
}

/**
 * The feedback-loop signal: incidents whose root cause recurred after an earlier incident with
 * the same cause had a `prevent` action item marked done. Newest recurrence first.
 */
export function recurrencesAfterFix(postmortems: readonly Postmortem[]): RecurrenceAfterFix[] {
	const oldestFirst = [...postmortems].sort(
		(a, b) => a.started.getTime() - b.started.getTime() || a.id.localeCompare(b.id)
	);
	const lastFixed = new Map<string, Postmortem>();
	const found: RecurrenceAfterFix[] = [];
	for (const pm of oldestFirst) {
		for (const cause of new Set(pm.rootCauses)) {
			const earlier = lastFixed.get(cause);
			if (earlier && earlier.started < pm.started) {
				found.push({
					rootCause: cause,
					postmortem: pm,
					earlier,
					fixes: earlier.actionItems
						.filter((item) => item.type === 'prevent' && item.status === 'done')
						.map((item) => item.title),
				});
			}
		}
		// Recorded after the check, so an incident never counts as the fix for itself.
		if (pm.actionItems.some((item) => item.type === 'prevent' && item.status === 'done')) {
			for (const cause of pm.rootCauses) lastFixed.set(cause, pm);
		}
	}
	return found.reverse();
}

export interface ServiceCausePair {
	service: string;
	slug: string;
	rootCause: string;
	postmortems: Postmortem[];
}

/** (service, root cause) pairs named together by two or more postmortems, most first. */
export function recurringServiceCauses(
	postmortems: readonly Postmortem[],
	slugOf: (service: string) => string
): ServiceCausePair[] {
	const pairs = new Map<string, ServiceCausePair>();
	for (const pm of postmortems) {
		for (const service of new Set(pm.services)) {
			for (const cause of new Set(pm.rootCauses)) {
				const slug = slugOf(service);
				const key = `${slug}\u0000${cause}`;
				const pair = pairs.get(key) ?? { service, slug, rootCause: cause, postmortems: [] };
				if (!pair.postmortems.includes(pm)) pair.postmortems.push(pm);
				pairs.set(key, pair);
			}
		}
	}
	return [...pairs.values()]
		.filter((p) => p.postmortems.length >= 2)
		.sort(
			(a, b) =>
				b.postmortems.length - a.postmortems.length ||
				a.service.localeCompare(b.service) ||
				a.rootCause.localeCompare(b.rootCause)
		);
}

export interface ServiceProfile extends IncidentProfile {
	name: string;
	slug: string;
	incidents: Postmortem[];
	rootCauses: { id: string; name: string; count: number }[];
}

export function serviceProfiles(
	postmortems: readonly Postmortem[],
	rootCause: (id: string) => RootCause,
	slugOf: (service: string) => string
): ServiceProfile[] {
	return groupByService(postmortems, slugOf).map((group) => ({
		name: group.name,
		slug: group.slug,
		incidents: group.postmortems,
		...profileOf(group.postmortems),
		rootCauses: countRootCauses(group.postmortems, rootCause).map(({ id, name, count }) => ({ id, name, count })),
	}));
}

/** An action item with the postmortem it came from. */
export interface ActionItemRow extends ActionItem {
	postmortem: Postmortem;
	overdue: boolean;
}

/** Every action item across postmortems: overdue first (oldest due first), then by due date. */
export function actionItemRows(postmortems: readonly Postmortem[], buildDate: string): ActionItemRow[] {
	const rows = postmortems.flatMap((pm) =>
		pm.actionItems.map((item) => ({ ...item, postmortem: pm, overdue: isOverdue(item, buildDate) }))
	);
	const due = (row: ActionItemRow) => row.due ?? '9999-99-99';
	return rows.sort(
		(a, b) =>
			Number(b.overdue) - Number(a.overdue) ||
			due(a).localeCompare(due(b)) ||
			byNewest(a.postmortem, b.postmortem) ||
			a.title.localeCompare(b.title)
	);
}

export interface ActionItemGroup {
	key: string;
	counts: ActionItemCounts;
	completionRate: number | null;
}

/** Action items grouped by owner or by type, with counts; most items first, ties by key. */
export function groupActionItems(
	rows: readonly ActionItemRow[],
	by: 'owner' | 'type',
	buildDate: string
): ActionItemGroup[] {
	const groups = new Map<string, ActionItemRow[]>();
	for (const row of rows) {
		const key = row[by];
		groups.set(key, [...(groups.get(key) ?? []), row]);
	}
	return [...groups]
		.map(([key, items]) => {
			const counts = countItems(items, buildDate);
			return { key, counts, completionRate: completionRate(counts) };
		})
		.sort((a, b) => b.counts.total - a.counts.total || a.key.localeCompare(b.key));
}

/** A lesson with the postmortem it came from. */
export interface LessonRow extends Lesson {
	postmortem: Postmortem;
}

export interface LessonsByKind {
	kind: Lesson['kind'];
	lessons: LessonRow[];
}

/** Every lesson, grouped by kind in the contract's order, newest postmortem first within each. */
export function lessonsByKind(postmortems: readonly Postmortem[]): LessonsByKind[] {
	return LESSON_KINDS.map((kind) => ({
		kind,
		lessons: postmortems.flatMap((pm) =>
			pm.lessons.filter((l) => l.kind === kind).map((l) => ({ ...l, postmortem: pm }))
		),
	}));
}

/** Lesson tags with how many lessons carry each, most used first, ties alphabetical. */
export function lessonTags(postmortems: readonly Postmortem[]): { tag: string; count: number }[] {
	const counts = new Map<string, number>();
	for (const pm of postmortems) {
		for (const lesson of pm.lessons) {
			for (const tag of new Set(lesson.tags)) counts.set(tag, (counts.get(tag) ?? 0) + 1);
		}
	}
	return [...counts]
		.map(([tag, count]) => ({ tag, count }))
		.sort((a, b) => b.count - a.count || a.tag.localeCompare(b.tag));
}

export interface ReadingStep {
	postmortem: Postmortem;
	/** One line on why a new team member should read it. */
	why: string;
}

/**
 * The onboarding reading path: postmortems marked `onboarding: true` first, oldest first so the
 * story builds up; then, for each recurring root cause they leave uncovered (most named first),
 * its best-documented incident.
 */
export function onboardingPath(
	postmortems: readonly Postmortem[],
	rootCause: (id: string) => RootCause
): ReadingStep[] {
	const oldestFirst = (a: Postmortem, b: Postmortem) => -byNewest(a, b);
	const chosen = postmortems.filter((pm) => pm.onboarding).sort(oldestFirst);
	const steps: ReadingStep[] = chosen.map((pm) => ({
		postmortem: pm,
		why: `Chosen by its authors for onboarding; shows ${pm.rootCauses.map((c) => rootCause(c).name.toLowerCase()).join(', ')}.`,
	}));
	const covered = new Set(chosen.flatMap((pm) => pm.rootCauses));
	const picked = new Set(chosen.map((pm) => pm.id));
	const richness = (pm: Postmortem) =>
		pm.lessons.length + pm.actionItems.length + pm.timeline.length + pm.contributingFactors.length;
	for (const cause of countRootCauses(postmortems, rootCause)) {
		if (!cause.recurring || covered.has(cause.id)) continue;
		const best = postmortems
			.filter((pm) => pm.rootCauses.includes(cause.id) && !picked.has(pm.id))
			.sort((a, b) => richness(b) - richness(a) || a.severity.localeCompare(b.severity) || byNewest(a, b))[0];
		if (!best) continue;
		picked.add(best.id);
		for (const c of best.rootCauses) covered.add(c);
		steps.push({
			postmortem: best,
			why: `The best-documented of ${cause.count} incidents caused by ${cause.name.toLowerCase()}, a recurring cause.`,
		});
	}
	return steps;
}
