/**
 * personal-data: e-mail addresses and IP addresses anywhere in the file, code included (pasted logs
 * are where they hide). Addresses reserved for documentation (RFC 5737, RFC 3849, RFC 2606) and
 * loopback addresses identify no one and pass. A version number such as 1.2.3.4 looks like an IP
 * address and warns; one with a part above 255 cannot be an address and does not.
 */
import { isIPv6 } from 'node:net';
import type { RuleFinding } from '../finding';

const EMAIL = /(?<![\w.%+-])[\w.%+-]+@((?:[a-z0-9](?:[a-z0-9-]*[a-z0-9])?\.)+[a-z]{2,})(?![\w-])/gi;
const IPV4 = /(?<![\w.])(\d{1,3})\.(\d{1,3})\.(\d{1,3})\.(\d{1,3})(?![\w]|\.\d)/g;
// Candidates only; `isIPv6` decides. Neighbouring word characters rule out `std::vector`, times
// (`18:12:00` has no `::` and too few groups) and MAC addresses fail the check.
const IPV6 = /(?<![\w:.])(?:[0-9a-f]{0,4}:){2,7}(?:[0-9a-f]{1,4}|(?:\d{1,3}\.){3}\d{1,3})?(?![\w:])/gi;

const EXAMPLE_DOMAIN = /(?:^|\.)(?:example\.(?:com|org|net)|example|test|invalid|localhost)$/i;

function isDocumentationIPv4(parts: number[]): boolean {
	const [a, b, c] = parts;
	return (
		(a === 192 && b === 0 && c === 2) ||
		(a === 198 && b === 51 && c === 100) ||
		(a === 203 && b === 0 && c === 113) ||
		a === 127 ||
		parts.every((part) => part === 0)
	);
}

/** Expands an IPv6 address to its eight groups, as numbers. */
function ipv6Groups(address: string): number[] {
	let text = address;
	const v4 = /(\d+)\.(\d+)\.(\d+)\.(\d+)$/.exec(text);
	if (v4) {
		const [a, b, c, d] = v4.slice(1).map(Number) as [number, number, number, number];
		text = `${text.slice(0, v4.index)}${((a << 8) | b).toString(16)}:${((c << 8) | d).toString(16)}`;
	}
	const [head = '', tail] = text.split('::');
	const parse = (part: string) => (part ? part.split(':').map((group) => parseInt(group, 16)) : []);
	const front = parse(head);
	const back = tail === undefined ? [] : parse(tail);
	return [...front, ...Array<number>(8 - front.length - back.length).fill(0), ...back];
}

function isDocumentationIPv6(address: string): boolean {
	const groups = ipv6Groups(address);
	const loopbackOrUnspecified = groups.slice(0, 7).every((group) => group === 0) && (groups[7] ?? 0) <= 1;
	return (groups[0] === 0x2001 && groups[1] === 0xdb8) || loopbackOrUnspecified;
}

/** `***@example.org`: the domain says whose address it is; the person stays out of CI logs. */
function maskEmail(domain: string): string {
	return `***@${domain}`;
}

export function personalData(text: string): RuleFinding[] {
	const findings: RuleFinding[] = [];
	for (const match of text.matchAll(EMAIL)) {
		const domain = match[1]!;
		if (EXAMPLE_DOMAIN.test(domain)) continue;
		findings.push({
			rule: 'personal-data',
			offset: match.index,
			message: `e-mail address ${maskEmail(domain)}: use a role or team name, or an address at example.com`,
		});
	}
	for (const match of text.matchAll(IPV4)) {
		const parts = match.slice(1, 5).map(Number);
		if (parts.some((part) => part > 255) || isDocumentationIPv4(parts)) continue;
		findings.push({
			rule: 'personal-data',
			offset: match.index,
			message:
				`IP address ${match[0]}: use one reserved for documentation ` +
				'(192.0.2.0/24, 198.51.100.0/24, 203.0.113.0/24) unless it is a version number',
		});
	}
	for (const match of text.matchAll(IPV6)) {
		const address = match[0];
		if (!isIPv6(address) || isDocumentationIPv6(address)) continue;
		findings.push({
			rule: 'personal-data',
			offset: match.index,
			message: `IP address ${address}: use one reserved for documentation (2001:db8::/32)`,
		});
	}
	return findings;
}
