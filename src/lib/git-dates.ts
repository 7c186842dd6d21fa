/**
 * When each file last changed, from git: one `git log` per build, not one per page.
 */
import { execFileSync } from 'node:child_process';
import { resolve } from 'node:path';

/** Absolute path → date of the newest commit touching it. Empty outside a git work tree. */
export function lastChangedDates(dir: string): Map<string, Date> {
	const dates = new Map<string, Date>();
	let root: string;
	let log: string;
	try {
		root = execFileSync('git', ['rev-parse', '--show-toplevel'], { cwd: dir, encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'] }).trim();
		log = execFileSync('git', ['log', '--format=%x00%cI', '--name-only', '--no-renames', '--', '.'], {
			cwd: dir,
			encoding: 'utf8',
			maxBuffer: 256 * 1024 * 1024,
			stdio: ['ignore', 'pipe', 'ignore'],
		});
	} catch {
		return dates;
	}
	return parseGitLog(log, root);
}

/** Parses `git log --format=%x00%cI --name-only`: newest commits come first. */
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
