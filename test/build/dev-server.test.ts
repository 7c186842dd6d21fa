/**
 * Drafts belong to the dev server: `npm run dev` shows them, marked as drafts.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { createServer } from 'node:net';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ROOT, cleanEnv, mainText } from '../support/build';

function freePort(): Promise<number> {
	return new Promise((resolve) => {
		const server = createServer();
		server.listen(0, '127.0.0.1', () => {
			const { port } = server.address() as { port: number };
			server.close(() => resolve(port));
		});
	});
}

describe('the dev server', () => {
	let child: ChildProcess;
	let base: string;
	let output = '';

	beforeAll(async () => {
		const port = await freePort();
		base = `http://127.0.0.1:${port}`;
		child = spawn(process.execPath, [join(ROOT, 'node_modules/astro/bin/astro.mjs'), 'dev', '--ignore-lock', '--port', String(port), '--host', '127.0.0.1'], {
			cwd: ROOT,
			env: { ...cleanEnv(), HINDSIGHT_CONTENT_DIR: join(ROOT, 'test/fixtures/basic/content'), ASTRO_TELEMETRY_DISABLED: '1' },
			// A closed stdin makes the dev server stop: keep it open.
			stdio: ['pipe', 'pipe', 'pipe'],
		});
		child.stdout!.on('data', (d) => (output += d));
		child.stderr!.on('data', (d) => (output += d));
		const deadline = Date.now() + 120_000;
		for (;;) {
			try {
				if ((await fetch(`${base}/postmortems/`, { signal: AbortSignal.timeout(30_000) })).ok) break;
			} catch {
				// not listening yet
			}
			if (Date.now() > deadline || child.exitCode !== null) {
				throw new Error(`dev server did not start (exit ${child.exitCode}):\n${output}`);
			}
			await new Promise((r) => setTimeout(r, 500));
		}
	});

	afterAll(() => {
		child?.kill();
	});

	it('shows a draft, marked as a draft', async () => {
		const response = await fetch(`${base}/postmortems/2024/delta-draft/`);
		expect(response.status).toBe(200);
		const html = await response.text();
		expect(html).toContain('data-status="draft"');
		expect(mainText(html)).toContain('plumbago-walrus');
		// One notice, Starlight's own for a draft; no banner, no second marker. The strip under the
		// title names the status as a fact.
		expect(html.match(/This content is a draft and will not be included in production builds\./g)).toHaveLength(1);
		expect(html).not.toMatch(/class="sl-banner|hs-status-banner/);
		expect(mainText(html)).toMatch(/SEV4 · minor Draft Duration 30 min/);
	}, 60_000);

	it('lists the draft in the archive, marked', async () => {
		const html = await (await fetch(`${base}/postmortems/`)).text();
		expect(html).toMatch(/Delta draft incident<\/a>\s*<span class="hs-status-chip"[^>]*>Draft<\/span>/);
	}, 60_000);
});
