/**
 * Hindsight's Astro integration: decides where drafts are shown, completes each page's
 * Content-Security-Policy, and guards the output of every build against postmortems the edition
 * leaves out.
 */
import { readFileSync, readdirSync, realpathSync, statSync, writeFileSync } from 'node:fs';
import { extname, join, relative, sep } from 'node:path';
import { fileURLToPath } from 'node:url';
import { gunzipSync } from 'node:zlib';
import type { AstroIntegration } from 'astro';
import type { Plugin } from 'vite';
import { isIncluded } from '../lib/model/archive';
import { findAssetLeaks, findLeaks, type GuardedPostmortem } from '../lib/checks/leak-guard';
import { completeCsp } from '../lib/checks/csp';
import { splitFrontmatter } from '../lib/model/frontmatter';
import { SHOW_DRAFTS_ENV, contentDir, edition } from '../node/settings';
import { readArchiveSources, type PostmortemSource } from '../node/archive-sources';
import { guardedAssets, siteAssetNames } from '../node/guarded-assets';
import { cspHash, sha256 } from '../node/hashes';
import { findPostmortemFiles } from '../node/postmortem-files';

const BINARY = new Set(['.png', '.jpg', '.jpeg', '.gif', '.webp', '.avif', '.ico', '.woff', '.woff2', '.ttf', '.wasm']);

/**
 * Every output file's text (empty for binary files; Pagefind's gzip index decompressed), one at a
 * time so that a large site is never in memory at once; with `hashes`, each file's hash goes there.
 */
function* outputFiles(dir: string, hashes?: { path: string; hash: string }[]): Generator<{ path: string; text: string }> {
	for (const name of readdirSync(dir, { recursive: true, encoding: 'utf8' })) {
		const file = join(dir, name);
		if (!statSync(file).isFile()) continue;
		const path = relative(dir, file);
		const bytes = readFileSync(file);
		hashes?.push({ path, hash: sha256(bytes) });
		if (BINARY.has(extname(file).toLowerCase())) continue;
		yield { path, text: (bytes[0] === 0x1f && bytes[1] === 0x8b ? gunzipSync(bytes) : bytes).toString('utf8') };
	}
}

/** The site's own words (page templates, guides, labels): text a postmortem shares with them proves nothing. */
function siteText(srcDir: string): GuardedPostmortem[] {
	return readdirSync(srcDir, { recursive: true, encoding: 'utf8' })
		.filter((name) => /\.(astro|mdx?|ts)$/.test(name))
		.map((name) => ({ id: `(site) ${name}`, title: '', body: readFileSync(join(srcDir, name), 'utf8') }));
}

/**
 * Pages read a postmortem's frontmatter from the content layer, which parsed and validated it once.
 * Left in the file, Astro's Markdown and MDX compilers would also turn all of it into a `frontmatter`
 * export of every postmortem's module: a second copy per page for Vite to bundle and hold in memory.
 * This hands them the body alone, with blank lines where the frontmatter was so that an MDX error
 * still points at the right line of the file.
 */
function postmortemBodiesOnly(postmortemsDir: string): Plugin {
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

export default function hindsight(): AstroIntegration {
	let srcDir = '';
	let root = '';
	return {
		name: 'hindsight',
		hooks: {
			'astro:config:setup': ({ command, config, updateConfig }) => {
				srcDir = fileURLToPath(config.srcDir);
				root = fileURLToPath(config.root);
				const postmortemsDir = join(contentDir(), 'postmortems');
				updateConfig({
					vite: {
						plugins: [postmortemBodiesOnly(postmortemsDir)],
						// A content folder outside the project has no node_modules above it: the one package a
						// body may import from resolves from the project.
						resolve: { alias: [{ find: /^@astrojs\/starlight\/components$/, replacement: fileURLToPath(import.meta.resolve('@astrojs/starlight/components')) }] },
					},
				});
				// Drafts belong to the dev server alone: decided by the command Astro runs, not by
				// NODE_ENV or Vite's mode, so no environment a build runs in can publish one.
				process.env[SHOW_DRAFTS_ENV] = command === 'dev' ? 'dev' : '';
			},
			'astro:build:done': ({ dir, logger }) => {
				const out = fileURLToPath(dir);
				for (const name of readdirSync(out, { recursive: true, encoding: 'utf8' })) {
					if (!name.endsWith('.html')) continue;
					const html = readFileSync(join(out, name), 'utf8');
					const completed = completeCsp(html, cspHash);
					if (completed !== html) writeFileSync(join(out, name), completed);
				}
				const options = { edition: edition(), includeDrafts: false };
				// The same reading of the files as the content layer's, so "left out" means one thing.
				const all = readArchiveSources(contentDir()).postmortems;
				const excluded = all.filter((pm) => !isIncluded(pm.data, options));
				if (excluded.length === 0) return;
				const included = all.filter((pm) => isIncluded(pm.data, options));
				const guarded = (pm: PostmortemSource): GuardedPostmortem => ({ id: pm.id, title: pm.data.title, summary: pm.data.summary, body: pm.body });
				const assets = guardedAssets(excluded, included, siteAssetNames(root));
				// Hashing every output file costs time: only when there are files to look for.
				const hashes = assets.length ? [] : undefined;
				const leaks = [
					...findLeaks(excluded.map(guarded), [...included.map(guarded), ...siteText(srcDir)], outputFiles(out, hashes)),
					...findAssetLeaks(assets, hashes ?? []),
				];
				if (leaks.length > 0) {
					const lines = leaks.slice(0, 20).map((l) => `  ${l.file}: ${l.postmortem} (${l.what})`);
					throw new Error(
						`The ${options.edition} edition's output contains postmortems it leaves out:\n${lines.join('\n')}${leaks.length > 20 ? `\n  … and ${leaks.length - 20} more` : ''}`
					);
				}
				logger.info(`No trace of the ${excluded.length} left-out postmortems in the output.`);
			},
		},
	};
}
