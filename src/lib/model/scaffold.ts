/**
 * A new postmortem file: valid frontmatter that passes the schema as a draft, and a body with the
 * recommended sections, each with one line of guidance.
 */
import { toIsoDateTime } from './datetime';
import { PLACEHOLDER_SERVICE } from './placeholders';

/** `Payments API outage: 502s` → `payments-api-outage-502s`. */
export function slugify(title: string): string {
	return (
		title
			.normalize('NFKD')
			.replace(/[\u0300-\u036f]/g, '')
			.toLowerCase()
			.replace(/[^a-z0-9]+/g, '-')
			.replace(/^-+|-+$/g, '')
			.slice(0, 80)
			.replace(/-+$/, '') || 'postmortem'
	);
}

export const RECOMMENDED_SECTIONS: [heading: string, guidance: string][] = [
	['Incident description', 'What happened, to whom, and for how long, in a few sentences a newcomer can follow.'],
	['Timeline', 'The story in order: what people saw, knew and decided at each point (key moments also go in `timeline` above).'],
	['Contributing factors', 'Technical, process, human and external conditions that made it possible or worse; systems, not people.'],
	['Technical analysis', 'How the failure worked: the mechanism, with graphs, logs or commands where they help.'],
	['Impact assessment', 'Who was affected, how badly, for how long; customers, data, revenue, other teams.'],
	['Root cause analysis', 'Why it happened and why it made sense at the time; name the causes in `rootCauses` too.'],
	['Immediate actions and resolution', 'What stopped the bleeding and what restored service.'],
	['Follow-up and preventive measures', 'The action items above, and why they address the causes.'],
	['Lessons learned', 'What went well, what went wrong, and where we got lucky.'],
	['Documentation updates', 'Runbooks, dashboards and docs that changed or need to.'],
	['Communication improvements', 'How we told customers and colleagues, and what to do differently.'],
	['Training', 'Skills or knowledge the incident showed we need; list them in `trainingGaps`.'],
];

const quote = (text: string) => JSON.stringify(text);

/** The file's text. `now` is the draft's placeholder start and end time. */
export function scaffoldPostmortem(title: string, now: Date, rootCauseId: string): string {
	const at = toIsoDateTime(new Date(Math.floor(now.getTime() / 60_000) * 60_000));
	return `---
# A draft: shown by \`npm run dev\` only, never built. See /guides/writing-a-postmortem/.
title: ${quote(title)}
summary: "TODO: what happened, to whom, for how long."
severity: SEV3
status: draft
visibility: internal
started: ${at} # when impact began (UTC, or give an offset)
detected: ${at}
mitigated: ${at}
resolved: ${at} # when impact ended
services: [${PLACEHOLDER_SERVICE}] # TODO: the services affected
impact:
  description: "TODO: who was affected and how."
  customerFacing: false
  dataLoss: false
rootCauses: [${rootCauseId}] # TODO: ids from content/root-causes.yaml
teams: []
authors: []
reviewers: []
tags: []
timeline:
  - at: ${at}
    event: "TODO: what happened first"
    kind: trigger
contributingFactors: []
lessons: []
actionItems: []
trainingGaps: []
related: []
---

${RECOMMENDED_SECTIONS.map(([heading, guidance]) => `## ${heading}\n\n_${guidance}_\n`).join('\n')}`;
}
