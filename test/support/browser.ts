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

/** How every test and the benchmark's Lighthouse run start Chromium here (a container, no GPU). */
export const CHROMIUM_ARGS = [
	'--no-sandbox',
	'--disable-gpu',
	'--disable-background-networking',
	'--disable-component-update',
	'--disable-sync',
	'--no-first-run',
];

export function launchBrowser(): Promise<Browser> {
	return chromium.launch({ executablePath: CHROMIUM, args: CHROMIUM_ARGS });
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
	page.on('requestfailed', (request) => {
		// A reload or a click away cancels what the old page still had in flight (its favicon, say):
		// nothing a reader sees fail.
		if (request.failure()?.errorText === 'net::ERR_ABORTED' && !request.isNavigationRequest()) return;
		problems.push(`failed: ${request.url()} (${request.failure()?.errorText ?? 'no reason given'})`);
	});
	page.on('response', (response) => {
		if (response.status() >= 400 && !expected(response.url())) problems.push(`${response.status()}: ${response.url()}`);
	});
	return problems;
}


export interface SearchResult {
	title: string;
	tags: string[];
}

/**
 * The results in Starlight's search dialog, read once Pagefind has filled every one in and `until`
 * holds. Pagefind clears the list and then loads placeholders one at a time, so a single read can see
 * an empty list or results without their titles and tags yet.
 */
export async function searchResults(page: Page, until: { count?: number; everyTag?: string } = {}): Promise<SearchResult[]> {
	const handle = await page.waitForFunction(
		(until) => {
			const items = [...document.querySelectorAll('#starlight__search .pagefind-ui__result')];
			if (items.length === 0 || document.querySelector('#starlight__search .pagefind-ui__result .pagefind-ui__loading')) return false;
			const results = items.map((item) => ({
				title: item.querySelector(':scope > .pagefind-ui__result-inner > .pagefind-ui__result-title')?.textContent?.trim() ?? '',
				tags: [...item.querySelectorAll('.pagefind-ui__result-tag')].map((tag) => tag.textContent!.trim()),
			}));
			if (until.count !== undefined && results.length !== until.count) return false;
			if (until.everyTag !== undefined && !results.every((result) => result.tags.includes(until.everyTag!))) return false;
			return results;
		},
		until,
		{ timeout: 15_000 }
	);
	return (await handle.jsonValue()) as SearchResult[];
}
