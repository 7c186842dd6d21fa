/**
 * The prose of a postmortem, as the wording rules read it: the text of each paragraph, heading and
 * table cell of the body, and the frontmatter's narrative fields. Code, URLs, MDX expressions and
 * HTML are not prose; they become a `…`, which keeps the words on either side from reading as one
 * phrase. Each character keeps the file offset it came from.
 */
import type { MdNode, PostmortemDocument } from './document';

export interface Prose {
	text: string;
	/** `offsets[i]` is where `text[i]` sits in the file. */
	offsets: number[];
}

const GAP = '…';
/** A character the aligner may skip this far ahead to find, past markup such as `> ` or `\`. */
const MAX_SKIP = 32;

/**
 * Where each character of `value` sits in `raw`, its source text (which has quotes, escapes,
 * blockquote markers, folded line breaks…): matched in order, skipping what the parser dropped.
 */
export function alignOffsets(value: string, raw: string, base: number): number[] {
	const offsets: number[] = [];
	let cursor = 0;
	for (let i = 0; i < value.length; i++) {
		const found = raw.indexOf(value[i]!, cursor);
		if (found !== -1 && found - cursor <= MAX_SKIP) {
			offsets.push(base + found);
			cursor = found + 1;
		} else {
			offsets.push(base + Math.min(cursor, Math.max(raw.length - 1, 0)));
		}
	}
	return offsets;
}

const URL = /\b(?:https?|ftp):\/\/[^\s<>()[\]{}"'`]+|\bwww\.[^\s<>()[\]{}"'`]+/gi;

/** Turns URLs into gaps, keeping the length (and so the offsets) as they were. */
function hideUrls(text: string): string {
	return text.replace(URL, (url) => GAP.repeat(url.length));
}

class ProseBuilder {
	text = '';
	offsets: number[] = [];

	add(value: string, offsets: number[]) {
		this.text += value;
		this.offsets.push(...offsets);
	}

	gap(offset: number) {
		this.add(GAP, [offset]);
	}

	build(): Prose | undefined {
		if (!/[\p{L}\p{N}]/u.test(this.text)) return undefined;
		return { text: hideUrls(this.text), offsets: this.offsets };
	}
}

const BLOCKS_WITH_TEXT = new Set(['paragraph', 'heading', 'tableCell']);
const NOT_PROSE = new Set(['code', 'html', 'yaml', 'toml', 'mdxjsEsm', 'mdxFlowExpression', 'definition']);
const INLINE_CONTAINERS = new Set([
	'emphasis',
	'strong',
	'delete',
	'link',
	'linkReference',
	'mdxJsxTextElement',
]);

function inline(node: MdNode, text: string, out: ProseBuilder) {
	const start = node.position?.start.offset ?? 0;
	if (node.type === 'text') {
		const value = node.value ?? '';
		const end = node.position?.end.offset ?? start + value.length;
		out.add(value, alignOffsets(value, text.slice(start, end), start));
	} else if (node.type === 'break') {
		out.add('\n', [start]);
	} else if (node.type === 'link' && node.children?.length === 1 && node.children[0]?.value === node.url) {
		// An autolink: its text is a URL.
		out.gap(start);
	} else if (INLINE_CONTAINERS.has(node.type) && node.children) {
		for (const child of node.children) inline(child, text, out);
	} else {
		// Inline code, MDX expressions, HTML, images: not prose.
		out.gap(start);
	}
}

function blocks(node: MdNode, text: string, out: Prose[]) {
	if (NOT_PROSE.has(node.type)) return;
	if (BLOCKS_WITH_TEXT.has(node.type)) {
		const builder = new ProseBuilder();
		for (const child of node.children ?? []) inline(child, text, builder);
		const prose = builder.build();
		if (prose) out.push(prose);
		return;
	}
	for (const child of node.children ?? []) blocks(child, text, out);
}

/** The prose of the body, block by block. */
export function bodyProse(doc: PostmortemDocument): Prose[] {
	const out: Prose[] = [];
	blocks(doc.tree, doc.text, out);
	return out;
}

const list = (value: unknown): unknown[] => (Array.isArray(value) ? value : []);
const field = (value: unknown, name: string): unknown =>
	value && typeof value === 'object' ? (value as Record<string, unknown>)[name] : undefined;

/**
 * The frontmatter fields people write sentences in: title, summary, trigger, impact description,
 * contributing factors, timeline events and lessons. Read from the YAML as written, so a file
 * that fails the schema is still checked.
 */
export function narrativeFields(data: Record<string, unknown>): string[] {
	const values: unknown[] = [
		data.title,
		data.summary,
		data.trigger,
		field(data.impact, 'description'),
		...list(data.contributingFactors).map((factor) => field(factor, 'description')),
		...list(data.timeline).map((entry) => field(entry, 'event')),
		...list(data.lessons).map((lesson) => field(lesson, 'text')),
	];
	return values.filter((value): value is string => typeof value === 'string');
}

/** The prose of the frontmatter's narrative fields, where each one is written in the file. */
export function frontmatterProse(doc: PostmortemDocument): Prose[] {
	if (!doc.data) return [];
	const wanted = new Map<string, number>();
	for (const value of narrativeFields(doc.data)) wanted.set(value, (wanted.get(value) ?? 0) + 1);
	const out: Prose[] = [];
	for (const scalar of doc.scalars) {
		const count = wanted.get(scalar.value);
		if (!count) continue;
		wanted.set(scalar.value, count - 1);
		const builder = new ProseBuilder();
		const raw = doc.text.slice(scalar.start, scalar.end);
		builder.add(scalar.value, alignOffsets(scalar.value, raw, scalar.start));
		const prose = builder.build();
		if (prose) out.push(prose);
	}
	return out;
}
