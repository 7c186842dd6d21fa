/** Postmortem ids: the path below `content/postmortems/`, without the extension, lower-cased. */

export const POSTMORTEM_EXTENSIONS = /\.(md|mdx)$/i;

/**
 * The id of a postmortem from its path below the postmortems folder. NFC, because macOS writes
 * accented file names decomposed: the same file would otherwise have another id, and another
 * address, when built there.
 */
export function postmortemIdFromPath(relativePath: string): string {
	return relativePath.replace(/\\/g, '/').replace(POSTMORTEM_EXTENSIONS, '').normalize('NFC').toLowerCase();
}
