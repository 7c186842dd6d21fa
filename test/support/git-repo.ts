/**
 * Throwaway git repositories for tests that read git history. A test never leans on the project's
 * own `.git`: a release tarball or a "download ZIP" has none.
 */
import { execFileSync } from 'node:child_process';
import { cpSync, mkdtempSync } from 'node:fs';
import { devNull, tmpdir } from 'node:os';
import { join } from 'node:path';

export interface CommittedCopy {
	/** Top of the new work tree; the caller removes it. */
	root: string;
	/** Where the copy sits in it. */
	dir: string;
}

/** Copies `source` to `subfolder` of a new repository (its top when omitted) and commits it once, at `date`. */
export function commitCopy(source: string, date: string, subfolder = ''): CommittedCopy {
	const root = mkdtempSync(join(tmpdir(), 'hindsight-git-'));
	const dir = join(root, subfolder);
	cpSync(source, dir, { recursive: true });
	// The developer's own git config stays out: a signing key or a hook would change or stop the commit.
	const env = {
		...process.env,
		GIT_CONFIG_GLOBAL: devNull,
		GIT_CONFIG_NOSYSTEM: '1',
		GIT_AUTHOR_DATE: date,
		GIT_COMMITTER_DATE: date,
	};
	const git = (...args: string[]) => execFileSync('git', args, { cwd: root, env, stdio: 'pipe' });
	git('init', '--quiet');
	git('config', 'user.name', 'Hindsight Test');
	git('config', 'user.email', 'test@hindsight.invalid');
	git('add', '--all');
	git('commit', '--quiet', '--message', 'Postmortems');
	return { root, dir };
}
