/**
 * Completes the Content-Security-Policy that Astro's `security.csp` writes into each page. Astro
 * hashes the scripts and styles it bundles, but not Starlight's `is:inline` scripts (theme,
 * sidebar state, search shortcut) or its style attributes (icon sizes, the search dialog); and it
 * gives every page the hashes of every page's inline code. Rather than allow all inline code, each
 * page's policy lists the hashes of exactly what that page holds: the tightest policy, and the
 * smallest (a hash is 50 bytes that gzip cannot shrink, in every page).
 *
 * Only the site's own code is allowed, never code from a postmortem body: the page template marks
 * where the body is ({@link BODY_START}, {@link BODY_END}), and inline scripts and style elements
 * there get no hash. The bodies are sanitized or refused before they get here; this keeps the
 * policy from blessing anything that slipped past. In a body, only style attributes that set CSS
 * custom properties alone are allowed: that is how Expressive Code colours code, and a custom
 * property restyles nothing the site's stylesheet does not already use.
 */
import { BODY_END, BODY_START } from './body-marks';

const META = /<meta http-equiv="content-security-policy" content="([^"]*)">/i;
const INLINE_SCRIPT = /<script(?![^>]*\bsrc=)[^>]*>([\s\S]*?)<\/script>/gi;
const STYLE_ELEMENT = /<style\b[^>]*>([\s\S]*?)<\/style>/gi;
const STYLE_ATTRIBUTE = /\sstyle="([^"]*)"/gi;

const BODY = new RegExp(`${BODY_START}[\\s\\S]*?(?:${BODY_END}|$)`, 'g');

/** `--name: value; --other: value`: declarations of custom properties and nothing else. */
const CUSTOM_PROPERTIES_ONLY = /^\s*(?:--[\w-]+\s*:[^;:{}]*;?\s*)+$/;

/** A CSP hash source of a text: `'sha256-…'` (the caller computes the digest: this module stays pure). */
export type CspHash = (text: string) => string;

function decodeAttribute(value: string): string {
	return value.replace(/&quot;/g, '"').replace(/&#39;/g, "'").replace(/&lt;/g, '<').replace(/&gt;/g, '>').replace(/&amp;/g, '&');
}

const isHash = (source: string) => /^'sha(256|384|512)-/.test(source);

/** The directive's sources other than hashes, then `sources`; the directive is added when missing. */
function setHashes(policy: string, directive: string, sources: string[]): string {
	const parts = policy.split(';').map((p) => p.trim()).filter(Boolean);
	const index = parts.findIndex((p) => p.split(/\s+/)[0] === directive);
	if (index === -1) return sources.length ? [...parts, `${directive} 'self' ${sources.join(' ')}`].join('; ') : parts.join('; ');
	const kept = parts[index]!.split(/\s+/).filter((source) => !isHash(source) && !sources.includes(source));
	parts[index] = [...kept, ...sources].join(' ');
	return parts.join('; ');
}

/** The page with its policy allowing exactly its own inline scripts, style elements and style attributes. */
export function completeCsp(html: string, sha256: CspHash): string {
	const meta = META.exec(html);
	if (!meta) return html.replaceAll(BODY_START, '').replaceAll(BODY_END, '');
	const bodies = [...html.matchAll(BODY)].map((m) => m[0]);
	const site = html.replace(BODY, ' ');
	// Each text once, in the order first seen: a page repeats one style attribute a hundred times.
	const hashes = (texts: readonly string[]) => [...new Set(texts)].map(sha256);
	const scripts = hashes([...site.matchAll(INLINE_SCRIPT)].map((m) => m[1]!));
	const styleElements = hashes([...site.matchAll(STYLE_ELEMENT)].map((m) => m[1]!));
	const bodyStyles = bodies.flatMap((body) => [...body.matchAll(STYLE_ATTRIBUTE)].map((m) => decodeAttribute(m[1]!)).filter((style) => CUSTOM_PROPERTIES_ONLY.test(style)));
	const styleAttributes = hashes([...[...site.matchAll(STYLE_ATTRIBUTE)].map((m) => decodeAttribute(m[1]!)), ...bodyStyles]);
	let policy = decodeAttribute(meta[1]!);
	policy = setHashes(policy, 'script-src', scripts);
	// Hashes allow style attributes only together with 'unsafe-hashes' (CSP level 3).
	policy = setHashes(policy, 'style-src', [
		...styleElements,
		...(styleAttributes.length ? ["'unsafe-hashes'", ...styleAttributes.filter((h) => !styleElements.includes(h))] : []),
	]);
	return html
		.replace(meta[0], `<meta http-equiv="content-security-policy" content="${policy.replace(/"/g, '&quot;')}">`)
		.replaceAll(BODY_START, '')
		.replaceAll(BODY_END, '');
}
