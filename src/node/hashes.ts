/** The hashes the build compares and publishes, in one place. */
import { createHash } from 'node:crypto';

/** Hex SHA-256 of bytes: how the leak guard recognises a file. */
export const sha256 = (bytes: Uint8Array) => createHash('sha256').update(bytes).digest('hex');

/** Hex SHA-256 of a text's UTF-8 bytes: how a page's cache key is made (`lib/present/cache-keys.ts`). */
export const sha256Text = (text: string) => createHash('sha256').update(text, 'utf8').digest('hex');

/** A Content-Security-Policy hash source of a text: `'sha256-…'`. */
export const cspHash = (text: string) => `'sha256-${createHash('sha256').update(text).digest('base64')}'`;
