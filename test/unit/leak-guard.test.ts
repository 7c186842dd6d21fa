import { describe, expect, it } from 'vitest';
import { bodySentences, findAssetLeaks, findLeaks, normalise } from '../../src/lib/checks/leak-guard';
import { assetReferences } from '../../src/lib/model/body-references';
import { archiveChunks, archiveRows } from '../../src/lib/present/archive-rows';
import { archiveOf, entry } from '../support/make';

const secret = {
	id: '2024/payroll-breach',
	title: 'Payroll export sent to the wrong bucket',
	summary: 'An internal payroll export landed in a shared bucket for two hours.',
	body: `
import Chart from '../chart.astro';

## What happened

The nightly export job wrote **payroll data** to the [analytics bucket](https://example.com) instead of the HR one.
Short line.

\`\`\`
this code block has many words but is not prose at all really
\`\`\`

- A list item that is long enough to count as a sentence here.
`,
};
const published = {
	id: '2024/dns',
	title: 'DNS outage',
	summary: 'Resolvers failed.',
	body: 'Times in this report are approximate, taken from chat logs and dashboards. The nightly export job wrote payroll data elsewhere.',
};

describe('normalise', () => {
	it('reduces markup, entities, JSON escapes and punctuation to words', () => {
		expect(normalise('<p>Payroll &amp; <em>HR</em> \\"data\\"</p>')).toBe('payroll hr data');
	});
});

describe('body sentences', () => {
	it('keeps prose sentences of eight words or more, without code, links or markup', () => {
		const sentences = bodySentences(secret.body);
		expect(sentences).toContain('the nightly export job wrote payroll data to the analytics bucket instead of the hr one');
		expect(sentences).toContain('a list item that is long enough to count as a sentence here');
		expect(sentences.join(' ')).not.toMatch(/code block|short line|import chart/);
	});
});

describe('findLeaks', () => {
	const run = (text: string, path = 'x.html') => findLeaks([secret], [published], [{ path, text }]);

	it('finds a left-out postmortem\'s title, summary, id or body sentence in any output file', () => {
		expect(run('<h1>Payroll export sent to the <b>wrong</b> bucket</h1>')).toEqual([
			{ file: 'x.html', postmortem: '2024/payroll-breach', what: 'title: "Payroll export sent to the wrong bucket"' },
		]);
		expect(run('{"summary":"An internal payroll export landed in a shared bucket for two hours."}')[0]!.what).toMatch(/^summary/);
		expect(run('<a href="/postmortems/2024/payroll-breach/">x</a>')[0]).toMatchObject({ postmortem: '2024/payroll-breach', what: 'its id' });
		expect(run('… a list item that is long enough to count as a sentence here …')[0]!.what).toMatch(/^a sentence of its body/);
	});

	it('passes output without them', () => {
		expect(run('<h1>DNS outage</h1><p>Resolvers failed.</p><a href="/postmortems/2024/payroll-breach-review/">other</a>')).toEqual([]);
	});

	it('does not guard text the left-out postmortem shares with an included one', () => {
		// The published postmortem says it too, so seeing it proves nothing.
		expect(run('The nightly export job wrote payroll data elsewhere.')).toEqual([]);
	});

	it("finds a left-out postmortem in the archive's JSON chunks, whose search text is lower-case", () => {
		const archive = archiveOf([entry(secret.id, { title: secret.title, summary: secret.summary })]);
		const chunk = JSON.stringify(archiveChunks(archiveRows(archive))[0]);
		expect(run(chunk, 'api/archive/1.json').map((l) => l.what)).toEqual(['its id', `title: "${secret.title}"`, `summary: "${secret.summary}"`]);
	});

	it('reads many files and many postmortems in one pass each', () => {
		const many = Array.from({ length: 500 }, (_, i) => ({ ...secret, id: `2024/s${i}`, title: `Secret incident number ${i} in the vault`, summary: '', body: '' }));
		const files = Array.from({ length: 200 }, (_, i) => ({ path: `p${i}.html`, text: 'Nothing to see here. '.repeat(500) }));
		files.push({ path: 'leak.html', text: 'Secret incident number 417 in the vault' });
		const leaks = findLeaks(many, [], files);
		expect(leaks.map((l) => [l.file, l.postmortem])).toEqual([['leak.html', '2024/s417']]);
	});
});

describe('assets of a body', () => {
	it('are the local files its images, links, HTML and imports refer to', () => {
		const body = `![a](./diagram.png) ![b](<../shared/with space.png> "title") [log](logs/run.txt#L3)
<img src="./raw.jpg" srcset="small.webp 1x, big.webp 2x"> <video poster='still.avif'></video>
import photo from './photo.jpeg';
[ref]: ./ref.gif
![web](https://example.com/x.png) [abs](/site/page/) [anchor](#here) [mail](mailto:a@example.com)`;
		expect(assetReferences(body).sort()).toEqual(
			['../shared/with space.png', './diagram.png', './photo.jpeg', './raw.jpg', './ref.gif', 'big.webp', 'logs/run.txt', 'small.webp', 'still.avif'].sort()
		);
	});
});

describe('finding a left-out postmortem\'s files in the output', () => {
	const asset = { postmortem: '2024/secret', name: 'payroll-chart.png', hash: 'aaa', byName: true };

	it('finds its bytes under any name, and the names Astro makes from its name', () => {
		const leaks = findAssetLeaks([asset], [
			{ path: '_astro/innocent.B1a2C3d4.png', hash: 'aaa' },
			{ path: '_astro/payroll-chart.D5e6F7g8.png', hash: 'bbb' },
			{ path: '_astro/payroll-chart.D5e6F7g8_Z1x2Y3.webp', hash: 'ccc' },
			{ path: 'payroll-chart.png', hash: 'ddd' },
			{ path: '_astro/other.D5e6F7g8.png', hash: 'eee' },
			{ path: '_astro/payroll-chart.D5e6F7g8.js', hash: 'fff' },
		]);
		expect(leaks.map((l) => `${l.file}: ${l.what}`)).toEqual([
			'_astro/innocent.B1a2C3d4.png: its file payroll-chart.png (the same bytes)',
			'_astro/payroll-chart.D5e6F7g8.png: its file payroll-chart.png (an output named after it)',
			'_astro/payroll-chart.D5e6F7g8_Z1x2Y3.webp: its file payroll-chart.png (an output named after it)',
			'payroll-chart.png: its file payroll-chart.png (an output named after it)',
		]);
	});

	it('goes by bytes alone for a name the site also uses', () => {
		expect(findAssetLeaks([{ ...asset, byName: false }], [{ path: '_astro/payroll-chart.D5e6F7g8.png', hash: 'bbb' }])).toEqual([]);
	});
});
