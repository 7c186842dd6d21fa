/** The files a postmortem's body refers to (images and the like), found as the bundler finds them. */
import { existsSync, realpathSync, statSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { assetReferences } from '../lib/model/body-references';

const POSTMORTEM_FILE = /\.mdx?$/i;

/** The existing files the body of the postmortem at `path` refers to, by real path (other postmortems aside). */
export function bodyFiles(path: string, body: string): string[] {
	return assetReferences(body)
		.map((ref) => resolve(dirname(path), ref))
		.filter((file) => !POSTMORTEM_FILE.test(file) && existsSync(file) && statSync(file).isFile())
		.map((file) => realpathSync(file));
}
