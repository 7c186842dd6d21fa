/**
 * What a postmortem body may put on a page. Nothing from a body may run as script in a reader's
 * browser: no `<script>`, no inline event handler, no `javascript:`, `vbscript:` or `data:` URL.
 *
 * A `.md` body's raw HTML is sanitized with hast-util-sanitize ({@link SANITIZE_SCHEMA}); an MDX
 * body is code, so a construct that could run script is refused with an error that names it and
 * its line ({@link elementHazards}, {@link importHazard}). The linter reports the same findings.
 */
import { defaultSchema, type Schema } from 'hast-util-sanitize';

/** Schemes a link or image in a body may use; a URL without a scheme is relative, and fine. */
const SAFE_SCHEMES = new Set(['http', 'https', 'mailto']);

/** Attributes (HTML and hast property spellings) whose value a browser loads or navigates to. */
const URL_ATTRIBUTES = new Set(
	[
		'href', 'src', 'srcset', 'action', 'formaction', 'xlink:href', 'xlinkhref', 'poster', 'background',
		'cite', 'data', 'codebase', 'longdesc', 'ping', 'manifest', 'icon', 'dynsrc', 'lowsrc', 'imagesrcset',
	].map((name) => name.toLowerCase())
);

/** Elements that run, embed or restyle: nothing a postmortem needs, everything an attacker wants. */
const FORBIDDEN_ELEMENTS = new Set([
	'script', 'style', 'iframe', 'frame', 'frameset', 'object', 'embed', 'applet', 'base', 'meta', 'link',
	'form', 'noscript', 'template', 'portal', 'animate', 'set', 'animatemotion', 'animatetransform', 'handler',
	'listener', 'foreignobject',
]);

/** The scheme of a URL as a browser reads it (it ignores ASCII white space and control characters). */
export function urlScheme(url: string): string | undefined {
	// eslint-disable-next-line no-control-regex
	const squeezed = url.replace(/[\u0000-\u0020\u007f]+/g, '');
	return /^([a-z][a-z0-9+.-]*):/i.exec(squeezed)?.[1]?.toLowerCase();
}

/** Whether a body may link to or load a URL: relative, or http(s) and mailto. */
export function isSafeUrl(url: string): boolean {
	const scheme = urlScheme(url);
	return scheme === undefined || SAFE_SCHEMES.has(scheme);
}

/** An attribute as written in MDX: a literal value, or an expression that cannot be checked. */
export interface WrittenAttribute {
	name: string;
	/** The literal value; `undefined` for `name={expression}`; `true` for a bare `name`. */
	value: string | true | undefined;
	/** The source of `name={expression}`, when it is a name (`diagram`) or a name's `.src`. */
	expression?: string | undefined;
	/** `{...spread}`: attributes that cannot be known before the page renders. */
	spread?: boolean;
}

/** `diagram` or `diagram.src`: an expression that only names a binding. */
const NAMED = /^\s*([A-Za-z_$][\w$]*)(?:\.src)?\s*$/;

/**
 * Everything wrong with one element of a body, each as the construct and what to do. `images` are
 * the names an MDX body binds to imported images: `<Image src={diagram}>` is their reason to exist.
 */
export function elementHazards(name: string, attributes: readonly WrittenAttribute[], images: ReadonlySet<string> = new Set()): string[] {
	const found: string[] = [];
	const tag = name.toLowerCase();
	if (FORBIDDEN_ELEMENTS.has(tag)) {
		found.push(`<${name}> is not allowed in a postmortem body: it can run script, embed a page or restyle the site`);
	}
	for (const attribute of attributes) {
		if (attribute.spread) {
			found.push(`<${name} {...}> spreads attributes that cannot be checked: write each attribute out`);
			continue;
		}
		const attr = attribute.name.toLowerCase();
		if (/^on/.test(attr)) {
			found.push(`the event handler ${attribute.name}= on <${name}> would run script: remove it`);
		} else if (attr === 'set:html' || attr === 'dangerouslysetinnerhtml') {
			found.push(`${attribute.name} on <${name}> writes unchecked HTML into the page: write the content as Markdown`);
		} else if (attr === 'style') {
			found.push(`the style attribute on <${name}> is blocked by the site's Content-Security-Policy: remove it`);
		} else if (URL_ATTRIBUTES.has(attr)) {
			if (attribute.value === undefined) {
				const bound = NAMED.exec(attribute.expression ?? '')?.[1];
				if (bound && images.has(bound)) continue;
				found.push(`${attribute.name}={…} on <${name}> is an expression that cannot be checked: write the URL out`);
			} else if (typeof attribute.value === 'string') {
				const urls = attr.endsWith('srcset') ? attribute.value.split(',').map((part) => part.trim().split(/\s+/)[0] ?? '') : [attribute.value];
				const bad = urls.find((url) => !isSafeUrl(url));
				if (bad !== undefined) found.push(`${attribute.name}="${bad.slice(0, 60)}" on <${name}> uses the ${urlScheme(bad)}: scheme: expected a relative, http(s) or mailto URL`);
			}
		}
	}
	return found;
}

