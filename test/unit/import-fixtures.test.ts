/**
 * The importer on whole documents, one per template family, in Markdown and in exported HTML: the
 * fields that must come out, every sentence of the source somewhere in the output, and an output
 * the linter finds no error in.
 */
import { readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import type { Root as HastRoot, RootContent as HastContent } from 'hast';
import type { Nodes, Root } from 'mdast';
import rehypeParse from 'rehype-parse';
import remarkGfm from 'remark-gfm';
import remarkMdx from 'remark-mdx';
import remarkParse from 'remark-parse';
import { unified } from 'unified';
import { describe, expect, it } from 'vitest';
import { convertPostmortem } from '../../src/lib/import/convert';
import { writeImportedFile } from '../../src/lib/import/writer';
import { parseFrontmatter, splitFrontmatter } from '../../src/lib/model/frontmatter';
import { postmortemSchema, type PostmortemData } from '../../src/lib/model/schema';
import { DEFAULT_ROOT_CAUSE_IDS } from '../../src/lib/model/taxonomy';
import { defaultConfig } from '../../src/lint/config';
import { lintFile } from '../../src/lint/lint';
import { readImportSource, toMdxBody } from '../../src/node/import-source';
import { loadTaxonomy } from '../../src/node/taxonomy-file';

const ROOT = resolve(import.meta.dirname, '../..');
const SOURCES = join(ROOT, 'test/fixtures/import/sources');
const taxonomy = loadTaxonomy(join(ROOT, 'content/root-causes.yaml'));
const schema = postmortemSchema({ rootCauseIds: DEFAULT_ROOT_CAUSE_IDS });

/** Imports one fixture the way the CLI does, without writing it. */
function importFixture(name: string) {
	const read = readImportSource(name, readFileSync(join(SOURCES, name)));
	if ('error' in read) throw new Error(read.error);
	const result = convertPostmortem(read.source, { taxonomy, now: new Date('2026-12-01T00:00:00Z') });
	if ('error' in result) throw new Error(result.error);
	const text = writeImportedFile(result.imported.data, toMdxBody(result.imported.body), name);
	const split = splitFrontmatter(text);
	if ('error' in split) throw new Error(split.error);
	const front = parseFrontmatter(split.raw, split.line);
	if ('problems' in front) throw new Error(JSON.stringify(front.problems));
	return { text, imported: result.imported, data: schema.parse(front.data), front: front.data, body: text.slice(split.bodyOffset) };
}

/** Every piece of text a Markdown tree holds. */
function mdLeaves(node: Nodes): string[] {
	if (node.type === 'text' || node.type === 'inlineCode' || node.type === 'code' || node.type === 'html') return [node.value];
	if (node.type === 'image') return [node.alt ?? ''];
	return 'children' in node ? (node.children as Nodes[]).flatMap(mdLeaves) : [];
}

/** Every piece of text an HTML page shows in its body. */
function htmlLeaves(node: HastRoot | HastContent): string[] {
	if (node.type === 'text') return [node.value];
	if (node.type === 'element' && ['head', 'style', 'script', 'title'].includes(node.tagName)) return [];
	return 'children' in node ? node.children.flatMap((c) => htmlLeaves(c as HastContent)) : [];
}

function strings(value: unknown): string[] {
	if (typeof value === 'string') return [value];
	if (Array.isArray(value)) return value.flatMap(strings);
	if (value && typeof value === 'object') return Object.values(value).flatMap(strings);
	return [];
}

const squash = (text: string) => text.normalize('NFC').replace(/\s+/g, '');

/** The sentences of the source that the output does not hold (formatting and white space aside). */
function lostSentences(name: string, output: { front: Record<string, unknown>; body: string }): string[] {
	const source = readFileSync(join(SOURCES, name), 'utf8');
	const leaves = name.endsWith('.html')
		? htmlLeaves(unified().use(rehypeParse).parse(source) as HastRoot)
		: [...mdLeaves(unified().use(remarkParse).use(remarkGfm).parse(source.replace(/^---\n[\s\S]*?\n---\n/, '')) as Root), ...(/^---\n([\s\S]*?)\n---\n/.exec(source)?.[1]?.split('\n') ?? [])];
	const body = unified().use(remarkParse).use(remarkGfm).use(remarkMdx).parse(output.body) as Root;
	const all = squash([...strings(output.front), ...mdLeaves(body)].join(''));
	return leaves
		.flatMap((leaf) => leaf.split(/(?<=[.!?])\s+/))
		.map((sentence) => sentence.trim())
		.filter((sentence) => squash(sentence) && !all.includes(squash(sentence)));
}

const iso = (date: Date | undefined) => date?.toISOString().replace('.000Z', 'Z');
const moments = (data: PostmortemData) => [data.started, data.detected, data.mitigated, data.resolved].map(iso);

describe('importing each template family', () => {
	it("Google's SRE template, Markdown with frontmatter and a list timeline", () => {
		const { data, imported } = importFixture('google-sre.md');
		expect(imported.family).toBe('google-sre');
		expect(imported.id).toBe('2024/search-results-missing-after-index-rollout');
		expect(data).toMatchObject({
			title: 'Search results missing after index rollout',
			status: 'draft',
			authors: ['Priya Raman', 'Tomas Berg'],
			tags: ['search', 'indexing'],
			trigger: 'The nightly index build was promoted to production by the deploy pipeline at 14:51.',
			detection: 'alert',
			rootCauses: ['deployment'],
		});
		expect(data.summary).toMatch(/^For 47 minutes on 5 March 2024/);
		expect(data.impact.description).toMatch(/^Roughly 1.2 million queries/);
		expect(moments(data)).toEqual(['2024-03-05T14:51:00Z', '2024-03-05T15:00:00Z', '2024-03-05T15:20:00Z', '2024-03-05T15:38:00Z']);
		expect(data.timeline.map((e) => e.kind)).toEqual(['trigger', 'detection', 'escalation', 'mitigation', 'resolution', 'other']);
		expect(data.lessons.map((l) => l.kind)).toEqual(['went-well', 'went-well', 'went-wrong', 'went-wrong', 'lucky']);
		expect(data.actionItems).toEqual([
			{ title: 'Refuse to promote an index with an empty shard', type: 'prevent', owner: 'Priya Raman', status: 'open', link: 'https://tracker.example.com/SEARCH-101' },
			{ title: 'Roll index builds out to one region first', type: 'mitigate', owner: 'Tomas Berg', status: 'open', link: 'https://tracker.example.com/SEARCH-102' },
			{ title: 'Alert on shard document counts', type: 'detect', owner: 'Search on-call', status: 'open', link: 'https://tracker.example.com/SEARCH-103' },
		]);
		expect(data.needsReview).toEqual(['severity', 'rootCauses', 'detection']);
		expect(data.services).toEqual(['unknown-service']);
	});

	it("PagerDuty's template, a Confluence HTML export with a 12-hour table timeline in PDT and an action-item table with statuses", () => {
		const { data, imported } = importFixture('pagerduty-confluence.html');
		expect(imported.family).toBe('pagerduty');
		expect(data).toMatchObject({ title: 'Checkout API latency during flash sale', severity: 'SEV2', services: ['checkout-api', 'payments-gateway'], rootCauses: ['capacity'] });
		expect(moments(data)).toEqual(['2024-04-12T16:06:00Z', '2024-04-12T16:14:00Z', '2024-04-12T16:48:00Z', '2024-04-12T17:04:00Z']);
		expect(data.timeline).toHaveLength(7);
		expect(data.timeline.at(-1)).toMatchObject({ kind: 'communication', event: 'Status page updated with a summary for customers.' });
		expect(data.lessons).toEqual([
			{ kind: 'went-well', text: 'The payments team joined within minutes of being asked.', tags: [] },
			{ kind: 'went-wrong', text: 'The pool limit was a setting nobody remembered, in a file three services share.', tags: [] },
		]);
		expect(data.actionItems.map(({ owner, status, link }) => ({ owner, status, link }))).toEqual([
			{ owner: 'Lee Chen', status: 'done', link: 'https://jira.example.com/browse/CHK-88' },
			{ owner: 'Dana Okafor', status: 'in-progress', link: 'https://jira.example.com/browse/CHK-89' },
			{ owner: 'TODO: who owns this action', status: 'open', link: undefined },
		]);
		expect(data.needsReview).toEqual(['rootCauses', 'actionItems']);
	});

	it("Atlassian's template, bold labels, a metadata list and a list timeline in CET", () => {
		const { data, imported } = importFixture('atlassian.md');
		expect(imported.family).toBe('atlassian');
		expect(data).toMatchObject({ severity: 'SEV1', services: ['auth-service', 'sso-gateway'], authors: ['Mia Kowalski'], detection: 'customer-report', rootCauses: ['certificate-expiry'] });
		expect(moments(data)).toEqual(['2023-11-14T07:55:00Z', '2023-11-14T08:20:00Z', '2023-11-14T09:02:00Z', '2023-11-14T09:20:00Z']);
		expect(data.summary).toMatch(/^TODO: /);
		expect(data.actionItems.map(({ title, owner, status, type }) => [title, owner, status, type])).toEqual([
			['Add the next certificate to verifiers before the signer switches', 'Mia Kowalski', 'done', 'prevent'],
			['Alert on the rate of token signature failures', 'Identity on-call', 'open', 'detect'],
			['Write a runbook for certificate rotation', 'TODO: who owns this action', 'in-progress', 'documentation'],
		]);
	});

	it('the short form, a Google Docs HTML export with bold set by classes, a 12-hour list past midnight in US Eastern', () => {
		const { data, imported } = importFixture('short-form-gdocs.html');
		expect(imported.family).toBe('short-form');
		expect(data.title).toBe('Nightly billing export delayed');
		expect(moments(data)).toEqual(['2025-01-10T04:40:00Z', '2025-01-10T04:55:00Z', '2025-01-10T05:20:00Z', '2025-01-10T06:15:00Z']);
		expect(imported.notes.join('\n')).toMatch(/past midnight/);
		expect(data.needsReview).toEqual(expect.arrayContaining(['started', 'resolved', 'timeline']));
		expect(data.actionItems.map((a) => a.status)).toEqual(['done', 'open']);
		expect(imported.id).toBe('2025/nightly-billing-export-delayed');
	});

	it('a free-form document: a title and a summary, placeholders for the rest, and prose MDX would read as code', () => {
		const { data, imported, body } = importFixture('free-form.md');
		expect(imported.family).toBe('free-form');
		expect(data.title).toBe('What happened to the file uploads on Friday');
		expect(data.summary).toMatch(/^On Friday 7 June 2024 uploads larger than 10 MB failed/);
		expect(iso(data.started)).toBe('2024-06-07T00:00:00Z');
		expect(data.resolved).toEqual(data.started);
		expect(data.needsReview).toEqual(['summary', 'severity', 'started', 'resolved', 'rootCauses']);
		expect(body).toContain('&#x69;mport of the shared settings');
		expect(body).toContain('\\{size >= 50m}');
	});
});

describe('every import', () => {
	const fixtures = ['google-sre.md', 'pagerduty-confluence.html', 'atlassian.md', 'short-form-gdocs.html', 'free-form.md'];

	it.each(fixtures)('%s keeps every sentence of the source', (name) => {
		expect(lostSentences(name, importFixture(name))).toEqual([]);
	});

	it('the sentence check itself notices a lost sentence', () => {
		const output = importFixture('atlassian.md');
		expect(lostSentences('atlassian.md', { ...output, body: output.body.replace('Why no test?', '') })).toEqual(['Why no test?']);
	});

	it.each(fixtures)('%s is a draft the linter finds no error in', async (name) => {
		const { text } = importFixture(name);
		const findings = await lintFile(`postmortems/2024/${name.replace(/\.\w+$/, '.mdx')}`, text, defaultConfig());
		expect(findings.filter((f) => f.severity === 'error')).toEqual([]);
	});
});

describe('bad input', () => {
	const read = (name: string, bytes: Uint8Array | string) => readImportSource(name, typeof bytes === 'string' ? new TextEncoder().encode(bytes) : bytes);

	it('names what is wrong: not text, not UTF-8, empty, not Markdown or HTML', () => {
		expect(read('shot.md', new Uint8Array([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 13]))).toEqual({ error: expect.stringMatching(/binary file/) });
		expect(read('latin1.md', new Uint8Array([0x23, 0x20, 0x43, 0x61, 0x66, 0xe9, 0x0a]))).toEqual({ error: expect.stringMatching(/not UTF-8 text \(byte 0xe9 at line 1, column 6\)/) });
		expect(read('empty.md', ' \n\n')).toEqual({ error: expect.stringMatching(/empty/) });
		expect(read('report.docx', 'PK')).toEqual({ error: expect.stringMatching(/expected a Markdown \(\.md\) or HTML/) });
	});
});
