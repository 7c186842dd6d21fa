import { describe, expect, it } from 'vitest';
import { unwatched } from '../../src/integrations/dev-watch';

describe('what the dev server does not watch', () => {
	const ignored = unwatched({ root: '/repo', contentDir: '/repo/test/.tmp/bench/content', folders: ['/repo/dist', 'test/.tmp'] });

	it('skips the built site and the scratch folder, whatever is in them', () => {
		for (const path of ['/repo/dist', '/repo/dist/postmortems/2024/a/index.html', '/repo/test/.tmp/bench/ours-dist/index.html', 'test/.tmp/basic-internal']) {
			expect(ignored(path), path).toBe(true);
		}
	});

	it('watches the sources, the content folder inside a skipped one, and the folders on the way to it', () => {
		for (const path of ['/repo/src/pages/index.astro', '/repo/content/postmortems/a.mdx', '/repo/test/.tmp', '/repo/test/.tmp/bench', '/repo/test/.tmp/bench/content', '/repo/test/.tmp/bench/content/postmortems/2024/a.mdx']) {
			expect(ignored(path), path).toBe(false);
		}
	});

	it('does not take a folder that only starts with the same letters for the skipped one', () => {
		expect(ignored('/repo/dist-old/index.html')).toBe(false);
		expect(ignored('/repo/test/.tmpfile')).toBe(false);
		expect(ignored('/repo/test/.tmp/bench/content-old/a.mdx')).toBe(true);
	});
});
