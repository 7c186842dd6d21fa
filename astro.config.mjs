// @ts-check
import { createHash } from 'node:crypto';
import { fileURLToPath } from 'node:url';
import { defineConfig } from 'astro/config';
import starlight from '@astrojs/starlight';
import mdx from '@astrojs/mdx';
import { satteri } from '@astrojs/markdown-satteri';
import starlightLinksValidator from 'starlight-links-validator';
import { contentDir as resolveContentDir } from './src/node/settings.ts';
import hindsight from './src/integrations/index.ts';
import { bodyGuardPlugins } from './src/integrations/body-guard.ts';
import { GENERATED_ADDRESSES, SIDEBAR } from './src/routes.ts';

// Which archive to build: the sample archive in ./content by default; tests and teams with their
// postmortems elsewhere point HINDSIGHT_CONTENT_DIR at another folder holding `postmortems/` and
// `root-causes.yaml`.
const contentDir = resolveContentDir();
// Each archive gets its own content cache, so building a fixture never reuses another archive's
// entries.
const cacheKey = createHash('sha256').update(contentDir).digest('hex').slice(0, 12);

export default defineConfig({
	site: process.env.SITE_URL ?? 'http://localhost:4321',
	trailingSlash: 'always',
	cacheDir: `./node_modules/.astro/${cacheKey}`,
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
			hastPlugins: bodyGuardPlugins({ srcDir: fileURLToPath(new URL('./src/', import.meta.url)) }),
		}),
	},
	vite: {
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
		starlight({
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
		}),
		// Starlight's own choice for MDX: compiled to static HTML where it can be, which renders faster.
		mdx({ optimize: true }),
		// Last, so its end-of-build guard reads the output after Pagefind has written its index.
		hindsight(),
	],
});
