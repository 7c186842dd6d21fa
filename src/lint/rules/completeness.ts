/**
 * completeness: recommended parts a postmortem lacks (timeline, root-cause analysis, action items,
 * lessons, detection time), one warning each, with the score authors also see on the site.
 */
import { COMPLETENESS_PARTS, completeness, type CompletenessInput } from '../../lib/figures/completeness';
import type { RuleFinding } from '../finding';

export function completenessFindings(data: CompletenessInput, body: string): RuleFinding[] {
	const { score, missing } = completeness(data, body);
	return COMPLETENESS_PARTS.filter((part) => missing.includes(part.label)).map((part) => ({
		rule: 'completeness',
		offset: 0,
		message: `missing ${part.label}: ${part.hint} (completeness ${score}/100)`,
	}));
}
