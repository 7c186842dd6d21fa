/**
 * The archive's rows: what `/postmortems/` shows of each postmortem and the words its search box
 * matches, made once. The static pages render these rows and the JSON chunks the filters load
 * (`/api/archive/<n>.json`) hold the same ones, so a filtered row reads exactly like a built one.
 */
import type { Archive } from '../model/archive';
import type { Postmortem } from '../model/postmortem';
import type { Severity } from '../model/schema';
import { serviceSlug } from '../model/slugs';
import { formatDay, formatMinutes } from './format';
import { STATUS_LABELS } from './labels';

export interface ArchiveRow {
	id: string;
	title: string;
	/** The chip beside the title of a postmortem not yet published (`In review`); absent when published. */
	status?: string;
	/** The start as an ISO instant: the date cell's `datetime` and the date sort's key. */
	started: string;
	/** The start as the date cell shows it. */
	day: string;
	year: string;
	severity: Severity;
	minutes: number;
	/** The duration as the cell shows it. */
	duration: string;
	services: { name: string; slug: string }[];
	causes: { id: string; name: string }[];
	/** Lower-case words the search box matches: title, summary, services, root causes, tags, teams, id. */
	text: string;
}

/** One postmortem's row. */
export function archiveRow(pm: Postmortem, archive: Pick<Archive, 'rootCause'>): ArchiveRow {
	const causes = pm.rootCauses.map((id) => ({ id, name: archive.rootCause(id).name }));
	return {
		id: pm.id,
		title: pm.title,
		...(pm.status === 'published' ? {} : { status: STATUS_LABELS[pm.status] }),
		started: pm.started.toISOString(),
		day: formatDay(pm.started),
		year: pm.year,
		severity: pm.severity,
		minutes: pm.durationMinutes,
		duration: formatMinutes(pm.durationMinutes),
		services: pm.services.map((name) => ({ name, slug: serviceSlug(name) })),
		causes,
		text: [pm.title, pm.summary, ...pm.services, ...causes.map((c) => c.name), ...pm.tags, ...pm.teams, pm.id].join(' ').toLowerCase(),
	};
}

/** Every included postmortem's row, newest first (the archive's order). */
export function archiveRows(archive: Pick<Archive, 'postmortems' | 'rootCause'>): ArchiveRow[] {
	return archive.postmortems.map((pm) => archiveRow(pm, archive));
}

/**
 * Rows a static page shows: enough to read and scan, few enough that a phone lays the page out at
 * once (at 200, table rows turned cards cost Lighthouse's mobile run 0.3 s of blocking time, a
 * score of 84–88; at 100, 96). An archive of up to this many is one page, every postmortem on
 * `/postmortems/`.
 */
export const ARCHIVE_PAGE_SIZE = 100;

/** Rows a chunk holds: few files for the filters to fetch, none too large to parse at once. */
export const ARCHIVE_CHUNK_SIZE = 1000;

export interface ArchivePage {
	/** 1 is `/postmortems/`; the rest are `/archive/<number>/`. */
	number: number;
	of: number;
	/** This page's first row in the whole archive, counting from 1 (0 on an empty archive's page). */
	first: number;
	total: number;
	rows: ArchiveRow[];
}

/** `/api/archive/<chunk>.json`: one part of the archive's rows, in the archive's order. */
export interface ArchiveChunk {
	chunk: number;
	of: number;
	/** Rows in every chunk together: the filters check the parts they loaded add up to it. */
	total: number;
	rows: ArchiveRow[];
}

/** `list` in runs of `size`; an empty list is one empty run, so page 1 and chunk 1 always exist. */
function runs<T>(list: readonly T[], size: number): T[][] {
	const out: T[][] = [];
	for (let i = 0; i < list.length; i += size) out.push(list.slice(i, i + size));
	return out.length ? out : [[]];
}

/** The archive's static pages, newest first. */
export function archivePages(rows: readonly ArchiveRow[], size = ARCHIVE_PAGE_SIZE): ArchivePage[] {
	const pages = runs(rows, size);
	return pages.map((list, i) => ({ number: i + 1, of: pages.length, first: list.length ? i * size + 1 : 0, total: rows.length, rows: list }));
}

/** The archive's rows in chunks for the filters, newest first. */
export function archiveChunks(rows: readonly ArchiveRow[], size = ARCHIVE_CHUNK_SIZE): ArchiveChunk[] {
	const chunks = runs(rows, size);
	return chunks.map((list, i) => ({ chunk: i + 1, of: chunks.length, total: rows.length, rows: list }));
}
