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

	it("shows a postmortem's new title on the archive, which another request had already built", async () => {
		expect(await text('/postmortems/')).toContain('Beta database failover');
		expect(await text('/postmortems/')).toContain('Beta database failover');
		edit('postmortems/2023/beta.mdx', 'title: Beta database failover', 'title: Beta replica promotion');
		const archive = await shows('/postmortems/', 'Beta replica promotion');
		expect(archive).toContain('Beta replica promotion');
		expect(archive).not.toContain('Beta database failover');
	}, 90_000);

	it("shows a root cause's new name, changed in the taxonomy file alone", async () => {
		expect(await text('/root-causes/')).toContain('Configuration change');
		edit('root-causes.yaml', 'name: Configuration change', 'name: Configuration drift');
		const causes = await shows('/root-causes/', 'Configuration drift');
		expect(causes).toContain('Configuration drift');
		expect(causes).not.toContain('Configuration change');
	}, 90_000);

	it("shows an owner's new name, changed in the owners file alone", async () => {
		expect(await text('/action-items/')).toContain('Payments team');
		edit('owners.yaml', 'payments: Payments team', 'payments: Checkout payments');
		const ledger = await shows('/action-items/', 'Checkout payments');
		expect(ledger).toContain('Checkout payments');
		expect(ledger).not.toContain('Payments team');
	}, 90_000);
});
