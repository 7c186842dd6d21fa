/** Which files of left-out postmortems the leak guard looks for, and which it leaves alone. */
import { rmSync } from 'node:fs';
import { afterAll, describe, expect, it } from 'vitest';
import { readArchiveSources } from '../../src/node/archive-sources';
import { guardedAssets } from '../../src/node/guarded-assets';
import { frontmatter, makeArchive, png } from '../support/archive';

const made: string[] = [];
afterAll(() => made.forEach((dir) => rmSync(dir, { recursive: true, force: true })));

describe('guarded assets', () => {
	it('are the files only left-out postmortems use, by path and by bytes', async () => {
		const [red, green, blue] = await Promise.all([png('#f00'), png('#0f0'), png('#00f')]);
		const content = makeArchive({
			'2024/secret.md': `${frontmatter('Secret')}\n![only mine](./only-secret.png) ![shared](./shared.png) ![same bytes](./copy-a.png) ![site](./favicon.png) ![gone](./missing.png)\n`,
			'2024/public.md': `${frontmatter('Public', 'visibility: public')}\n![shared](./shared.png) ![same bytes](./copy-b.png)\n`,
			'2024/only-secret.png': red,
			'2024/shared.png': green,
			'2024/copy-a.png': blue,
			'2024/copy-b.png': blue,
			'2024/favicon.png': await png('#ff0'),
		});
		made.push(content);
		const { postmortems, problems } = readArchiveSources(content);
		expect(problems).toEqual([]);
		const secret = postmortems.filter((pm) => pm.id === '2024/secret');
		const open = postmortems.filter((pm) => pm.id === '2024/public');
		const guarded = guardedAssets(secret, open, new Set(['favicon.svg']));
		expect(guarded.map(({ name, byName }) => ({ name, byName })).sort((a, b) => a.name.localeCompare(b.name))).toEqual([
			// The site has a favicon of its own: a file of that name proves nothing.
			{ name: 'favicon.png', byName: false },
			{ name: 'only-secret.png', byName: true },
		]);
		expect(guarded.every((a) => a.postmortem === '2024/secret' && /^[0-9a-f]{64}$/.test(a.hash))).toBe(true);
	});
});
