/** What `npm run build` does once Astro has exited (src/cli/build.ts): the search index, then the leak guard over it. */
import { existsSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { finishBuild } from '../../src/integrations/after-build';
import type { Handoff } from '../../src/integrations/handoff';
import { frontmatter, makeArchive } from '../support/archive';

const made: string[] = [];
afterAll(() => made.forEach((dir) => rmSync(dir, { recursive: true, force: true })));

function site(page: string): Handoff {
	const content = makeArchive({
		'2024/secret.md': `${frontmatter('Quiet payroll incident')}\nThe payroll batch ran twice and nobody outside finance ever noticed it.\n`,
		'2024/public.md': `${frontmatter('Public checkout outage', 'visibility: public')}\nCheckout failed for an hour.\n`,
	});
	const work = mkdtempSync(join(tmpdir(), 'hindsight-after-build-'));
	made.push(content, work);
	const [outDir, root] = [join(work, 'dist'), join(work, 'site')];
	mkdirSync(join(root, 'src'), { recursive: true });
	mkdirSync(outDir);
	writeFileSync(join(outDir, 'index.html'), `<!doctype html><html lang="en"><head><title>Hindsight</title></head><body><main data-pagefind-body><h1>${page}</h1></main></body></html>`);
	return { outDir, guard: { edition: 'public', contentDir: content, root, srcDir: join(root, 'src'), cacheDir: join(work, 'cache') } };
}

describe('the end of `npm run build`', () => {
	it('indexes the output for search, then checks it and says what was left out', async () => {
		const lines: string[] = [];
		const handoff = site('Public checkout outage');
		await finishBuild(handoff, (line) => lines.push(line));
		expect(existsSync(join(handoff.outDir, 'pagefind/pagefind-entry.json'))).toBe(true);
		expect(lines).toContain('Found 1 HTML files.');
		expect(lines.at(-1)).toMatch(/^Checked the output in [\d.]+s \(leak guard\)\.$/);
		expect(lines).toContain('No trace of the 1 left-out postmortems in the output.');
	});

	it('fails when the output, its search index included, holds a left-out postmortem', async () => {
		const handoff = site('Quiet payroll incident');
		const failure = finishBuild(handoff, () => {});
		await expect(failure).rejects.toThrow(/index\.html: 2024\/secret \(title/);
		// The index is written first, so the guard reads it too: the title is in its fragment.
		await expect(failure).rejects.toThrow(/pagefind\/fragment\/\S+: 2024\/secret \(title/);
	});
});
