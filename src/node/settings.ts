/**
 * Build settings read from the environment, in one place: which archive, which edition, which day.
 */
import { resolve } from 'node:path';

import type { Edition } from '../lib/model/archive';
import { toIsoDate } from '../lib/model/datetime';

export type { Edition };
type Env = Record<string, string | undefined>;

/** The folder holding `postmortems/` and `root-causes.yaml` (`HINDSIGHT_CONTENT_DIR`, default `./content`). */
export function contentDir(env: Env = process.env): string {
	return resolve(env.HINDSIGHT_CONTENT_DIR || 'content');
}

/** `EDITION=public` builds the public edition; anything else but `internal` is a mistake worth stopping for. */
export function edition(env: Env = process.env): Edition {
	const value = (env.EDITION ?? 'internal').trim().toLowerCase() || 'internal';
	if (value !== 'internal' && value !== 'public') {
		throw new Error(`EDITION must be "internal" or "public"; got "${env.EDITION}"`);
	}
	return value;
}

/**
 * The day "overdue" is measured against: today in UTC, or `HINDSIGHT_BUILD_DATE` (YYYY-MM-DD) for
 * reproducible builds and tests.
 */
export function buildDate(env: Env = process.env, now: Date = new Date()): string {
	const fixed = env.HINDSIGHT_BUILD_DATE?.trim();
	if (fixed) {
		if (!/^\d{4}-\d{2}-\d{2}$/.test(fixed)) {
			throw new Error(`HINDSIGHT_BUILD_DATE must be YYYY-MM-DD; got "${fixed}"`);
		}
		return fixed;
	}
	return toIsoDate(now);
}

/**
 * Whether drafts are shown: only by the dev server. The `hindsight` integration in
 * astro.config.mjs sets this from the Astro command itself, not from NODE_ENV or Vite's mode, so no
 * environment a build happens to run in can publish a draft.
 */
export const SHOW_DRAFTS_ENV = 'HINDSIGHT_SHOW_DRAFTS';

export function showDrafts(env: Env = process.env): boolean {
	return env[SHOW_DRAFTS_ENV] === 'dev';
}

/**
 * Where a postmortem's source can be edited: `HINDSIGHT_EDIT_URL` plus the file's path from the
 * top of the git work tree holding the content (from the project root outside one), e.g.
 * `https://github.com/acme/postmortems/edit/main/`. Unset: no edit links.
 */
export function editBaseUrl(env: Env = process.env): string | undefined {
	const value = env.HINDSIGHT_EDIT_URL?.trim();
	if (!value) return undefined;
	if (!/^https?:\/\//.test(value)) throw new Error(`HINDSIGHT_EDIT_URL must be an http(s) URL; got "${value}"`);
	return value.endsWith('/') ? value : `${value}/`;
}
