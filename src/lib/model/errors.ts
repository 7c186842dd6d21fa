/**
 * An error in the content a team wrote, as opposed to a bug in Hindsight: it names the file, the
 * field and what was expected, so the author can fix it without reading a stack trace.
 */
export class ContentError extends Error {
	constructor(
		readonly file: string,
		readonly field: string,
		readonly expected: string
	) {
		super(`${file}: ${field}: ${expected}`);
		this.name = 'ContentError';
	}
}
