/**
 * Which files of `content/postmortems/` become postmortems: every `.md`/`.mdx` file, in any case,
 * through symbolic links, is either found or reported with what to do. Nothing is skipped silently.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { mkdirSync, mkdtempSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { postmortemIdFromPath } from '../../src/lib/model/ids';
import { findPostmortemFiles, readPostmortemFile } from '../../src/node/postmortem-files';

let dir = '';
afterEach(() => rmSync(dir, { recursive: true, force: true }));

function archive(files: string[]): string {
	dir = mkdtempSync(join(tmpdir(), 'hindsight-files-'));
	for (const file of files) {
		mkdirSync(join(dir, file, '..'), { recursive: true });
		writeFileSync(join(dir, file), '---\n---\n');
	}
	return dir;
}

const problemsOf = (found: ReturnType<typeof findPostmortemFiles>) => found.problems.map((p) => `${p.file.slice(dir.length + 1)}: ${p.message}`);

describe('postmortem ids', () => {
	it('are the path below content/postmortems/, without the extension, lower-cased', () => {
		expect(postmortemIdFromPath('2024/DB-Failover.mdx')).toBe('2024/db-failover');
		expect(postmortemIdFromPath('a/b/Upper_Case.v2.md')).toBe('a/b/upper_case.v2');
		expect(postmortemIdFromPath('top.mdx')).toBe('top');
	});

	it('are the same whether the file system wrote an accent composed (Linux) or decomposed (macOS)', () => {
		expect(postmortemIdFromPath('2024/Cafe\u0301.md')).toBe(postmortemIdFromPath('2024/Caf\u00e9.md'));
	});
});

describe('finding postmortem files', () => {
	it('finds .md and .mdx files at any depth, and nothing else', () => {
		const found = findPostmortemFiles(archive(['2024/a.mdx', '2023/B.md', 'x/y/z/deep.md', '2023/notes.txt', '2023/diagram.png', '.DS_Store']));
		expect(found.files.map((f) => f.id)).toEqual(['2023/b', '2024/a', 'x/y/z/deep']);
		expect(found.problems).toEqual([]);
	});

	it('builds names with spaces, parentheses, other scripts and a leading underscore', () => {
		const found = findPostmortemFiles(archive(['2024/Disk Full (prod).md', '2024/платежи.mdx', '2024/_draft-notes.md']));
		expect(found.files.map((f) => f.id)).toEqual(['2024/_draft-notes', '2024/disk full (prod)', '2024/платежи']);
		expect(found.problems).toEqual([]);
	});

	it.each([
		['2024/.retro.md', /2024\/\.retro\.md: is hidden .*rename it without the leading dot, or move it out/],
		['.archive/x.md', /\.archive\/x\.md: is hidden \(its path has "\.archive"/],
		['2024/.drafts/deep/y.mdx', /is hidden \(its path has "\.drafts"/],
		['2024/Disk Full (prod)#1.md', /#1\.md: has a character that cannot be part of a web address .*rename it/],
		['2024/what?.md', /what\?\.md: has a character/],
		['2024/100%.md', /100%\.md: has a character/],
		['2024/Loud.MDX', /Loud\.MDX: expected a postmortem file name ending in \.md or \.mdx, in lower case: rename it to Loud\.mdx/],
		['2024/Mixed.Md', /rename it to Mixed\.md/],
	])('refuses %s, saying why and what to do', (file, message) => {
		const found = findPostmortemFiles(archive(['2024/fine.md', file]));
		expect(found.files.map((f) => f.id)).toEqual(['2024/fine']);
		expect(problemsOf(found)).toEqual([expect.stringMatching(message)]);
	});

	it('names a folder that is named like a postmortem, and still reads what is inside it', () => {
		const root = archive(['notes.md/inner.md']);
		const found = findPostmortemFiles(root);
		expect(problemsOf(found)).toEqual([expect.stringMatching(/^notes\.md: is a folder, but its name ends in \.md, .*rename the folder/)]);
		expect(found.files.map((f) => f.id)).toEqual(['notes.md/inner']);
	});

	it('follows symbolic links to files and folders, and names a link to nothing', () => {
		const root = archive(['2024/a.md']);
		const outside = mkdtempSync(join(tmpdir(), 'hindsight-outside-'));
		try {
			mkdirSync(join(outside, 'more'));
			writeFileSync(join(outside, 'more', 'b.md'), '---\n---\n');
			writeFileSync(join(outside, 'c.mdx'), '---\n---\n');
			symlinkSync(join(outside, 'more'), join(root, 'linked'));
			symlinkSync(join(outside, 'c.mdx'), join(root, '2024', 'c.mdx'));
			symlinkSync(join(outside, 'missing.md'), join(root, '2024', 'gone.md'));
			const found = findPostmortemFiles(root);
			expect(found.files.map((f) => f.id)).toEqual(['2024/a', '2024/c', 'linked/b']);
			expect(found.files.find((f) => f.id === '2024/c')!.path).toBe(join(root, '2024', 'c.mdx'));
			expect(problemsOf(found)).toEqual([expect.stringMatching(/^2024\/gone\.md: is a symbolic link to nothing/)]);
		} finally {
			rmSync(outside, { recursive: true, force: true });
		}
	});

	it('reads a folder reached twice once, and says which link to remove', () => {
		const root = archive(['2024/a.md']);
		symlinkSync(join(root, '2024'), join(root, 'again'));
		symlinkSync(root, join(root, '2024', 'loop'));
		const found = findPostmortemFiles(root);
		expect(found.files.map((f) => f.id)).toEqual(['2024/a']);
		expect(problemsOf(found).sort()).toEqual([
			expect.stringMatching(/^2024\/loop: leads to the folder .* which is read already: remove the link/),
			expect.stringMatching(/^again: leads to the folder .*2024, which is read already/),
		]);
	});

	it('refuses two files with one id, naming both', () => {
		const found = findPostmortemFiles(archive(['2024/outage.md', '2024/Outage.mdx']));
		expect(found.files).toHaveLength(1);
		expect(problemsOf(found)).toEqual([expect.stringMatching(/gives the postmortem id "2024\/outage", as .*2024\/Outage\.mdx does: rename one of them/)]);
	});

	it('is an empty archive when the folder does not exist', () => {
		expect(findPostmortemFiles(join(tmpdir(), 'hindsight-no-such-folder'))).toEqual({ files: [], problems: [] });
	});
});

describe('reading a postmortem file', () => {
	it('refuses text that is not UTF-8, naming the line and column of the first bad byte', () => {
		const root = archive([]);
		writeFileSync(join(root, 'latin1.md'), Buffer.from('---\ntitle: Caf\xe9\n---\n', 'latin1'));
		const [file] = findPostmortemFiles(root).files;
		expect(readPostmortemFile(file!)).toEqual({
			problem: expect.objectContaining({ line: 2, column: 11, message: expect.stringMatching(/expected UTF-8 text; byte 0xe9 here is not UTF-8/) }),
		});
	});

	it('reads UTF-8 with or without a byte-order mark', () => {
		const root = archive([]);
		writeFileSync(join(root, 'bom.md'), '\uFEFF---\ntitle: Café\n---\n');
		const [file] = findPostmortemFiles(root).files;
		expect(readPostmortemFile(file!)).toEqual({ text: '---\ntitle: Café\n---\n' });
	});
});
