/** What a postmortem body refers to besides its own text. */

/**
 * Local files a body refers to, as written: Markdown images, links and reference definitions, HTML
 * `src`/`href`/`srcset` and MDX imports. Web addresses, absolute site paths and anchors are not files.
 */
export function assetReferences(body: string): string[] {
	const found = new Set<string>();
	const add = (ref: string | undefined) => {
		const path = ref?.trim().replace(/^<|>$/g, '').split(/[?#]/)[0];
		if (!path || /^[a-z][a-z0-9+.-]*:/i.test(path) || path.startsWith('/') || path.startsWith('#')) return;
		try {
			found.add(decodeURI(path));
		} catch {
			found.add(path);
		}
	};
	for (const m of body.matchAll(/!?\[[^\]]*\]\(\s*(<[^>]*>|[^)\s]+)/g)) add(m[1]);
	for (const m of body.matchAll(/^\s*\[[^\]]+\]:\s*(<[^>]*>|\S+)/gm)) add(m[1]);
	for (const m of body.matchAll(/\b(?:src|href|poster)\s*=\s*(?:"([^"]*)"|'([^']*)'|\{\s*["'`]([^"'`]*)["'`]\s*\})/gi)) add(m[1] ?? m[2] ?? m[3]);
	for (const m of body.matchAll(/\bsrcset\s*=\s*(?:"([^"]*)"|'([^']*)')/gi)) for (const part of (m[1] ?? m[2] ?? '').split(',')) add(part.trim().split(/\s+/)[0]);
	for (const m of body.matchAll(/^\s*import\s+(?:[\w*{}\s,]+\s+from\s+)?["']([^"']+)["']/gm)) add(m[1]);
	return [...found];
}
