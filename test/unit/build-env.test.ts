import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { BUILD_ENV } from '../../src/node/build-env';

const scripts = (JSON.parse(readFileSync(join(import.meta.dirname, '../../package.json'), 'utf8')) as { scripts: Record<string, string> }).scripts;

describe('the environment a build runs with', () => {
	it.each(['build', 'start'])('is what `npm run %s` sets before Astro starts, in any shell', (name) => {
		const [build] = scripts[name]!.split('&&');
		const settings = Object.entries(BUILD_ENV).map(([key, value]) => `${key}=${value}`);
		expect(build!.trim()).toBe(`cross-env ${settings.join(' ')} astro build`);
	});
});
