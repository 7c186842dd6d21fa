import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';

const scripts = (JSON.parse(readFileSync(join(import.meta.dirname, '../../package.json'), 'utf8')) as { scripts: Record<string, string> }).scripts;

describe('the build people run', () => {
	// src/cli/build.ts gives `astro build` its environment and indexes the site after it: a script that
	// called `astro build` itself would build with neither (the tests build through the same door).
	it.each(['build', 'start'])('is what `npm run %s` runs first', (name) => {
		const [build] = scripts[name]!.split('&&');
		expect(build!.trim()).toBe('node --import tsx src/cli/build.ts');
	});
});
