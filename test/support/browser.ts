/**
 * Debian's Chromium through playwright-core: `npx playwright install` cannot download a browser
 * here. Locally, browser tests skip (loudly) when no Chromium exists; under CI they fail instead.
 */
import { existsSync } from 'node:fs';
import { chromium, type Browser } from 'playwright-core';

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
