/**
 * `npm run new`: the scaffold is a valid draft, builds, and never overwrites.
 */
import { cpSync, existsSync, mkdtempSync, readFileSync, readdirSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { tmpdir } from 'node:os';
import { afterAll, describe, expect, it } from 'vitest';
import { postmortemSchema } from '../../src/lib/model/schema';
import { scaffoldPostmortem, slugify, RECOMMENDED_SECTIONS } from '../../src/lib/model/scaffold';
import { DEFAULT_ROOT_CAUSE_IDS } from '../../src/lib/model/taxonomy';
import { parseFrontmatter } from '../../src/lib/model/frontmatter';
import { ROOT, buildFixture, run } from '../support/build';

const TSX = join(ROOT, 'node_modules/tsx/dist/cli.mjs');

describe('slugify', () => {
	it('makes a lower-case kebab-case file name', () => {
		expect(slugify('Payments API: 502s after deploy')).toBe('payments-api-502s-after-deploy');
		expect(slugify('Café crème — DNS!')).toBe('cafe-creme-dns');
		expect(slugify('???')).toBe('postmortem');
	});
});

describe('the scaffold', () => {
	it('is a draft whose frontmatter passes the schema, with every recommended section', () => {
		const text = scaffoldPostmortem('Disk full: "search"', new Date('2026-03-05T14:02:31Z'), 'process-gap');
		const [, front, body] = text.split(/^---$/m);
		const parsed = parseFrontmatter(front!);
		if ('problems' in parsed) throw new Error(JSON.stringify(parsed.problems));
		const data = postmortemSchema({ rootCauseIds: DEFAULT_ROOT_CAUSE_IDS }).parse(parsed.data);
		expect(data).toMatchObject({ title: 'Disk full: "search"', status: 'draft', rootCauses: ['process-gap'] });
		expect(data.started.toISOString()).toBe('2026-03-05T14:02:00.000Z');
		for (const [heading] of RECOMMENDED_SECTIONS) expect(body).toContain(`## ${heading}\n`);
	});
});

describe('npm run new', () => {
	const dir = mkdtempSync(join(tmpdir(), 'hindsight-new-'));
	cpSync(join(ROOT, 'test/fixtures/basic/content'), dir, { recursive: true });
	afterAll(() => rmSync(dir, { recursive: true, force: true }));
	const newPostmortem = (title: string) => run(process.execPath, [TSX, 'src/cli/new.ts', title], { HINDSIGHT_CONTENT_DIR: dir });

	it('writes a draft that the build accepts, and refuses to overwrite it', async () => {
		const first = await newPostmortem('Queue backlog after failover');
		expect(first.code, first.output).toBe(0);
		const year = String(new Date().getUTCFullYear());
		expect(readdirSync(join(dir, 'postmortems', year))).toContain('queue-backlog-after-failover.mdx');
		const written = readFileSync(join(dir, 'postmortems', year, 'queue-backlog-after-failover.mdx'), 'utf8');

		const second = await newPostmortem('Queue backlog after failover');
		expect(second.code).toBe(1);
		expect(second.output).toMatch(/already has the id/);
		expect(readFileSync(join(dir, 'postmortems', year, 'queue-backlog-after-failover.mdx'), 'utf8')).toBe(written);

		const build = await buildFixture('scaffold', { content: dir });
		expect(build.code, build.output).toBe(0);
		// A draft: validated by the build, never published by it.
		expect(existsSync(join(build.dist, 'postmortems', year, 'queue-backlog-after-failover'))).toBe(false);
		expect(existsSync(join(build.dist, 'postmortems', '2024', 'alpha'))).toBe(true);
	}, 120_000);

	it('explains its usage without a title', async () => {
		const result = await newPostmortem('');
		expect(result.code).toBe(2);
		expect(result.output).toMatch(/Usage: npm run new -- "Title/);
	});
});
