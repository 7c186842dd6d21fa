import { similarIncidents } from '../../src/lib/learning/similar';
import { describe, expect, it } from 'vitest';
import { groupByService } from '../../src/lib/figures/counts';
import { formatProblem } from '../../src/lib/model/postmortem-source';
import { collisionProblem, serviceKey, serviceSlug, serviceSlugCollisions } from '../../src/lib/model/slugs';
import { archiveOf, entry } from '../support/make';

describe('service slugs', () => {
	it('keep Unicode letters and digits, lower-cased', () => {
		expect(serviceSlug('платежи')).toBe('платежи');
		expect(serviceSlug('Поиск')).toBe('поиск');
		expect(serviceSlug('決済')).toBe('決済');
		expect(serviceSlug('Café crème')).toBe('café-crème');
		expect(serviceSlug('हिन्दी सेवा')).toBe('हिन्दी-सेवा');
	});

	it('turn everything else into single dashes, trimmed, in mixed names too', () => {
		expect(serviceSlug('Платежи API v2')).toBe('платежи-api-v2');
		expect(serviceSlug('決済 / Gateway')).toBe('決済-gateway');
		expect(serviceSlug('  --a.b:c--  ')).toBe('a-b-c');
		expect(serviceSlug('snake_case')).toBe('snake_case');
	});

	it('give ASCII names the segments they always had', () => {
		expect(serviceSlug('payments-api')).toBe('payments-api');
		expect(serviceSlug('Edge Proxy')).toBe('edge-proxy');
		expect(serviceSlug('Payments API')).toBe('payments-api');
		expect(serviceSlug('s3-console')).toBe('s3-console');
	});

	it('give a name without letters or digits a hash, never "", "." or ".."', () => {
		for (const name of ['.', '..', '!!!', '-', '_', '→', ' / ']) {
			const slug = serviceSlug(name);
			expect(slug, name).toMatch(/^service-[0-9a-f]{8}$/);
		}
		expect(serviceSlug('..')).not.toBe(serviceSlug('.'));
		expect(serviceSlug('!!!')).not.toBe(serviceSlug('???'));
	});

	it('are stable: the same name gives the same slug, call after call', () => {
		// Pinned: a changed hash would move pages that people have linked to.
		expect(serviceSlug('..')).toBe('service-a3d4a70d');
		for (const name of ['платежи', '決済', '!!!', 'Edge Proxy']) expect(serviceSlug(name)).toBe(serviceSlug(name));
	});

	it('merge spellings that are one service: case, surrounding space, NFKC', () => {
		expect(serviceKey(' ПЛАТЕЖИ ')).toBe(serviceKey('платежи'));
		expect(serviceKey('Ｐａｙｍｅｎｔｓ')).toBe(serviceKey('payments'));
		// "é" composed and as "e" + combining accent.
		expect(serviceKey('caf\u00e9')).toBe(serviceKey('cafe\u0301'));
		expect(serviceSlug('Ｐａｙｍｅｎｔｓ')).toBe('payments');
		expect(serviceSlug('cafe\u0301')).toBe(serviceSlug('caf\u00e9'));
		expect(serviceKey('Payments API')).not.toBe(serviceKey('payments-api'));
	});
});

describe('slug collisions', () => {
	it('find none among distinct scripts, nor among spellings of one service', () => {
		expect(
			serviceSlugCollisions([
				entry('2024/a', { services: ['платежи', 'Payments API'] }),
				entry('2024/b', { services: ['поиск', 'payments api'] }),
				entry('2024/c', { services: ['決済', '!!!', '???'] }),
			])
		).toEqual([]);
	});

	it('report different services that make one slug, each spelling with a file', () => {
		const collisions = serviceSlugCollisions([
			entry('2024/b', { services: ['payments-api'] }),
			entry('2024/a', { services: ['Payments API', 'a.b'] }),
			entry('2024/c', { services: ['a b', 'PAYMENTS API'] }),
		]);
		expect(collisions).toEqual([
			{
				slug: 'a-b',
				spellings: [
					{ name: 'a.b', file: 'content/postmortems/2024/a.mdx' },
					{ name: 'a b', file: 'content/postmortems/2024/c.mdx' },
				],
			},
			{
				slug: 'payments-api',
				spellings: [
					{ name: 'Payments API', file: 'content/postmortems/2024/a.mdx' },
					{ name: 'payments-api', file: 'content/postmortems/2024/b.mdx' },
				],
			},
		]);
	});

	it('are reported naming both spellings, both files and what to do', () => {
		const entries = [entry('2024/a', { services: ['Payments API'] }), entry('2024/b', { services: ['payments-api'] })];
		expect(serviceSlugCollisions(entries).map((c) => formatProblem(collisionProblem(c)))).toEqual([
			'content/postmortems/2024/a.mdx: services: "Payments API" (this file) and "payments-api" (content/postmortems/2024/b.mdx) are different services with one address, /services/payments-api/. Spell them the same way if they are one service, or rename one if they are not.',
		]);
		expect(serviceSlugCollisions([entry('2024/a', { services: ['платежи', 'поиск'] })])).toEqual([]);
	});
});

describe('services across the archive', () => {
	const archive = archiveOf([
		entry('2024/new', { started: '2024-03-01T00:00:00Z', services: ['Платежи'], rootCauses: ['network'] }),
		entry('2024/mid', { started: '2024-02-01T00:00:00Z', services: ['платежи', 'поиск'], rootCauses: ['database'] }),
		entry('2024/old', { started: '2024-01-01T00:00:00Z', services: ['決済'], rootCauses: ['hardware'] }),
	]);

	it('give each service its own page, spellings of one merged under the newest', () => {
		const groups = groupByService(archive.postmortems, serviceSlug);
		expect(groups.map((g) => [g.slug, g.name, g.postmortems.map((pm) => pm.id)])).toEqual([
			['платежи', 'Платежи', ['2024/new', '2024/mid']],
			['поиск', 'поиск', ['2024/mid']],
			['決済', '決済', ['2024/old']],
		]);
	});

	it('name a service one way for filters, and count it shared however it is spelled', () => {
		expect(archive.serviceName('платежи')).toBe('Платежи');
		expect(archive.serviceName('поиск')).toBe('поиск');
		const similar = similarIncidents(archive.postmortems, () => '', { minScore: 0 }).get('2024/new')!;
		expect(similar.find((s) => s.id === '2024/mid')!.because.services).toEqual(['Платежи']);
		expect(similar.find((s) => s.id === '2024/old')?.because.services ?? []).toEqual([]);
	});
});
