/**
 * The environment every build of the site runs with: `npm run build` (src/cli/build.ts, which the
 * tests and the benchmark run too) starts `astro build` with it. It must be there when Node
 * starts, before Astro loads its native bundler and compiler; astro.config.mjs is too late.
 */
export const BUILD_ENV = {
	// The bundler and the compiler allocate with mimalloc, which by default gives freed memory back
	// to the system only when the thread that freed it allocates again. The bundler's threads go
	// idle once the pages are bundled and keep theirs through the whole render. Given back at once,
	// the build's peak memory at 1,000 postmortems is 1.49 GB instead of 1.72 GB.
	MIMALLOC_PURGE_DELAY: '0',
} as const;

/**
 * V8's settings for the build's Node, given on its command line before `astro.mjs`: Node refuses
 * them in NODE_OPTIONS.
 */
export const BUILD_NODE_FLAGS = [
	// After each full collection V8 lets the heap grow to up to four times what survived it before
	// collecting again. Rendering a page leaves mostly garbage, and what survives is small (about
	// 310 MB at 1,000 postmortems), so the build's memory was mostly garbage waiting: its peak was
	// 1.39 to 1.50 GB at 1,000 postmortems. Growing by half instead, the peak is 1.07 to 1.12 GB, and
	// the build takes no longer: collections more often, each of a smaller heap.
	'--heap-growing-percent=50',
] as const;
