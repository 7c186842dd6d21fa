/**
 * Build settings read from the environment, in one place: which archive, which edition, which day.
 * The integration reads them once and hands them to the content layer and the pages as the virtual
 * module `virtual:hindsight/settings` (see `readSettings`).
 */
import { join, resolve } from 'node:path';

import type { Edition } from '../lib/model/archive';
import { toIsoDate } from '../lib/model/datetime';

export type { Edition };
type Env = Record<string, string | undefined>;

/** The folder holding `postmortems/`, `root-causes.yaml` and maybe `owners.yaml` (`HINDSIGHT_CONTENT_DIR`, default `./content`). */
export function contentDir(env: Env = process.env): string {
	return resolve(env.HINDSIGHT_CONTENT_DIR || 'content');
}

/**
 * Where builds keep what the next build reuses (`HINDSIGHT_CACHE_DIR`, default
 * `./node_modules/.astro`): Astro's content layer and incremental-build cache, one folder per
 * archive and edition inside it.
 */
export function cacheDir(env: Env = process.env): string {
	return resolve(env.HINDSIGHT_CACHE_DIR || 'node_modules/.astro');
}

/** Where a content folder keeps its postmortems. */
export function postmortemsDir(contentDir: string): string {
	return join(contentDir, 'postmortems');
}

/** Where a content folder keeps its root-cause taxonomy. */
export function taxonomyFile(contentDir: string): string {
	return join(contentDir, 'root-causes.yaml');
}

/** Where a content folder may keep owners' display names (optional). */
export function ownersFile(contentDir: string): string {
	return join(contentDir, 'owners.yaml');
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

/** What one build or dev server runs with. */
export interface Settings {
	contentDir: string;
	edition: Edition;
	/** Drafts are shown by the dev server alone. */
	includeDrafts: boolean;
	buildDate: string;
	editBaseUrl: string | undefined;
}

/**
 * The settings of one Astro command. Whether drafts show is decided by the command itself, not by
 * NODE_ENV or Vite's mode, so that no environment a build happens to run in can publish a draft.
 */
export function readSettings(command: string, env: Env = process.env): Settings {
	return {
		contentDir: contentDir(env),
		edition: edition(env),
		includeDrafts: command === 'dev',
		buildDate: buildDate(env),
		editBaseUrl: editBaseUrl(env),
	};
}
