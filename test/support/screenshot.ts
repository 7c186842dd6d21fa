/** Screenshots of pages of a built site: `node test/support/screenshot.ts <dist> <out-dir> <path>...` */
import { launchBrowser } from './browser.ts';
import { serveStatic } from './static-server.ts';

const [dist, out, ...paths] = process.argv.slice(2);
const server = await serveStatic(dist!);
const browser = await launchBrowser();
const page = await browser.newPage({ viewport: { width: 1280, height: 900 } });
for (const path of paths) {
	const theme = path.includes('#dark') ? 'dark' : 'light';
	await page.emulateMedia({ colorScheme: theme });
	await page.goto(server.url + path.replace('#dark', ''));
	await page.waitForLoadState('networkidle');
	const name = path.replace(/[^a-z0-9]+/gi, '-').replace(/^-|-$/g, '') || 'home';
	await page.screenshot({ path: `${out}/${name}.png`, fullPage: path.includes('#full') });
}
await browser.close();
await server.close();
