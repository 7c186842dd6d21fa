/**
 * The archive of a generated archive larger than one page: static pages of ARCHIVE_PAGE_SIZE,
 * newest first, the first at `/postmortems/` and the rest at `/archive/<n>/`, and the JSON chunks
 * its filters load, which hold exactly the edition's postmortems.
 */
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { ARCHIVE_PAGE_SIZE as SIZE, type ArchiveChunk } from '../../src/lib/present/archive-rows';
import { buildFixture, mainText, readOutput, readPage, type BuildResult } from '../support/build';
import { generatedArchive } from '../support/generated';

// A full page and a part of another.
const N = SIZE + 50;

/** The postmortem ids a page's table links to, in its order. */
const pageIds = (html: string) => [...html.matchAll(/<td class="hs-card-title"><a href="\/postmortems\/([^"]+)\/">/g)].map((m) => m[1]!);

/** Every chunk's rows, in chunk order, and the chunks. */
function chunksOf(dist: string): ArchiveChunk[] {
	const dir = join(dist, 'api/archive');
	return readdirSync(dir)
		.map((name) => Number(name.replace(/\.json$/, '')))
		.sort((a, b) => a - b)
		.map((n) => JSON.parse(readFileSync(join(dir, `${n}.json`), 'utf8')) as ArchiveChunk);
}

const apiIds = (dist: string) => (JSON.parse(readFileSync(join(dist, 'api/postmortems.json'), 'utf8')) as { postmortems: { id: string }[] }).postmortems.map((p) => p.id);

describe(`the archive of ${N} generated postmortems`, () => {
	const { content, postmortems } = generatedArchive(N);
	let internal: BuildResult;
	let publicBuild: BuildResult;
	beforeAll(async () => {
		internal = await buildFixture(`generated-${N}`, { content });
		if (internal.code !== 0) throw new Error(internal.output);
		publicBuild = await buildFixture(`generated-${N}`, { content, edition: 'public' });
		if (publicBuild.code !== 0) throw new Error(publicBuild.output);
	});

	it(`splits at ${SIZE} a page, newest first: /postmortems/, then /archive/2/, every postmortem once`, () => {
		const first = pageIds(readPage(internal.dist, 'postmortems/'));
		const second = pageIds(readPage(internal.dist, 'archive/2/'));
		expect([first.length, second.length]).toEqual([SIZE, 50]);
		expect([...first, ...second]).toEqual(apiIds(internal.dist));
		expect(existsSync(join(internal.dist, 'archive/1'))).toBe(false);
		expect(existsSync(join(internal.dist, 'archive/3'))).toBe(false);
		expect(mainText(readPage(internal.dist, 'archive/2/'))).toContain(`${SIZE + 1}–${N} of ${N} postmortems, newest first`);
	});

	it('links the pages with a pager that works without JavaScript', () => {
		const first = readPage(internal.dist, 'postmortems/');
		const second = readPage(internal.dist, 'archive/2/');
		expect(first).toMatch(/<a href="\/archive\/2\/" rel="next">/);
		expect(second).toMatch(/<a href="\/postmortems\/" rel="prev">/);
		expect(second).toMatch(/<a aria-current="page" href="\/archive\/2\/">2<\/a>/);
		expect(second).toMatch(/<h1 id="_top"[^>]*>Postmortems \(page 2 of 2\)<\/h1>/);
	});

	it('keeps the archive pages out of the search index', () => {
		const urls = readOutput(internal.dist)
			.filter((f) => f.path.startsWith('pagefind/fragment/'))
			.map((f) => /"url":"([^"]+)"/.exec(f.text)![1]!);
		expect(urls.length).toBeGreaterThan(N - 1);
		expect(urls.filter((url) => url === '/postmortems/' || url.startsWith('/archive/'))).toEqual([]);
	});

	it('writes chunks holding exactly the included postmortems, in the pages\' order and words', () => {
		const chunks = chunksOf(internal.dist);
		expect(chunks.map((c) => [c.chunk, c.of, c.total])).toEqual([[1, 1, N]]);
		const rows = chunks.flatMap((c) => c.rows);
		expect(rows.map((r) => r.id)).toEqual(apiIds(internal.dist));
		// The page's cells are the chunk's words: a filtered row reads as a built one.
		const text = mainText(readPage(internal.dist, 'archive/2/'));
		for (const row of rows.slice(SIZE, SIZE + 3)) {
			expect(text).toContain(`${row.day} ${row.title}${row.status ? ` ${row.status}` : ''} ${row.severity} ${row.duration} ${row.services.map((s) => s.name).join(' ')} ${row.causes.map((c) => c.name).join(' ')}`);
		}
	});

	it('writes only the public postmortems into the public edition\'s pages and chunks, and nothing of the rest anywhere', () => {
		const shown = apiIds(publicBuild.dist);
		const expected = postmortems.filter((pm) => pm.frontmatter['visibility'] === 'public').map((pm) => pm.id);
		expect([...shown].sort()).toEqual([...expected].sort());
		expect(chunksOf(publicBuild.dist).flatMap((c) => c.rows.map((r) => r.id))).toEqual(shown);
		expect(pageIds(readPage(publicBuild.dist, 'postmortems/'))).toEqual(shown.slice(0, SIZE));
		expect(publicBuild.output).toMatch(new RegExp(`No trace of the ${N - expected.length} left-out postmortems in the output`));
		// Generated ids are unique words: none of a left-out one may be in any file, chunks included.
		const hidden = postmortems.filter((pm) => pm.frontmatter['visibility'] !== 'public').map((pm) => pm.id);
		const leaks = readOutput(publicBuild.dist).flatMap((file) => hidden.filter((id) => file.text.includes(id)).map((id) => `${file.path}: ${id}`));
		expect(leaks).toEqual([]);
	});
});
