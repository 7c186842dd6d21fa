/**
 * Generated archives (the benchmark's generator) for tests that need more postmortems than a
 * fixture holds. Written once per generator version into `test/.tmp/`, so the build cache sees the
 * same files from one test file to the next.
 */
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { generate, writeHindsightContent, type GeneratedPostmortem } from '../bench/generate';
import { ROOT } from './build';

const TAXONOMY = join(ROOT, 'content/root-causes.yaml');

/** `n` generated postmortems, 2019–2023 (before the tests' build date), and their content folder. */
export function generatedArchive(n: number): { content: string; postmortems: GeneratedPostmortem[] } {
	const postmortems = generate({ n, firstYear: 2019, years: 5 });
	const dir = join(ROOT, 'test/.tmp', `generated-${n}`);
	const content = join(dir, 'content');
	const stamp = join(dir, 'stamp');
	const key = createHash('sha256')
		.update(readFileSync(join(ROOT, 'test/bench/generate.ts')))
		.update(readFileSync(TAXONOMY))
		.digest('hex');
	if (!existsSync(stamp) || readFileSync(stamp, 'utf8') !== key) {
		writeHindsightContent(postmortems, content, TAXONOMY);
		mkdirSync(dir, { recursive: true });
		writeFileSync(stamp, key);
	}
	return { content, postmortems };
}
