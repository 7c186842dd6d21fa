/**
 * The build's promises under unusual input: a postmortem in content/ is on the site or the build
 * fails naming it; an edition carries nothing of what it leaves out, images included; nothing from a
 * body runs as script. Archives are made at test time, so names git or other systems dislike
 * (`#`, `?`, links to nothing) never need committing.
 */
import { existsSync, mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildFixture, mainText, readPage, type BuildResult } from '../support/build';
import { frontmatter, makeArchive, png } from '../support/archive';

const made: string[] = [];
afterAll(() => made.forEach((dir) => rmSync(dir, { recursive: true, force: true })));
const archive = (...args: Parameters<typeof makeArchive>) => {
	const dir = makeArchive(...args);
	made.push(dir);
	return dir;
};

/** Every file below `dir`, relative to it. */
const filesOf = (dir: string) => readdirSync(dir, { recursive: true, encoding: 'utf8' });

describe('files the build cannot use', () => {
	let build: BuildResult;
	beforeAll(async () => {
		const outside = mkdtempSync(join(tmpdir(), 'hindsight-outside-'));
		made.push(outside);
		const content = archive(
			{
				'2024/fine.md': frontmatter('Fine', 'related: [2024/.retro]'),
				'2024/.retro.md': frontmatter('Hidden retro'),
				'.archive/old.md': frontmatter('In a hidden folder'),
				'2024/Disk Full (prod)#1.md': frontmatter('Hash in the name'),
				'2024/what?.md': frontmatter('Question mark'),
				'2024/Loud.MDX': frontmatter('Capital extension'),
				'notes.md/inside.txt': 'not a postmortem',
				'2024/toml.md': '+++\ntitle = "TOML"\n+++\nBody\n',
				'2024/latin1.md': Buffer.from(`${frontmatter('Caf\xe9')}\nBody\n`, 'latin1'),
				'2024/twice.md': frontmatter('Twice', 'title: Twice again'),
				'2024/no-impact.md': frontmatter('No impact').replace('impact:\n  description: Some requests failed.\n', ''),
				'2024/dates.md': frontmatter(
					'Dates',
					'detected: 2024-03-05T25:00:00Z\nmitigated: 2024-3-5T10:30:00Z\nx: &day 2024-03-05\nactionItems:\n  - { title: t, type: prevent, owner: o, due: 2024-02-30 }\ntimeline:\n  - { at: !!timestamp 2024-03-05, event: e }'
				).replace('started: 2024-03-05T10:00:00Z', 'started: 2024-03-05T10:00:00+24:00'),
			},
			{ '2024/gone.md': join(outside, 'missing.md') }
		);
		build = await buildFixture('hardening-refused', { content });
	}, 120_000);

	it('fails the build', () => {
		expect(build.code).not.toBe(0);
	});

	it.each([
		['a hidden file', /2024\/\.retro\.md: is hidden .*rename it without the leading dot, or move it out/],
		['a file in a hidden folder', /\.archive\/old\.md: is hidden \(its path has "\.archive"/],
		['# in a name', /2024\/Disk Full \(prod\)#1\.md: has a character that cannot be part of a web address/],
		['? in a name', /2024\/what\?\.md: has a character/],
		['an extension in capitals', /2024\/Loud\.MDX: expected a postmortem file name ending in \.md or \.mdx, in lower case: rename it to Loud\.mdx/],
		['a folder named like a postmortem', /notes\.md: is a folder, but its name ends in \.md/],
		['a link to nothing', /2024\/gone\.md: is a symbolic link to nothing/],
		['a related id naming a file that is not built', /fine\.md:\d+: related\[0\]: no postmortem has the id "2024\/\.retro"/],
		['TOML frontmatter', /toml\.md:1: expected YAML frontmatter .*got TOML/],
		['text that is not UTF-8', /latin1\.md:2:11: expected UTF-8 text; byte 0xe9/],
		['a field given twice, by name', /twice\.md:\d+:1: the field "title" is given twice/],
		['a missing field, in the project\'s words', /no-impact\.md:1: impact: missing; this field is required: expected a mapping with description/],
		['an offset of a whole day', /dates\.md:5: started: expected an ISO 8601 datetime .*got "2024-03-05T10:00:00\+24:00"/],
		['hour 25', /dates\.md:\d+: detected: .*got "2024-03-05T25:00:00Z"/],
		['a one-digit month', /dates\.md:\d+: mitigated: .*got "2024-3-5T10:30:00Z"/],
		['February 30th', /dates\.md:\d+: actionItems\[0\]\.due: expected a date as YYYY-MM-DD.*got "2024-02-30"/],
		['a date alone behind !!timestamp', /dates\.md:\d+: timeline\[0\]\.at: .*got the date "2024-03-05" with no time of day/],
	])('names %s and what to do', (_, message) => {
		expect(build.output).toMatch(message);
	});

	it('speaks in the project\'s words, not the schema library\'s or Astro\'s', () => {
		expect(build.output).not.toMatch(/\*\*|content\.config\.ts|invalid_type|Required/);
	});
});

describe('unusual files that are valid', () => {
	let internal: BuildResult;
	let publicBuild: BuildResult;
	let secretImage: Buffer;
	let draftImage: Buffer;
	beforeAll(async () => {
		secretImage = await png('#aa0000');
		draftImage = await png('#00aa00');
		const outside = mkdtempSync(join(tmpdir(), 'hindsight-outside-'));
		made.push(outside);
		writeFileSync(join(outside, 'linked.md'), `${frontmatter('Linked from elsewhere', 'visibility: public')}\nThe linked body is read through its link.\n`);
		const content = archive(
			{
				'2024/blank-first.md': `\n\n${frontmatter('Blank first line', 'visibility: public')}\nThe blank first line body keeps its place in the public edition.\n`,
				'2024/_underscore.md': `${frontmatter('Underscore name')}\nBuilt like any other.\n`,
				'2024/Disk Full (prod) ünï.md': `${frontmatter('Spaces and accents', 'visibility: public')}\nA name with spaces and accents.\n`,
				'2024/raw-html.md': `${frontmatter('Raw HTML', 'visibility: public')}
## What happened

<script>window.pwned = 'script'</script>

Text <img src="x.png" onerror="window.pwned='onerror'"> and <a href="javascript:window.pwned='link'">a link</a>.

[a markdown link](javascript:alert(1)) ![an image](data:image/png;base64,AAAA) <a href="https://example.com/ok">a web link</a>

<iframe src="https://example.com/frame"></iframe>
<style>body{display:none}</style>
<div style="color:red" onclick="window.pwned='click'">Styled</div>

<details><summary>Details stay</summary>

| a table | stays |
|---|---|
| 1 | 2 |

</details>

Footnote[^1].

[^1]: The footnote links back.
`,
				'2024/with-image.mdx': `${frontmatter('MDX with an image', 'visibility: public')}\nimport { Image } from 'astro:assets';\nimport { Aside } from '@astrojs/starlight/components';\nimport photo from './photo.png';\n\n<Image src={photo} alt="A photo" />\n\n<Aside>Components and imported images are fine.</Aside>\n`,
				'2024/photo.png': await png('#123456'),
				'2024/internal-image.md': `${frontmatter('Internal with an image')}\n![The secret diagram](./secret-diagram.png)\n`,
				'2024/secret-diagram.png': secretImage,
				'2024/draft-image.md': `${frontmatter('Draft with an image', 'status: draft')}\n![Draft](./draft-only.png)\n`,
				'2024/draft-only.png': draftImage,
			},
			{ '2024/linked.md': join(outside, 'linked.md') }
		);
		internal = await buildFixture('hardening-valid', { content });
		publicBuild = await buildFixture('hardening-valid', { content, edition: 'public' });
	}, 240_000);

	it('builds every one of them', () => {
		expect(internal.code, internal.output).toBe(0);
		for (const id of ['blank-first', '_underscore', 'disk full (prod) ünï', 'raw-html', 'with-image', 'internal-image', 'linked']) {
			expect(existsSync(join(internal.dist, 'postmortems/2024', id, 'index.html')), id).toBe(true);
		}
		expect(mainText(readPage(internal.dist, 'postmortems/2024/linked/'))).toContain('The linked body is read through its link.');
		expect(readPage(internal.dist, 'postmortems/2024/with-image/')).toMatch(/<img [^>]*alt="A photo"/);
	});

	it('emits no image of a draft into the internal edition', () => {
		expect(existsSync(join(internal.dist, 'postmortems/2024/draft-image'))).toBe(false);
		expect(filesOf(internal.dist).filter((f) => /draft-only/.test(f))).toEqual([]);
		expect(filesOf(internal.dist).filter((f) => f.endsWith('.png') || f.endsWith('.webp')).some((f) => readFileSync(join(internal.dist, f)).equals(draftImage))).toBe(false);
		// The internal postmortem's image is there, so the test would see one if it were emitted.
		expect(filesOf(internal.dist).some((f) => /secret-diagram/.test(f))).toBe(true);
	});

	it('emits no image of an internal postmortem into the public edition, and the guard does not cry wolf', () => {
		expect(publicBuild.code, publicBuild.output).toBe(0);
		expect(filesOf(publicBuild.dist).filter((f) => /secret-diagram|draft-only/.test(f))).toEqual([]);
		expect(publicBuild.output).toMatch(/No trace of the 3 left-out postmortems in the output/);
		// A public file that starts with blank lines is public to the guard too.
		expect(mainText(readPage(publicBuild.dist, 'postmortems/2024/blank-first/'))).toContain('The blank first line body keeps its place');
	});

	it('strips script, handlers, unsafe URLs and styles from a .md body, and keeps tables, details and footnotes', () => {
		const html = readPage(publicBuild.dist, 'postmortems/2024/raw-html/');
		const body = html.slice(html.indexOf('id="what-happened"'), html.indexOf('</article>'));
		expect(body).not.toMatch(/pwned|<script(?![^>]*\bsrc=)|<iframe|<style|\sstyle="color|javascript:|data:image|\sonerror|\sonclick/i);
		expect(body).toContain('<a href="https://example.com/ok">a web link</a>');
		expect(body).toMatch(/<details><summary>Details stay<\/summary>[\s\S]*<table>/);
		const footnote = /<a href="#(user-content-fn-1)"/.exec(body)?.[1];
		expect(footnote).toBeDefined();
		expect(body).toContain(`id="${footnote}"`);
	});

	it('lists in the page\'s CSP only the site\'s own inline code', () => {
		const html = readPage(publicBuild.dist, 'postmortems/2024/raw-html/');
		expect(html).not.toContain('hindsight:body');
		expect(html).not.toMatch(/unsafe-inline/);
	});
});

describe('an MDX body that holds script', () => {
	it('fails the build, naming the file, the line and the construct', async () => {
		const content = archive({
			'2024/fine.md': frontmatter('Fine'),
			'2024/hazard.mdx': `${frontmatter('Hazard')}import Evil from '../../evil.astro';

## What happened

<img src="x.png" onError="alert(1)" />

Read [this](javascript:alert(2)) and <a href={'java' + 'script:x'}>that</a>.

<div {...{ onClick: 1 }}>spread</div>
`,
		});
		const build = await buildFixture('hardening-mdx', { content });
		expect(build.code).not.toBe(0);
		for (const message of [
			/hazard\.mdx:12:1: import from "\.\.\/\.\.\/evil\.astro" is not allowed/,
			/hazard\.mdx:16:1: the event handler onError= on <img> would run script/,
			/hazard\.mdx:18:6: the link "javascript:alert\(2\)" uses a scheme that can run script/,
			/hazard\.mdx:18:\d+: href=\{…\} on <a> is an expression that cannot be checked/,
			/hazard\.mdx:20:1: <div \{\.\.\.\}> spreads attributes that cannot be checked/,
		]) {
			expect(build.output).toMatch(message);
		}
	}, 120_000);
});

describe('the leak guard', () => {
	it('does not cry wolf when a public and an internal postmortem each have a diagram.png of their own', async () => {
		const internalDiagram = await png('#0000aa');
		const content = archive({
			'2024/internal/incident.md': `${frontmatter('Internal original')}\n![Internal diagram](./diagram.png)\n`,
			'2024/internal/diagram.png': internalDiagram,
			'2024/public/incident.md': `${frontmatter('Public one', 'visibility: public')}\n![Public diagram](./diagram.png)\n`,
			'2024/public/diagram.png': await png('#aaaa00'),
		});
		const build = await buildFixture('hardening-guard', { content, edition: 'public' });
		expect(build.code, build.output).toBe(0);
		expect(build.output).toMatch(/No trace of the 1 left-out postmortems/);
		const images = filesOf(build.dist).filter((f) => /diagram/.test(f));
		expect(images.length).toBeGreaterThan(0);
		expect(images.some((f) => readFileSync(join(build.dist, f)).equals(internalDiagram))).toBe(false);
	}, 120_000);
});
