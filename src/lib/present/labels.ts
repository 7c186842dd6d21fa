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
} from '../model/schema';

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

export const LESSON_LABELS: LabelsOf<typeof LESSON_KINDS> = {
	'went-well': 'What went well',
	'went-wrong': 'What went wrong',
	lucky: 'Where we got lucky',
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

export const DETECTION_LABELS: LabelsOf<typeof DETECTION_METHODS> = {
	alert: 'Alert',
	'customer-report': 'Customer report',
	'internal-report': 'Internal report',
	'automated-test': 'Automated test',
	'third-party': 'Third party',
	other: 'Other',
};

/** Starlight `<Badge>` variants, worst severity loudest. */
export const SEVERITY_BADGE = {
	SEV1: 'danger',
	SEV2: 'caution',
	SEV3: 'note',
	SEV4: 'default',
	SEV5: 'success',
} as const satisfies Record<Severity, string>;

export const ACTION_STATUS_BADGE = {
	open: 'caution',
	'in-progress': 'note',
	done: 'success',
	'wont-do': 'default',
} as const satisfies LabelsOf<typeof ACTION_STATUSES>;
