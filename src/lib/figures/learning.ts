/** What the archive teaches: lessons by kind and tag, training gaps by topic, the onboarding path. */
import { byNewest, type Postmortem } from '../model/postmortem';
import { type Lesson, LESSON_KINDS } from '../model/schema';
import type { RootCause } from '../model/taxonomy';
import { countRootCauses } from './causes';

export interface TrainingGapGroup {
	/** The topic as first written (newest postmortem first). */
	topic: string;
	count: number;
	postmortems: string[];
	audiences: string[];
	descriptions: string[];
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

export interface TagCount {
	tag: string;
	count: number;
}

/** Lesson tags with how many lessons carry each, most used first, ties alphabetical. */
export function lessonTags(postmortems: readonly Postmortem[]): TagCount[] {
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

/** The lesson-tag filter, split so that it stays usable: a short list up front, the rest folded. */
export interface LessonTagGroups {
	/** The tags many lessons share, most used first: what the archive keeps learning about. */
	common: TagCount[];
	/** The next most used, at most `TAG_LIMITS.more` of them, alphabetical: a list to look a word up in. */
	more: TagCount[];
	/** Tags past that limit: still on their lessons, whose links filter by them, but not offered. */
	unlisted: number;
	/** The line that opens the folded tags: how many, and how rarely each is used. */
	moreSummary: string;
}

/** How many tags the filter offers up front and behind "more", so that it stays short at 20,000 postmortems. */
export const TAG_LIMITS = { common: 20, more: 200 };

/**
 * Tags used by one lesson say little about the archive and made the filter a list as long as the
 * lessons; up front go the tags of the lowest count (two or more) that keeps the list within
 * `limits.common`, so that a count is never cut in the middle. Only when even the most used count
 * has too many tags is it cut, alphabetically.
 */
export function groupLessonTags(tags: readonly TagCount[], limits = TAG_LIMITS): LessonTagGroups {
	const sorted = [...tags].sort((a, b) => b.count - a.count || a.tag.localeCompare(b.tag));
	const levels = [...new Set(sorted.map((t) => t.count))].filter((c) => c >= 2).sort((a, b) => a - b);
	const threshold = levels.find((level) => sorted.filter((t) => t.count >= level).length <= limits.common) ?? levels.at(-1);
	const common = threshold === undefined ? [] : sorted.filter((t) => t.count >= threshold).slice(0, limits.common);
	const rest = sorted.slice(common.length);
	const more = rest.slice(0, limits.more);
	return {
		common,
		more: [...more].sort((a, b) => a.tag.localeCompare(b.tag)),
		unlisted: rest.length - more.length,
		moreSummary: moreSummary(common, more),
	};
}

const WORDS = ['no', 'one', 'two', 'three', 'four', 'five', 'six', 'seven', 'eight', 'nine'];
const word = (n: number) => WORDS[n] ?? String(n);

/** "118 more tags, each used by one or two lessons"; `more` most used first. */
function moreSummary(common: readonly TagCount[], more: readonly TagCount[]): string {
	const most = more[0]?.count ?? 0;
	const least = more.at(-1)?.count ?? 0;
	const range = least === most ? word(most) : `${word(least)} ${most === least + 1 ? 'or' : 'to'} ${word(most)}`;
	const tags = more.length === 1 ? 'tag, used by' : 'tags, each used by';
	return `${more.length}${common.length ? ' more' : ''} ${tags} ${range} ${most === 1 ? 'lesson' : 'lessons'}`;
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

export interface LessonFigures {
	groups: LessonsByKind[];
	tags: LessonTagGroups;
	total: number;
}

/** Everything `/lessons/` shows. */
export function lessonFigures(postmortems: readonly Postmortem[]): LessonFigures {
	const groups = lessonsByKind(postmortems);
	return { groups, tags: groupLessonTags(lessonTags(postmortems)), total: groups.reduce((sum, g) => sum + g.lessons.length, 0) };
}
