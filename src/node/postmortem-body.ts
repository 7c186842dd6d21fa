/**
 * A postmortem's body as written, read from its file. The content store keeps no bodies (see
 * `postmortem-loader.ts`): Astro renders a body from its module, and the store is compiled into the
 * build as one string, so at 20,000 postmortems their bodies alone would be tens of megabytes of
 * source to compile and to hold for the whole build. The text model, the completeness score and a
 * page's cache key read them from here instead, the same file the body's module is made from.
 */
import { splitFrontmatter } from '../lib/model/frontmatter';
import { readPostmortemFile } from './postmortem-files';

/** The body of the postmortem file at `path`: its text after the frontmatter ("" when it cannot be read). */
export function readPostmortemBody(path: string): string {
	const read = readPostmortemFile({ path });
	if (!('text' in read)) return '';
	const split = splitFrontmatter(read.text);
	return 'error' in split ? '' : read.text.slice(split.bodyOffset);
}
