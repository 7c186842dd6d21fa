import { describe, expect, it } from 'vitest';
import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { SIMILAR_LIMIT, SIMILAR_MIN_SCORE, similarIncidents, similarLookup } from '../../src/lib/learning/similar';
import { similarNote, similarReasons } from '../../src/lib/present/related';
import { archiveOf, entry } from '../support/make';
import { bodyOf, entries, similarJson } from '../support/similar-fixture';

const ROOT = join(import.meta.dirname, '../..');

describe('similar incidents', () => {
	const archive = archiveOf(entries);
	const similar = similarIncidents(archive.postmortems, bodyOf);

	it('ranks the true twin first and says why: the cause, the service and the words both wrote', () => {
		const [first] = similar.get('2024/cert-expiry')!;
		expect(first).toMatchObject({ id: '2025/cert-renewal', because: { causes: ['certificate-expiry'], services: ['payments-api'] } });
		expect(first!.because.terms).toContain('certificate');
		// Words as written, not stems: "renewal" is the form the documents use most.
		expect(first!.because.terms.some((t) => /^(certif|renew|expiri)$/.test(t))).toBe(false);
		expect(first!.score).toBeGreaterThan(0.3);
		expect(first!.score).toBeLessThanOrEqual(1);
		expect(similar.get('2025/cert-renewal')![0]).toMatchObject({ id: '2024/cert-expiry', score: first!.score });
	});

	it('leaves unrelated incidents below the cut-off', () => {
		expect(similar.get('2024/restore')).toEqual([]);
		expect(similar.get('2023/regex')).toEqual([]);
		// They are scored, and score low: the cut-off is what leaves them out.
		const all = similarIncidents(archive.postmortems, bodyOf, { minScore: 0 }).get('2024/cert-expiry')!;
		const restore = all.find((s) => s.id === '2024/restore');
		expect(restore === undefined || restore.score < SIMILAR_MIN_SCORE).toBe(true);
	});

	it('lists at most five, best first, ties by id, scores to three decimals', () => {
		const many = archiveOf(
			Array.from({ length: 9 }, (_, i) =>
				entry(`2024/n${i}`, { started: `2024-01-0${i + 1}T00:00:00Z`, title: 'Certificate expired', summary: 'The certificate expired.' })
			)
		);
		for (const list of similarIncidents(many.postmortems, () => '').values()) {
			expect(list.length).toBeLessThanOrEqual(SIMILAR_LIMIT);
			expect(list.map((s) => s.score)).toEqual([...list.map((s) => s.score)].sort((a, b) => b - a));
			for (const s of list) expect(Math.round(s.score * 1000) / 1000).toBe(s.score);
		}
		// Alike in every way: the ties fall to the ids in order.
		expect(similarIncidents(many.postmortems, () => '').get('2024/n0')!.map((s) => s.id)).toEqual(['2024/n1', '2024/n2', '2024/n3', '2024/n4', '2024/n5']);
	});

	it('gives one postmortem\'s list on its own, whichever is asked for first, as the whole archive\'s lists give it', () => {
		const find = similarLookup(archive.postmortems, bodyOf);
		// The dev server asks for the page it renders, in any order: each list is the same as when all are worked out.
		for (const id of [...similar.keys()].reverse()) expect(find(id)).toEqual(similar.get(id));
		expect(find('2024/cert-expiry')).toBe(find('2024/cert-expiry'));
		expect(find('1999/not-in-this-edition')).toBeUndefined();
	});

	it('gives the same output across runs, input orders and time zones', () => {
		expect(similarJson()).toBe(similarJson());
		const reversed = JSON.stringify([...similarIncidents([...archive.postmortems].reverse(), bodyOf)].sort());
		expect(reversed).toBe(JSON.stringify([...similar].sort()));
		const tsx = join(ROOT, 'node_modules/tsx/dist/cli.mjs');
		const run = (tz: string) => spawnSync(process.execPath, [tsx, join(ROOT, 'test/support/similar-fixture.ts')], { env: { ...process.env, TZ: tz, LANG: 'tr_TR.UTF-8' }, encoding: 'utf8' });
		const chatham = run('Pacific/Chatham');
		expect(chatham.status, chatham.stderr).toBe(0);
		expect(chatham.stdout).toBe(similarJson());
	}, 30_000);

	it('writes the reasons as the page and the JSON show them', () => {
		const because = similar.get('2024/cert-expiry')![0]!.because;
		const parts = similarReasons(because, archive);
		expect(parts.slice(0, 2)).toEqual(['certificate expiry (cause)', 'payments-api (service)']);
		expect(parts.at(-1)).toMatch(/^terms: certificate, /);
		expect(similarNote(because, archive)).toMatch(/^Both: certificate expiry \(cause\), payments-api \(service\); trigger: [a-z, ]+; terms: certificate, /);
		expect(similarNote({ causes: [], services: [], trigger: [], terms: ['restore'] }, archive)).toBe('Terms: restore');
	});
});

describe('similar incidents in the public edition', () => {
	// An internal postmortem that shares the twins' words and service: when it is in the model it
	// changes the words' weights and competes for the lists.
	const internal = entry('2024/internal-cert', {
		started: '2024-09-01T00:00:00Z',
		title: 'Payments certificate renewal expired again',
		summary: 'The payments certificate renewal failed and the certificate expired.',
		services: ['payments-api'],
		rootCauses: ['certificate-expiry'],
		trigger: 'Certificate renewal failed.',
	});
	const all = [...entries, internal];
	const body = (id: string) => (id === '2024/internal-cert' ? 'Certificate certificate renewal expiry payments TLS handshake edge regular expression.' : bodyOf(id));

	it('is computed from public postmortems alone: an internal one changes no list, score or reason', () => {
		const publicEdition = similarIncidents(archiveOf(all, { edition: 'public' }).postmortems, body);
		const publicOnly = similarIncidents(archiveOf(all.filter((e) => e.data.visibility === 'public')).postmortems, body);
		expect([...publicEdition].sort()).toEqual([...publicOnly].sort());
		expect(JSON.stringify(publicEdition)).not.toContain('internal');
		// The check can fail: in the internal edition the same postmortem does change them.
		const internalEdition = similarIncidents(archiveOf(all).postmortems, body);
		expect(internalEdition.get('2024/cert-expiry')).not.toEqual(publicEdition.get('2024/cert-expiry'));
	});
});
