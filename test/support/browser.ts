/**
 * Debian's Chromium through playwright-core: `npx playwright install` cannot download a browser
 * here. Locally, browser tests skip (loudly) when no Chromium exists; under CI they fail instead.
 */
import { existsSync } from 'node:fs';
import { chromium, type Browser, type Page } from 'playwright-core';

export const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
export const hasChromium = existsSync(CHROMIUM);

if (!hasChromium) {
	const message = `Chromium not found at ${CHROMIUM}: browser tests cannot run (apt-get install chromium).`;
	if (process.env.CI) throw new Error(message);
	console.warn(`\n!!! ${message} SKIPPING browser tests. !!!\n`);
}

export function launchBrowser(): Promise<Browser> {
	return chromium.launch({
		executablePath: CHROMIUM,
		args: [
			'--no-sandbox',
			'--disable-gpu',
			'--disable-background-networking',
			'--disable-component-update',
			'--disable-sync',
			'--no-first-run',
		],
	});
}

/**
 * Collects what a person would see go wrong on a page: console errors, uncaught exceptions, failed
 * requests and error responses. `expected` says which URLs may answer with an error (a 404 test).
 */
export function watchProblems(page: Page, expected: (url: string) => boolean = () => false): string[] {
	const problems: string[] = [];
	page.on('console', (msg) => {
		if (msg.type() === 'error' && !expected(msg.location().url)) problems.push(`console: ${msg.text()}`);
	});
	page.on('pageerror', (error) => problems.push(`page error: ${error.message}`));
	page.on('requestfailed', (request) => problems.push(`failed: ${request.url()}`));
	page.on('response', (response) => {
		if (response.status() >= 400 && !expected(response.url())) problems.push(`${response.status()}: ${response.url()}`);
	});
	return problems;
}

