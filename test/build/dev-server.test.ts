/**
 * Drafts belong to the dev server: `npm run dev` shows them, marked as drafts.
 */
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ROOT, mainText } from '../support/build';
import { startDevServer, type DevServer } from '../support/dev-server';

describe('the dev server', () => {
	let server: DevServer;
	let base: string;

	beforeAll(async () => {
		server = await startDevServer(join(ROOT, 'test/fixtures/basic/content'));
		base = server.base;
		const response = await fetch(`${base}/postmortems/`);
		if (!response.ok) throw new Error(`the archive answered ${response.status}:\n${server.output()}`);
	});

	afterAll(() => {
		server?.stop();
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
