/**
 * How `npm run build` (src/cli/build.ts) takes the end of a build out of the build process: it
 * names a file in HINDSIGHT_AFTER_BUILD; the build then skips Starlight's Pagefind step and
 * Hindsight's leak guard, and writes there what its parent needs to run both once it has exited
 * (`after-build.ts`). Without the variable (`astro build` run directly) both run in the build
 * process, as Starlight and Hindsight do by default.
 *
 * Apart from `after-build.ts` so that the parent can read it without loading Pagefind and the
 * leak guard, which it holds in memory beside the build's own only once the build has exited.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import type { GuardOptions } from './leak-guard';

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