/** Modules an MDX body may import: Starlight's components, Astro's image, images and other bodies. */
const SAFE_IMPORT = /^(?:@astrojs\/starlight\/components|astro:assets)$|^\.{0,2}\/[^?#]*\.(?:png|jpe?g|gif|webp|avif|mdx?)$/i;

/** Why an MDX body may not import a module, or `undefined` when it may. */
export function importHazard(source: string): string | undefined {
	if (SAFE_IMPORT.test(source)) return undefined;
	return `import from "${source}" is not allowed in a postmortem body: only Starlight's components (@astrojs/starlight/components), astro:assets, images (.png .jpg .gif .webp .avif) and other postmortem bodies may be imported, since any other module can put script on the page`;
}

/** Attributes of an MDX JSX element as written. */
export function jsxAttributes(attributes: readonly { type: string; name?: string; value?: unknown }[]): WrittenAttribute[] {
	return attributes.map((attribute): WrittenAttribute => {
		if (attribute.type === 'mdxJsxExpressionAttribute') return { name: '', value: undefined, spread: true };
		const name = attribute.name ?? '';
		if (typeof attribute.value === 'string') return { name, value: attribute.value };
		if (attribute.value == null) return { name, value: true };
		return { name, value: undefined, expression: String((attribute.value as { value?: unknown }).value ?? '') };
	});
}

interface EstreeNode {
	type: string;
	[key: string]: unknown;
}

/** `diagram` or `diagram.src` for those expressions, else nothing. */
function estreeName(node: unknown): string | undefined {
	const n = node as EstreeNode | undefined;
	if (n?.type === 'Identifier') return String(n.name);
	const object = n?.object as EstreeNode | undefined;
	const property = n?.property as EstreeNode | undefined;
	if (n?.type === 'MemberExpression' && object?.type === 'Identifier' && property?.type === 'Identifier' && property.name === 'src' && !n.computed) return `${String(object.name)}.src`;
	return undefined;
}

/** JSX elements written inside `{…}` expressions, as names and attributes. */
export function* jsxInEstree(node: unknown): Generator<{ name: string; attributes: WrittenAttribute[] }> {
	if (!node || typeof node !== 'object') return;
	if (Array.isArray(node)) {
		for (const item of node) yield* jsxInEstree(item);
		return;
	}
	const n = node as EstreeNode;
	if (n.type === 'JSXOpeningElement') {
		const nameNode = n.name as EstreeNode;
		const name = nameNode.type === 'JSXIdentifier' ? String(nameNode.name) : 'element';
		const attributes = (n.attributes as EstreeNode[]).map((a): WrittenAttribute => {
			if (a.type === 'JSXSpreadAttribute') return { name: '', value: undefined, spread: true };
			const attrName = a.name as EstreeNode;
			const full = attrName.type === 'JSXNamespacedName' ? `${(attrName.namespace as EstreeNode).name}:${(attrName.name as EstreeNode).name}` : String(attrName.name);
			const value = a.value as EstreeNode | null;
			if (value === null) return { name: full, value: true };
			if (value.type === 'Literal') return { name: full, value: String(value.value) };
			return { name: full, value: undefined, expression: estreeName(value.type === 'JSXExpressionContainer' ? value.expression : value) };
		});
		yield { name, attributes };
	}
	for (const [key, value] of Object.entries(n)) if (key !== 'type' && value && typeof value === 'object') yield* jsxInEstree(value);
}

const IMAGE = /\.(?:png|jpe?g|gif|webp|avif)$/i;

/** The names an MDX ESM block binds to imported images (`import diagram from './d.png'`). */
export function imageBindings(program: unknown): string[] {
	const body = ((program as { body?: EstreeNode[] } | null)?.body ?? []) as EstreeNode[];
	return body
		.filter((s) => s.type === 'ImportDeclaration' && IMAGE.test(String((s.source as EstreeNode).value)))
		.flatMap((s) => (s.specifiers as EstreeNode[]).filter((sp) => sp.type === 'ImportDefaultSpecifier').map((sp) => String((sp.local as EstreeNode).name)));
}

/** Import sources and `export`s of an MDX ESM block. */
export function* esmHazards(program: unknown): Generator<string> {
	const body = ((program as { body?: EstreeNode[] } | null)?.body ?? []) as EstreeNode[];
	for (const statement of body) {
		if (statement.type === 'ImportDeclaration') {
			const hazard = importHazard(String((statement.source as EstreeNode).value));
			if (hazard) yield hazard;
		} else if (statement.type.startsWith('Export')) {
			yield 'export is not allowed in a postmortem body: it is code that runs while the site is built';
		}
	}
}

/**
 * How raw HTML in a `.md` body is cleaned: GitHub's rules (hast-util-sanitize's default: tables,
 * `details`, images and links with safe URLs, no script, no event handlers, no `style`), plus class
 * names (harmless, and Starlight's asides are made of them) and the icons of Starlight's asides.
 */
export const SANITIZE_SCHEMA: Schema = {
	...defaultSchema,
	tagNames: [...(defaultSchema.tagNames ?? []), 'aside', 'figure', 'figcaption', 'mark', 'svg', 'path'],
	strip: [...(defaultSchema.strip ?? []), 'style', 'template', 'noscript'],
	attributes: {
		...defaultSchema.attributes,
		'*': [...(defaultSchema.attributes?.['*'] ?? []), 'className'],
		aside: ['ariaLabel'],
		p: [...(defaultSchema.attributes?.['p'] ?? []), 'ariaHidden'],
		svg: ['viewBox', 'width', 'height', 'fill', 'ariaHidden'],
		path: ['d', 'fill', 'fillRule', 'clipRule'],
	},
};
