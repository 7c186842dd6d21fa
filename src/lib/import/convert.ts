/**
 * One existing postmortem, as a Markdown tree, turned into Hindsight frontmatter and a body. The
 * body is the whole document, so no sentence is lost; the frontmatter holds what the importer read
 * with confidence, a marked placeholder where the contract needs a value nobody wrote down, and
 * `needsReview` naming every field it guessed. The file is always a draft.
 */
import type { Heading, Nodes, Parent, Root } from 'mdast';
import { PLACEHOLDER_SERVICE, PLACEHOLDER_WORD, REVIEWABLE_FIELDS } from '../model/placeholders';
import { slugify } from '../model/scaffold';
import type { ActionStatus, ActionType, Severity } from '../model/schema';
import type { Taxonomy } from '../model/taxonomy';
import { readActionItems } from './action-items';
import { suggestRootCause } from './causes';
import { readLessons, type LessonKind } from './lessons';
import { familyOf, isMeta, partText, splitParts, type Family, type Part, type PartKey } from './sections';
import { fitSentences, squeeze, textOf } from './text';
import { findDate, isoDay, momentsOf, readTimeline, type Day, type Entry } from './timeline';

export type ReviewableField = (typeof REVIEWABLE_FIELDS)[number];

export interface ImportSource {
	/** The file's name, for messages and as the last resort for a title. */
	name: string;
	/** The document without its frontmatter. */
	tree: Root;
	/** The source's own YAML frontmatter, read, and as written. */
	frontmatter?: { data: Record<string, unknown>; raw: string } | undefined;
	/** An HTML export's `<title>`. */
	htmlTitle?: string | undefined;
	/** The page title an export states outright (Confluence's title heading, without its space name). */
	exportTitle?: string | undefined;
}

export interface ImportContext {
	taxonomy: Taxonomy;
	/** The placeholder start and end when the document has no date at all. */
	now: Date;
}

/** The frontmatter an import writes, in the order it is written. */
export interface ImportedFrontmatter {
	title: string;
	summary: string;
	severity: Severity;
	status: 'draft';
	visibility: 'internal';
	started: Date;
	detected?: Date | undefined;
	mitigated?: Date | undefined;
	resolved: Date;
	services: string[];
	impact: { description: string };
	rootCauses: string[];
	needsReview: ReviewableField[];
	teams: string[];
	authors: string[];
	reviewers: string[];
	tags: string[];
	trigger?: string | undefined;
	detection?: string | undefined;
	timeline: Entry[];
	contributingFactors: never[];
	lessons: { kind: LessonKind; text: string }[];
	actionItems: { title: string; type: ActionType; owner: string; status: ActionStatus; due?: string | undefined; link?: string | undefined }[];
	trainingGaps: never[];
	related: never[];
}

export interface Imported {
	data: ImportedFrontmatter;
	/** The body: the document, less the title heading the frontmatter now holds. */
	body: Root;
	family: Family;
	/** `2024/payments-outage`: the file's id. */
	id: string;
	/** Fields read from the source. */
	filled: string[];
	/** What a person still has to do, one line each. */
	todo: string[];
	/** How things were read (time zone, dates), for the report. */
	notes: string[];
}

export type ImportResult = { imported: Imported } | { error: string };

const INCIDENT_WORDS = /\b(?:incident|outage|post-?mortem|downtime|degrad\w*|root cause|impact|resolved|mitigat\w*|alert\w*|paged|on-?call|sev ?\d|p[0-4]\b)/i;
const SUMMARY_MAX = 600;
const TITLE_MAX = 200;

