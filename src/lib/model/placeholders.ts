/**
 * The marks a generated file leaves where a person still has to write: `npm run new` (the scaffold)
 * and `npm run import` (the importer) write them, and the linter and the build refuse a postmortem
 * that is not a draft and still holds one. One definition, so what one writes the other finds.
 */

/** Text a person still has to replace begins with this word (`"TODO: who was affected"`). */
export const PLACEHOLDER_WORD = 'TODO';

/** The service named when none was given; no real service is called this. */
export const PLACEHOLDER_SERVICE = 'unknown-service';

/**
 * Fields whose value a tool guessed (the importer's root cause, suggested from keywords): listed in
 * the optional `needsReview` field until a person has checked them and removed the mark.
 */
export const REVIEWABLE_FIELDS = [
	'title',
	'summary',
	'severity',
	'started',
	'detected',
	'mitigated',
	'resolved',
	'services',
	'impact',
	'rootCauses',
	'trigger',
	'detection',
	'timeline',
	'actionItems',
	'lessons',
] as const;
