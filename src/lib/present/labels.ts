/** Words people read for the contract's enum values. */
import type {
	ACTION_STATUSES,
	ACTION_TYPES,
	DETECTION_METHODS,
	FACTOR_KINDS,
	LESSON_KINDS,
	Severity,
	STATUSES,
	TIMELINE_KINDS,
	VISIBILITIES,
} from '../model/schema';
import type { LEDGER_SECTIONS } from '../figures/action-items';
import type { LinkDirection } from '../model/links';

/** A label for every value of an enum, so that a new value cannot go unlabelled. */
type LabelsOf<T extends readonly string[]> = Record<T[number], string>;

export const SEVERITY_LABELS: Record<Severity, string> = {
	SEV1: 'SEV1 · critical',
	SEV2: 'SEV2 · major',
	SEV3: 'SEV3 · moderate',
	SEV4: 'SEV4 · minor',
	SEV5: 'SEV5 · low',
};

export const STATUS_LABELS: LabelsOf<typeof STATUSES> = {
	draft: 'Draft',
	'in-review': 'In review',
	published: 'Published',
};

export const VISIBILITY_LABELS: LabelsOf<typeof VISIBILITIES> = {
	internal: 'Internal',
	public: 'Public',
};

/** Which way a link between two postmortems points, read from the page of the one listing it. */
export const LINK_DIRECTION_LABELS: Record<LinkDirection, string> = {
	to: 'referred to here',
	from: 'refers to this one',
	both: 'each refers to the other',
};

/** The words of a similar incident's reasons: "Both: Database (cause), payments-api (service); terms: restore, backup". */
export const SIMILAR_REASON_LABELS = {
	both: 'Both',
	cause: 'cause',
	service: 'service',
	trigger: 'trigger',
	terms: 'terms',
} as const;

export const LESSON_LABELS: LabelsOf<typeof LESSON_KINDS> = {
	'went-well': 'What went well',
	'went-wrong': 'What went wrong',
	lucky: 'Where we got lucky',
};

/** The line under each kind's heading on the lessons pages. */
export const LESSON_INTROS: LabelsOf<typeof LESSON_KINDS> = {
	'went-well': 'Practices and tools that helped: keep them.',
	'went-wrong': 'What made the incident worse or longer.',
	lucky: 'The near-miss register: what saved us this time and might not next time.',
};

/** A kind as the end of a sentence: "every lesson on what went well". */
export const LESSON_TOPICS: LabelsOf<typeof LESSON_KINDS> = {
	'went-well': 'what went well',
	'went-wrong': 'what went wrong',
	lucky: 'where we got lucky',
};

export const FACTOR_LABELS: LabelsOf<typeof FACTOR_KINDS> = {
	technical: 'Technical',
	process: 'Process',
	human: 'Human',
	external: 'External',
};

export const TIMELINE_LABELS: LabelsOf<typeof TIMELINE_KINDS> = {
	trigger: 'Trigger',
	detection: 'Detection',
	escalation: 'Escalation',
	mitigation: 'Mitigation',
	resolution: 'Resolution',
	communication: 'Communication',
	other: 'Event',
};

export const ACTION_TYPE_LABELS: LabelsOf<typeof ACTION_TYPES> = {
	mitigate: 'Mitigate',
	prevent: 'Prevent',
	detect: 'Detect',
	process: 'Process',
	documentation: 'Documentation',
	communication: 'Communication',
	training: 'Training',
};

export const ACTION_STATUS_LABELS: LabelsOf<typeof ACTION_STATUSES> = {
	open: 'Open',
	'in-progress': 'In progress',
	done: 'Done',
	'wont-do': "Won't do",
};

/**
 * The words for action-item counts, each with one meaning on every page: "Open" is the status
 * `open` alone (not started); "Not done" is open and in progress together. Pages, the home page's
 * figures and the ledger's headings all say these, never "open" for "not done".
 */
export const ACTION_COUNT_LABELS = {
	total: 'Action items',
	notDone: 'Not done',
	open: ACTION_STATUS_LABELS.open,
	inProgress: ACTION_STATUS_LABELS['in-progress'],
	overdue: 'Overdue',
	done: ACTION_STATUS_LABELS.done,
	wontDo: ACTION_STATUS_LABELS['wont-do'],
	completionRate: 'Completion rate',
} as const;

/** What each count means, said where the counts are shown. */
export const ACTION_COUNT_DEFINITIONS: { term: string; meaning: string; beforeBuildDate?: true }[] = [
	{ term: ACTION_COUNT_LABELS.notDone, meaning: 'open (not started) or in progress' },
	{ term: ACTION_COUNT_LABELS.overdue, meaning: 'not done, with a due date before', beforeBuildDate: true },
	{ term: ACTION_COUNT_LABELS.completionRate, meaning: "done, out of every item except won't-do" },
];

/** The ledger's sections (`figures/action-items.ts`). */
export const LEDGER_SECTION_LABELS: LabelsOf<typeof LEDGER_SECTIONS> = {
	overdue: ACTION_COUNT_LABELS.overdue,
	'not-done': `${ACTION_COUNT_LABELS.notDone}, not overdue`,
	done: ACTION_COUNT_LABELS.done,
	'wont-do': ACTION_COUNT_LABELS.wontDo,
};

export const DETECTION_LABELS: LabelsOf<typeof DETECTION_METHODS> = {
	alert: 'Alert',
	'customer-report': 'Customer report',
	'internal-report': 'Internal report',
	'automated-test': 'Automated test',
	'third-party': 'Third party',
	other: 'Other',
};

export const ACTION_STATUS_BADGE = {
	open: 'caution',
	'in-progress': 'note',
	done: 'success',
	'wont-do': 'default',
} as const satisfies LabelsOf<typeof ACTION_STATUSES>;
