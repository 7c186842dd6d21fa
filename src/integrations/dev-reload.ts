import { sep } from 'node:path';
import { isRunnableDevEnvironment, type EnvironmentModuleNode, type Plugin } from 'vite';

/**
 * In the dev server a saved postmortem reaches the page twice: Astro reloads the browser at once
 * because the file is a module (its body), and again when the content layer has read it and written
 * its data store. The first reload renders before the store has the change, so the page shows the
 * last good version, or the last error, and the second reload is sent while that page is still
 * connecting, and is lost. For a postmortem this only drops the changed modules, so that the body is
 * compiled again, and leaves the one reload to the content layer, sent when the data is current.
 */
export function postmortemReloads(postmortemsDir: string): Plugin {
	const prefix = postmortemsDir.split(sep).join('/') + '/';
	return {
		name: 'hindsight:postmortem-reloads',
		apply: 'serve',
		hotUpdate: {
			order: 'pre',
			handler({ file, modules, timestamp }) {
				if (!file.split(sep).join('/').startsWith(prefix) || this.environment.name === 'client') return;
				const invalidated = new Set<EnvironmentModuleNode>();
				for (const mod of modules) this.environment.moduleGraph.invalidateModule(mod, invalidated, timestamp, true);
				if (isRunnableDevEnvironment(this.environment)) {
					const evaluated = this.environment.runner.evaluatedModules;
					for (const mod of invalidated) {
						const running = mod.id ? evaluated.getModuleById(mod.id) : undefined;
						if (running) evaluated.invalidateModule(running);
					}
				}
				return [];
			},
		},
	};
}
