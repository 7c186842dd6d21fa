/**
 * The dev server keeps the archive's figures from one request to the next while nothing they are
 * made from has changed. Whatever changes, a postmortem, the taxonomy or the owners file, the next
 * pages show it without a restart, on pages made from other files too. On a copy of a fixture's
 * content, never the fixture itself.
 */
import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ROOT, mainText } from '../support/build';
import { startDevServer, type DevServer } from '../support/dev-server';

describe('the dev server, after a change', () => {
	let dir: string;
	let server: DevServer;
	const text = async (path: string) => {
		const response = await fetch(server.base + path);
		return response.ok ? mainText(await response.text()) : `${response.status}`;
	};
	const edit = (file: string, from: string, to: string) => {
		const path = join(dir, file);
		const before = readFileSync(path, 'utf8');
		if (!before.includes(from)) throw new Error(`${file} has no "${from}"`);
		writeFileSync(path, before.replace(from, to));
	};
	/** The page's text once it contains `expected`, or the last text seen after 30 s. */
	async function shows(path: string, expected: string): Promise<string> {
		const deadline = Date.now() + 30_000;
		let last = '';
		while (Date.now() < deadline) {
			last = await text(path);
			if (last.includes(expected)) return last;
			await new Promise((r) => setTimeout(r, 300));
		}
		return last;
	}

	beforeAll(async () => {
		dir = mkdtempSync(join(tmpdir(), 'hindsight-dev-figures-'));
		cpSync(join(ROOT, 'test/fixtures/basic/content'), dir, { recursive: true });
		server = await startDevServer(dir);
	});

	afterAll(() => {
		server?.stop();
		if (dir) rmSync(dir, { recursive: true, force: true });
	});

	// Each change is made in one file and read on a page made from the whole archive, which a
	// request built before the change.
	it.each([
		["a postmortem's new title", 'postmortems/2023/beta.mdx', 'title: Beta database failover', 'title: Beta replica promotion', '/postmortems/'],
		["a root cause's new name, changed in the taxonomy file alone", 'root-causes.yaml', 'name: Configuration change', 'name: Configuration drift', '/root-causes/'],
		["an owner's new name, changed in the owners file alone", 'owners.yaml', 'payments: Payments team', 'payments: Checkout payments', '/action-items/'],
	] as const)('shows %s', async (_, file, from, to, path) => {
		const [before, after] = [from, to].map((line) => line.replace(/^[\w-]+: /, ''));
		// Twice: the second request is served from what the first computed.
		expect(await text(path)).toContain(before);
		expect(await text(path)).toContain(before);
		edit(file, from, to);
		const shown = await shows(path, after!);
		expect(shown).toContain(after);
		expect(shown).not.toContain(before);
	}, 90_000);
});
