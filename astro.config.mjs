// @ts-check
import { createHash } from 'node:crypto';
import { fileURLToPath } from 'node:url';
import { defineConfig } from 'astro/config';
import starlight from '@astrojs/starlight';
import mdx from '@astrojs/mdx';
import { satteri } from '@astrojs/markdown-satteri';
import starlightLinksValidator from 'starlight-links-validator';
import { cacheDir, contentDir as resolveContentDir, edition } from './src/node/settings.ts';
import hindsight from './src/integrations/index.ts';
import { indexedAfterBuild } from './src/integrations/after-build.ts';
import { bodyGuardPlugins } from './src/integrations/body-guard.ts';
import { SECTION_SLOT, sectionSlotPlugin } from './src/integrations/section-slots.ts';
import { GENERATED_ADDRESSES, SIDEBAR } from './src/routes.ts';

// Astro writes into a module every page imports each environment variable whose name appears in
// its code, and `_` (the shell's last command) appears in all code: a build started another way
// (`npx astro build`, `npm run build`) would count as changed code and render every page again.
delete process.env._;

// Which archive to build: the sample archive in ./content by default; tests and teams with their
// postmortems elsewhere point HINDSIGHT_CONTENT_DIR at another folder holding `postmortems/` and
// `root-causes.yaml`.
const contentDir = resolveContentDir();
// Each archive and edition gets its own cache (content layer, incremental build), so building a
// fixture never reuses another archive's entries, and the two editions built in turn each rebuild
// from their own last build.
const cacheKey = createHash('sha256').update(`${contentDir}\0${edition()}`).digest('hex').slice(0, 12);

export default defineConfig({
	site: process.env.SITE_URL ?? 'http://localhost:4321',
	trailingSlash: 'always',
	cacheDir: `${cacheDir()}/${cacheKey}`,
	experimental: {
		// A page whose code and cache key (`withCacheKeys` in src/data) are unchanged since the last
		// build is copied from it instead of rendered again. The cache keeps its copies in cacheDir.
		incrementalBuild: true,
	},
	// More than one page at a time turns Astro's incremental cache off.
	build: { concurrency: 1 },
	// Two postmortem files that map to one id (`a.md` and `a.mdx`) fail the build instead of the
	// later one silently winning.
	prerenderConflictBehavior: 'error',
	server: { port: 4321 },
	// Expressive Code (through Starlight) highlights code blocks; Astro's own Shiki would only add
	// inline styles that the Content-Security-Policy has to allow.
	markdown: {
		syntaxHighlight: false,
		processor: satteri({
			// Sanitizes .md bodies and refuses script in MDX bodies.
			hastPlugins: [
				...bodyGuardPlugins({ srcDir: fileURLToPath(new URL('./src/', import.meta.url)) }),
				sectionSlotPlugin({ srcDir: fileURLToPath(new URL('./src/', import.meta.url)) }),
			],
		}),
	},
	vite: {
		// Vite's pre-bundled dependencies (for the content layer's sync) beside the rest of the build
		// cache, which CI keeps; in node_modules, which `npm ci` deletes, they would be made each build.
		cacheDir: `${cacheDir()}/${cacheKey}/vite`,
		build: {
			rolldownOptions: {
				// Astro marks every MDX module with a directive the bundler cannot keep, and the bundler
				// says so once per postmortem: a thousand code frames that tell an author nothing.
				onwarn(warning, warn) {
					if (warning.code === 'MODULE_LEVEL_DIRECTIVE' && warning.message.includes('astro:head-inject')) return;
					warn(warning);
				},
			},
		},
	},
	security: {
		csp: {
			directives: [
				"default-src 'self'",
				"img-src 'self' data:",
				"object-src 'none'",
				"base-uri 'self'",
				"form-action 'self'",
			],
			scriptDirective: { resources: ["'self'", "'wasm-unsafe-eval'"] },
		},
	},
	integrations: [
		// Under `npm run build`, Pagefind runs after the build process has exited (src/cli/build.ts).
		indexedAfterBuild(starlight({
			title: 'Hindsight',
			description: 'Postmortems and what we learned from them.',
			customCss: ['./src/styles/hindsight.css', './src/styles/severity.css', './src/styles/tables.css', './src/styles/postmortem.css', './src/styles/action-items.css'],
			plugins: [
				// Links in the guides and postmortem bodies; the generated pages are checked by the
				// offline link check of dist/ in the test suite.
				starlightLinksValidator({
					exclude: GENERATED_ADDRESSES,
				}),
			],
			components: {
				Search: './src/components/overrides/Search.astro',
			},
			lastUpdated: false,
			// Wrapped code never scrolls sideways, so it needs no focusable, labelled scroll region.
			expressiveCode: { defaultProps: { wrap: true } },
			credits: false,
			markdown: {
				// Postmortems are their own collection; this gives them Starlight's asides and heading
				// anchors too.
				processedDirs: [`${contentDir}/postmortems/`],
			},
			sidebar: SIDEBAR,
		})),
		// Starlight's own choice for MDX: compiled to static HTML where it can be, which renders faster.
		// A body's section slots stay components: a postmortem's page fills them (integrations/section-slots.ts).
		mdx({ optimize: { ignoreElementNames: [SECTION_SLOT] } }),
		// Last, so its end-of-build guard reads the output after Pagefind has written its index (when
		// `astro build` runs both itself; under `npm run build` they run after it, in that order).
		hindsight(),
	],
});
