import { defineConfig } from 'vitest/config';

export default defineConfig({
	test: {
		include: ['test/**/*.test.ts'],
		// Build and browser tests build whole sites: give them room, and run files one at a time so
		// two Astro builds never compete for the machine's two cores.
		testTimeout: 20_000,
		hookTimeout: 600_000,
		fileParallelism: false,
	},
});
