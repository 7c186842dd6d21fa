/** Completes the Content-Security-Policy of every page of a built site (see `lib/checks/csp.ts`). */
import { readFileSync, readdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { completeCsp } from '../lib/checks/csp';
import { cspHash } from '../node/hashes';

export function completeSiteCsp(outDir: string): void {
	for (const name of readdirSync(outDir, { recursive: true, encoding: 'utf8' })) {
		if (!name.endsWith('.html')) continue;
		const html = readFileSync(join(outDir, name), 'utf8');
		const completed = completeCsp(html, cspHash);
		if (completed !== html) writeFileSync(join(outDir, name), completed);
	}
}
