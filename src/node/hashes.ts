/** The hashes the end-of-build steps compare and publish, in one place. */
import { createHash } from 'node:crypto';

/** Hex SHA-256 of bytes: how the leak guard recognises a file. */
export const sha256 = (bytes: Uint8Array) => createHash('sha256').update(bytes).digest('hex');

/** A Content-Security-Policy hash source of a text: `'sha256-…'`. */
export const cspHash = (text: string) => `'sha256-${createHash('sha256').update(text).digest('base64')}'`;
