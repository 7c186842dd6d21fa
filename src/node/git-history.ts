/**
 * Where source files sit in their git work tree and when each last changed: one `git rev-parse`
 * and one `git log` per build, not one per page.
 */
import { execFileSync } from 'node:child_process';
import { resolve } from 'node:path';

export interface GitHistory {
	/** The folder's path from the top of its work tree: `/`-separated, ending in `/`, `''` at the top. */
	prefix: string;
	/** Absolute path → date of the newest commit touching it. */
	lastChanged: Map<string, Date>;
}

/** The history of the files under `dir`; undefined when `dir` is not in a git work tree. */
export function gitHistory(dir: string): GitHistory | undefined {
	// The prefix rather than `--show-toplevel`: the top comes back with symlinks resolved (macOS's
	// /tmp is /private/tmp), so paths taken relative to it would not match the paths the build sees.
	const prefix = git(dir, ['rev-parse', '--show-prefix']);
	if (prefix === undefined) return undefined;
	// `--relative` names files from `dir`, for the same reason. A work tree with no commits yet
	// fails here: its files still have a place in the tree, just no dates.
	// Unquoted paths: git would otherwise write `café.mdx` as "caf\303\251.mdx", matching no file.
	const log = git(dir, ['-c', 'core.quotePath=false', 'log', '--format=%x00%cI', '--name-only', '--no-renames', '--relative', '--', '.']);
	return { prefix: prefix.trim(), lastChanged: log === undefined ? new Map() : parseGitLog(log, dir) };
}

/** `git`'s output in `cwd`, or undefined when it fails: no git installed, no work tree, no commits. */
function git(cwd: string, args: string[]): string | undefined {
	try {
		return execFileSync('git', args, { cwd, encoding: 'utf8', maxBuffer: 256 * 1024 * 1024, stdio: ['ignore', 'pipe', 'ignore'] });
	} catch {
		return undefined;
	}
}

/** Parses `git log --format=%x00%cI --name-only`, whose file names are relative to `root`: newest commits come first. */
export function parseGitLog(log: string, root: string): Map<string, Date> {
	const dates = new Map<string, Date>();
	for (const commit of log.split('\0').slice(1)) {
		const [date, ...files] = commit.split('\n');
		const when = new Date(date!.trim());
		for (const file of files) {
			const path = resolve(root, file.trim());
			if (file.trim() && !dates.has(path)) dates.set(path, when);
		}
	}
	return dates;
}
