/**
 * `npm run build` and `npm start`: `astro build` in a process of its own, then, once it has exited,
 * the search index and the leak guard in this one. Arguments go to `astro build` as they are
 * (`npm run build -- --force`).
 *
 * Why not in the build process, where Starlight runs Pagefind: by its end that process holds the
 * build's memory and keeps it (a forced garbage collection frees heap but not resident memory),
 * about 6 GB at 20,000 postmortems, beside Pagefind's own 7 GB. One after the other, the machine
 * holds the larger of the two, not their sum. `astro build` run directly still does both itself.
 *
 * The build gets BUILD_ENV and BUILD_NODE_FLAGS here, before its Node starts, so no shell syntax is
 * needed.
 */
import { spawn } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { AFTER_BUILD, readHandoff } from '../integrations/handoff';
import { BUILD_ENV, BUILD_NODE_FLAGS } from '../node/build-env';

const ASTRO = fileURLToPath(new URL('../../node_modules/astro/bin/astro.mjs', import.meta.url));

/** Lines in the build log's style, labelled apart from the build process's own. */
const log = (message: string) => console.log(`${new Date().toTimeString().slice(0, 8)} [hindsight:after-build] ${message}`);

function astroBuild(args: string[], handoff: string): Promise<number> {
	return new Promise((resolve) => {
		const child = spawn(process.execPath, [...BUILD_NODE_FLAGS, ASTRO, 'build', ...args], {
			stdio: 'inherit',
			env: { ...process.env, ...BUILD_ENV, [AFTER_BUILD]: handoff },
		});
		child.on('error', (error) => {
			console.error(`Could not start astro build: ${error.message}`);
			resolve(1);
		});
		child.on('exit', (code, signal) => resolve(code ?? (signal ? 128 : 1)));
	});
}

async function main(args: string[]): Promise<number> {
	const folder = mkdtempSync(join(tmpdir(), 'hindsight-build-'));
	try {
		const handoff = join(folder, 'handoff.json');
		const code = await astroBuild(args, handoff);
		if (code !== 0) return code;
		if (!existsSync(handoff)) {
			console.error('astro build ended without handing over its output: no search index was written and the output was not checked.');
			return 1;
		}
		// Loaded only now: while the build runs, this process holds no more than it needs to wait.
		const { finishBuild } = await import('../integrations/after-build');
		await finishBuild(readHandoff(handoff), log);
		return 0;
	} catch (error) {
		console.error(error instanceof Error ? error.message : error);
		return 1;
	} finally {
		rmSync(folder, { recursive: true, force: true });
	}
}

process.exitCode = await main(process.argv.slice(2));
