/**
 * `npm run screenshots`: pictures of the sample archive for the README, taken by the same
 * Chromium the browser tests use, from a fresh build of the sample archive.
 */
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { ROOT, buildFixture } from './build.ts';
import { launchBrowser } from './browser.ts';
import { serveStatic } from './static-server.ts';

const OUT = join(ROOT, 'src/assets/screenshots');
const SHOTS = [
	{ name: 'archive', path: '/postmortems/?year=2021', theme: 'light' },
	{ name: 'postmortem', path: '/postmortems/2021/facebook-bgp/', theme: 'light' },
	{ name: 'trends', path: '/trends/', theme: 'dark' },
	{ name: 'action-items', path: '/action-items/', theme: 'light' },
	{ name: 'phone', path: '/postmortems/', theme: 'dark', width: 390 },
] as const;

const build = await buildFixture('sample', { content: join(ROOT, 'content') });
if (build.code !== 0) throw new Error(build.output);
const server = await serveStatic(build.dist);
const browser = await launchBrowser();
mkdirSync(OUT, { recursive: true });
for (const shot of SHOTS) {
	const phone = 'width' in shot;
	const page = await browser.newPage({ viewport: phone ? { width: shot.width, height: 844 } : { width: 1280, height: 860 }, colorScheme: shot.theme });
	await page.goto(server.url + shot.path, { waitUntil: 'networkidle' });
	if (shot.name === 'trends') {
		await page.locator('#incidents-per-quarter').scrollIntoViewIfNeeded();
		await page.waitForSelector('canvas[data-drawn]');
		await page.evaluate(() => window.scrollTo(0, 0));
	}
	await page.screenshot({ path: join(OUT, `${shot.name}.png`) });
	await page.close();
	console.log(`wrote src/assets/screenshots/${shot.name}.png`);
}
await browser.close();
await server.close();
