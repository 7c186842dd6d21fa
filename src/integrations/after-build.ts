/**
 * The end of a build that `npm run build` (src/cli/build.ts) takes out of the build process
 * (`handoff.ts`): the search index and the leak guard, run by the parent once the build has exited.
 */
import type { AstroIntegration } from 'astro';
import { writeSearchIndex } from '../node/search-index';
import { checkOutput } from './leak-guard';
import { handoffFile, type Handoff } from './handoff';

/** The end of the build, once its process has exited: the search index, then the leak guard over all of the output, the index included. */
export async function finishBuild({ outDir, guard }: Handoff, log: (message: string) => void): Promise<void> {
	await writeSearchIndex(outDir, log);
	checkOutput({ ...guard, outDir }, log);
}

/**
 * Starlight's integration with its end-of-build hook (Starlight 0.42: it only runs Pagefind over
 * the output) skipped when the build's parent indexes the site instead.
 */
export function indexedAfterBuild(integration: AstroIntegration): AstroIntegration {
	const done = integration.hooks['astro:build:done'];
	if (!done) return integration;
	return {
		...integration,
		hooks: {
			...integration.hooks,
			'astro:build:done': (options) => (handoffFile() ? undefined : done(options)),
		},
	};
}
