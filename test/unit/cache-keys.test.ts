/** Cache keys for incremental builds: equal data gives one key, any difference a page could show another. */
import { createHash } from 'node:crypto';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { cacheKeyer } from '../../src/lib/present/cache-keys';
import { archiveOf, entry } from '../support/make';

const { key: cacheKey, canonical } = cacheKeyer((text) => createHash('sha256').update(text, 'utf8').digest('hex'));

describe('a page cache key', () => {
	it('is the same for equal data built afresh, and differs for the site settings', () => {
		const props = () => ({ title: 'DNS outage', started: new Date('2024-03-01T10:00:00Z'), services: ['dns', 'edge'], counts: new Map([['SEV1', 2]]) });
		expect(cacheKey(props(), { edition: 'internal' })).toBe(cacheKey(props(), { edition: 'internal' }));
		expect(cacheKey(props(), { edition: 'internal' })).not.toBe(cacheKey(props(), { edition: 'public' }));
		expect(cacheKey(props())).toMatch(/^[0-9a-f]{64}$/);
	});

	it('tells apart values a page could show differently', () => {
		const variants: unknown[] = [
			{ n: 0 },
			{ n: -0 },
			{ n: Number.NaN },
			{ n: Number.POSITIVE_INFINITY },
			{ n: '0' },
			{ n: null },
			{ n: undefined, m: 1 },
			{ n: [] },
			{ n: [undefined] },
			{ n: [null] },
			{ n: new Date('2024-01-01T00:00:00Z') },
			{ n: new Date('2024-01-01T00:00:01Z') },
			{ n: new Set(['a', 'b']) },
			{ n: new Set(['b', 'a']) },
			{ n: ['a', 'b'] },
			{ n: new Map([['a', 1]]) },
			{ n: { a: 1, b: 2 } },
			// Entries in another order may be rendered in that order.
			{ n: { b: 2, a: 1 } },
			{ n: 'x'.repeat(500) },
			{ n: 'x'.repeat(501) },
		];
		const keys = variants.map((v) => cacheKey(v));
		expect(new Set(keys).size).toBe(variants.length);
		// An absent field and an undefined one render alike.
		expect(cacheKey({ a: 1, b: undefined })).toBe(cacheKey({ a: 1 }));
	});

	it('sees a change deep inside an object shared by many pages, once it is built afresh', () => {
		const archive = archiveOf([entry('2024/a', { title: 'First title' }), entry('2024/b', { related: ['2024/a'] })]);
		const page = (a: typeof archive) => ({ pm: a.byId.get('2024/b'), related: [a.byId.get('2024/a')] });
		const before = cacheKey(page(archive));
		expect(cacheKey(page(archive))).toBe(before);
		const renamed = archiveOf([entry('2024/a', { title: 'Second title' }), entry('2024/b', { related: ['2024/a'] })]);
		expect(cacheKey(page(renamed))).not.toBe(before);
		expect(cacheKey(page(archiveOf([entry('2024/a', { title: 'First title' }), entry('2024/b', { related: ['2024/a'] })])))).toBe(before);
	});

	it('gives property-equal data one key and different data another', () => {
		const data = fc.letrec((tie) => ({
			value: fc.oneof(
				{ depthSize: 'small' },
				fc.string(),
				fc.double(),
				fc.boolean(),
				fc.constant(null),
				fc.date({ noInvalidDate: true }),
				fc.array(tie('value'), { maxLength: 4 }),
				fc.dictionary(fc.string({ maxLength: 5 }), tie('value'), { maxKeys: 4 })
			),
		})).value;
		fc.assert(
			fc.property(data, data, (a, b) => {
				const copy = structuredClone(a);
				expect(cacheKey(copy)).toBe(cacheKey(a));
				if (canonical(a) !== canonical(b)) expect(cacheKey(a)).not.toBe(cacheKey(b));
			})
		);
	});

	it('refuses what could hide data from the key, naming where it is', () => {
		const archive = archiveOf([entry('2024/a')]);
		expect(() => cacheKey({ archive })).toThrow(/props\.archive\.\w+ is a function/);
		expect(() => cacheKey({ when: new URL('https://example.com/') })).toThrow(/props\.when is a URL/);
		const loop: Record<string, unknown> = {};
		loop.self = loop;
		expect(() => cacheKey({ loop })).toThrow(/props\.loop\.self contains itself/);
	});
});
