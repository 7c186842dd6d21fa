/**
 * What a postmortem's page says under its title, to be grasped in seconds: how bad, how long, who
 * was hit, what is left to do. Values that the postmortem does not state are left out here and
 * named in its facts panel instead (`facts.ts`).
 */
import { countItems, unfinished } from '../figures/action-items';
import type { Postmortem } from '../model/postmortem';
import type { Severity } from '../model/schema';
import { serviceSlug } from '../model/slugs';
import { formatCount, formatMinutes } from './format';
import { STATUS_LABELS } from './labels';
import { serviceUrl } from './urls';

export interface GlanceItem {
	/** What the item is about, for styling and tests: `duration`, `overdue`… */
	key: string;
	/** Muted words before the values, when the values alone would not say what they are. */
	label?: string;
	/** Read together, separated by commas. */
	values: GlanceValue[];
	href?: string;
}

export interface GlanceValue {
	text: string;
	/** A value a reader should not miss: data lost, actions overdue. */
	alarm?: boolean;
}

export interface Glance {
	severity: Severity;
	items: GlanceItem[];
	/** `Service` or `Services`. */
	servicesLabel: string;
	services: { text: string; href: string }[];
}

/** Where the strip's action-item figures lead: the page's own action-item list. */
export interface GlanceOptions {
	buildDate: string;
	actionsHref?: string | undefined;
}

export function glance(pm: Postmortem, { buildDate, actionsHref }: GlanceOptions): Glance {
	const items: GlanceItem[] = [];
	const add = (key: string, label: string | undefined, ...values: GlanceValue[]) =>
		items.push({ key, ...(label ? { label } : {}), values });
	add('status', undefined, { text: STATUS_LABELS[pm.status] });
	add('duration', 'Duration', { text: formatMinutes(pm.durationMinutes) });
	if (pm.timeToDetectMinutes !== null) add('detect', 'Time to detect', { text: formatMinutes(pm.timeToDetectMinutes) });
	if (pm.timeToMitigateMinutes !== null) add('mitigate', 'Time to mitigate', { text: formatMinutes(pm.timeToMitigateMinutes) });

	const { usersAffected, customerFacing, dataLoss } = pm.impact;
	if (usersAffected !== undefined) add('users', 'Users affected', { text: formatCount(usersAffected) });
	if (customerFacing !== undefined) add('customer-facing', undefined, { text: customerFacing ? 'Customer-facing' : 'Not customer-facing' });
	if (dataLoss !== undefined) add('data-loss', undefined, dataLoss ? { text: 'Data lost', alarm: true } : { text: 'No data loss' });

	const counts = countItems(pm.actionItems, buildDate);
	const left = unfinished(counts);
	if (counts.total === 0) add('actions', undefined, { text: 'No action items' });
	else {
		add(
			'actions',
			'Action items',
			left === 0 ? { text: `all ${formatCount(counts.total)} closed` } : { text: `${formatCount(left)} not done` },
			...(counts.overdue > 0 ? [{ text: `${formatCount(counts.overdue)} overdue`, alarm: true }] : [])
		);
	}

	return linkActionItems(
		{
			severity: pm.severity,
			items,
			servicesLabel: pm.services.length === 1 ? 'Service' : 'Services',
			services: pm.services.map((name) => ({ text: name, href: serviceUrl(serviceSlug(name)) })),
		},
		actionsHref
	);
}

/**
 * The strip with its action-item figures leading to the page's list of them, once the page's
 * outline has given that list its id. "No action items" (the one actions item without a label)
 * leads nowhere.
 */
export function linkActionItems(strip: Glance, href: string | undefined): Glance {
	if (!href) return strip;
	return { ...strip, items: strip.items.map((item) => (item.key === 'actions' && item.label !== undefined ? { ...item, href } : item)) };
}
