import { describe, expect, it } from 'vitest';
import { createHash } from 'node:crypto';
import { completeCsp } from '../../src/lib/checks/csp';
import { BODY_END, BODY_START } from '../../src/lib/checks/body-marks';

const hash = (text: string) => `'sha256-${createHash('sha256').update(text).digest('base64')}'`;

describe('completing a page\'s Content-Security-Policy', () => {
	const page = `<html><head><meta http-equiv="content-security-policy" content="default-src 'self'; script-src 'self' 'sha256-known='; style-src 'self'">
<script>window.theme = 'dark';</script><script type="module" src="/_astro/a.js"></script></head>
<body><svg style="--sl-icon-size: 1rem;"></svg><dialog style="padding:0"></dialog><i style="--sl-icon-size: 1rem;"></i></body></html>`;
	const policy = (html: string) => /content="([^"]*)"/.exec(html)![1]!.replace(/&quot;/g, '"');

	it('allows exactly the page\'s inline scripts: not scripts loaded from files, not other pages\' code', () => {
		const scriptSrc = policy(completeCsp(page, hash)).split('; ').find((d) => d.startsWith('script-src'))!;
		expect(scriptSrc).toBe(`script-src 'self' ${hash("window.theme = 'dark';")}`);
	});

	it('allows the page\'s style elements, and keeps sources that are not hashes', () => {
		const withStyle = page
			.replace("style-src 'self'", "style-src 'self' 'sha256-other='")
			.replace("script-src 'self'", "script-src 'self' 'wasm-unsafe-eval'")
			.replace('</head>', '<style>:root{--x:1}</style></head>');
		const directives = policy(completeCsp(withStyle, hash)).split('; ');
		expect(directives.find((d) => d.startsWith('style-src'))).toBe(
			`style-src 'self' ${hash(':root{--x:1}')} 'unsafe-hashes' ${hash('--sl-icon-size: 1rem;')} ${hash('padding:0')}`
		);
		expect(directives.find((d) => d.startsWith('script-src'))).toBe(`script-src 'self' 'wasm-unsafe-eval' ${hash("window.theme = 'dark';")}`);
		expect(directives[0]).toBe("default-src 'self'");
	});

	it('allows exactly the page\'s style attributes, with unsafe-hashes and never unsafe-inline', () => {
		const styleSrc = policy(completeCsp(page, hash)).split('; ').find((d) => d.startsWith('style-src'))!;
		expect(styleSrc).toBe(`style-src 'self' 'unsafe-hashes' ${hash('--sl-icon-size: 1rem;')} ${hash('padding:0')}`);
		expect(completeCsp(page, hash)).not.toContain('unsafe-inline');
	});

	it('leaves pages without a policy alone', () => {
		expect(completeCsp('<p style="x">no policy</p>', hash)).toBe('<p style="x">no policy</p>');
	});

	it('allows no inline code from a postmortem body, only Expressive Code\'s custom properties', () => {
		const withBody = page.replace(
			'</body>',
			`${BODY_START}<script>window.pwned = 1</script><style>body{display:none}</style><p style="color:red">x</p><span style="--0:#d6deeb;--1:#403f53">code</span>${BODY_END}</body>`
		);
		const completed = completeCsp(withBody, hash);
		const directives = policy(completed).split('; ');
		expect(directives.find((d) => d.startsWith('script-src'))).toBe(`script-src 'self' ${hash("window.theme = 'dark';")}`);
		const styleSrc = directives.find((d) => d.startsWith('style-src'))!;
		expect(styleSrc).toContain(hash('--0:#d6deeb;--1:#403f53'));
		expect(styleSrc).not.toContain(hash('body{display:none}'));
		expect(styleSrc).not.toContain(hash('color:red'));
		expect(completed).not.toContain('hindsight:body');
	});

	it('treats a body whose end mark is missing as running to the end of the page', () => {
		const policyOf = policy(completeCsp(page.replace('</head>', `</head>${BODY_START}<script>late()</script>`), hash));
		expect(policyOf).not.toContain(hash('late()'));
	});
});
