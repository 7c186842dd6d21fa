/** The taxonomy file, `content/root-causes.yaml`, read from disk and validated. */
import { readFileSync } from 'node:fs';
import { ContentError } from '../lib/model/errors';
import { parseYaml } from '../lib/model/frontmatter';
import { parseTaxonomy, type Taxonomy } from '../lib/model/taxonomy';

/** Reads and validates a taxonomy file, naming the file, the entry and its line when it is wrong. */
export function loadTaxonomy(file: string): Taxonomy {
	let text: string;
	try {
		text = readFileSync(file, 'utf8');
	} catch {
		throw new ContentError(file, '(file)', 'expected the root-cause taxonomy file to exist');
	}
	const parsed = parseYaml(text);
	if ('problems' in parsed) {
		const problem = parsed.problems[0]!;
		throw new ContentError(`${file}:${problem.line}:${problem.column}`, '(file)', problem.message);
	}
	return parseTaxonomy(parsed.data, file, parsed.locate);
}
