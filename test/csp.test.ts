import { describe, expect, it } from 'vitest';
import { createHash } from 'node:crypto';
import { completeCsp } from '../src/lib/csp';

const hash = (text: string) => `'sha256-${createHash('sha256').update(text).digest('base64')}'`;

describe('completing a page\'s Content-Security-Policy', () => {
	const page = `<html><head><meta http-equiv="content-security-policy" content="default-src 'self'; script-src 'self' 'sha256-known='; style-src 'self'">
<script>window.theme = 'dark';</script><script type="module" src="/_astro/a.js"></script></head>
<body><svg style="--sl-icon-size: 1rem;"></svg><dialog style="padding:0"></dialog><i style="--sl-icon-size: 1rem;"></i></body></html>`;
	const policy = (html: string) => /content="([^"]*)"/.exec(html)![1]!.replace(/&quot;/g, '"');

	it('adds the hash of each inline script, not of scripts loaded from files', () => {
		const scriptSrc = policy(completeCsp(page)).split('; ').find((d) => d.startsWith('script-src'))!;
		expect(scriptSrc).toBe(`script-src 'self' 'sha256-known=' ${hash("window.theme = 'dark';")}`);
	});

	it('allows exactly the page\'s style attributes, with unsafe-hashes and never unsafe-inline', () => {
		const styleSrc = policy(completeCsp(page)).split('; ').find((d) => d.startsWith('style-src'))!;
		expect(styleSrc).toBe(`style-src 'self' 'unsafe-hashes' ${hash('--sl-icon-size: 1rem;')} ${hash('padding:0')}`);
		expect(completeCsp(page)).not.toContain('unsafe-inline');
	});

	it('leaves pages without a policy alone', () => {
		expect(completeCsp('<p style="x">no policy</p>')).toBe('<p style="x">no policy</p>');
	});
});
