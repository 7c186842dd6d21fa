/**
 * An existing postmortem file, read for `npm run import`: its bytes checked (not binary, UTF-8,
 * not empty), its Markdown or exported HTML (Google Docs, Confluence) parsed into one Markdown tree,
 * and an imported body written back as Markdown that MDX reads as text, never as code.
 */
import type { Element, Root as HastRoot, RootContent as HastContent } from 'hast';
import type { Nodes, Parent, Root } from 'mdast';
import rehypeParse from 'rehype-parse';
import rehypeRemark from 'rehype-remark';
import remarkGfm from 'remark-gfm';
import remarkMdx from 'remark-mdx';
import remarkParse from 'remark-parse';
import remarkStringify from 'remark-stringify';
import { unified } from 'unified';
import { toText } from 'hast-util-to-text';
import { parseFrontmatter, splitFrontmatter } from '../lib/model/frontmatter';
import { decodeUtf8 } from '../lib/model/utf8';
import type { ImportSource } from '../lib/import/convert';

export const MARKDOWN_EXTENSIONS = /\.(md|markdown|mdown|mkd|mdx)$/i;
export const HTML_EXTENSIONS = /\.(html?|xhtml)$/i;

/** The file as a document to import, or why it cannot be one. */
export function readImportSource(name: string, bytes: Uint8Array): { source: ImportSource } | { error: string } {
	const isHtml = HTML_EXTENSIONS.test(name);
	if (!isHtml && !MARKDOWN_EXTENSIONS.test(name)) {
		return { error: 'expected a Markdown (.md) or HTML (.html) file: export the document as one of those first' };
	}
	if (bytes.subarray(0, 8192).includes(0)) {
		return { error: 'this is a binary file, not text: export the document as Markdown or HTML first' };
	}
	const decoded = decodeUtf8(bytes);
	if (!('text' in decoded)) {
		return {
			error: `this is not UTF-8 text (byte 0x${decoded.byte.toString(16).padStart(2, '0')} at line ${decoded.line}, column ${decoded.column}): save or export it as UTF-8 and import it again`,
		};
	}
	const text = decoded.text.replace(/^\uFEFF/, '');
	if (!text.trim()) return { error: 'the file is empty: there is no text to import' };
	return { source: isHtml ? fromHtml(name, text) : fromMarkdown(name, text) };
}

function fromMarkdown(name: string, text: string): ImportSource {
	let body = text;
	let frontmatter: ImportSource['frontmatter'];
	const split = /^\uFEFF?(?:[ \t]*\r?\n)*---[ \t]*\r?\n/.test(text) ? splitFrontmatter(text) : undefined;
	if (split && !('error' in split)) {
		const parsed = parseFrontmatter(split.raw, split.line);
		frontmatter = { data: 'data' in parsed ? parsed.data : {}, raw: split.raw };
		body = text.slice(split.bodyOffset);
	}
	const tree = unified().use(remarkParse).use(remarkGfm).parse(body) as Root;
	return { name, tree, frontmatter };
}

const hasClass = (element: Element, name: string) => {
	const classes = element.properties?.className;
	return Array.isArray(classes) && classes.includes(name);
};

function* elements(node: HastRoot | HastContent): Generator<Element> {
	if (node.type === 'element') yield node;
	if ('children' in node) for (const child of node.children) yield* elements(child as HastContent);
}

/**
 * What Google Docs and Confluence exports say in classes and styles rather than in elements: a
 * Google Docs title paragraph, bold set by a class, Confluence's "Space : Title" heading and its
 * ticked tasks. Written back as the elements they stand for, so the Markdown says the same.
 */
function normaliseExport(tree: HastRoot): string | undefined {
	const styles = [...elements(tree)].filter((e) => e.tagName === 'style').map((e) => toText(e)).join('\n');
	const bold = new Set([...styles.matchAll(/\.([\w-]+)\s*\{[^}]*font-weight:\s*(?:700|bold)/g)].map((m) => m[1]!));
	let confluenceTitle: string | undefined;
	for (const element of elements(tree)) {
		if (element.tagName === 'p' && hasClass(element, 'title')) element.tagName = 'h1';
		if (element.tagName === 'span' && [...bold].some((c) => hasClass(element, c))) element.tagName = 'strong';
		if (element.tagName === 'h1' && element.properties?.id === 'title-heading') {
			const full = toText(element).trim();
			confluenceTitle = full.includes(' : ') ? full.slice(full.indexOf(' : ') + 3).trim() : full;
		}
		if (element.tagName === 'li' && (hasClass(element, 'checked') || element.properties?.dataInlineTaskId !== undefined)) {
			element.children.unshift({ type: 'element', tagName: 'input', properties: { type: 'checkbox', checked: hasClass(element, 'checked') }, children: [] });
		}
	}
	return confluenceTitle;
}

function fromHtml(name: string, text: string): ImportSource {
	const hast = unified().use(rehypeParse).parse(text) as HastRoot;
	const titleElement = [...elements(hast)].find((e) => e.tagName === 'title');
	const confluenceTitle = normaliseExport(hast);
	const tree = unified().use(rehypeRemark).runSync(hast) as unknown as Root;
	return { name, tree, exportTitle: confluenceTitle, htmlTitle: titleElement ? toText(titleElement).trim() : undefined };
}

const PHRASING_PARENTS = new Set(['paragraph', 'heading', 'tableCell', 'emphasis', 'strong', 'delete', 'link', 'linkReference']);

/** Raw HTML in a Markdown source is kept as the text it is, not passed through as markup. */
function htmlAsText(node: Nodes): void {
	if (!('children' in node)) return;
	const parent = node as Parent;
	parent.children = parent.children.map((child) => {
		if (child.type !== 'html') {
			htmlAsText(child);
			return child;
		}
		const text = { type: 'text' as const, value: child.value };
		return (PHRASING_PARENTS.has(parent.type) ? text : { type: 'paragraph', children: [text] }) as unknown as typeof child;
	});
}

/**
 * The body as Markdown that MDX reads back as the same text: `{`, `<` and a paragraph opening with
 * `import ` or `export ` escaped, links written out in full (MDX has no `<https://…>` autolinks).
 */
export function toMdxBody(tree: Root): string {
	const copy = structuredClone(tree);
	htmlAsText(copy);
	return unified()
		.use(remarkGfm)
		.use(remarkMdx)
		.use(remarkStringify, {
			bullet: '-',
			emphasis: '_',
			resourceLink: true,
			fences: true,
			unsafe: [
				{ atBreak: true, character: 'i', after: 'mport\\s' },
				{ atBreak: true, character: 'e', after: 'xport\\s' },
			],
		})
		.stringify(copy);
}

/** Why MDX cannot read a body, if it cannot: the importer's own check of what it wrote. */
export function mdxProblem(body: string): string | undefined {
	try {
		unified().use(remarkParse).use(remarkGfm).use(remarkMdx).parse(body);
		return undefined;
	} catch (error) {
		return error instanceof Error ? error.message : String(error);
	}
}
