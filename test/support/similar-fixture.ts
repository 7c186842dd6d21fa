/**
 * A small archive whose similar incidents are known: two certificate expiries told in different
 * words (twins), a backup restore that was never tested, and a regular expression that burned CPU.
 * Run as a script it prints every similar list as JSON, for the check across time zones.
 */
import { archiveOf, entry } from './make';
import { similarIncidents } from '../../src/lib/learning/similar';

export const bodies: Record<string, string> = {
	'2024/cert-expiry': [
		'import Chart from "../chart.astro";',
		'## What happened',
		'The TLS certificate of the payments edge expired at midnight and every client handshake failed.',
		'The renewal job had stopped renewing certificates weeks earlier and nobody was alerted.',
		'```sh\nopenssl x509 -enddate -noout -in cert.pem\n```',
		'<Chart data={[1, 2, 3]} />',
	].join('\n\n'),
	'2025/cert-renewal': [
		'## What happened',
		'An expired certificate on the payments API broke TLS for clients; the automated renewal had been failing silently.',
		'Expiry monitoring for certificates would have warned us a month before.',
	].join('\n\n'),
	'2024/restore': [
		'## What happened',
		'A disk failed and the database had to be restored from backup. The restore took nine hours: restores had never been tested.',
	].join('\n\n'),
	'2023/regex': [
		'## What happened',
		'A regular expression in the web firewall backtracked on long input and pinned the CPU of every edge server.',
	].join('\n\n'),
};

export const entries = [
	entry('2024/cert-expiry', {
		started: '2024-03-01T00:00:00Z',
		title: 'Payments certificate expired',
		summary: 'The payments TLS certificate expired and clients could not connect.',
		services: ['payments-api'],
		rootCauses: ['certificate-expiry', 'monitoring-gap'],
		trigger: 'The certificate reached its expiry date without being renewed.',
		actionItems: [{ title: 'Alert 30 days before a certificate expires', type: 'detect', owner: 'platform' }],
		visibility: 'public',
	}),
	entry('2025/cert-renewal', {
		started: '2025-02-01T00:00:00Z',
		title: 'Expired certificate after a failed renewal',
		summary: 'Automated certificate renewal failed silently and the certificate expired.',
		services: ['Payments-API'],
		rootCauses: ['certificate-expiry'],
		trigger: 'The renewal job failed and the certificate expired.',
		actionItems: [{ title: 'Add expiry monitoring for certificates', type: 'detect', owner: 'platform' }],
		visibility: 'public',
	}),
	entry('2024/restore', {
		started: '2024-06-01T00:00:00Z',
		title: 'Slow database restore',
		summary: 'Restoring the database from backup took nine hours.',
		services: ['ledger-db'],
		rootCauses: ['database', 'process-gap'],
		lessons: [{ kind: 'went-wrong', text: 'Restores were never tested.' }],
	}),
	entry('2023/regex', {
		started: '2023-07-01T00:00:00Z',
		title: 'Firewall rule pinned CPU',
		summary: 'A backtracking regular expression took the edge down.',
		services: ['edge'],
		rootCauses: ['software-bug'],
		visibility: 'public',
	}),
];

export const bodyOf = (id: string) => bodies[id] ?? '';

export function similarJson(): string {
	return JSON.stringify([...similarIncidents(archiveOf(entries).postmortems, bodyOf)]);
}

if (process.argv[1]?.endsWith('similar-fixture.ts')) process.stdout.write(similarJson());
