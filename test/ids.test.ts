import { afterEach, describe, expect, it } from 'vitest';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { collectPostmortemIds, postmortemIdFromPath } from '../src/lib/ids';

let dir = '';
afterEach(() => rmSync(dir, { recursive: true, force: true }));

function archive(files: string[]): string {
	dir = mkdtempSync(join(tmpdir(), 'hindsight-ids-'));
	for (const file of files) {
		mkdirSync(join(dir, file, '..'), { recursive: true });
		writeFileSync(join(dir, file), '---\n---\n');
	}
	return dir;
}

describe('postmortem ids', () => {
	it('are the path below content/postmortems/, without the extension, lower-cased', () => {
		expect(postmortemIdFromPath('2024/DB-Failover.mdx')).toBe('2024/db-failover');
		expect(postmortemIdFromPath('a/b/Upper_Case.v2.md')).toBe('a/b/upper_case.v2');
		expect(postmortemIdFromPath('top.mdx')).toBe('top');
	});

	it('are collected from .md and .mdx files only', () => {
		const ids = collectPostmortemIds(archive(['2024/a.mdx', '2023/B.md', '2023/notes.txt', '2023/diagram.png']));
		expect([...ids].sort()).toEqual(['2023/b', '2024/a']);
	});

	it('refuse two files with one id', () => {
		expect(() => collectPostmortemIds(archive(['2024/outage.md', '2024/Outage.mdx']))).toThrow(/Duplicate postmortem id "2024\/outage"/);
	});

	it('refuse an extension in capitals, which the loader would skip', () => {
		expect(() => collectPostmortemIds(archive(['2024/a.mdx', '2024/Loud.MDX']))).toThrow(/2024\/Loud\.MDX: expected a postmortem file name ending in \.md or \.mdx, in lower case/);
	});
});
