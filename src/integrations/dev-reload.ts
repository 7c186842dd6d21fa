import { sep } from 'node:path';
import { isRunnableDevEnvironment, type EnvironmentModuleNode, type HotPayload, type Plugin, type ViteDevServer } from 'vite';

/**
 * Astro sends a page's error to the browser over the dev server's websocket once, 200 ms after the
 * error page; a page still connecting then (a reload on a busy machine) shows a blank page instead
 * of the error. This keeps the last error sent and sends it again to a page that connects later,
 * until a page renders or the content changes.
 */
function replayLastError(server: ViteDevServer) {
	const hot = server.environments.client.hot;
	let last: HotPayload | undefined;
	const send = hot.send.bind(hot) as (...args: unknown[]) => void;
	hot.send = ((...args: unknown[]) => {
		const payload = args[0] as Partial<HotPayload> | string;
		if (typeof payload === 'object' && payload.type === 'error') last = payload as HotPayload;
		else if (typeof payload === 'object' && payload.type === 'full-reload') last = undefined;
		send(...args);
	}) as typeof hot.send;
	hot.on('vite:client:connect', (_data: unknown, client: { send: (payload: HotPayload) => void }) => {
		if (last) client.send(last);
	});
	server.middlewares.use((req, res, next) => {
		// A page that rendered: a browser's navigation (it asks for HTML), answered without an error.
		if (req.headers.accept?.includes('text/html')) {
			res.on('finish', () => {
				if (res.statusCode < 400) last = undefined;
			});
		}
		next();
	});
}

/**
 * In the dev server a saved postmortem reaches the page twice: Astro reloads the browser at once
 * because the file is a module (its body), and again when the content layer has read it and written
 * its data store. The first reload renders before the store has the change, so the page shows the
 * last good version, or the last error, and the second reload is sent while that page is still
 * connecting, and is lost. For a postmortem this only drops the changed modules, so that the body is
 * compiled again, and leaves the one reload to the content layer, sent when the data is current.
 * The reloaded page then shows the file's problems in Astro's error overlay, which
 * {@link replayLastError} makes sure reaches it.
 */
export function postmortemReloads(postmortemsDir: string): Plugin {
	const prefix = postmortemsDir.split(sep).join('/') + '/';
	return {
		name: 'hindsight:postmortem-reloads',
		apply: 'serve',
		configureServer: replayLastError,
		hotUpdate: {
			order: 'pre',
			handler({ file, modules, timestamp }) {
				// Only the postmortem files: an image beside one is no entry, and reloads as it always did.
				if (!/\.mdx?$/i.test(file) || !file.split(sep).join('/').startsWith(prefix) || this.environment.name === 'client') return;
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
