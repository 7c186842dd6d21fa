/**
 * unsafe-content: what in a body could run script in a reader's browser. The build sanitizes it
 * out of `.md` bodies and refuses it in MDX; the linter names each one first, where the author is.
 * The judgement is the build's own (`src/lib/model/body-safety.ts`).
 */
import { fromHtml } from 'hast-util-from-html';
import { find, html } from 'property-information';
import type { Element, Nodes } from 'hast';
import { elementHazards, esmHazards, imageBindings, isSafeUrl, jsxAttributes, jsxInEstree, type WrittenAttribute } from '../../lib/model/body-safety';
import type { MdNode, PostmortemDocument } from '../document';
import type { RuleFinding } from '../finding';

interface MdxNode extends MdNode {
	name?: string | null;
	attributes?: { type: string; name?: string; value?: unknown }[];
	data?: { estree?: unknown };
}

function htmlAttributes(element: Element): WrittenAttribute[] {
	return Object.entries(element.properties ?? {}).map(([property, value]) => ({
		name: find(html, property).attribute,
		value: Array.isArray(value) ? value.join(', ') : value === true ? true : String(value),
	}));
}

function* elementsOf(node: Nodes): Generator<Element> {
	if (node.type === 'element') yield node;
	if ('children' in node) for (const child of node.children) yield* elementsOf(child as Nodes);
}

export function unsafeContent(doc: PostmortemDocument): RuleFinding[] {
	const findings: RuleFinding[] = [];
	// MDX hoists imports: an image may be used above the line that imports it.
	const images = new Set(((doc.tree.children ?? []) as MdxNode[]).filter((n) => n.type === 'mdxjsEsm').flatMap((n) => imageBindings(n.data?.estree)));
	const report = (offset: number | undefined, message: string) => findings.push({ rule: 'unsafe-content', offset: offset ?? 0, message });
	const visit = (node: MdxNode) => {
		const offset = node.position?.start.offset;
		if (node.type === 'html' && node.value && offset !== undefined && offset >= doc.bodyOffset) {
			// Raw HTML, parsed as the browser would; positions are within this piece of HTML.
			for (const element of elementsOf(fromHtml(node.value, { fragment: true }))) {
				for (const what of elementHazards(element.tagName, htmlAttributes(element))) {
					report(offset + (element.position?.start.offset ?? 0), `${what} (the build strips it from the page)`);
				}
			}
		} else if ((node.type === 'link' || node.type === 'image' || node.type === 'definition') && node.url !== undefined && !isSafeUrl(node.url)) {
			report(offset, `the ${node.type === 'image' ? 'image' : 'link'} "${node.url.slice(0, 60)}" uses a scheme that can run script: expected a relative, http(s) or mailto URL`);
		} else if (node.type === 'mdxJsxFlowElement' || node.type === 'mdxJsxTextElement') {
			for (const what of elementHazards(node.name ?? 'fragment', jsxAttributes(node.attributes ?? []), images)) report(offset, what);
		} else if (node.type === 'mdxFlowExpression' || node.type === 'mdxTextExpression') {
			for (const element of jsxInEstree(node.data?.estree)) for (const what of elementHazards(element.name, element.attributes, images)) report(offset, what);
		} else if (node.type === 'mdxjsEsm') {
			for (const what of esmHazards(node.data?.estree)) report(offset, what);
		}
		for (const child of node.children ?? []) visit(child as MdxNode);
	};
	visit(doc.tree as MdxNode);
	return findings;
}
