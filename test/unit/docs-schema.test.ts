import { docsSchema } from '@astrojs/starlight/schema';
import { z } from 'astro/zod';
import { describe, expect, it } from 'vitest';
import { sharedDocsSchema } from '../../src/lib/model/docs-schema';

// The two kinds of `image` helper the schema is called with: `<StarlightPage>`'s (a fresh closure
// each page, checking an imported image object) and the content layer's (one per entry, reading a
// path beside that entry's file).
// (Astro's type for the helper is the content layer's object, not what either returns here.)
type Context = Parameters<ReturnType<typeof sharedDocsSchema>>[0];
const pageContext = () => ({ image: () => z.custom<{ src: string }>((value) => typeof value === 'object' && value !== null && 'src' in value) }) as unknown as Context;
const entryContext = (file: string) => ({ image: () => z.string().transform((path) => `${file}:${path}`) }) as unknown as Context;
const heroImage = (data: unknown) => (data as { hero?: { image?: unknown } }).hero?.image;

const frontmatter = { title: 'Archive', description: 'Every postmortem.', tableOfContents: false, hero: { title: 'Hi', image: { file: 'hero.png' } } };

describe("the docs collection's schema", () => {
	it('is built once for all the pages <StarlightPage> renders', () => {
		const schema = sharedDocsSchema();
		expect(schema(pageContext())).toBe(schema(pageContext()));
	});

	it("is built afresh for each content entry, whose image paths resolve beside it", () => {
		const schema = sharedDocsSchema();
		const a = schema(entryContext('a.md'));
		const b = schema(entryContext('b.md'));
		expect(a).not.toBe(b);
		expect(heroImage(a.parse(frontmatter))).toMatchObject({ file: 'a.md:hero.png' });
		expect(heroImage(b.parse(frontmatter))).toMatchObject({ file: 'b.md:hero.png' });
	});

	it("accepts and rejects what Starlight's own schema does", () => {
		const ours = sharedDocsSchema();
		const starlights = docsSchema();
		for (let i = 0; i < 2; i++) {
			expect(ours(pageContext()).parse({ title: 'A page' })).toEqual(starlights(pageContext()).parse({ title: 'A page' }));
			expect(ours(pageContext()).safeParse({ title: 3 }).success).toBe(false);
			expect(ours(pageContext()).safeParse({}).success).toBe(false);
		}
	});
});
