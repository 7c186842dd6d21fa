/**
 * Markdown-processor plugins that keep script from postmortem bodies off the site's pages: a `.md`
 * body's raw HTML is parsed into elements and sanitized; an MDX body that
 * holds a construct that could run script fails the build, naming the file, line and construct.
 *
 * They apply to every Markdown and MDX file that is not part of the site's own source (`src/`), so a
 * postmortem reached through a symbolic link is guarded like any other.
 */
import { fileURLToPath } from 'node:url';
import { sanitize } from 'hast-util-sanitize';
import { fromHtml } from 'hast-util-from-html';
import { toHtml } from 'hast-util-to-html';
import type { Root, Nodes } from 'hast';
import type { HastVisitorInstance, HastVisitorContext } from 'satteri';
import { elementHazards, esmHazards, imageBindings, isSafeUrl, jsxAttributes, jsxInEstree, SANITIZE_SCHEMA, type WrittenAttribute } from '../lib/model/body-safety';

type PluginFactory = (file: { fileURL: URL | undefined; sourceFormat?: string }) => HastVisitorInstance | undefined;

const CLOBBER_PREFIX = SANITIZE_SCHEMA.clobberPrefix ?? 'user-content-';
const CLOBBERED = new Set(SANITIZE_SCHEMA.clobber ?? []);

/**
 * A plain, mutable copy of the processor's lazily read tree, for hast-util-sanitize. The processor
 * already prefixes footnote ids as the sanitizer would; the prefix comes off here so that it is not
 * added twice, which would break the footnote links.
 */
function plain(node: Nodes): Nodes {
	const copy: Record<string, unknown> = { type: node.type };
	if ('tagName' in node) copy.tagName = node.tagName;
	if ('properties' in node) {
		copy.properties = Object.fromEntries(
			Object.entries(node.properties).map(([key, value]) => [
				key,
				CLOBBERED.has(key) && typeof value === 'string' && value.startsWith(CLOBBER_PREFIX) ? value.slice(CLOBBER_PREFIX.length) : value,
			])
		);
	}
	if ('value' in node) copy.value = node.value;
	if ('children' in node) copy.children = node.children.map((child) => plain(child as Nodes));
	return copy as unknown as Nodes;
}

interface Place {
	line: number;
	column: number;
}

class BodyHazardError extends Error {
	constructor(file: string, found: { place: Place | undefined; what: string }[]) {
		super(
			`${file}: a postmortem body may not hold script. Fix these (MDX is code, so they are refused rather than cleaned):\n${found
				.map(({ place, what }) => `  ${file}${place ? `:${place.line}:${place.column}` : ''}: ${what}`)
				.join('\n')}`
		);
		this.name = 'BodyHazardError';
	}
}

export interface BodyGuardOptions {
	/** The site's own source folder: its Markdown and MDX are trusted. */
	srcDir: string;
}

/** The plugins, as factories the Markdown and MDX pipelines call once per file. */
export function bodyGuardPlugins({ srcDir }: BodyGuardOptions): PluginFactory[] {
	const isContent = (fileURL: URL | undefined): string | undefined => {
		if (!fileURL) return undefined;
		const path = fileURLToPath(fileURL);
		return path.startsWith(srcDir) ? undefined : path;
	};

	const sanitizeMarkdown: PluginFactory = ({ fileURL, sourceFormat }) => {
		const file = isContent(fileURL);
		if (!file || sourceFormat === 'mdx') return undefined;
		return {
			name: 'hindsight-sanitize-markdown',
			before(root: Readonly<Root>, ctx: HastVisitorContext) {
				// The processor keeps raw HTML as opaque text, and a tag may open in one piece of it and
				// close in another: written out and parsed again, as a browser would, it becomes
				// elements that the sanitizer can see. (The processor's own `rawHtml` feature would do
				// this for MDX too, and lose the positions the MDX errors report.)
				const html = toHtml(plain(root as Root), { allowDangerousHtml: true });
				ctx.replaceNode(root, sanitize(fromHtml(html, { fragment: true }), SANITIZE_SCHEMA) as Root);
			},
		};
	};

	const refuseMdxHazards: PluginFactory = ({ fileURL, sourceFormat }) => {
		const file = isContent(fileURL);
		if (!file || sourceFormat !== 'mdx') return undefined;
		const found: { place: Place | undefined; what: string }[] = [];
		// Imports may come after the elements that use them: elements are judged once all are read.
		const elements: { place: Place | undefined; name: string; attributes: WrittenAttribute[] }[] = [];
		const images = new Set<string>();
		const at = (node: { position?: { start: Place } | undefined }) => node.position?.start;
		// What the author wrote has a place in the file; what the site's own plugins made (the icon
		// of a Starlight aside is a `<Fragment set:html>`) has none, and is not the author's to fix.
		const written = (node: { position?: unknown }) => node.position !== undefined;
		const jsx = {
			filter: [],
			visit(node: { name: string | null; attributes: { type: string; name?: string; value?: unknown }[]; position?: { start: Place } }) {
				if (!written(node)) return;
				elements.push({ place: at(node), name: node.name ?? 'fragment', attributes: jsxAttributes(node.attributes) });
			},
		};
		const expression = (node: { parseExpression(): unknown; position?: { start: Place } }) => {
			if (!written(node)) return;
			for (const element of jsxInEstree(node.parseExpression())) elements.push({ place: at(node), ...element });
		};
		return {
			name: 'hindsight-refuse-mdx-hazards',
			options: { position: true },
			// Markdown links and images in MDX become plain elements.
			element: {
				filter: ['a', 'img'],
				visit(node) {
					if (!written(node)) return;
					const url = node.tagName === 'a' ? node.properties?.href : node.properties?.src;
					if (typeof url === 'string' && !isSafeUrl(url)) {
						found.push({ place: at(node), what: `the link "${url.slice(0, 60)}" uses a scheme that can run script: expected a relative, http(s) or mailto URL` });
					}
				},
			},
			mdxJsxFlowElement: jsx as never,
			mdxJsxTextElement: jsx as never,
			mdxFlowExpression: expression as never,
			mdxTextExpression: expression as never,
			mdxjsEsm(node) {
				if (!written(node)) return;
				const program = node.parseExpression();
				for (const name of imageBindings(program)) images.add(name);
				for (const what of esmHazards(program)) found.push({ place: at(node), what });
			},
			after() {
				for (const element of elements) {
					for (const what of elementHazards(element.name, element.attributes, images)) found.push({ place: element.place, what });
				}
				found.sort((a, b) => (a.place?.line ?? 0) - (b.place?.line ?? 0) || (a.place?.column ?? 0) - (b.place?.column ?? 0));
				if (found.length) throw new BodyHazardError(file, found);
			},
		};
	};

	return [sanitizeMarkdown, refuseMdxHazards];
}
