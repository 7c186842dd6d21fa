/**
 * Headings and labels, read as the parts of a postmortem template: `## Impact`, `**Impact**:` and
 * `- Impact:` all open the impact part, in any heading level. The template family (Google's SRE
 * book, PagerDuty's, Atlassian's, the short form) is told by the labels only it uses.
 */
import type { List, ListItem, Paragraph, Root } from 'mdast';
import { normaliseLabel, textOf, type Block, type Inline } from './text';

/** What a part of a document holds, as far as the importer reads it. */
export type PartKey =
	| 'summary'
	| 'impact'
	| 'rootCause'
	| 'trigger'
	| 'detection'
	| 'resolution'
	| 'actionItems'
	| 'lessons'
	| 'wentWell'
	| 'wentWrong'
	| 'lucky'
	| 'timeline'
	| 'narrative'
	| 'supporting'
	| 'responders'
	| 'title'
	| 'date'
	| 'authors'
	| 'severity'
	| 'services';

const LABELS: Record<PartKey, string[]> = {
	summary: ['summary', 'overview', 'issue summary', 'incident summary', 'executive summary', 'tl;dr', 'tldr'],
	impact: ['impact', 'customer impact', 'user impact', 'impact assessment', 'business impact'],
	rootCause: ['root causes', 'root cause', 'root cause analysis', 'contributing factors', 'five whys', '5 whys', 'fault', 'causes', 'cause'],
	trigger: ['trigger'],
	detection: ['detection', 'how was it detected', 'how it was detected'],
	resolution: ['resolution', 'resolution and recovery', 'recovery', 'response', 'mitigation', 'remediation'],
	actionItems: ['action items', 'corrective actions', 'corrective and preventative measures', 'corrective and preventive measures', 'follow-up actions', 'follow-ups', 'follow ups', 'followups', 'remediation items', 'next steps', 'action items and follow-ups'],
	lessons: ['lessons learned', 'lessons', "how'd we do", 'how did we do', 'lessons learnt'],
	wentWell: ['what went well', 'things that went well', 'went well'],
	wentWrong: ['what went wrong', 'things that went wrong', 'what went poorly', "what didn't go so well", 'what did not go so well', "what didn't go well", 'what did not go well', 'went wrong'],
	lucky: ['where we got lucky', 'where did we get lucky', 'where we were lucky', 'what we got lucky with', 'got lucky'],
	timeline: ['timeline', 'incident timeline', 'timeline of events', 'chronology', 'sequence of events', 'timeline (all times utc)'],
	narrative: ['what happened', 'leadup', 'lead-up', 'lead up', 'background', 'description', 'incident description', 'technical analysis'],
	supporting: ['supporting information', 'supporting info', 'references', 'appendix'],
	responders: ['responders', 'people involved', 'participants'],
	title: ['title', 'incident title', 'incident name', 'name'],
	date: ['date', 'incident date', 'date of incident', 'when', 'incident start'],
	authors: ['authors', 'author', 'written by', 'postmortem owner', 'postmortem author', 'postmortem authors', 'document owner'],
	severity: ['severity', 'sev', 'incident severity', 'priority'],
	services: ['services', 'service', 'services affected', 'affected services', 'systems affected', 'affected systems', 'components affected', 'affected components', 'service(s)', 'service(s) affected', 'systems'],
};

const KEY_OF = new Map<string, PartKey>(
	(Object.entries(LABELS) as [PartKey, string[]][]).flatMap(([key, labels]) => labels.map((label) => [label, key] as const))
);

/** Parts whose lists are entries, never labels. */
const LIST_PARTS: ReadonlySet<PartKey | undefined> = new Set(['actionItems', 'timeline', 'lessons', 'wentWell', 'wentWrong', 'lucky', 'rootCause']);

/** Metadata labels: one value, not a part with paragraphs of its own. */
const META: ReadonlySet<PartKey> = new Set(['title', 'date', 'authors', 'severity', 'services']);

/** The part a heading or label names, if the importer knows it. */
export function partOf(label: string): PartKey | undefined {
	const normal = normaliseLabel(label);
	return KEY_OF.get(normal) ?? KEY_OF.get(normal.replace(/\s*\(.*\)$/, ''));
}

export type Family = 'google-sre' | 'pagerduty' | 'atlassian' | 'short-form' | 'free-form';

export const FAMILY_NAMES: Record<Family, string> = {
	'google-sre': "Google's SRE-book template",
	pagerduty: "PagerDuty's template",
	atlassian: "Atlassian's template",
	'short-form': 'the short form (Issue Summary, Timeline, Root cause, …)',
	'free-form': 'a free-form document',
};

/** Labels only one family uses (or uses together). */
const SIGNATURES: Record<Exclude<Family, 'free-form'>, string[]> = {
	'google-sre': ['trigger', 'root causes', 'lessons learned', 'what went well', 'what went wrong', 'where we got lucky', 'supporting information', 'detection', 'resolution'],
	pagerduty: ['overview', 'what happened', 'contributing factors', 'responders', "how'd we do", 'how did we do'],
	atlassian: ['leadup', 'lead-up', 'fault', 'response', 'recovery', 'five whys', '5 whys', 'corrective actions'],
	'short-form': ['issue summary', 'resolution and recovery', 'corrective and preventative measures', 'corrective and preventive measures'],
};

