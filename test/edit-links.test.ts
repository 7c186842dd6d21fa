/**
 * Editing in place: with the repository named, every postmortem page links to its source file
 * and says when it last changed (from git).
 */
import { describe, expect, it } from 'vitest';
import { parseGitLog } from '../src/lib/git-dates';
import { buildFixture, readPage } from './support/build';

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
	it('link each postmortem to its source and show when it last changed', async () => {
		const build = await buildFixture('basic', { variant: 'edit', env: { HINDSIGHT_EDIT_URL: 'https://git.example.com/acme/postmortems/edit/main' } });
		expect(build.code, build.output).toBe(0);
		const html = readPage(build.dist, 'postmortems/2024/alpha/');
		expect(html).toContain('href="https://git.example.com/acme/postmortems/edit/main/test/fixtures/basic/content/postmortems/2024/alpha.mdx"');
		expect(html).toMatch(/Last updated:\s*(<[^>]+>\s*)*<time datetime="\d{4}-\d{2}-\d{2}T/);
	}, 120_000);

	it('are absent when the repository is not named', async () => {
		const build = await buildFixture('basic');
		const html = readPage(build.dist, 'postmortems/2024/alpha/');
		expect(html).not.toMatch(/Edit page|Last updated/);
	}, 120_000);
});
