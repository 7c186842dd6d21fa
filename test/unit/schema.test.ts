import { describe, expect, it } from 'vitest';
import { postmortemSchema, type PostmortemInput } from '../../src/lib/model/schema';
import { DEFAULT_ROOT_CAUSE_IDS } from '../../src/lib/model/taxonomy';

const schema = postmortemSchema({
	rootCauseIds: DEFAULT_ROOT_CAUSE_IDS,
	postmortemIds: new Set(['2024/db-failover', '2023/dns']),
});

/** The smallest frontmatter the contract accepts. */
const minimal = {
	title: 'Checkout outage',
	summary: 'Checkout failed for all customers for 20 minutes.',
	severity: 'SEV2',
	started: '2024-03-05T14:02:00Z',
	resolved: '2024-03-05T14:22:00Z',
	services: ['checkout-web'],
	impact: { description: 'Customers could not pay.' },
	rootCauses: ['config-change'],
} satisfies PostmortemInput;

/** Every optional field, valid. */
const full = {
	...minimal,
	detected: '2024-03-05T14:05:00Z',
	mitigated: '2024-03-05T14:15:00Z',
	impact: { description: 'Customers could not pay.', usersAffected: 1200, customerFacing: true, dataLoss: false },
	status: 'in-review',
	visibility: 'public',
	teams: ['payments'],
	authors: ['Ana'],
	reviewers: ['Bo'],
	tags: ['checkout'],
	trigger: 'Flag change',
	detection: 'alert',
	contributingFactors: [{ kind: 'process', description: 'No canary for flags.' }],
	timeline: [{ at: '2024-03-05T14:02:00Z', event: 'Flag flipped', kind: 'trigger' }, { at: '2024-03-05T14:10:00Z', event: 'No kind' }],
	lessons: [{ kind: 'lucky', text: 'Low traffic.', tags: ['timing'] }, { kind: 'went-well', text: 'Fast rollback.' }],
	actionItems: [
		{ title: 'Canary flags', type: 'prevent', owner: 'platform', status: 'done', due: '2024-04-01', link: 'https://example.com/1' },
		{ title: 'Train on-call', type: 'training', owner: 'sre' },
	],
	trainingGaps: [{ topic: 'Flags', audience: 'on-call', description: 'How flags roll out.' }],
	related: ['2024/db-failover'],
	onboarding: true,
};

type Case = [name: string, patch: Record<string, unknown>];

const accepted: Case[] = [
	['the minimal frontmatter', {}],
	['every optional field', full],
	['offsets', { started: '2024-03-05T19:32:00+05:30', resolved: '2024-03-05T14:22:00Z' }],
	['a datetime with no offset (UTC)', { started: '2024-03-05 14:00', resolved: '2024-03-05T14:00:00' }],
	['fractional seconds', { started: '2024-03-05T14:02:00.250Z' }],
	['resolved equal to started', { resolved: '2024-03-05T14:02:00Z' }],
	['a title of 200 characters', { title: 'x'.repeat(200) }],
	['a summary of 600 characters', { summary: 'x'.repeat(600) }],
	['every severity', { severity: 'SEV5' }],
	['usersAffected of 0', { impact: { description: 'x', usersAffected: 0 } }],
	['an http link', { actionItems: [{ title: 't', type: 'detect', owner: 'o', link: 'http://tickets.example.com/2' }] }],
	['every action status', { actionItems: ['open', 'in-progress', 'done', 'wont-do'].map((status) => ({ title: 't', type: 'process', owner: 'o', status })) }],
	['every detection method', { detection: 'third-party' }],
	['several root causes', { rootCauses: ['database', 'network', 'process-gap'] }],
	['empty optional lists', { teams: [], lessons: [], related: [] }],
];

