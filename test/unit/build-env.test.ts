import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { BUILD_NODE_FLAGS } from '../../src/node/build-env';

const scripts = (JSON.parse(readFileSync(join(import.meta.dirname, '../../package.json'), 'utf8')) as { scripts: Record<string, string> }).scripts;

describe('the build people run', () => {
	// src/cli/build.ts gives `astro build` its environment and indexes the site after it: a script that
	// called `astro build` itself would build with neither (the tests build through the same door).
	it.each(['build', 'start'])('is what `npm run %s` runs first', (name) => {
		const [build] = scripts[name]!.split('&&');
		expect(build!.trim()).toBe('node --import tsx src/cli/build.ts');
	});
});

describe("the build process's Node", () => {
	// A V8 flag that a newer Node no longer knows stops every build at its first line ("bad option").
	it('accepts the flags src/cli/build.ts starts it with', () => {
		const run = spawnSync(process.execPath, [...BUILD_NODE_FLAGS, '-e', '0'], { encoding: 'utf8' });
		expect(run.stderr).toBe('');
		expect(run.status).toBe(0);
	});
});
