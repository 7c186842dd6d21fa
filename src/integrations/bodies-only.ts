import { readFileSync, realpathSync } from 'node:fs';
import { sep } from 'node:path';
import type { Plugin } from 'vite';
import { splitFrontmatter } from '../lib/model/frontmatter';
import { findPostmortemFiles } from '../node/postmortem-files';

/**
 * Pages read a postmortem's frontmatter from the content layer, which parsed and validated it once.
 * Left in the file, Astro's Markdown and MDX compilers would also turn all of it into a `frontmatter`
 * export of every postmortem's module: a second copy per page for Vite to bundle and hold in memory.
 * This hands them the body alone, with blank lines where the frontmatter was so that an MDX error
 * still points at the right line of the file.
 */
export function postmortemBodiesOnly(postmortemsDir: string): Plugin {
	const prefix = postmortemsDir.split(sep).join('/') + '/';
	// Vite loads a postmortem reached through a symbolic link by its target's path.
	let linked: Set<string> | undefined;
	const isPostmortem = (path: string) =>
		path.startsWith(prefix) ||
		(linked ??= new Set(findPostmortemFiles(postmortemsDir).files.map((file) => realpathSync(file.path).split(sep).join('/')))).has(path);
	return {
		name: 'hindsight:postmortem-bodies-only',
		enforce: 'pre',
		load(id) {
			const [path, query = ''] = id.split('?') as [string, string?];
			// The page module itself, and the copy Astro compiles to collect its styles and scripts.
			if (!(query === '' || query === 'astroPropagatedAssets') || !/\.mdx?$/.test(path) || !isPostmortem(path)) return null;
			const text = readFileSync(path, 'utf8');
			const split = splitFrontmatter(text);
			if ('error' in split) return null;
			const lines = text.slice(0, split.bodyOffset).split('\n').length - 1;
			return `---\n---\n${'\n'.repeat(Math.max(0, lines - 2))}${text.slice(split.bodyOffset)}`;
		},
	};
}