const rejected: [name: string, patch: Record<string, unknown>, field: string, says: RegExp][] = [
	['a missing title', { title: undefined }, 'title', /expected a title/],
	['an empty title', { title: '' }, 'title', /1 to 200/],
	['a title of 201 characters', { title: 'x'.repeat(201) }, 'title', /1 to 200/],
	['a missing summary', { summary: undefined }, 'summary', /summary/],
	['a summary of 601 characters', { summary: 'x'.repeat(601) }, 'summary', /1 to 600/],
	['an unknown severity', { severity: 'SEV6' }, 'severity', /"SEV1", "SEV2"/],
	['a lower-case severity', { severity: 'sev1' }, 'severity', /expected one of/],
	['a missing started', { started: undefined }, 'started', /ISO 8601/],
	['a date where a datetime is due', { started: '2024-03-05' }, 'started', /ISO 8601/],
	['an impossible datetime', { started: '2024-02-30T10:00:00Z' }, 'started', /ISO 8601/],
	['a missing resolved', { resolved: undefined }, 'resolved', /ISO 8601/],
	['resolved before started', { resolved: '2024-03-05T14:00:00Z' }, 'resolved', /at or after started/],
	['detected before started', { detected: '2024-03-05T14:00:00Z' }, 'detected', /at or after started/],
	['detected after resolved', { detected: '2024-03-05T15:00:00Z' }, 'detected', /at or before resolved/],
	['mitigated before started', { mitigated: '2024-03-05T13:00:00Z' }, 'mitigated', /at or after started/],
	['mitigated after resolved', { mitigated: '2024-03-05T16:00:00Z' }, 'mitigated', /at or before resolved/],
	['mitigated before detected', { detected: '2024-03-05T14:10:00Z', mitigated: '2024-03-05T14:05:00Z' }, 'mitigated', /at or after detected/],
	['no services', { services: [] }, 'services', /at least one service/],
	['services as a string', { services: 'api' }, 'services', /list of service names/],
	['a missing impact', { impact: undefined }, 'impact', /expected/],
	['impact without description', { impact: { usersAffected: 3 } }, 'impact.description', /description/],
	['negative usersAffected', { impact: { description: 'x', usersAffected: -1 } }, 'impact.usersAffected', /whole number/],
	['fractional usersAffected', { impact: { description: 'x', usersAffected: 2.5 } }, 'impact.usersAffected', /whole number/],
	['customerFacing as text', { impact: { description: 'x', customerFacing: 'yes' } }, 'impact.customerFacing', /true or false/],
	['dataLoss as text', { impact: { description: 'x', dataLoss: 'no' } }, 'impact.dataLoss', /true or false/],
	['no root causes', { rootCauses: [] }, 'rootCauses', /at least one/],
	['an unknown root cause, listing the valid ids', { rootCauses: ['cosmic-rays'] }, 'rootCauses.0', /unknown root cause "cosmic-rays".*config-change, software-bug/],
	['an unknown status', { status: 'final' }, 'status', /"draft", "in-review", "published"/],
	['an unknown visibility', { visibility: 'secret' }, 'visibility', /"internal", "public"/],
	['teams as a string', { teams: 'payments' }, 'teams', /list of team names/],
	['an unknown detection', { detection: 'pager' }, 'detection', /"alert"/],
	['a factor of unknown kind', { contributingFactors: [{ kind: 'luck', description: 'x' }] }, 'contributingFactors.0.kind', /"technical"/],
	['a timeline entry without at', { timeline: [{ event: 'x' }] }, 'timeline.0.at', /ISO 8601/],
	['a timeline entry of unknown kind', { timeline: [{ at: '2024-03-05T14:02:00Z', event: 'x', kind: 'panic' }] }, 'timeline.0.kind', /"trigger"/],
	['a lesson of unknown kind', { lessons: [{ kind: 'meh', text: 'x' }] }, 'lessons.0.kind', /"went-well"/],
	['an action item without owner', { actionItems: [{ title: 't', type: 'prevent' }] }, 'actionItems.0.owner', /owner/],
	['an action item of unknown type', { actionItems: [{ title: 't', type: 'fix', owner: 'o' }] }, 'actionItems.0.type', /"mitigate"/],
	['an action item of unknown status', { actionItems: [{ title: 't', type: 'prevent', owner: 'o', status: 'closed' }] }, 'actionItems.0.status', /"wont-do"/],
	['a due date that is not a date', { actionItems: [{ title: 't', type: 'prevent', owner: 'o', due: 'next week' }] }, 'actionItems.0.due', /YYYY-MM-DD/],
	['a due datetime', { actionItems: [{ title: 't', type: 'prevent', owner: 'o', due: new Date('2024-04-01T10:00:00Z') }] }, 'actionItems.0.due', /YYYY-MM-DD/],
	['a javascript: link', { actionItems: [{ title: 't', type: 'prevent', owner: 'o', link: 'javascript:alert(1)' }] }, 'actionItems.0.link', /http/],
	['a relative link', { actionItems: [{ title: 't', type: 'prevent', owner: 'o', link: '/tickets/1' }] }, 'actionItems.0.link', /http/],
	['a training gap without topic', { trainingGaps: [{ audience: 'sre' }] }, 'trainingGaps.0.topic', /topic/],
	['a related id that exists nowhere', { related: ['2024/nope'] }, 'related.0', /no postmortem has the id "2024\/nope"/],
	['onboarding as text', { onboarding: 'yes' }, 'onboarding', /true or false/],
	['an unknown top-level field, with a suggestion', { severty: 'SEV1' }, '', /unknown field "severty" \(did you mean "severity"\?\)/],
	['an unknown nested field', { impact: { description: 'x', usersAfected: 3 } }, 'impact', /unknown field "usersAfected"/],
];

function parse(patch: Record<string, unknown>) {
	const input: Record<string, unknown> = { ...minimal, ...patch };
	for (const key of Object.keys(input)) if (input[key] === undefined) delete input[key];
	return schema.safeParse(input);
}

describe('postmortem schema', () => {
	it.each(accepted)('accepts %s', (_, patch) => {
		const result = parse(patch);
		expect(result.error?.issues ?? []).toEqual([]);
	});

	it.each(rejected)('rejects %s, naming the field', (_, patch, field, says) => {
		const result = parse(patch);
		expect(result.success).toBe(false);
		const issue = result.error!.issues.find((i) => i.path.join('.') === field);
		expect(issue, `issues: ${JSON.stringify(result.error!.issues)}`).toBeDefined();
		expect(issue!.message).toMatch(says);
	});

	it('fills the defaults of the contract', () => {
		const data = schema.parse(minimal);
		expect(data.status).toBe('published');
		expect(data.visibility).toBe('internal');
		expect(data.related).toEqual([]);
		expect(data.onboarding).toBe(false);
	});

	it('defaults an action item to open and keeps its due date as written', () => {
		const data = schema.parse({ ...minimal, actionItems: [{ title: 't', type: 'detect', owner: 'o', due: '2024-04-01' }] });
		expect(data.actionItems[0]).toMatchObject({ status: 'open', due: '2024-04-01' });
	});

	it('normalises related ids as written to postmortem ids', () => {
		const data = schema.parse({ ...minimal, related: ['/2024/DB-Failover/'] });
		expect(data.related).toEqual(['2024/db-failover']);
	});

	it('reads every datetime as an instant in UTC', () => {
		const data = schema.parse({ ...minimal, started: '2024-03-05T19:32:00+05:30', resolved: '2024-03-05 14:22' });
		expect(data.started.toISOString()).toBe('2024-03-05T14:02:00.000Z');
		expect(data.resolved.toISOString()).toBe('2024-03-05T14:22:00.000Z');
	});
});
