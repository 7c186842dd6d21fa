/**
 * Hindsight's Astro integration, wiring only: the settings every part reads, the Vite plugins that
 * hand postmortem bodies to the compiler (and, in the dev server, reload a page once its data is
 * current, and leave the built site unwatched), and the end-of-build leak guard over the finished
 * output (or, under `npm run build`, what its parent needs to run the guard: after-build.ts).
 * (Each page's Content-Security-Policy is completed as it renders, by `src/middleware.ts`.)
 */
import { fileURLToPath } from 'node:url';
import type { AstroIntegration } from 'astro';
import { postmortemsDir, readSettings } from '../node/settings';
import { postmortemBodiesOnly } from './bodies-only';
import { postmortemReloads } from './dev-reload';
import { unwatched } from './dev-watch';
import { handoffFile, writeHandoff, type Handoff } from './handoff';
import { checkOutput } from './leak-guard';
import { settingsModule } from './settings-module';

export default function hindsight(): AstroIntegration {
	let guard: Handoff['guard'] | undefined;
	return {
		name: 'hindsight',
		hooks: {
			'astro:config:setup': ({ command, config, updateConfig }) => {
				const settings = readSettings(command);
				guard = {
					edition: settings.edition,
					contentDir: settings.contentDir,
					root: fileURLToPath(config.root),
					srcDir: fileURLToPath(config.srcDir),
					cacheDir: fileURLToPath(config.cacheDir),
				};
				updateConfig({
					vite: {
						plugins: [
							settingsModule(settings),
							postmortemBodiesOnly(postmortemsDir(settings.contentDir)),
							postmortemReloads(postmortemsDir(settings.contentDir)),
						],
						// A content folder outside the project has no node_modules above it: the one package a
						// body may import from resolves from the project.
						resolve: { alias: [{ find: /^@astrojs\/starlight\/components$/, replacement: fileURLToPath(import.meta.resolve('@astrojs/starlight/components')) }] },
						// The built site and the tests' scratch folder: nothing the dev server shows is made from them.
						...(command === 'dev' && {
							server: {
								watch: {
									ignored: [unwatched({ root: guard.root, contentDir: settings.contentDir, folders: [fileURLToPath(config.outDir), 'test/.tmp'] })],
								},
							},
						}),
					},
				});
			},
			'astro:build:done': ({ dir, logger }) => {
				const outDir = fileURLToPath(dir);
				// `npm run build` runs the search index and this guard once this process has exited (after-build.ts).
				const file = handoffFile();
				if (file) writeHandoff(file, { outDir, guard: guard! });
				else checkOutput({ ...guard!, outDir }, (message) => logger.info(message));
			},
		},
	};
}
