/**
 * Completes the Content-Security-Policy that Astro's `security.csp` writes into each page. Astro
 * hashes the scripts and styles it bundles, but not Starlight's `is:inline` scripts (theme,
 * sidebar state, search shortcut) or its style attributes (icon sizes, the search dialog). Rather
 * than allow all inline code, each page's policy gets the hashes of exactly what that page holds.
 */
import { createHash } from 'node:crypto';

const META = /<meta http-equiv="content-security-policy" content="([^"]*)">/i;
const INLINE_SCRIPT = /<script(?![^>]*\bsrc=)[^>]*>([\s\S]*?)<\/script>/gi;
const STYLE_ATTRIBUTE = /\sstyle="([^"]*)"/gi;

const sha256 = (text: string) => `'sha256-${createHash('sha256').update(text).digest('base64')}'`;

function decodeAttribute(value: string): string {
	return value.replace(/&quot;/g, '"').replace(/&#39;/g, "'").replace(/&lt;/g, '<').replace(/&gt;/g, '>').replace(/&amp;/g, '&');
}

function addSources(policy: string, directive: string, sources: string[]): string {
	if (sources.length === 0) return policy;
	const parts = policy.split(';').map((p) => p.trim()).filter(Boolean);
	const index = parts.findIndex((p) => p.split(/\s+/)[0] === directive);
	if (index === -1) return [...parts, `${directive} 'self' ${sources.join(' ')}`].join('; ');
	const existing = new Set(parts[index]!.split(/\s+/));
	parts[index] = [parts[index], ...sources.filter((s) => !existing.has(s))].join(' ');
	return parts.join('; ');
}

/** The page with its policy extended to its own inline scripts and style attributes. */
export function completeCsp(html: string): string {
	const meta = META.exec(html);
	if (!meta) return html;
	const scripts = [...new Set([...html.matchAll(INLINE_SCRIPT)].map((m) => sha256(m[1]!)))];
	const styles = [...new Set([...html.matchAll(STYLE_ATTRIBUTE)].map((m) => sha256(decodeAttribute(m[1]!))))];
	let policy = decodeAttribute(meta[1]!);
	policy = addSources(policy, 'script-src', scripts);
	// Hashes allow style attributes only together with 'unsafe-hashes' (CSP level 3).
	policy = addSources(policy, 'style-src', styles.length ? ["'unsafe-hashes'", ...styles] : []);
	return html.replace(meta[0], `<meta http-equiv="content-security-policy" content="${policy.replace(/"/g, '&quot;')}">`);
}
