/**
 * `virtual:hindsight/settings`: the settings of this build or dev server, read once from the
 * environment and the Astro command, for the content layer and the pages.
 */
import type { Plugin } from 'vite';
import type { Settings } from '../node/settings';

const ID = 'virtual:hindsight/settings';
const RESOLVED = `\0${ID}`;

/**
 * Marks a module as data for Astro's incremental build, as Astro marks its content modules: its
 * code is left out of the hash of each page's module graph. The settings reach a cached page
 * through its cache key instead (`withCacheKeys` in `src/data`), so a new build date renders again
 * only the pages it changes; unmarked, every page would be rendered again each day. Should Astro
 * stop reading this mark, the settings count as code again: every page is rendered again when one
 * changes, which is slower, never stale.
 */
const DATA_FOR_INCREMENTAL_BUILDS = { astroIncremental: { kind: 'content-data' } };

export function settingsModule(settings: Settings): Plugin {
	return {
		name: 'hindsight:settings',
		resolveId: (id) => (id === ID ? RESOLVED : undefined),
		load: (id) => (id === RESOLVED ? { code: `export const settings = ${JSON.stringify(settings)};`, meta: DATA_FOR_INCREMENTAL_BUILDS } : undefined),
	};
}
