/** What the archive teaches: lessons by kind and tag, training gaps by topic, the onboarding path. */
import { byNewest, type Postmortem } from '../model/postmortem';
import { type Lesson, LESSON_KINDS } from '../model/schema';
import { nameKey, tagSlug, topicSlug } from '../model/slugs';
import type { RootCause } from '../model/taxonomy';
import { listPages, PAGE_SIZES, PREVIEW_SIZES, sectionedPages, type ListPage, type SectionedPage } from '../present/paging';
import { countRootCauses } from './causes';

/** One postmortem's share of a training gap: how it wrote the gap. */
export interface TrainingGapExposure {
	postmortem: Postmortem;
	/** The first audience it names for the topic. */
	audience?: string;
	descriptions: string[];
}

export interface TrainingGapGroup {
	/** The topic as first written (newest postmortem first). */
	topic: string;
	/** `/training/topics/<slug>/`. */
	slug: string;
	count: number;
	postmortems: string[];
	audiences: string[];
	descriptions: string[];
	/** Each postmortem that names the topic, newest first, with what it wrote. */
	exposures: TrainingGapExposure[];
}

/** Training-gap topics compared as every free-text name is (`nameKey`): case and surrounding white space do not count. */
export function topicKey(topic: string): string {
	return nameKey(topic);
}

