/**
 * Long lists as numbered static pages of bounded size, so that no page grows with the archive: a
 * list of 20,000 items is 100 pages of 200, each the weight of one, and each page is its own no-JS
 * view. Sizes are set by what a row weighs, against the 150 KB gzip a page may carry.
 */
import { formatCount } from './format';

export const PAGE_SIZES = {
	/** Incident lines on a cause's or a service's page: about 0.1 KB gzip each. */
	incidents: 200,
	/** Lessons on a kind's or a tag's page: about 0.2 KB gzip each, with their tags. */
	lessons: 100,
	/** Incidents that exposed a training gap, with what each wrote about it: about 0.2 KB gzip each. */
	exposures: 100,
	/** Fixes that did not hold, a paragraph each (two incidents, the fixes): about 0.3 KB gzip. */
	recurrences: 50,
	/** Themes on `/themes/`: a label, a count and two dates, about 0.1 KB gzip each. */
	themes: 100,
	/** A theme's incidents, each with what it wrote in the theme (a few sentences): about 0.5 KB gzip. */
	themeIncidents: 50,
	/** Repeated fixes, each with every time it was proposed: about 0.5 KB gzip. */
	repeatedFixes: 50,
} as const;

/** How much of a long list a summary page shows before it links to the list's own pages. */
export const PREVIEW_SIZES = {
	/** The newest lessons of each kind on `/lessons/`. */
	lessons: 20,
	/** The newest fixes that did not hold, on `/root-causes/` and on a cause's page. */
	recurrences: 10,
	/** The most named service and cause pairs on `/root-causes/`, and the newest incidents of each. */
	pairs: 20,
	pairIncidents: 3,
	/** Training topics shown in full on `/training/`, the next ones as links, and their newest incidents. */
	topics: 30,
	moreTopics: 300,
	topicIncidents: 5,
	topicAudiences: 5,
	/** Postmortems chosen for onboarding that the reading path itself takes. */
	onboarding: 20,
	/** Repeated fixes on `/action-items/`, and the proposals shown of each before "and N more". */
	repeatedFixes: 10,
	proposals: 6,
	/** Themes linked from a postmortem's, a root cause's and the lessons page. */
	themeLinks: 5,
	lessonThemes: 10,

} as const;

export interface ListPage<T> {
	/** From 1. */
	number: number;
	/** How many pages the list has. */
	of: number;
	/** The position (from 0) of this page's first item in the whole list. */
	start: number;
	/** How many items the whole list has. */
	total: number;
	items: T[];
}

/** A list as pages of at most `size` items, in order; an empty list is one empty page. */
export function listPages<T>(items: readonly T[], size: number): ListPage<T>[] {
	if (!Number.isInteger(size) || size < 1) throw new RangeError(`a page holds a whole number of items, at least 1 (got ${size})`);
	const of = Math.max(1, Math.ceil(items.length / size));
	return Array.from({ length: of }, (_, i) => ({ number: i + 1, of, start: i * size, total: items.length, items: items.slice(i * size, (i + 1) * size) }));
}

/** A run of one section's items on one page; `total` counts the section on every page. */
export interface PageSection<K, T> {
	key: K;
	total: number;
	/** Whether the section began on an earlier page. */
	continued: boolean;
	items: T[];
}

export interface SectionedPage<K, T> extends ListPage<T> {
	sections: PageSection<K, T>[];
}

/**
 * A list already in section order (every item of one section together) as pages, each page's
 * items grouped in their sections, so that a heading can say "(40, continued)" on page 2.
 */
export function sectionedPages<K, T>(items: readonly T[], keyOf: (item: T) => K, size: number): SectionedPage<K, T>[] {
	const totals = new Map<K, number>();
	for (const item of items) totals.set(keyOf(item), (totals.get(keyOf(item)) ?? 0) + 1);
	const started = new Set<K>();
	return listPages(items, size).map((page) => {
		const sections: PageSection<K, T>[] = [];
		for (const item of page.items) {
			const key = keyOf(item);
			let current = sections.at(-1);
			if (!current || current.key !== key) {
				current = { key, total: totals.get(key)!, continued: started.has(key), items: [] };
				sections.push(current);
				started.add(key);
			}
			current.items.push(item);
		}
		return { ...page, sections };
	});
}

/** A list page's title: the list's own on its first page of one, "… (page 2 of 5)" once it has more. */
export function pageTitle(title: string, page: { number: number; of: number }): string {
	return page.of > 1 ? `${title} (page ${page.number} of ${page.of})` : title;
}

/** "201–400 of 537": which of the list's items a page holds. */
export function pageRange(page: ListPage<unknown>): string {
	const first = page.start + 1;
	const last = page.start + page.items.length;
	if (page.items.length === 0) return `none of ${formatCount(page.total)}`;
	return `${first === last ? formatCount(first) : `${formatCount(first)}–${formatCount(last)}`} of ${formatCount(page.total)}`;
}
