/**
 * How complete a postmortem is: which of the recommended parts (see the writing guide) it has, as a
 * score from 0 to 100 that authors see on each page and the content linter reports. None of these
 * parts is required by the contract; a postmortem without them still builds, it just teaches less.
 */

/** The fields completeness reads; a validated `PostmortemData` fits, and so does a plain object. */
export interface CompletenessInput {
	timeline?: readonly unknown[] | undefined;
	actionItems?: readonly unknown[] | undefined;
	lessons?: readonly unknown[] | undefined;
	detected?: Date | string | null | undefined;
}

export interface CompletenessPart {
	id: 'timeline' | 'root-cause' | 'action-items' | 'lessons' | 'detected';
	/** What is missing, as authors read it: "missing a timeline". */
	label: string;
	/** How to add it. */
	hint: string;
	/** Share of the score; the weights add up to 100. */
	weight: number;
	present: (data: CompletenessInput, body: string) => boolean;
}

const nonEmpty = (list: readonly unknown[] | undefined) => (list?.length ?? 0) > 0;

/**
 * The weights favour what readers learn most from: the timeline and the root-cause analysis (25
 * each) explain what happened and why; action items (20) are how it stops happening again; lessons
 * (15) carry the insight to other teams; the detection time (15) is what time-to-detect figures are
 * made of.
 */
export const COMPLETENESS_PARTS: readonly CompletenessPart[] = [
	{
		id: 'timeline',
		label: 'a timeline',
		hint: 'add a `timeline` list of { at, event } to the frontmatter',
		weight: 25,
		present: (data) => nonEmpty(data.timeline),
	},
	{
		id: 'root-cause',
		label: 'a root-cause analysis section',
		hint: 'add a heading such as "## Root cause analysis" to the body, with the analysis under it',
		weight: 25,
		present: (_data, body) => hasRootCauseHeading(body),
	},
	{
		id: 'action-items',
		label: 'action items',
		hint: 'add an `actionItems` list of { title, type, owner } to the frontmatter',
		weight: 20,
		present: (data) => nonEmpty(data.actionItems),
	},
	{
		id: 'lessons',
		label: 'lessons learned',
		hint: 'add a `lessons` list of { kind, text } to the frontmatter',
		weight: 15,
		present: (data) => nonEmpty(data.lessons),
	},
	{
		id: 'detected',
		label: 'the time the incident was detected',
		hint: 'add `detected` (a datetime) to the frontmatter',
		weight: 15,
		present: (data) => data.detected !== undefined && data.detected !== null && data.detected !== '',
	},
];

export interface Completeness {
	/** 0 to 100, a whole number. */
	score: number;
	/** Labels of the missing parts, most valuable first. */
	missing: string[];
}

export function completeness(data: CompletenessInput, body: string): Completeness {
	let score = 0;
	const missing: string[] = [];
	for (const part of COMPLETENESS_PARTS) {
		if (part.present(data, body)) score += part.weight;
		else missing.push(part.label);
	}
	return { score: Math.round(score), missing };
}

const ROOT_CAUSE = /root[\s-]+causes?/i;
const FENCE = /^ {0,3}(`{3,}|~{3,})/;
const ATX_HEADING = /^ {0,3}#{1,6}(?:[ \t]+(.*))?$/;
const SETEXT_UNDERLINE = /^ {0,3}(?:=+|-+)[ \t]*$/;
const HTML_HEADING = /<h[1-6]\b[^>]*>([\s\S]*?)<\/h[1-6]>/gi;

/**
 * Whether the body has a heading that names the root cause ("## Root cause analysis", "Root
 * causes" underlined, `<h2>Root cause</h2>`). Headings inside fenced code are examples, not
 * sections, so they do not count.
 */
export function hasRootCauseHeading(body: string): boolean {
	const lines = body.split(/\r?\n/);
	let fence: string | undefined;
	for (let i = 0; i < lines.length; i++) {
		const line = lines[i]!;
		const opener = FENCE.exec(line)?.[1];
		if (fence) {
			if (opener && opener[0] === fence[0] && opener.length >= fence.length) fence = undefined;
			continue;
		}
		if (opener) {
			fence = opener;
			continue;
		}
		const atx = ATX_HEADING.exec(line);
		if (atx && ROOT_CAUSE.test(atx[1] ?? '')) return true;
		const next = lines[i + 1];
		if (line.trim() && next !== undefined && SETEXT_UNDERLINE.test(next) && ROOT_CAUSE.test(line)) return true;
	}
	for (const match of body.matchAll(HTML_HEADING)) {
		if (ROOT_CAUSE.test(match[1] ?? '')) return true;
	}
	return false;
}
