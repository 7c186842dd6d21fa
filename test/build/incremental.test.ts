/**
 * Incremental builds: a rebuild that copies unchanged pages from the last build writes exactly what
 * a cold build of the same content writes, and every change reaches every page that shows it.
 *
 * One archive (a copy of the basic fixture, outside the project as `HINDSIGHT_CONTENT_DIR` puts
 * it) is built again and again into one folder with one cache, as a team's CI does; after each
 * rebuild, a forced build (`--force`: every page rendered) of the same content is the cold build
 * it must equal, file for file.
 */
import { cpSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { BUILD, readOutput, readPage, ROOT, run } from '../support/build';

const work = mkdtempSync(join(tmpdir(), 'hindsight-incremental-'));
const content = join(work, 'content');
const dist = join(work, 'dist');
const postmortem = (id: string) => join(content, 'postmortems', `${id}.mdx`);
const env = { HINDSIGHT_CONTENT_DIR: content, HINDSIGHT_CACHE_DIR: join(work, 'cache'), HINDSIGHT_BUILD_DATE: '2024-06-01', ASTRO_TELEMETRY_DISABLED: '1' };
// Alpha's action item due 2024-05-01 is overdue on the first build's day, not on this one.
const EARLIER_DAY = '2024-04-15';

interface Build {
	/** Path below dist → bytes. */
	files: Map<string, Buffer>;
	/** Addresses rendered, and copied from the last build. */
	rendered: string[];
	reused: string[];
}

/** Builds into `dist`, keeps what it wrote as `<name>` beside it, and says which pages it rendered. */
async function build(name: string, ...args: string[]): Promise<Build> {
	const { code, output } = await run(process.execPath, [...BUILD, '--outDir', dist, ...args], env);
	expect(code, output).toBe(0);
	const kept = join(work, name);
	cpSync(dist, kept, { recursive: true });
	const files = new Map(
		readdirSync(kept, { recursive: true, withFileTypes: true })
			.filter((entry) => entry.isFile())
			.map((entry) => {
				const file = join(entry.parentPath, entry.name);
				return [file.slice(kept.length + 1), readFileSync(file)] as const;
			})
	);
	const pages = [...output.matchAll(/[├└]─ (\S+)(.*)/g)];
	return {
		files,
		rendered: pages.filter(([, , rest]) => /\(\+[\d.]+m?s\)/.test(rest!)).map(([, path]) => path!),
		reused: pages.filter(([, , rest]) => /\((cached|restored)\)/.test(rest!)).map(([, path]) => path!),
	};
}

/** The paths whose bytes differ between two builds, or that only one has. */
function differences(a: Build, b: Build): string[] {
	return [...new Set([...a.files.keys(), ...b.files.keys()])].filter((path) => !a.files.get(path)?.equals(b.files.get(path) ?? Buffer.alloc(0)) || !b.files.has(path)).sort();
}

const edit = (id: string, change: (text: string) => string) => writeFileSync(postmortem(id), change(readFileSync(postmortem(id), 'utf8')));

beforeAll(() => cpSync(join(ROOT, 'test/fixtures/basic/content'), content, { recursive: true }));
afterAll(() => rmSync(work, { recursive: true, force: true }));

describe('an incremental build', () => {
	let edited: Build;
	let changed: Build;

	beforeAll(async () => {
		await build('first');
		edit('2023/beta', (text) => text.replace('Beta body text.', 'Beta body text, edited after the review.'));
		env.HINDSIGHT_BUILD_DATE = EARLIER_DAY;
		edited = await build('edited');
	}, 600_000);

	it('renders again the page whose body changed, the pages the new day changes, and the pages that list everything', () => {
		// Alpha's item is no longer overdue; gamma shows nothing the day changes.
		expect(edited.rendered.filter((path) => path.startsWith('/postmortems/20')).sort()).toEqual(['/postmortems/2023/beta/index.html', '/postmortems/2024/alpha/index.html']);
		expect(edited.reused).toContain('/postmortems/2024/gamma-review/index.html');
		expect(edited.reused).toContain('/services/payments-api/index.html');
		// A ledger names the day it counts from.
		expect(edited.rendered).toContain('/action-items/owners/payments-team/index.html');
		expect(readPage(join(work, 'first'), 'postmortems/2024/alpha/')).toMatch(/>1 overdue</);
		expect(readPage(join(work, 'edited'), 'postmortems/2024/alpha/')).not.toMatch(/>1 overdue</);
	});

	it('writes the same files as a cold build, byte for byte', async () => {
		const cold = await build('edited-cold', '--force');
		// The forced build rendered every page: it is the cold build.
		expect(cold.reused).toEqual([]);
		expect(cold.rendered.length).toBeGreaterThan(20);
		expect(differences(edited, cold)).toEqual([]);
		expect(readPage(join(work, 'edited'), 'postmortems/2023/beta/')).toContain('Beta body text, edited after the review.');
	}, 600_000);

	describe('after a title, a related list, a new postmortem and a deleted one', () => {
		const text = (build: Build, path: string) => build.files.get(path)?.toString('utf8') ?? '';
		// Every file as text, Pagefind's compressed index decompressed.
		const everything = (name: string) => readOutput(join(work, name));

		beforeAll(async () => {
			edit('2023/beta', (text) => text.replace('title: Beta database failover', 'title: Beta replica promotion'));
			// Gamma now names beta instead of alpha: alpha loses a backlink, beta gains one.
			edit('2024/gamma-review', (text) => text.replace('related: [2024/alpha]', 'related: [2023/beta]'));
			writeFileSync(
				postmortem('2024/zeta'),
				readFileSync(postmortem('2023/beta'), 'utf8')
					.replace('title: Beta replica promotion', 'title: Zeta queue backlog')
					.replace('services: [payments-api]', 'services: [zeta-queue, payments-api]')
					.replace('2023-11-20', '2024-02-02')
					.replace('2023-11-20', '2024-02-02')
			);
			rmSync(join(content, 'postmortems/2022/Epsilon.md'));
			changed = await build('changed');
		}, 600_000);

		it('shows the new title on every page that shows the title, and the old one nowhere', () => {
			for (const path of [
				'postmortems/index.html',
				'postmortems/2023/beta/index.html',
				'postmortems/2024/alpha/index.html',
				'postmortems/2024/gamma-review/index.html',
				'root-causes/database/index.html',
				'root-causes/config-change/index.html',
				'services/payments-api/index.html',
				'api/postmortems.json',
			]) {
				expect(text(changed, path), path).toContain('Beta replica promotion');
			}
			const search = everything('changed').filter((file) => file.path.startsWith('pagefind/'));
			expect(search.some((file) => file.text.includes('Beta replica promotion'))).toBe(true);
			const stale = everything('changed').filter((file) => file.text.includes('Beta database failover'));
			expect(stale.map((file) => file.path)).toEqual([]);
		});

		it('moves the backlink with the related list', () => {
			expect(text(changed, 'postmortems/2023/beta/index.html')).toMatch(/Gamma cache stampede<\/a>[\s\S]{0,400}refers to this one/);
			expect(text(changed, 'postmortems/2024/alpha/index.html')).not.toContain('Gamma cache stampede');
		});

		it('shows the new postmortem everywhere, with its own service page', () => {
			expect(changed.files.has('postmortems/2024/zeta/index.html')).toBe(true);
			expect(changed.files.has('services/zeta-queue/index.html')).toBe(true);
			for (const path of ['postmortems/index.html', 'services/payments-api/index.html', 'root-causes/database/index.html', 'api/postmortems.json', 'rss.xml']) {
				expect(text(changed, path), path).toContain('Zeta queue backlog');
			}
			expect(everything('changed').some((file) => file.path.startsWith('pagefind/') && file.text.includes('Zeta queue backlog'))).toBe(true);
		});

		it('leaves nothing of the deleted postmortem, its page, its only service or its only cause, in the output or the cache', () => {
			expect([...changed.files.keys()].filter((path) => /epsilon|services\/edge\/|root-causes\/network\//i.test(path))).toEqual([]);
			const mentions = everything('changed').filter((file) => file.text.includes('Epsilon minimal') || file.text.includes('/postmortems/2022/epsilon/'));
			expect(mentions.map((file) => file.path)).toEqual([]);
			// Astro prunes the cache's copy of a page no build makes any more (it leaves the empty folder).
			const cached = readdirSync(join(work, 'cache'), { recursive: true, withFileTypes: true }).filter((entry) => entry.isFile());
			expect(cached.map((entry) => join(entry.parentPath, entry.name)).filter((path) => /epsilon|services\/edge\/|root-causes\/network\//i.test(path))).toEqual([]);
		});

		it('writes the same files as a cold build, byte for byte', async () => {
			const cold = await build('changed-cold', '--force');
			expect(cold.reused).toEqual([]);
			expect(differences(changed, cold)).toEqual([]);
		}, 600_000);
	});
});
