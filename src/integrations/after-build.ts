/**
 * How `npm run build` (src/cli/build.ts) takes the end of a build out of the build process: it
 * names a file in HINDSIGHT_AFTER_BUILD; the build then skips Starlight's Pagefind step and
 * Hindsight's leak guard, and writes there what its parent needs to run both once it has exited.
 * Without the variable (`astro build` run directly) both run in the build process, as Starlight
 * and Hindsight do by default.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import type { AstroIntegration } from 'astro';
import { writeSearchIndex } from '../node/search-index';
import { checkOutput, type GuardOptions } from './leak-guard';

export const AFTER_BUILD = 'HINDSIGHT_AFTER_BUILD';

/** What the build hands over: its output folder and the leak guard's settings. */
export interface Handoff {
	outDir: string;
	guard: Omit<GuardOptions, 'outDir'>;
}

/** The file to hand over to, when the build's parent will finish it. */
export const handoffFile = (): string | undefined => process.env[AFTER_BUILD] || undefined;

export function writeHandoff(file: string, handoff: Handoff): void {
	writeFileSync(file, JSON.stringify(handoff));
}

export function readHandoff(file: string): Handoff {
	return JSON.parse(readFileSync(file, 'utf8')) as Handoff;
}

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
