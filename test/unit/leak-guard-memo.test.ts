/** The leak guard with what it found last build: it still finds every leak, however the output and the archive change. */
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { guardEdition } from '../../src/integrations/leak-guard';
import { frontmatter, makeArchive } from '../support/archive';

const made: string[] = [];
afterAll(() => made.forEach((dir) => rmSync(dir, { recursive: true, force: true })));

describe('the leak guard, run again on a changed build', () => {
	it('reads again what changed and finds a leak in it, in the output or through a changed postmortem', () => {
		const content = makeArchive({
			'2024/secret.md': `${frontmatter('Quiet payroll incident')}\nThe payroll batch ran twice and nobody outside finance ever noticed it.\n`,
			'2024/public.md': `${frontmatter('Public checkout outage', 'visibility: public')}\nCheckout failed for an hour.\n`,
		});
		const work = mkdtempSync(join(tmpdir(), 'hindsight-guard-memo-'));
		made.push(content, work);
		const [outDir, cacheDir, root] = [join(work, 'dist'), join(work, 'cache'), join(work, 'site')];
		mkdirSync(join(root, 'src'), { recursive: true });
		mkdirSync(outDir);
		writeFileSync(join(outDir, 'index.html'), '<p>Public checkout outage</p>');
		writeFileSync(join(outDir, 'other.html'), '<p>Nothing here.</p>');
		const guard = () => guardEdition({ outDir, edition: 'public', contentDir: content, root, srcDir: join(root, 'src'), cacheDir });

		expect(guard()).toBe(1);
		expect(guard()).toBe(1);
		writeFileSync(join(outDir, 'other.html'), '<p>Quiet payroll incident</p>');
		expect(guard).toThrow(/other\.html: 2024\/secret \(title/);
		writeFileSync(join(outDir, 'other.html'), '<p>Nothing here.</p>');
		expect(guard()).toBe(1);
		// The file read clean last time holds the secret postmortem's new title.
		writeFileSync(join(content, 'postmortems/2024/secret.md'), `${frontmatter('Public checkout outage in payroll')}\nThe payroll batch ran twice and nobody outside finance ever noticed it.\n`);
		writeFileSync(join(outDir, 'index.html'), '<p>Public checkout outage in payroll</p>');
		expect(guard).toThrow(/index\.html: 2024\/secret \(title/);
	});
});
