/**
 * `virtual:hindsight/settings`: the settings of this build or dev server, read once from the
 * environment and the Astro command, for the content layer and the pages.
 */
import type { Plugin } from 'vite';
import type { Settings } from '../node/settings';

const ID = 'virtual:hindsight/settings';
const RESOLVED = `\0${ID}`;

export function settingsModule(settings: Settings): Plugin {
	return {
		name: 'hindsight:settings',
		resolveId: (id) => (id === ID ? RESOLVED : undefined),
		load: (id) => (id === RESOLVED ? `export const settings = ${JSON.stringify(settings)};` : undefined),
	};
}
