/**
 * The `docs` collection's schema: Starlight's own, built once for `<StarlightPage>`.
 *
 * Starlight 0.42's `<StarlightPage>` calls the collection's schema function on every page it
 * renders, and building Starlight's frontmatter schema is the costliest part of it: about a
 * second per thousand pages of a build, for the same schema each time. Its `image` helper there
 * is a fresh closure per call over nothing but Zod, so the schema it yields is the same every time
 * and one can serve every page. The content layer's `image` helper differs per entry (it resolves
 * images beside the file), so those calls are built afresh, as Starlight builds them.
 */
import { docsSchema } from '@astrojs/starlight/schema';
import { z } from 'astro/zod';

type SchemaContext = Parameters<ReturnType<typeof docsSchema>>[0];

export function sharedDocsSchema(): (context: SchemaContext) => ReturnType<ReturnType<typeof docsSchema>> {
	const build = docsSchema();
	let forPages: ReturnType<typeof build> | undefined;
	return (context) => {
		// `<StarlightPage>`'s helper checks an imported image object; the content layer's reads a path.
		if (!(context.image() instanceof z.ZodCustom)) return build(context);
		return (forPages ??= build(context));
	};
}
