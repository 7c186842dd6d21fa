/**
 * Every page passes here as it is rendered: an HTML page leaves with its Content-Security-Policy
 * completed. Done while rendering rather than over `dist/` after the build, it costs nothing for a
 * page an incremental build copies from the last one, whose stored copy is already complete.
 * Keep the work in `completePage`, where Astro sees changes to it.
 */
import { defineMiddleware } from 'astro:middleware';
import { completePage } from './data';

export const onRequest = defineMiddleware(async (_context, next) => {
	const response = await next();
	if (!response.headers.get('content-type')?.startsWith('text/html')) return response;
	return new Response(completePage(await response.text()), response);
});
