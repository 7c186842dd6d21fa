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

export interface LessonFigures {
	groups: LessonsByKind[];
	tags: { tag: string; count: number }[];
	total: number;
}

/** Everything `/lessons/` shows. */
export function lessonFigures(postmortems: readonly Postmortem[]): LessonFigures {
	const groups = lessonsByKind(postmortems);
	return { groups, tags: lessonTags(postmortems), total: groups.reduce((sum, g) => sum + g.lessons.length, 0) };
}
