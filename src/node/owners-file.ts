/** The optional owners file, `content/owners.yaml`, read from disk and validated. */
import { readFileSync } from 'node:fs';
import { parseYaml } from '../lib/model/frontmatter';
import { parseOwnerNames, type OwnerNames } from '../lib/model/owners';
import type { ContentProblem } from '../lib/model/postmortem-source';

/**
 * Owners' display names from `file`, or every problem with the file, each naming its line and the
 * owner id. No file maps nothing: the file is optional.
 */
export function loadOwnerNames(file: string, shown = file): { names: OwnerNames; problems: ContentProblem[] } {
	let text: string;
	try {
		text = readFileSync(file, 'utf8');
	} catch (error) {
		if ((error as NodeJS.ErrnoException).code === 'ENOENT') return { names: new Map(), problems: [] };
		return { names: new Map(), problems: [{ file: shown, message: `expected a readable file: ${(error as Error).message}` }] };
	}
	const parsed = parseYaml(text);
	if ('problems' in parsed) return { names: new Map(), problems: parsed.problems.map((p) => ({ file: shown, line: p.line, column: p.column, message: p.message })) };
	const owners = parseOwnerNames(parsed.data, shown, parsed.locate);
	return 'problems' in owners ? { names: new Map(), problems: owners.problems } : { names: owners.names, problems: [] };
}
