/**
 * Hindsight's Astro integration: decides where drafts are shown, completes each page's
 * Content-Security-Policy, and guards the output of every build against postmortems the edition
 * leaves out.
 */
import { readFileSync, readdirSync, statSync, writeFileSync } from 'node:fs';
import { extname, join, relative, sep } from 'node:path';
import { fileURLToPath } from 'node:url';
import { gunzipSync } from 'node:zlib';
import type { AstroIntegration } from 'astro';
import type { Plugin } from 'vite';
import yaml from 'js-yaml';
import { isIncluded } from '../lib/archive';
import { listPostmortemFiles, postmortemIdFromPath } from '../lib/ids';
import { findLeaks, type GuardedPostmortem } from '../lib/leak-guard';
import { completeCsp } from '../lib/csp';
import { assertDatetimesHaveTimes, splitFrontmatter } from '../lib/frontmatter';
import { SHOW_DRAFTS_ENV, contentDir, edition } from '../lib/site-config';

const BINARY = new Set(['.png', '.jpg', '.jpeg', '.gif', '.webp', '.avif', '.ico', '.woff', '.woff2', '.ttf', '.wasm']);

function* outputFiles(dir: string): Generator<{ path: string; text: string }> {
	for (const name of readdirSync(dir, { recursive: true, encoding: 'utf8' })) {
		const file = join(dir, name);
		if (BINARY.has(extname(file)) || !statSync(file).isFile()) continue;
		let bytes = readFileSync(file);
		// Pagefind's index is gzip: read what is inside.
		if (bytes[0] === 0x1f && bytes[1] === 0x8b) bytes = gunzipSync(bytes);
		yield { path: relative(dir, file), text: bytes.toString('utf8') };
	}
}

function readPostmortems(dir: string): (GuardedPostmortem & { status: string; visibility: string })[] {
	return listPostmortemFiles(dir).map((file) => {
		const text = readFileSync(join(dir, file), 'utf8');
		const split = splitFrontmatter(text);
		const frontmatter = 'error' in split ? undefined : split;
		const data = (frontmatter ? yaml.load(frontmatter.raw) : {}) as Record<string, unknown>;
		const str = (value: unknown) => (typeof value === 'string' ? value : '');
		return {
			id: postmortemIdFromPath(file),
			title: str(data.title),
			summary: str(data.summary),
			body: frontmatter ? text.slice(frontmatter.bodyOffset) : text,
			status: str(data.status) || 'published',
			visibility: str(data.visibility) || 'internal',
		};
	});
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
	return {
		name: 'hindsight:postmortem-bodies-only',
		enforce: 'pre',
		load(id) {
			const [path, query = ''] = id.split('?') as [string, string?];
			// The page module itself, and the copy Astro compiles to collect its styles and scripts.
			if (!(query === '' || query === 'astroPropagatedAssets') || !path.startsWith(prefix) || !/\.mdx?$/.test(path)) return null;
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
	return {
		name: 'hindsight',
		hooks: {
			'astro:config:setup': ({ command, config, updateConfig }) => {
				srcDir = fileURLToPath(config.srcDir);
				// Before the content layer types the frontmatter (it runs once here; the content config
				// is evaluated again while rendering).
				const postmortemsDir = join(contentDir(), 'postmortems');
				assertDatetimesHaveTimes(postmortemsDir);
				updateConfig({ vite: { plugins: [postmortemBodiesOnly(postmortemsDir)] } });
				// Drafts belong to the dev server alone: decided by the command Astro runs, not by
				// NODE_ENV or Vite's mode, so no environment a build runs in can publish one.
				process.env[SHOW_DRAFTS_ENV] = command === 'dev' ? 'dev' : '';
			},
			'astro:build:done': ({ dir, logger }) => {
				const out = fileURLToPath(dir);
				for (const name of readdirSync(out, { recursive: true, encoding: 'utf8' })) {
					if (!name.endsWith('.html')) continue;
					const html = readFileSync(join(out, name), 'utf8');
					const completed = completeCsp(html);
					if (completed !== html) writeFileSync(join(out, name), completed);
				}
				const options = { edition: edition(), includeDrafts: false };
				const all = readPostmortems(join(contentDir(), 'postmortems'));
				const excluded = all.filter((pm) => !isIncluded(pm as never, options));
				if (excluded.length === 0) return;
				const included = all.filter((pm) => isIncluded(pm as never, options));
				const leaks = findLeaks(excluded, [...included, ...siteText(srcDir)], outputFiles(out));
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
