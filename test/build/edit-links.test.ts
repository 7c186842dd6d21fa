/**
 * Editing in place: with the repository named, every postmortem page links to its source file
 * and says when it last changed (from git).
 */
import { rmSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { parseGitLog } from '../../src/node/git-history';
import { buildFixture, readPage, ROOT } from '../support/build';
import { commitCopy, type CommittedCopy } from '../support/git-repo';

describe('last-changed dates from git', () => {
	it('takes each file\'s newest commit', () => {
		const log = '\u00002024-05-02T10:00:00+02:00\n\ncontent/a.mdx\ncontent/b.mdx\n\u00002024-01-01T00:00:00Z\n\ncontent/a.mdx\ncontent/c.mdx\n';
		const dates = parseGitLog(log, '/repo');
		expect(dates.get('/repo/content/a.mdx')?.toISOString()).toBe('2024-05-02T08:00:00.000Z');
		expect(dates.get('/repo/content/c.mdx')?.toISOString()).toBe('2024-01-01T00:00:00.000Z');
		expect(dates.size).toBe(3);
	});
});

describe('edit links', () => {
	const EDIT_URL = 'https://git.example.com/acme/postmortems/edit/main';
	const COMMITTED = '2024-03-15T12:00:00Z';
	const fixture = join(ROOT, 'test/fixtures/basic/content');
	const repos: CommittedCopy[] = [];
	afterAll(() => repos.forEach((repo) => rmSync(repo.root, { recursive: true, force: true })));

	async function buildCommitted(subfolder: string, variant: string) {
		const repo = commitCopy(fixture, COMMITTED, subfolder);
		repos.push(repo);
		const build = await buildFixture('basic', { content: repo.dir, variant, env: { HINDSIGHT_EDIT_URL: EDIT_URL } });
		expect(build.code, build.output).toBe(0);
		return readPage(build.dist, 'postmortems/2024/alpha/');
	}

	it('link each postmortem to its source in the content\'s repository and show when it last changed', async () => {
		const html = await buildCommitted('', 'edit');
		expect(html).toContain(`href="${EDIT_URL}/postmortems/2024/alpha.mdx"`);
		expect(html).toMatch(/Last updated:\s*(<[^>]+>\s*)*<time datetime="2024-03-15T12:00:00.000Z"/);
	}, 120_000);

	it('name the file from the top of the repository when the content is a folder inside it', async () => {
		const html = await buildCommitted('site-content', 'edit-subfolder');
		expect(html).toContain(`href="${EDIT_URL}/site-content/postmortems/2024/alpha.mdx"`);
		expect(html).toMatch(/Last updated:\s*(<[^>]+>\s*)*<time datetime="2024-03-15T12:00:00.000Z"/);
	}, 120_000);

	it('are absent when the repository is not named', async () => {
		const build = await buildFixture('basic');
		const html = readPage(build.dist, 'postmortems/2024/alpha/');
		expect(html).not.toMatch(/Edit page|Last updated/);
	}, 120_000);
});
