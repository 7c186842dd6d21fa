import { describe, expect, it } from 'vitest';
import { bodyText, buildTextModel, cosine, keptWords, postmortemText, sharedTerms } from '../../src/lib/learning/text-model';

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

describe("the dev server's kept words", () => {
	const docs = [
		{ id: 'a', text: 'The DNS resolver cache expired and lookups timed out across the fleet.' },
		{ id: 'b', text: 'A certificate expired on the load balancer; clients could not connect.' },
		{ id: 'c', text: 'Resolver lookups failed after a DNS zone change was pushed to every region.' },
	];
	const same = (x: ReturnType<typeof buildTextModel>, y: ReturnType<typeof buildTextModel>) => {
		expect(y.ids).toEqual(x.ids);
		x.ids.forEach((_, doc) => {
			expect(y.vector(doc)).toEqual(x.vector(doc));
			expect(y.candidates(doc, 5)).toEqual(x.candidates(doc, 5));
		});
	};

	it('give the model the texts split afresh would give, before and after a text changes', () => {
		const words = keptWords();
		same(buildTextModel(docs), buildTextModel(docs, words));
		const edited = docs.map((d) => (d.id === 'b' ? { ...d, text: 'Resolver lookups for the certificate authority timed out: DNS again.' } : d));
		same(buildTextModel(edited), buildTextModel(edited, words));
	});

	it('split again only the text that changed', () => {
		const words = keptWords();
		buildTextModel(docs, words);
		const [a, b] = [words(docs[0]!), words(docs[1]!)];
		const edited = { ...docs[1]!, text: `${docs[1]!.text} It was renewed by hand.` };
		// The same list for an unchanged text: not split again.
		expect(words(docs[0]!)).toBe(a);
		expect(words(edited)).not.toBe(b);
		expect(words(edited).map((w) => w.word)).toContain('renewed');
		expect(words(docs[1]!).map((w) => w.word)).not.toContain('renewed');
	});
});
