/**
 * The author's loop in `npm run dev`: a postmortem that breaks the contract shows its problems in
 * the browser (Astro's error overlay: the file, the field, its line, what was expected), not the last
 * good page; fixing the file brings the page back without a restart; a server started on a broken
 * file stays up. On a copy of a fixture's content, never the fixture itself.
 */
import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ROOT } from '../support/build';
import { hasChromium, launchBrowser } from '../support/browser';
import { startDevServer, type DevServer } from '../support/dev-server';

const ALPHA = '/postmortems/2024/alpha/';
const TITLE = 'Alpha checkout outage';

/** What the overlay shows: its title, the message, and the `file:line:column` above the code. */
async function overlay(page: Page): Promise<{ title: string; message: string; place: string; marked: string } | undefined> {
	return page.evaluate(() => {
		const root = document.querySelector('vite-error-overlay')?.shadowRoot;
		if (!root) return undefined;
		const text = (selector: string) => root.querySelector(selector)?.textContent?.replace(/\s+/g, ' ').trim() ?? '';
		return { title: text('#title'), message: text('#message-content'), place: text('#code header h2'), marked: text('.error-line') };
	});
}

async function until<T>(what: string, read: () => Promise<T | undefined>, ok: (value: T) => boolean, timeout = 30_000): Promise<T> {
	const deadline = Date.now() + timeout;
	let last: T | undefined;
	for (;;) {
		try {
			last = await read();
			if (last !== undefined && ok(last)) return last;
		} catch {
			// a page in the middle of reloading
		}
		if (Date.now() > deadline) throw new Error(`${what}: never came; last saw ${JSON.stringify(last)}`);
		await new Promise((r) => setTimeout(r, 300));
	}
}

describe.skipIf(!hasChromium)('the dev server on a broken postmortem', () => {
	let dir: string;
	let file: string;
	let good: string;
	let server: DevServer;
	let browser: Browser;
	let page: Page;
	const edit = (from: string | RegExp, to: string) => writeFileSync(file, readFileSync(file, 'utf8').replace(from, to));
	const status = async (path: string) => (await fetch(server.base + path)).status;
	const shownTitle = () => page.evaluate(() => document.querySelector('main h1')?.textContent?.trim());

	beforeAll(async () => {
		dir = mkdtempSync(join(tmpdir(), 'hindsight-dev-loop-'));
		cpSync(join(ROOT, 'test/fixtures/basic/content'), dir, { recursive: true });
		file = join(dir, 'postmortems/2024/alpha.mdx');
		good = readFileSync(file, 'utf8');
		edit('started: 2024-03-05T14:00:00Z', 'started: 2024-03-45T14:00:00Z');
		server = await startDevServer(dir);
		browser = await launchBrowser();
		page = await browser.newPage();
	});

	afterAll(async () => {
		await browser?.close();
		server?.stop();
		if (dir) rmSync(dir, { recursive: true, force: true });
	});

	it('starts on a broken file and shows its problem: file, field, line, what was expected', async () => {
		expect(server.child.exitCode).toBeNull();
		expect(server.output()).toMatch(/alpha\.mdx:5: started: expected an ISO 8601 datetime .*got "2024-03-45T14:00:00Z"/);
		expect(await status(ALPHA)).toBe(500);
		await page.goto(server.base + ALPHA);
		const shown = await until('the overlay', () => overlay(page), (o) => o.message.length > 0);
		expect(shown.title).toBe('A content file must be fixed');
		expect(shown.message).toMatch(/postmortems\/2024\/alpha\.mdx:5: started: expected an ISO 8601 datetime such as .*; got "2024-03-45T14:00:00Z"/);
		// The file's code, its field's line marked.
		expect(shown.place).toBe('2024/alpha.mdx:5:1');
		expect(shown.marked).toBe('started: 2024-03-45T14:00:00Z');
	}, 60_000);

	it('shows it on every page made from the archive, not a page without the file; the guides stay readable', async () => {
		expect(await status('/postmortems/')).toBe(500);
		expect(await status('/')).toBe(500);
		expect(await status('/guides/writing-a-postmortem/')).toBe(200);
		// A guide opened meanwhile shows no overlay: the last error is replayed only to error pages.
		const guide = await browser.newPage();
		await guide.goto(`${server.base}/guides/writing-a-postmortem/`);
		await guide.waitForTimeout(2000);
		expect(await overlay(guide)).toBeUndefined();
		await guide.close();
	}, 60_000);

	it('brings the page back when the file is fixed, without a restart', async () => {
		writeFileSync(file, good);
		// The open page reloads itself.
		await until('the page', shownTitle, (title) => title === TITLE);
		expect(await status(ALPHA)).toBe(200);
		expect(await status('/postmortems/')).toBe(200);
	}, 60_000);

	it.each([
		['an unknown root cause', ['rootCauses: [config-change, deployment]', 'rootCauses: [config-change, cosmic-rays]'], /alpha\.mdx:15: rootCauses\[1\]: unknown root cause "cosmic-rays"; expected one of/, 15],
		['a missing required field', [/^summary: .*\n/m, ''], /alpha\.mdx:1: summary: missing; this field is required: expected a summary as text/, 1],
		['a placeholder in a published postmortem', [/^summary: .*$/m, 'summary: "TODO: what happened"'], /alpha\.mdx:3: summary: still the placeholder "TODO: what happened"/, 3],
	] as const)('shows %s made while it runs, then the page again once fixed', async (_, [from, to], message, line) => {
		// The page may still be reloading from the last change, which aborts a navigation.
		await page.goto(server.base + ALPHA).catch(() => undefined);
		await until('the page before the change', shownTitle, (title) => title === TITLE);
		edit(from, to);
		try {
			const shown = await until('the overlay', () => overlay(page), (o) => message.test(o.message));
			expect(shown.place).toBe(`2024/alpha.mdx:${line}:1`);
		} finally {
			writeFileSync(file, good);
		}
		await until('the page after the fix', shownTitle, (title) => title === TITLE);
	}, 60_000);
});
