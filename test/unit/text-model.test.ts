import { describe, expect, it } from 'vitest';
import { bodyText, buildTextModel, cosine, postmortemText, sharedTerms } from '../../src/lib/learning/text-model';

describe('the text model', () => {
	const model = buildTextModel([
		{ id: 'b', text: 'Restores were never tested; the restore failed.' },
		{ id: 'a', text: 'We had not practised a restore of the backup.' },
		{ id: 'c', text: 'A regular expression backtracked and pinned the CPU in June.' },
	]);

	it('numbers documents by id, whatever the order given', () => {
		expect(model.ids).toEqual(['a', 'b', 'c']);
		expect(model.indexOf('c')).toBe(2);
		expect(model.indexOf('z')).toBe(-1);
	});

	it('gives L2-normalised vectors whose cosine is 1 with themselves and 0 with nothing shared', () => {
		const [a, b, c] = [0, 1, 2].map((i) => model.vector(i));
		expect(cosine(a!, a!)).toBeCloseTo(1, 12);
		expect(cosine(a!, c!)).toBe(0);
		expect(cosine(a!, b!)).toBeGreaterThan(0);
	});

	it('finds candidates through shared terms, never the document itself', () => {
		expect(model.candidates(0, 10)).toEqual([1]);
		expect(model.candidates(2, 10)).toEqual([]);
	});

	it('shows a term as the word written most often for it, and leaves calendar and general words out', () => {
		const [shared] = sharedTerms(model.vector(0), model.vector(1));
		expect(model.word(shared!.term)).toBe('restore');
		expect(model.vectorise('June july, a certain thing').terms.length).toBe(0);
	});

	it('reads the prose of an MDX body, not its code, imports, tags, expressions or link targets', () => {
		const text = bodyText(
			[
				'import X from "./x.astro";',
				'Prose with a [link](https://example.com/zebra) and `inlinecode`.',
				'```js\nconst hidden = 1;\n```',
				'<Aside type="caution">Kept words</Aside> {props.value}',
				'<!-- a comment -->',
			].join('\n')
		);
		expect(text).toContain('Prose with a [link]');
		expect(text).toContain('Kept words');
		for (const gone of ['import', 'zebra', 'inlinecode', 'hidden', 'caution', 'props', 'comment']) expect(text).not.toContain(gone);
	});

	it("reads a postmortem's written fields with its body", () => {
		const text = postmortemText(
			{
				title: 'T',
				summary: 'S',
				trigger: 'Trig',
				contributingFactors: [{ description: 'Factor' }],
				lessons: [{ text: 'Lesson' }],
				actionItems: [{ title: 'Action' }],
				trainingGaps: [{ topic: 'Topic', description: 'Gap' }],
			},
			'Body'
		);
		expect(text.split('\n')).toEqual(['T', 'S', 'Trig', 'Factor', 'Lesson', 'Action', 'Topic', 'Gap', 'Body']);
	});
});
