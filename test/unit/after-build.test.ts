import { afterEach, describe, expect, it, vi } from 'vitest';
import type { AstroIntegration } from 'astro';
import { indexedAfterBuild } from '../../src/integrations/after-build';
import { AFTER_BUILD } from '../../src/integrations/handoff';

function starlightLike(done: () => void): AstroIntegration {
	return { name: '@astrojs/starlight', hooks: { 'astro:config:setup': () => {}, 'astro:build:done': done } };
}
const doneOptions = {} as Parameters<NonNullable<AstroIntegration['hooks']['astro:build:done']>>[0];

describe("Starlight's end-of-build Pagefind step", () => {
	afterEach(() => vi.unstubAllEnvs());

	it('runs in the build process when `astro build` is run directly', async () => {
		vi.stubEnv(AFTER_BUILD, '');
		const done = vi.fn();
		await indexedAfterBuild(starlightLike(done)).hooks['astro:build:done']!(doneOptions);
		expect(done).toHaveBeenCalledOnce();
	});

	it('is left to `npm run build` once the build process has exited, and the rest of the integration is kept', async () => {
		vi.stubEnv(AFTER_BUILD, '/tmp/handoff.json');
		const done = vi.fn();
		const starlight = starlightLike(done);
		const wrapped = indexedAfterBuild(starlight);
		await wrapped.hooks['astro:build:done']!(doneOptions);
		expect(done).not.toHaveBeenCalled();
		expect(wrapped.name).toBe(starlight.name);
		expect(wrapped.hooks['astro:config:setup']).toBe(starlight.hooks['astro:config:setup']);
	});
});
