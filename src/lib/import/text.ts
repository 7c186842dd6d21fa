/**
 * Reading an imported document's Markdown tree (mdast, plain data) as text: what a node says,
 * without its formatting, and how a label is compared.
 */
import type { Nodes, PhrasingContent, RootContent } from 'mdast';

/** The text a node shows, formatting dropped; line breaks and block ends become new lines. */
export function textOf(node: Nodes | readonly Nodes[]): string {
	if (Array.isArray(node)) return (node as readonly Nodes[]).map(textOf).join('');
	const one = node as Nodes;
	if (one.type === 'break') return '\n';
	if ('value' in one && typeof one.value === 'string') return one.value;
	if (one.type === 'image') return one.alt ?? '';
	if (!('children' in one)) return '';
	const children = one.children as Nodes[];
	const block = one.type === 'root' || one.type === 'list' || one.type === 'listItem' || one.type === 'blockquote' || one.type === 'table' || one.type === 'tableRow';
	return children.map((child) => textOf(child) + (block ? '\n' : child.type === 'tableCell' ? ' ' : '')).join('');
}

/** White space squeezed to single spaces, trimmed. */
export function squeeze(text: string): string {
	return text.replace(/\s+/g, ' ').trim();
}

/** A heading or label as compared: lower case, curly quotes straight, punctuation at the ends gone. */
export function normaliseLabel(text: string): string {
	return squeeze(text)
		.toLowerCase()
		.replace(/[\u2018\u2019\u02bc]/g, "'")
		.replace(/^[\s\d.)#*_:-]+|[\s:.*_?-]+$/g, '')
		.replace(/\s*&\s*/g, ' and ')
		.trim();
}

/** The first http(s) URL a node links to or names. */
export function firstUrl(node: Nodes | readonly Nodes[]): string | undefined {
	const nodes = Array.isArray(node) ? (node as readonly Nodes[]) : [node as Nodes];
	for (const one of nodes) {
		if (one.type === 'link' && /^https?:\/\//i.test(one.url)) return one.url;
		if ('children' in one) {
			const found = firstUrl(one.children as Nodes[]);
			if (found) return found;
		}
		if (one.type === 'text') {
			const bare = /https?:\/\/[^\s<>()]+[^\s<>().,;:!?]/i.exec(one.value)?.[0];
			if (bare) return bare;
		}
	}
	return undefined;
}

/** Sentences of a text (for summaries cut to a length): split after `.`, `!` or `?` and a space. */
export function sentencesOf(text: string): string[] {
	return squeeze(text).split(/(?<=[.!?])\s+(?=\S)/).filter(Boolean);
}

/** The longest run of whole sentences that fits in `max` characters; the first sentence cut when none does. */
export function fitSentences(text: string, max: number): { text: string; shortened: boolean } {
	const all = squeeze(text);
	if (all.length <= max) return { text: all, shortened: false };
	let kept = '';
	for (const sentence of sentencesOf(all)) {
		const next = kept ? `${kept} ${sentence}` : sentence;
		if (next.length > max) break;
		kept = next;
	}
	if (!kept) kept = `${all.slice(0, max - 1).replace(/\s+\S*$/, '')}…`;
	return { text: kept, shortened: true };
}

export type Block = RootContent;
export type Inline = PhrasingContent;
