/**
 * Builds archives whose service names are not plain ASCII, or clash, and checks each service gets
 * a page of its own or the build says why it cannot.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { buildFixture, mainText, readPage, type BuildResult } from '../support/build';

describe('building services named in Cyrillic and CJK', () => {
	let build: BuildResult;
	beforeAll(async () => {
		build = await buildFixture('unicode-services');
		if (build.code !== 0) throw new Error(`build failed:\n${build.output}`);
	});

	const services = [
		{ name: 'платежи', title: 'Payments timed out', id: '2024/payments' },
		{ name: 'поиск', title: 'Search returned nothing', id: '2024/search' },
		{ name: '決済', title: 'Settlement batch stalled', id: '2024/settlement' },
	];

	it('gives each service a page at its own address, listing only its own incident', () => {
		for (const service of services) {
			expect(existsSync(join(build.dist, 'services', service.name, 'index.html')), service.name).toBe(true);
			const html = readPage(build.dist, `services/${service.name}/`);
			expect(html).toContain(`href="/postmortems/${service.id}/"`);
			for (const other of services.filter((s) => s !== service)) {
				expect(html, `${service.name} lists ${other.id}`).not.toContain(`/postmortems/${other.id}/`);
				expect(mainText(html)).not.toContain(other.title);
			}
		}
		expect(existsSync(join(build.dist, 'services/service'))).toBe(false);
	});

	it('links each postmortem and the services index to those addresses', () => {
		const index = readPage(build.dist, 'services/');
		for (const service of services) {
			expect(index).toContain(`href="/services/${service.name}/"`);
			expect(readPage(build.dist, `postmortems/${service.id}/`)).toContain(`href="/services/${service.name}/"`);
		}
	});
});

describe('building two services that would share one address', () => {
	it('fails, naming both spellings and both files', async () => {
		const { code, output } = await buildFixture('service-collision');
		expect(code).not.toBe(0);
		expect(output).toContain('"Payments API"');
		expect(output).toContain('"payments-api"');
		expect(output).toContain('service-collision/content/postmortems/2024/api-outage.mdx');
		expect(output).toContain('service-collision/content/postmortems/2024/checkout-errors.mdx');
		expect(output).toContain('/services/payments-api/');
		expect(output).toMatch(/Spell them the same way if they are one service, or rename one/);
	});
});
