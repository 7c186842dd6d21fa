import { defineConfig } from 'vitest/config';

export default defineConfig({
	test: {
		projects: [
			{
				// Pure code and small files on disk: seconds, files in parallel (`npm run test:unit`).
				test: { name: 'unit', include: ['test/unit/**/*.test.ts'], testTimeout: 20_000 },
			},
			{
				// Build and browser tests build whole sites: give them room, and run files one at a time
				// so two Astro builds never compete for the machine's two cores.
				test: {
					name: 'site',
					include: ['test/build/**/*.test.ts', 'test/e2e/**/*.test.ts'],
					testTimeout: 20_000,
					hookTimeout: 600_000,
					fileParallelism: false,
				},
			},
		],
	},
});
