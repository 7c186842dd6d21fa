/** Action items across postmortems: counts by status, overdue, rows and groups. "Open" is defined once, in `model/postmortem.ts`. */
import { byNewest, isActionOpen, isOverdue, type Postmortem } from '../model/postmortem';
import { ACTION_TYPES, type ActionItem } from '../model/schema';

export interface ActionItemCounts {
	total: number;
	open: number;
	inProgress: number;
	done: number;
	wontDo: number;
	overdue: number;
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

/** Items not yet done or decided against: `open` and `in-progress` (see `isActionOpen`). */
export function unfinished(counts: ActionItemCounts): number {
	return counts.open + counts.inProgress;
}

/** Follow-ups that are easy to lose among fixes: each gets its own list on the action-item page. */
export const SOFT_ACTION_TYPES = ['documentation', 'communication', 'training'] as const;

export interface ActionItemFigures {
	counts: ActionItemCounts;
	completionRate: number | null;
	overdue: ActionItemRow[];
	/** Unfinished and not overdue. */
	open: ActionItemRow[];
	/** Done or won't do. */
	closed: ActionItemRow[];
	byOwner: ActionItemGroup[];
	/** In the order of the schema's types. */
	byType: ActionItemGroup[];
	softTypes: { type: (typeof SOFT_ACTION_TYPES)[number]; items: ActionItemRow[] }[];
}

/** Everything `/action-items/` shows, from the same counts as `/api/stats.json`. */
export function actionItemFigures(postmortems: readonly Postmortem[], counts: ActionItemCounts, buildDate: string): ActionItemFigures {
	const rows = actionItemRows(postmortems, buildDate);
	return {
		counts,
		completionRate: completionRate(counts),
		overdue: rows.filter((r) => r.overdue),
		open: rows.filter((r) => isActionOpen(r.status) && !r.overdue),
		closed: rows.filter((r) => !isActionOpen(r.status)),
		byOwner: groupActionItems(rows, 'owner', buildDate),
		byType: groupActionItems(rows, 'type', buildDate).sort((a, b) => ACTION_TYPES.indexOf(a.key as never) - ACTION_TYPES.indexOf(b.key as never)),
		softTypes: SOFT_ACTION_TYPES.map((type) => ({ type, items: rows.filter((r) => r.type === type) })),
	};
}