/** Training gaps grouped by topic, most frequent first, ties by topic. */
export function groupTrainingGaps(postmortems: readonly Postmortem[]): TrainingGapGroup[] {
	const groups = new Map<string, TrainingGapGroup>();
	for (const pm of postmortems) {
		for (const gap of pm.trainingGaps) {
			const key = topicKey(gap.topic);
			let group = groups.get(key);
			if (!group) {
				group = { topic: gap.topic.trim(), slug: topicSlug(gap.topic), count: 0, postmortems: [], audiences: [], descriptions: [], exposures: [] };
				groups.set(key, group);
			}
			let exposure = group.exposures.at(-1);
			if (exposure?.postmortem !== pm) {
				exposure = { postmortem: pm, descriptions: [] };
				group.exposures.push(exposure);
				group.postmortems.push(pm.id);
				group.count++;
			}
			if (gap.audience && exposure.audience === undefined) exposure.audience = gap.audience;
			if (gap.description) exposure.descriptions.push(gap.description);
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
	/** As the newest lesson carrying it spells it. */
	tag: string;
	/** `/lessons/tags/<slug>/`. */
	slug: string;
	count: number;
}

/** The tag keys of a lesson, each once however often it is written, with its first spelling. */
function tagKeys(lesson: Lesson): Map<string, string> {
	const keys = new Map<string, string>();
	for (const tag of lesson.tags) if (!keys.has(nameKey(tag))) keys.set(nameKey(tag), tag);
	return keys;
}

/**
 * Lesson tags with how many lessons carry each, most used first, ties alphabetical. Tags equal
 * once trimmed, NFKC-normalised and lower-cased (`nameKey`) are one tag, as services are.
 */
export function lessonTags(postmortems: readonly Postmortem[]): TagCount[] {
	return [...tagCounts(postmortems).values()].sort(byUse);
}

const byUse = (a: TagCount, b: TagCount) => b.count - a.count || a.tag.localeCompare(b.tag);

/** Each tag's count by its key. */
function tagCounts(postmortems: readonly Postmortem[]): Map<string, TagCount> {
	const counts = new Map<string, TagCount>();
	for (const pm of postmortems) {
		for (const lesson of pm.lessons) {
			for (const [key, tag] of tagKeys(lesson)) {
				const count = counts.get(key);
				if (count) count.count++;
				else counts.set(key, { tag: tag.trim(), slug: tagSlug(tag), count: 1 });
			}
		}
	}
	return counts;
}

/** The tag index, split so that it stays usable: a short list up front, the rest folded. */
export interface LessonTagGroups {
	/** The tags many lessons share, most used first: what the archive keeps learning about. */
	common: TagCount[];
	/** The next most used, at most `TAG_LIMITS.more` of them, alphabetical: a list to look a word up in. */
	more: TagCount[];
	/** Tags past that limit: still on their lessons, which link to their pages, but not listed. */
	unlisted: number;
	/** The line that opens the folded tags: how many, and how rarely each is used. */
	moreSummary: string;
}

/** How many tags the index offers up front and behind "more", so that it stays short at 20,000 postmortems. */
export const TAG_LIMITS = { common: 20, more: 200 };

/**
 * Tags used by one lesson say little about the archive and made the index a list as long as the
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

/** The postmortems marked `onboarding: true`, oldest first so that the story builds up. */
export function onboardingChoices(postmortems: readonly Postmortem[]): Postmortem[] {
	return postmortems.filter((pm) => pm.onboarding).sort((a, b) => -byNewest(a, b));
}

/**
 * The onboarding reading path: the oldest `limit` postmortems marked `onboarding: true` first (a
 * path of hundreds is no path; the rest are listed on their own pages); then, for each recurring
 * root cause those leave uncovered (most named first), its best-documented incident.
 */
export function onboardingPath(
	postmortems: readonly Postmortem[],
	rootCause: (id: string) => RootCause,
	limit: number = PREVIEW_SIZES.onboarding
): ReadingStep[] {
	const chosen = onboardingChoices(postmortems).slice(0, limit);
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

/** One kind's lessons: how many, the newest for `/lessons/`, and the pages of `/lessons/<kind>/`. */
export interface LessonKindList {
	kind: Lesson['kind'];
	total: number;
	newest: LessonRow[];
	pages: ListPage<LessonRow>[];
}

/** One tag's lessons, by kind in the contract's order and newest first within each, in pages. */
export interface LessonTagList {
	tag: TagCount;
	/** How many of its lessons are of each kind, for the kinds it has. */
	byKind: { kind: Lesson['kind']; count: number }[];
	pages: SectionedPage<Lesson['kind'], LessonRow>[];
}

export interface LessonFigures {
	kinds: LessonKindList[];
	tags: LessonTagGroups;
	/** One per tag, most used first. */
	tagLists: LessonTagList[];
	total: number;
}

/** Everything `/lessons/`, `/lessons/<kind>/` and `/lessons/tags/<tag>/` show. */
export function lessonFigures(postmortems: readonly Postmortem[]): LessonFigures {
	const groups = lessonsByKind(postmortems);
	const byKey = tagCounts(postmortems);
	const byTag = new Map<TagCount, LessonRow[]>([...byKey.values()].map((t) => [t, []]));
	// Kind by kind, newest first: each tag's list comes out in the order its pages show.
	for (const group of groups) {
		for (const lesson of group.lessons) {
			for (const key of tagKeys(lesson).keys()) byTag.get(byKey.get(key)!)!.push(lesson);
		}
	}
	const counts = [...byKey.values()].sort(byUse);
	return {
		kinds: groups.map(({ kind, lessons }) => ({ kind, total: lessons.length, newest: lessons.slice(0, PREVIEW_SIZES.lessons), pages: listPages(lessons, PAGE_SIZES.lessons) })),
		tags: groupLessonTags(counts),
		tagLists: counts.map((tag) => {
			const lessons = byTag.get(tag)!;
			return {
				tag,
				byKind: LESSON_KINDS.map((kind) => ({ kind, count: lessons.filter((l) => l.kind === kind).length })).filter((k) => k.count > 0),
				pages: sectionedPages(lessons, (l) => l.kind, PAGE_SIZES.lessons),
			};
		}),
		total: groups.reduce((sum, g) => sum + g.lessons.length, 0),
	};
}

/** Everything `/training/`, `/training/topics/<topic>/` and `/training/onboarding/` show. */
export interface TrainingFigures {
	/** Every topic, most frequent first, with the pages of its incidents. */
	topics: (TrainingGapGroup & { pages: ListPage<TrainingGapExposure>[] })[];
	/** How many topics `/training/` shows in full; the next `moreTopics` as links; the rest not listed. */
	shown: number;
	more: number;
	unlisted: number;
	path: ReadingStep[];
	/** Every postmortem chosen for onboarding, oldest first, in pages. */
	chosen: ListPage<Postmortem>[];
}

export function trainingFigures(gaps: readonly TrainingGapGroup[], postmortems: readonly Postmortem[], rootCause: (id: string) => RootCause): TrainingFigures {
	const shown = Math.min(gaps.length, PREVIEW_SIZES.topics);
	const more = Math.min(gaps.length - shown, PREVIEW_SIZES.moreTopics);
	return {
		topics: gaps.map((gap) => ({ ...gap, pages: listPages(gap.exposures, PAGE_SIZES.exposures) })),
		shown,
		more,
		unlisted: gaps.length - shown - more,
		path: onboardingPath(postmortems, rootCause),
		chosen: listPages(onboardingChoices(postmortems), PAGE_SIZES.incidents),
	};
}
