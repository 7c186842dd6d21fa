/**
 * placeholders: a postmortem that is not a draft and still holds what `npm run new` or
 * `npm run import` left for a person to write (TODO text, the placeholder service, every timestamp
 * the same, a `needsReview` mark). One error each, on the field's line; the build refuses the same
 * file with the same words (`src/lib/checks/placeholders.ts` decides for both).
 *
 * to-do: the same placeholders in a draft, as warnings: what is left to write before it leaves
 * draft, which a draft may keep until then.
 */
import { findPlaceholders, placeholderFindings, type PlaceholderInput } from '../../lib/checks/placeholders';
import { fieldColumn, fieldName } from '../../lib/model/postmortem-source';
import type { PostmortemDocument } from '../document';
import type { RuleFinding } from '../finding';

export function placeholders(doc: PostmortemDocument, data: PlaceholderInput): RuleFinding[] {
	const draft = data.status === 'draft';
	return (draft ? findPlaceholders(data) : placeholderFindings(data)).map((found) => {
		const line = doc.locate(found.path);
		// At the field's first character, so an editor lands on its name.
		const offset = line ? doc.toOffset({ line, column: fieldColumn(doc.text.split('\n')[line - 1] ?? '') }) : 0;
		return {
			rule: draft ? 'to-do' : 'placeholders',
			offset,
			message: `${fieldName(found.path)}: ${found.message}${draft ? ' before the status leaves draft' : ''}`,
		};
	});
}
