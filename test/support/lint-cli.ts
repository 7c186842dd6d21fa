/** `npm run lint:content` run as a person runs it, for the tests that read its output. */
import { spawnSync } from 'node:child_process';
import { ROOT } from './build';

export function lintCli(args: string[], env: Record<string, string> = {}) {
	const base = { ...process.env };
	delete base.HINDSIGHT_CONTENT_DIR;
	const result = spawnSync(process.execPath, ['node_modules/tsx/dist/cli.mjs', 'src/lint/cli.ts', ...args], {
		cwd: ROOT,
		env: { ...base, ...env },
		encoding: 'utf8',
	});
	const lines = result.stdout.trim().split('\n');
	return { code: result.status, stdout: result.stdout, stderr: result.stderr, lines, summary: lines.at(-1) ?? '' };
}
