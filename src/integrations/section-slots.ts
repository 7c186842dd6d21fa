/**
 * A Markdown-processor plugin that leaves an empty `<hs-section>` after each heading of a
 * postmortem's MDX body (after Starlight's heading wrapper, when it has one), numbered as the
 * heading is among the body's headings. A postmortem's page maps the element to a component that
 * shows there the page's section of the heading's name, so a body heading such as "## Lessons
 * learned" becomes the page's lessons section instead of repeating it. The element renders nothing
 * anywhere else. Numbers rather than ids, since ids are given after this plugin runs; both count
 * the same headings in the same order (every `h1`–`h6` element; JSX headings are neither's).
 */
import { fileURLToPath } from 'node:url';
import type { HastVisitorInstance } from 'satteri';

/** The element's name, which the page maps to its component and MDX must not compile away. */
export const SECTION_SLOT = 'hs-section';

const HEADINGS = ['h1', 'h2', 'h3', 'h4', 'h5', 'h6'];

export function sectionSlotPlugin({ srcDir }: { srcDir: string }) {
	return ({ fileURL, sourceFormat }: { fileURL: URL | undefined; sourceFormat?: string }): HastVisitorInstance | undefined => {
		if (!fileURL || sourceFormat !== 'mdx' || fileURLToPath(fileURL).startsWith(srcDir)) return undefined;
		let index = 0;
		return {
			name: 'hindsight-section-slots',
			element: {
				filter: HEADINGS,
				visit(node, ctx) {
					const parent = ctx.parent(node);
					const wrapped = parent?.type === 'element' && String(parent.properties?.['class'] ?? parent.properties?.['className'] ?? '').includes('sl-heading-wrapper');
					ctx.insertAfter(wrapped ? parent : node, { type: 'element', tagName: SECTION_SLOT, properties: { 'data-heading': String(index++) }, children: [] });
				},
			},
		} as HastVisitorInstance;
	};
}