const DETECTION_WORDS: [string, RegExp][] = [
	['alert', /\b(?:alert\w*|paged|pager\w*|monitor\w*|page fired|on-?call was paged)\b/i],
	['customer-report', /\b(?:customers? (?:report\w*|complain\w*|contact\w*|tweet\w*)|support tickets?|user reports?|reported by (?:a )?(?:customer|user)s?)\b/i],
	['internal-report', /\b(?:employee|engineer|colleague|staff|internal user)s? (?:noticed|reported)\b/i],
	['automated-test', /\b(?:synthetic|canary (?:check|test)|smoke test|integration test|end-to-end test|automated test)s?\b/i],
	['third-party', /\b(?:vendor|third[- ]party|provider|partner) (?:told|notified|reported|informed)\b/i],
];

/** A detection method when the detection text names exactly one kind. */
function detectionOf(text: string): string | undefined {
	const found = DETECTION_WORDS.filter(([, words]) => words.test(text)).map(([method]) => method);
	return found.length === 1 ? found[0] : undefined;
}

function severityOf(text: string): { severity: Severity; exact: boolean } | undefined {
	const match = /\b(?:sev(?:erity)?|p|priority)\s*[-:#]?\s*([0-5])\b/i.exec(text) ?? /^\s*([0-5])\s*$/.exec(text);
	if (!match) return undefined;
	const level = Number(match[1]);
	return { severity: `SEV${Math.max(level, 1)}` as Severity, exact: level >= 1 };
}

/** A list as written: list items, or text split on commas, semicolons and "and". */
function namesOf(part: Part | undefined, value?: unknown): string[] {
	if (Array.isArray(value)) return value.filter((v): v is string => typeof v === 'string').map(squeeze).filter(Boolean);
	const text = typeof value === 'string' ? value : part ? partText(part) : '';
	return [...new Set(text.split(/\s*(?:[,;\n]|\band\b|&)\s*/).map((name) => squeeze(name.replace(/^[-*•]\s*/, ''))).filter(Boolean))];
}

function dayOf(value: unknown): Day | undefined {
	if (typeof value === 'string') return findDate(value);
	if (value instanceof Date && !Number.isNaN(value.getTime())) return { year: value.getUTCFullYear(), month: value.getUTCMonth() + 1, day: value.getUTCDate() };
	return undefined;
}

function humanName(file: string): string {
	return squeeze(file.replace(/^.*[\\/]/, '').replace(/\.[^.]+$/, '').replace(/[-_]+/g, ' '));
}

/** Reads one document. An error says why it is not read as a postmortem. */
export function convertPostmortem(source: ImportSource, context: ImportContext): ImportResult {
	const allText = textOf(source.tree);
	const front = source.frontmatter?.data ?? {};
	if (!squeeze(allText) && !Object.keys(front).length) return { error: 'the file is empty: there is no text to import' };
	const parts = splitParts(source.tree);
	const known = parts.filter((p) => p.key && !isMeta(p.key));
	if (!known.length && !INCIDENT_WORDS.test(`${allText} ${source.frontmatter?.raw ?? ''}`)) {
		return {
			error:
				'this does not read as a postmortem: it has none of the headings or labels of a postmortem template (Summary, Impact, Timeline, Root cause, Action items, …) and no words about an incident or outage',
		};
	}
	const family = familyOf(parts.map((p) => p.label));
	const partsOf = (key: PartKey) => parts.filter((p) => p.key === key);
	const partOf = (key: PartKey) => partsOf(key)[0];
	const textOfParts = (key: PartKey) => partsOf(key).map(partText).filter(Boolean).join('\n\n');

	const filled: string[] = [];
	const todo: string[] = [];
	const notes: string[] = [];
	const review = new Set<ReviewableField>();
	const fill = (field: string) => filled.includes(field) || filled.push(field);

	// Title: what the author called it, nearest first.
	const firstHeading = source.tree.children.find((b): b is Heading => b.type === 'heading');
	const h1 = firstHeading?.depth === 1 ? squeeze(textOf(firstHeading)) : undefined;
	const labelTitle = partOf('title') && squeeze(partText(partOf('title')!));
	const otherHeading = source.tree.children.find((b): b is Heading => b.type === 'heading' && !partOfLabel(parts, b));
	const titleChoices: [string | undefined, boolean][] = [
		[typeof front.title === 'string' ? squeeze(front.title) : undefined, true],
		[labelTitle, true],
		[source.exportTitle && squeeze(source.exportTitle), true],
		[h1, true],
		[source.htmlTitle && squeeze(source.htmlTitle), true],
		[otherHeading && squeeze(textOf(otherHeading)), false],
		[humanName(source.name), false],
	];
	const [rawTitle, titleSure] = titleChoices.find(([t]) => t) as [string, boolean];
	const title = rawTitle.length > TITLE_MAX ? fitSentences(rawTitle, TITLE_MAX).text : rawTitle;
	if (titleSure) fill('title');
	else {
		review.add('title');
		todo.push(`title: no title is given; "${title}" was taken from ${otherHeading ? 'the first heading' : 'the file name'}`);
	}

	// The incident's day: stated in the frontmatter or a Date label, else the first date written anywhere.
	const statedDay = dayOf(front.date) ?? dayOf(front.started) ?? (partOf('date') ? findDate(partText(partOf('date')!)) : undefined);
	const day = statedDay ?? findDate(`${title}\n${allText}`);

	// Timeline.
	const timelineParts = partsOf('timeline');
	const reading = readTimeline(timelineParts.flatMap((p) => [...(p.inline.length ? [{ type: 'paragraph' as const, children: p.inline }] : []), ...p.blocks]), {
		heading: timelineParts.map((p) => p.label).join('\n'),
		document: allText,
		day,
		dayIsStated: !!statedDay,
	});
	const entries = [...reading.entries].sort((a, b) => a.at.getTime() - b.at.getTime());
	notes.push(...reading.notes);
	if (entries.length) {
		fill('timeline');
		if (reading.assumed) review.add('timeline');
	} else if (timelineParts.length) todo.push('timeline: no entry had a time and date to read; the timeline stays in the body: add the key moments to `timeline`');

	// Start, detection, mitigation and end: from the timeline's words, else guesses marked for review.
	const moments = momentsOf(entries);
	const guess = (field: 'started' | 'resolved', why: string) => {
		review.add(field);
		todo.push(`${field}: ${why}`);
	};
	let started = moments.started;
	let resolved = moments.resolved;
	if (started) fill('started');
	else if (entries.length) {
		started = entries[0]!.at;
		guess('started', 'no timeline entry says the impact began; the first entry\'s time was used');
	} else if (day) {
		started = new Date(Date.UTC(day.year, day.month - 1, day.day));
		guess('started', `no times were found; midnight UTC of ${isoDay(day)} is a placeholder`);
	} else {
		started = new Date(Math.floor(context.now.getTime() / 60_000) * 60_000);
		guess('started', 'the document gives no date; the import time is a placeholder (and decides the year folder)');
	}
	if (resolved && resolved >= started) fill('resolved');
	else {
		const last = entries[entries.length - 1]?.at;
		resolved = last && last >= started ? last : started;
		guess('resolved', resolved === started ? 'no end is given; it equals started as a placeholder' : 'no timeline entry says the impact ended; the last entry\'s time was used');
	}
	let { detected, mitigated } = moments;
	const inside = (value: Date | undefined, field: string) => {
		if (!value) return undefined;
		if (value < started! || value > resolved!) {
			notes.push(`${field}: the entry that reads as ${field} is outside the start and end, so it was left out`);
			return undefined;
		}
		fill(field);
		return value;
	};
	detected = inside(detected, 'detected');
	mitigated = inside(mitigated, 'mitigated');
	if (mitigated && detected && mitigated < detected) {
		notes.push('mitigated: the entry that reads as mitigation comes before detection, so it was left out');
		mitigated = undefined;
	}
	if (reading.assumed) for (const field of ['started', 'detected', 'mitigated', 'resolved'] as const) if (filled.includes(field)) review.add(field);

	// Summary: the summary part's opening, cut to whole sentences; else the document's first paragraph.
	const summaryPart = partOf('summary');
	let summary: string;
	const summarySource = summaryPart ? [squeeze(textOf(summaryPart.inline)), ...summaryPart.blocks.filter((b) => b.type === 'paragraph').map((b) => squeeze(textOf(b)))].filter(Boolean)[0] ?? squeeze(partText(summaryPart)) : undefined;
	if (summarySource) {
		const fit = fitSentences(summarySource, SUMMARY_MAX);
		summary = fit.text;
		fill('summary');
		if (fit.shortened) notes.push(`summary: the first ${SUMMARY_MAX} characters' worth of whole sentences; the full text is in the body`);
	} else {
		const paragraph = parts.filter((p) => !p.key || p.key === 'narrative').flatMap((p) => p.blocks).find((b) => b.type === 'paragraph' && squeeze(textOf(b)).length >= 40);
		if (paragraph) {
			summary = fitSentences(squeeze(textOf(paragraph)), SUMMARY_MAX).text;
			review.add('summary');
			todo.push('summary: there is no summary part; the first paragraph was used');
		} else {
			summary = `${PLACEHOLDER_WORD}: what happened, to whom, for how long.`;
			todo.push('summary: write one (a placeholder is there)');
		}
	}

	const impactText = squeeze(textOfParts('impact').replace(/\n+/g, ' '));
	if (impactText) fill('impact');
	else todo.push('impact: no impact part; describe who was affected and how (a placeholder is there)');

	const triggerText = squeeze(textOfParts('trigger'));
	if (triggerText) fill('trigger');

	const detectionText = textOfParts('detection');
	const detection = detectionText ? detectionOf(detectionText) : undefined;
	if (detection) {
		review.add('detection');
		notes.push(`detection: "${detection}", from the words of the detection part`);
	}

	const services = namesOf(partOf('services'), front.services ?? front.service);
	if (services.length) fill('services');
	else todo.push(`services: none are named; "${PLACEHOLDER_SERVICE}" is a placeholder`);

	const authors = namesOf(partOf('authors'), front.authors ?? front.author);
	if (authors.length) fill('authors');

	const severityText = [front.severity, front.sev, front.priority].find((v) => v !== undefined);
	const severityRead = severityOf(String(severityText ?? (partOf('severity') ? partText(partOf('severity')!) : '')));
	let severity: Severity = 'SEV3';
	if (severityRead) {
		severity = severityRead.severity;
		if (severityRead.exact) fill('severity');
		else {
			review.add('severity');
			todo.push('severity: SEV0 or P0 was read as SEV1, the highest Hindsight has');
		}
	} else {
		review.add('severity');
		todo.push('severity: not stated; SEV3 is a placeholder');
	}

	const lessons = ([['wentWell', 'went-well'], ['wentWrong', 'went-wrong'], ['lucky', 'lucky']] as const).flatMap(([key, kind]) =>
		partsOf(key).flatMap((part) => readLessons(part.blocks, textOf(part.inline)).map((text) => ({ kind, text })))
	);
	if (lessons.length) fill('lessons');

	const actions = partsOf('actionItems').flatMap((part) => readActionItems(part.blocks));
	if (actions.length) {
		fill('actionItems');
		const untyped = actions.filter((a) => a.guessed.includes('type')).length;
		const unowned = actions.filter((a) => a.guessed.includes('owner')).length;
		if (untyped) {
			review.add('actionItems');
			todo.push(`actionItems: ${untyped} of ${actions.length} had no type; each was guessed from its words`);
		}
		if (unowned) todo.push(`actionItems: ${unowned} of ${actions.length} name no owner (a placeholder is there)`);
	} else if (partsOf('actionItems').length) todo.push('actionItems: the action items part has no table or list to read; it stays in the body');

	const causeText = [textOfParts('rootCause'), triggerText].filter(Boolean).join('\n');
	const cause = suggestRootCause(causeText || allText, context.taxonomy);
	review.add('rootCauses');
	todo.push(
		cause.matched.length
			? `rootCauses: "${cause.id}" is a suggestion (from the words ${cause.matched.slice(0, 4).map((w) => `"${w}"`).join(', ')}): check it against content/root-causes.yaml`
			: `rootCauses: no taxonomy words matched; "${cause.id}" is a placeholder: choose from content/root-causes.yaml`
	);

	const tags = Array.isArray(front.tags) ? front.tags.filter((t): t is string => typeof t === 'string') : [];

	// The body keeps everything; only the title heading moves to the frontmatter.
	const body: Root = { ...source.tree, children: structuredClone(source.tree.children).filter((b, i) => !(source.tree.children[i] === firstHeading && b.type === 'heading' && b.depth === 1 && squeeze(textOf(b)) === title)) };
	const detached = detachLocalTargets(body);
	if (detached.links) notes.push(`${detached.links} link${detached.links === 1 ? '' : 's'} to files of the export (not web addresses) became plain text`);
	if (detached.images) todo.push(`body: ${detached.images} image${detached.images === 1 ? ' was' : 's were'} not imported (the files are not web addresses); ${detached.images === 1 ? 'its' : 'their'} description is in the body as "(image: …)": add the image files by hand`);
	if (source.frontmatter?.raw.trim()) {
		body.children.push(
			{ type: 'heading', depth: 2, children: [{ type: 'text', value: 'Details from the original frontmatter' }] },
			{ type: 'code', lang: 'yaml', value: source.frontmatter.raw.replace(/\s+$/, '') }
		);
	}

	const data: ImportedFrontmatter = {
		title,
		summary,
		severity,
		status: 'draft',
		visibility: 'internal',
		started,
		detected,
		mitigated,
		resolved,
		services: services.length ? services : [PLACEHOLDER_SERVICE],
		impact: { description: impactText || `${PLACEHOLDER_WORD}: who was affected and how.` },
		rootCauses: [cause.id],
		needsReview: REVIEWABLE_FIELDS.filter((field) => review.has(field)),
		teams: [],
		authors,
		reviewers: [],
		tags,
		trigger: triggerText || undefined,
		detection,
		timeline: entries,
		contributingFactors: [],
		lessons,
		actionItems: actions.map(({ guessed: _, ...item }) => item),
		trainingGaps: [],
		related: [],
	};
	return { imported: { data, body, family, id: `${started.getUTCFullYear()}/${slugify(title)}`, filled, todo, notes } };
}

const WEB = /^(?:https?:|mailto:|#)/i;

/**
 * Links and images that point at the export's own files (`index.html`, `images/image1.png`): the
 * files are not imported, so the link keeps its words and the image its description, as text.
 */
function detachLocalTargets(tree: Root): { links: number; images: number } {
	const counts = { links: 0, images: 0 };
	const visit = (node: Nodes) => {
		if (!('children' in node)) return;
		const parent = node as Parent;
		parent.children = parent.children.flatMap((child): Nodes[] => {
			if (child.type === 'link' && !WEB.test(child.url.trim())) {
				counts.links++;
				child.children.forEach((c) => visit(c));
				return child.children;
			}
			if (child.type === 'image' && !/^https?:/i.test(child.url.trim())) {
				counts.images++;
				return [{ type: 'text', value: `(image: ${squeeze(child.alt || child.title || 'no description')})` }];
			}
			visit(child);
			return [child];
		}) as Parent['children'];
	};
	visit(tree);
	return counts;
}

function partOfLabel(parts: readonly Part[], heading: Heading): boolean {
	const label = textOf(heading).trim();
	return parts.some((p) => p.label === label && p.key !== undefined);
}

