/**
 * Where a postmortem body starts and ends in a built page: HTML comments that a body cannot write
 * itself (a `.md` body's comments are sanitized away, and MDX has no HTML comments), so that
 * end-of-build steps can tell the site's own markup from a body's.
 */
export const BODY_START = '<!--hindsight:body-->';
export const BODY_END = '<!--/hindsight:body-->';
