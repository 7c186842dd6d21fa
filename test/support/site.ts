/** A built fixture site for browser tests (Vitest only: it registers hooks). */
import { afterAll, beforeAll } from 'vitest';
import type { Browser } from 'playwright-core';
import { launchBrowser } from './browser';
import { buildFixture, type BuildOptions } from './build';
import { serveStatic, type StaticServer } from './static-server';

/**
 * A built fixture served on loopback with Chromium ready, for one test file: call it at the top of
 * a `describe`; it registers the hooks that build, serve and tear down.
 */
export function useBuiltSite(
	fixture: string,
	options: BuildOptions = {}
): { readonly server: StaticServer; readonly browser: Browser } {
	const site = {} as { server: StaticServer; browser: Browser };
	beforeAll(async () => {
		const build = await buildFixture(fixture, options);
		if (build.code !== 0) throw new Error(build.output);
		site.server = await serveStatic(build.dist);
		site.browser = await launchBrowser();
	});
	afterAll(async () => {
		await site.browser?.close();
		await site.server?.close();
	});
	return site;
}
