/**
 * Action items across postmortems: counts by status, overdue, and the ledger (by owner, by type,
 * overdue), split into pages of bounded size. "Not done" is defined once, in `model/postmortem.ts`
 * (`isActionOpen`); the words pages use for each count are in `present/labels.ts`.
 */
import { byNewest, isActionOpen, isOverdue, type Postmortem } from '../model/postmortem';
import { ACTION_TYPES, type ActionItem, type ActionType } from '../model/schema';
import type { Owner, OwnerDirectory } from './owners';

export interface ActionItemCounts {
	total: number;
	/** Status `open`: not started. */
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

/** How many are not done: `open` and `in-progress` together (see `isActionOpen`), the "Not done" of every page. */
export function unfinished(counts: ActionItemCounts): number {
	return counts.open + counts.inProgress;
}

/**
 * Share of action items done, out of those still meant to be done (won't-do items are a decision,
 * not a backlog); `null` when there are none.
 */
export function completionRate(counts: ActionItemCounts): number | null {
	const committed = counts.total - counts.wontDo;
	return committed === 0 ? null : counts.done / committed;
}

/** An action item with the postmortem it came from and the owner it belongs to. */
export interface ActionItemRow extends ActionItem {
	postmortem: Pick<Postmortem, 'id' | 'title' | 'url' | 'started'>;
	/** `owner` as one owner of the directory: normalised, named, with its page. */
	ownedBy: Owner;
	overdue: boolean;
}

/** A postmortem's own items, in the order its authors wrote them. */
export function postmortemActionRows(pm: Postmortem, owners: OwnerDirectory, buildDate: string): ActionItemRow[] {
	return pm.actionItems.map((item) => ({ ...item, postmortem: pm, ownedBy: owners.of(item.owner), overdue: isOverdue(item, buildDate) }));
}

/** The ledger's sections, in the order a reader works through them. */
export const LEDGER_SECTIONS = ['overdue', 'not-done', 'done', 'wont-do'] as const;
export type LedgerSection = (typeof LEDGER_SECTIONS)[number];

/** Overdue, else not done (and not overdue), else done or won't do. */
export function sectionOf(row: Pick<ActionItemRow, 'status' | 'overdue'>): LedgerSection {
	if (row.overdue) return 'overdue';
	if (isActionOpen(row.status)) return 'not-done';
	return row.status === 'done' ? 'done' : 'wont-do';
}

const NO_DUE = '9999-99-99';

/**
 * The ledger's order: by section; overdue items oldest due first, the rest of what is not done
 * soonest due first (undated last), then done and won't-do newest postmortem first.
 */
export function byLedgerOrder(a: ActionItemRow, b: ActionItemRow): number {
	const section = LEDGER_SECTIONS.indexOf(sectionOf(a)) - LEDGER_SECTIONS.indexOf(sectionOf(b));
	if (section) return section;
	const dueFirst = isActionOpen(a.status) ? (a.due ?? NO_DUE).localeCompare(b.due ?? NO_DUE) : 0;
	return dueFirst || byNewest(a.postmortem, b.postmortem) || a.title.localeCompare(b.title, 'en') || a.ownedBy.key.localeCompare(b.ownedBy.key);
}

/** Every action item of these postmortems, in ledger order. */
export function actionItemRows(postmortems: readonly Postmortem[], owners: OwnerDirectory, buildDate: string): ActionItemRow[] {
	return postmortems.flatMap((pm) => postmortemActionRows(pm, owners, buildDate)).sort(byLedgerOrder);
}

/**
 * Rows per ledger page. A row is about 0.1 KB of gzip, so a page stays far below the 150 KB budget
 * however large the archive; an owner with thousands of items gets more pages, not a longer one.
 */
export const LEDGER_PAGE_SIZE = 200;

export interface LedgerPage {
	/** From 1. */
	number: number;
	/** How many pages the ledger has. */
	of: number;
	/** The sections with rows on this page; `total` counts the section's rows on every page. */
	sections: { section: LedgerSection; total: number; continued: boolean; rows: ActionItemRow[] }[];
}

/** Rows (in ledger order) as pages of at most `size`; an empty ledger is one empty page. */
export function ledgerPages(rows: readonly ActionItemRow[], size = LEDGER_PAGE_SIZE): LedgerPage[] {
	const totals = new Map<LedgerSection, number>();
	for (const row of rows) totals.set(sectionOf(row), (totals.get(sectionOf(row)) ?? 0) + 1);
	const of = Math.max(1, Math.ceil(rows.length / size));
	const pages: LedgerPage[] = [];
	const started = new Set<LedgerSection>();
	for (let number = 1; number <= of; number++) {
		const sections: LedgerPage['sections'] = [];
		for (const row of rows.slice((number - 1) * size, number * size)) {
			const section = sectionOf(row);
			let current = sections.at(-1);
			if (current?.section !== section) {
				current = { section, total: totals.get(section)!, continued: started.has(section), rows: [] };
				sections.push(current);
				started.add(section);
			}
			current.rows.push(row);
		}
		pages.push({ number, of, sections });
	}
	return pages;
}

export interface ActionItemSummary {
	counts: ActionItemCounts;
	notDone: number;
	completionRate: number | null;
	/** The earliest due date of an overdue item, `null` when none is overdue. */
	oldestOverdue: string | null;
}

function summarise(rows: readonly ActionItemRow[], buildDate: string): ActionItemSummary {
	const counts = countItems(rows, buildDate);
	const overdue = rows.filter((r) => r.overdue).map((r) => r.due!);
	return { counts, notDone: unfinished(counts), completionRate: completionRate(counts), oldestOverdue: overdue.length ? overdue.reduce((a, b) => (b < a ? b : a)) : null };
}

/** One owner's or one type's items: its counts and its pages. */
export interface Ledger<K> {
	of: K;
	summary: ActionItemSummary;
	pages: LedgerPage[];
}

function ledgersBy<K>(rows: readonly ActionItemRow[], keyOf: (row: ActionItemRow) => K, buildDate: string): Map<K, Ledger<K>> {
	const groups = new Map<K, ActionItemRow[]>();
	for (const row of rows) {
		const key = keyOf(row);
		const list = groups.get(key);
		if (list) list.push(row);
		else groups.set(key, [row]);
	}
	return new Map([...groups].map(([key, list]) => [key, { of: key, summary: summarise(list, buildDate), pages: ledgerPages(list) }]));
}

/** How many of the oldest overdue items `/action-items/` lists; the rest are on the overdue pages. */
export const MOST_OVERDUE = 10;

export interface ActionItemFigures {
	/** The counts are the ones `/api/stats.json` publishes. */
	summary: ActionItemSummary;
	/** Whose work is overdue first (most overdue items, then most not done), then by name. */
	owners: Ledger<Owner>[];
	/** In the order of the schema's types; a type no item has is left out. */
	types: Ledger<ActionType>[];
	/** Every overdue item, oldest due first. */
	overdue: Ledger<'overdue'>;
	/** The oldest overdue items, for the summary page. */
	mostOverdue: ActionItemRow[];
}

/** Everything the action-item pages show, from the same counts as `/api/stats.json`. */
export function actionItemFigures(postmortems: readonly Postmortem[], owners: OwnerDirectory, counts: ActionItemCounts, buildDate: string): ActionItemFigures {
	const rows = actionItemRows(postmortems, owners, buildDate);
	const overdue = rows.filter((r) => r.overdue);
	const overdueSummary = summarise(overdue, buildDate);
	const byOwner = [...ledgersBy(rows, (r) => r.ownedBy, buildDate).values()].sort(
		(a, b) => b.summary.counts.overdue - a.summary.counts.overdue || b.summary.notDone - a.summary.notDone || a.of.name.localeCompare(b.of.name, 'en') || (a.of.key < b.of.key ? -1 : 1)
	);
	const byType = ledgersBy(rows, (r) => r.type, buildDate);
	return {
		summary: { counts, notDone: unfinished(counts), completionRate: completionRate(counts), oldestOverdue: overdueSummary.oldestOverdue },
		owners: byOwner,
		types: ACTION_TYPES.flatMap((type) => byType.get(type) ?? []),
		overdue: { of: 'overdue', summary: overdueSummary, pages: ledgerPages(overdue) },
		mostOverdue: overdue.slice(0, MOST_OVERDUE),
	};
}
