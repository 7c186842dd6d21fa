/**
 * What the theme pages, the repeated fixes and the links to themes from other pages show, in
 * bounded pieces: no page grows with the archive.
 */
import type { Postmortem } from '../model/postmortem';
import type { RepeatedFix, Theme, ThemeAction, ThemeFactor, ThemeFigures, ThemeLesson } from '../learning/themes';
import { ACTION_STATUSES, type ActionStatus } from '../model/schema';
import { listPages, PAGE_SIZES, PREVIEW_SIZES, type ListPage } from './paging';

/** A theme as a link: its label, how many incidents it spans, whether it came back after a fix. */
export interface ThemeLink {
	id: string;
	label: string;
	incidents: number;
	recurring: boolean;
}

export function themeLink(theme: Theme): ThemeLink {
	return { id: theme.id, label: theme.label, incidents: theme.postmortems.length, recurring: theme.recurringAfterFix !== null };
}

/** Incidents a theme page names after the fix that did not hold; the rest are counted. */
const RECURRING_NAMED = 10;

/**
 * What the head of a theme's page shows: its counts, dates and, when it came back after a fix,
 * the fix and the first incidents after it. Bounded, so the page does not grow with the theme.
 */
export function themeSummary(theme: Theme) {
	return {
		id: theme.id,
		label: theme.label,
		incidents: theme.postmortems.length,
		lessons: theme.lessons.length,
		factors: theme.contributingFactors.length,
		actions: theme.actionItems.length,
		firstSeen: theme.firstSeen,
		lastSeen: theme.lastSeen,
		recurringAfterFix: theme.recurringAfterFix && {
			fix: theme.recurringAfterFix.fix,
			postmortems: theme.recurringAfterFix.postmortems.slice(0, RECURRING_NAMED),
			total: theme.recurringAfterFix.postmortems.length,
		},
	};
}

/** One incident of a theme with what it wrote that belongs to the theme. */
export interface ThemeIncident {
	postmortem: Postmortem;
	lessons: ThemeLesson[];
	contributingFactors: ThemeFactor[];
	actionItems: ThemeAction[];
}

/** A theme's pages: its incidents, newest first, each with its lessons, factors and action items in the theme. */
export function themeIncidentPages(theme: Theme, size: number = PAGE_SIZES.themeIncidents): ListPage<ThemeIncident>[] {
	const of = <T extends { postmortem: Postmortem }>(list: readonly T[]) => {
		const map = new Map<string, T[]>();
		for (const item of list) (map.get(item.postmortem.id) ?? map.set(item.postmortem.id, []).get(item.postmortem.id)!).push(item);
		return map;
	};
	const [lessons, factors, actions] = [of(theme.lessons), of(theme.contributingFactors), of(theme.actionItems)];
	return listPages(
		theme.postmortems.map((pm) => ({
			postmortem: pm,
			lessons: lessons.get(pm.id) ?? [],
			contributingFactors: factors.get(pm.id) ?? [],
			actionItems: actions.get(pm.id) ?? [],
		})),
		size
	);
}

/** The themes a postmortem is in, the widest first, at most {@link PREVIEW_SIZES.themeLinks}. */
export function postmortemThemes(figures: Pick<ThemeFigures, 'ofPostmortem'>, id: string): ThemeLink[] {
	return figures.ofPostmortem(id).slice(0, PREVIEW_SIZES.themeLinks).map(themeLink);
}

/**
 * For each root cause, the themes most of whose incidents name it (at least two of them), the
 * most such incidents first: what the incidents of a cause say again and again.
 */
export function themesByCause(themes: readonly Theme[]): Map<string, (ThemeLink & { withCause: number })[]> {
	const byCause = new Map<string, (ThemeLink & { withCause: number })[]>();
	for (const theme of themes) {
		const counts = new Map<string, number>();
		for (const pm of theme.postmortems) for (const cause of new Set(pm.rootCauses)) counts.set(cause, (counts.get(cause) ?? 0) + 1);
		for (const [cause, n] of counts) {
			if (n < 2) continue;
			(byCause.get(cause) ?? byCause.set(cause, []).get(cause)!).push({ ...themeLink(theme), withCause: n });
		}
	}
	for (const [cause, list] of byCause) {
		list.sort((a, b) => b.withCause - a.withCause || b.incidents - a.incidents || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
		byCause.set(cause, list.slice(0, PREVIEW_SIZES.themeLinks));
	}
	return byCause;
}

/** Themes that hold lessons, those across the most incidents first, for `/lessons/`. */
export function lessonThemes(themes: readonly Theme[]): ThemeLink[] {
	return themes.filter((t) => t.lessons.length > 0).slice(0, PREVIEW_SIZES.lessonThemes).map(themeLink);
}

/** A repeated fix as shown: its proposals, oldest first, cut to a few on the summary page. */
export interface RepeatedFixRow extends Omit<RepeatedFix, 'items'> {
	shown: ThemeAction[];
	more: number;
	/** Every proposal by status, so a cut list still says how many were done. */
	byStatus: Record<ActionStatus, number>;
}

/** Proposals of one fix shown on its page of the full list; the rest are counted. */
const PROPOSALS_ON_PAGES = 20;

export function repeatedFixRow({ items, ...fix }: RepeatedFix, limit: number = PROPOSALS_ON_PAGES): RepeatedFixRow {
	const byStatus = Object.fromEntries(ACTION_STATUSES.map((s) => [s, 0])) as Record<ActionStatus, number>;
	for (const item of items) byStatus[item.status]++;
	const shown = items.slice(0, limit);
	return { ...fix, shown, more: items.length - shown.length, byStatus };
}

/** `/action-items/`'s repeated fixes: the first few, and the pages of all of them. */
export function repeatedFixViews(fixes: readonly RepeatedFix[]) {
	return {
		total: fixes.length,
		preview: fixes.slice(0, PREVIEW_SIZES.repeatedFixes).map((fix) => repeatedFixRow(fix, PREVIEW_SIZES.proposals)),
		pages: listPages(fixes.map((fix) => repeatedFixRow(fix)), PAGE_SIZES.repeatedFixes),
	};
}
