/**
 * Placeholders left in a postmortem that is about to be published: the marks `npm run new` and
 * `npm run import` leave where a person still has to write (`placeholders.ts`). A draft may keep
 * them; any other status may not, so neither the linter nor the build lets one reach readers.
 *
 * What counts, precisely:
 * - a text field whose value begins with the placeholder word followed by `:` or nothing else
 *   (`TODO`, `TODO: who was affected`; not `TODO list app down`, where the word is the subject);
 *   the fields are the ones a person writes: title, summary, impact.description, trigger, every
 *   timeline event, contributing factor, lesson, action item (title and owner) and training gap;
 * - the placeholder service among `services`;
 * - every timestamp the same instant: started, resolved, detected and mitigated (when given) and
 *   every timeline entry, which is what the scaffold writes before anyone knows the times;
 * - a `needsReview` list that is not empty: a tool's guess no person has checked yet.
 */
import { PLACEHOLDER_SERVICE, PLACEHOLDER_WORD } from '../model/placeholders';
import type { PostmortemData } from '../model/schema';

/** One placeholder: where it sits (a frontmatter path) and what the author has to do. */
export interface PlaceholderFinding {
	path: (string | number)[];
	message: string;
}

/** The data the check reads: validated frontmatter. */
export type PlaceholderInput = Pick<
	PostmortemData,
	| 'status'
	| 'title'
	| 'summary'
	| 'impact'
	| 'trigger'
	| 'services'
	| 'started'
	| 'detected'
	| 'mitigated'
	| 'resolved'
	| 'timeline'
	| 'contributingFactors'
	| 'lessons'
	| 'actionItems'
	| 'trainingGaps'
	| 'needsReview'
>;

const PLACEHOLDER_TEXT = new RegExp(String.raw`^\s*${PLACEHOLDER_WORD}\s*(?::|$)`);

/** Whether a text value is still the placeholder (`TODO`, `TODO: …`). */
export function isPlaceholderText(value: string | undefined): boolean {
	return value !== undefined && PLACEHOLDER_TEXT.test(value);
}

/**
 * Every placeholder a postmortem holds, whatever its status, in frontmatter order: what is left to
 * write. Each message says what to do; {@link placeholderFindings} adds that a draft may wait.
 */
export function findPlaceholders(pm: Omit<PlaceholderInput, 'status'>): PlaceholderFinding[] {
	const found: PlaceholderFinding[] = [];
	const text = (path: (string | number)[], value: string | undefined) => {
		if (isPlaceholderText(value)) found.push({ path, message: `still the placeholder "${value!.trim()}"; write the real text` });
	};

	text(['title'], pm.title);
	text(['summary'], pm.summary);
	const service = pm.services.indexOf(PLACEHOLDER_SERVICE);
	if (service !== -1) {
		found.push({ path: ['services', service], message: `"${PLACEHOLDER_SERVICE}" is the placeholder service; name the services affected` });
	}

	const times = [pm.started, pm.resolved, pm.detected, pm.mitigated, ...pm.timeline.map((entry) => entry.at)].filter(
		(time): time is Date => time !== undefined
	);
	if (times.every((time) => time.getTime() === pm.started.getTime())) {
		found.push({
			path: ['started'],
			message:
				`every timestamp is ${pm.started.toISOString()} (started, resolved${pm.detected ? ', detected' : ''}` +
				`${pm.mitigated ? ', mitigated' : ''}${pm.timeline.length ? ' and the timeline' : ''}), the placeholder a new file starts with; ` +
				'give when impact began, was detected, mitigated and ended',
		});
	}

	text(['impact', 'description'], pm.impact.description);
	text(['trigger'], pm.trigger);
	pm.timeline.forEach((entry, i) => text(['timeline', i, 'event'], entry.event));
	pm.contributingFactors.forEach((factor, i) => text(['contributingFactors', i, 'description'], factor.description));
	pm.lessons.forEach((lesson, i) => text(['lessons', i, 'text'], lesson.text));
	pm.actionItems.forEach((item, i) => {
		text(['actionItems', i, 'title'], item.title);
		text(['actionItems', i, 'owner'], item.owner);
	});
	pm.trainingGaps.forEach((gap, i) => {
		text(['trainingGaps', i, 'topic'], gap.topic);
		text(['trainingGaps', i, 'audience'], gap.audience);
		text(['trainingGaps', i, 'description'], gap.description);
	});

	if (pm.needsReview.length) {
		const one = pm.needsReview.length === 1;
		found.push({
			path: ['needsReview'],
			message: `a tool guessed ${pm.needsReview.join(', ')} and no one has checked ${one ? 'it' : 'them'}: check ${one ? 'the value' : 'each value'}, then remove needsReview`,
		});
	}
	return found;
}

/** The placeholders that stop a postmortem from being built: any, unless it is a draft. */
export function placeholderFindings(pm: PlaceholderInput): PlaceholderFinding[] {
	if (pm.status === 'draft') return [];
	return findPlaceholders(pm).map((found) => ({ ...found, message: `${found.message}, or keep \`status: draft\` until it is` }));
}