/** The template family whose distinctive labels the document uses most (at least two), else free-form. */
export function familyOf(labels: readonly string[]): Family {
	const normal = new Set(labels.map(normaliseLabel));
	let best: Family = 'free-form';
	let bestScore = 1;
	for (const [family, signature] of Object.entries(SIGNATURES) as [Family, string[]][]) {
		const score = signature.filter((label) => normal.has(label)).length;
		if (score > bestScore) [best, bestScore] = [family, score];
	}
	return best;
}

/** One part of a document: the label as written, what it is, and what follows it. */
export interface Part {
	label: string;
	key: PartKey | undefined;
	/** Heading depth; labels count as one deeper than the heading they sit under. */
	depth: number;
	/** Text after the label on its own line (`**Impact**: 300 users`), as inline nodes. */
	inline: Inline[];
	blocks: Block[];
}

/** `**Impact**:` or `Impact:` at the start of a paragraph: the label and what follows it. */
function labelled(children: readonly Inline[]): { label: string; rest: Inline[] } | undefined {
	const [first, ...others] = children;
	if (!first) return undefined;
	if (first.type === 'strong' || first.type === 'emphasis') {
		const label = textOf(first).trim();
		const next = others[0];
		const restText = next?.type === 'text' ? next.value : '';
		// `**Impact:**`, `**Impact**:` and `**Impact**` alone on its line.
		if (!label.endsWith(':') && !/^\s*[:\-–—]/.test(restText) && (others.length > 0 && !/^\s*\n/.test(restText))) return undefined;
		const rest = [...others];
		if (next?.type === 'text') rest[0] = { ...next, value: next.value.replace(/^\s*[:\-–—]?\s*/, '') };
		return { label: label.replace(/:$/, ''), rest: rest.filter((n) => !(n.type === 'text' && !n.value)) };
	}
	if (first.type === 'text') {
		const match = /^([^:\n]{1,60}):[ \t]*/.exec(first.value);
		if (!match) return undefined;
		return { label: match[1]!, rest: [{ ...first, value: first.value.slice(match[0].length) }, ...others].filter((n) => !(n.type === 'text' && !n.value)) };
	}
	return undefined;
}

function labelledParagraph(block: Block): { label: string; key: PartKey; rest: Inline[] } | undefined {
	if (block.type !== 'paragraph') return undefined;
	const found = labelled((block as Paragraph).children);
	const key = found && partOf(found.label);
	return found && key ? { ...found, key } : undefined;
}

/** A list whose items are all `Label: value` with labels the importer knows (a metadata list). */
function labelledItems(list: List): { label: string; key: PartKey; rest: Inline[]; item: ListItem }[] | undefined {
	const items = list.children.map((item) => {
		const first = item.children[0];
		const found = first && labelledParagraph(first);
		return found && { ...found, item };
	});
	return items.some(Boolean) ? (items.filter(Boolean) as { label: string; key: PartKey; rest: Inline[]; item: ListItem }[]) : undefined;
}

/**
 * The document as a list of parts, in order. A part runs to the next heading or label the importer
 * knows, or the next heading no deeper than its own; an unknown deeper heading (a day in a
 * timeline, a sub-topic) stays inside the part it is under.
 */
export function splitParts(tree: Root): Part[] {
	const parts: Part[] = [{ label: '', key: undefined, depth: 0, inline: [], blocks: [] }];
	const current = () => parts[parts.length - 1]!;
	let headingDepth = 0;
	for (const block of tree.children) {
		if (block.type === 'heading') {
			const label = textOf(block).trim();
			const key = partOf(label);
			if (key || block.depth <= current().depth || current().key === undefined) {
				parts.push({ label, key, depth: block.depth, inline: [], blocks: [] });
				headingDepth = block.depth;
				continue;
			}
			current().blocks.push(block);
			continue;
		}
		const labelledBlock = labelledParagraph(block);
		if (labelledBlock) {
			parts.push({ label: labelledBlock.label, key: labelledBlock.key, depth: headingDepth + 1, inline: labelledBlock.rest, blocks: [] });
			continue;
		}
		if (block.type === 'list') {
			const items = labelledItems(block);
			// A metadata list (`- Date: …`, `- Authors: …`): each known label is a one-line part.
			// Inside a list of actions, lessons or timeline entries, `Detection: add an alert` is an entry.
			if (items && !LIST_PARTS.has(current().key)) {
				for (const { label, key, rest, item } of items) {
					parts.push({ label, key, depth: headingDepth + 1, inline: rest, blocks: item.children.slice(1) });
				}
				// The list's other items stay with the part that was open, so the reading sees them too.
				const other = block.children.filter((item) => !items.some((i) => i.item === item));
				if (other.length) parts[parts.length - items.length - 1]!.blocks.push({ ...block, children: other });
				continue;
			}
		}
		current().blocks.push(block);
	}
	return parts.filter((part, index) => index > 0 || part.blocks.length > 0);
}

/** The text of a part: what follows its label on the line, then its blocks. */
export function partText(part: Part): string {
	const inline = textOf(part.inline).trim();
	const blocks = part.blocks.map((block) => textOf(block).trim()).filter(Boolean);
	return [inline, ...blocks].filter(Boolean).join('\n\n');
}

export function isMeta(key: PartKey | undefined): boolean {
	return key !== undefined && META.has(key);
}
