/**
 * Pagefind's index of a built site, written the way Starlight 0.42 writes it at the end of a build
 * (`integrations/pagefind.ts`: one index, the whole output folder, into `pagefind/`). Here it runs
 * in `npm run build`'s own small process once the build process has exited: see
 * src/cli/build.ts for why.
 */
import { join } from 'node:path';
import * as pagefind from 'pagefind';

type Log = (message: string) => void;

function checked<T extends { errors: string[] }>(response: T): T {
	if (response.errors.length > 0) throw new Error(`Pagefind: ${response.errors.join('; ')}`);
	return response;
}

/** Indexes every HTML page in `outDir` into `outDir/pagefind/`. */
export async function writeSearchIndex(outDir: string, log: Log): Promise<void> {
	const started = performance.now();
	log('Building search index with Pagefind...');
	try {
		const { index } = checked(await pagefind.createIndex());
		if (!index) throw new Error('Pagefind: no index was created.');
		const { page_count } = checked(await index.addDirectory({ path: outDir }));
		log(`Found ${page_count} HTML files.`);
		checked(await index.writeFiles({ outputPath: join(outDir, 'pagefind') }));
		log(`Finished building search index in ${((performance.now() - started) / 1000).toFixed(2)}s.`);
	} finally {
		await pagefind.close();
	}
}
