/** Frontmatter kept between builds: the same data and the same problems as reading the YAML afresh. */
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { parseFrontmatter } from '../../src/lib/model/frontmatter';
import { formatProblem } from '../../src/lib/model/postmortem-source';
import { readArchiveSources } from '../../src/node/archive-sources';
import { openFrontmatterCache } from '../../src/node/frontmatter-cache';
import { frontmatter, makeArchive } from '../support/archive';

const made: string[] = [];
afterAll(() => made.forEach((dir) => rmSync(dir, { recursive: true, force: true })));
const tempDir = () => {
	const dir = mkdtempSync(join(tmpdir(), 'hindsight-fm-cache-'));
	made.push(dir);
	return dir;
};
const stored = (dir: string): { entries: Record<string, unknown> } => {
	const file = join(dir, 'hindsight-frontmatter.json');
	return existsSync(file) ? JSON.parse(readFileSync(file, 'utf8')) : { entries: {} };
};
const dataOf = (parsed: ReturnType<typeof parseFrontmatter>) => ('data' in parsed ? parsed.data : parsed);

describe('the frontmatter cache', () => {
	it('answers a later build with the data the YAML reader gave, and keeps only what that build read', () => {
		const cache = tempDir();
		const yaml = 'title: "A"\ncount: 3\nwhen: 2024-03-05T10:00:00Z\nlist: [a, b]\n';
		const first = openFrontmatterCache(cache);
		expect(dataOf(first.parse(yaml, 2))).toEqual(dataOf(parseFrontmatter(yaml, 2)));
		first.parse('title: "gone next time"\n', 2);
		first.save();
		expect(Object.keys(stored(cache).entries)).toHaveLength(2);

		const second = openFrontmatterCache(cache);
		const hit = second.parse(yaml, 2);
		expect('data' in hit && hit.data).toEqual({ title: 'A', count: 3, when: '2024-03-05T10:00:00Z', list: ['a', 'b'] });
		// A line is still found, for a problem to report: by reading the YAML then.
		expect('locate' in hit && hit.locate(['list', 1])).toBe(5);
		second.save();
		expect(Object.keys(stored(cache).entries)).toHaveLength(1);
	});

	it('keeps no value JSON would change, and no problem', () => {
		const cache = tempDir();
		const first = openFrontmatterCache(cache);
		first.parse('title: x\nusers: .inf\n', 2);
		first.parse('title: x\nusers: -0\n', 2);
		first.parse('title: [unclosed\n', 2);
		first.save();
		expect(stored(cache).entries).toEqual({});
	});

	it('is dropped whole when it was written by another YAML reader', () => {
		const cache = tempDir();
		const yaml = 'title: "A"\n';
		const first = openFrontmatterCache(cache);
		first.parse(yaml, 2);
		first.save();
		const file = join(cache, 'hindsight-frontmatter.json');
		const data = JSON.parse(readFileSync(file, 'utf8'));
		data.entries[Object.keys(data.entries)[0]!] = { title: 'stale' };
		writeFileSync(file, JSON.stringify({ ...data, reader: 'another reader' }));
		const parsed = openFrontmatterCache(cache).parse(yaml, 2);
		expect('data' in parsed && parsed.data).toEqual({ title: 'A' });
	});

	it('gives an archive the same postmortems and problems, lines included, as reading it afresh', () => {
		const content = makeArchive({
			'2024/good.md': `${frontmatter('Good')}\nBody.\n`,
			'2024/bad.md': `${frontmatter('Bad').replace('severity: SEV3', 'severity: SEV9')}\nBody.\n`,
		});
		made.push(content);
		const cache = tempDir();
		const fresh = readArchiveSources(content);
		const cold = readArchiveSources(content, { cacheDir: cache });
		const warm = readArchiveSources(content, { cacheDir: cache });
		for (const read of [cold, warm]) {
			expect(read.postmortems.map((pm) => pm.data)).toEqual(fresh.postmortems.map((pm) => pm.data));
			expect(read.problems.map(formatProblem)).toEqual(fresh.problems.map(formatProblem));
		}
		expect(fresh.problems.map(formatProblem).join('\n')).toMatch(/bad\.md:\d+: severity/);
	});
});
