import { SITE_PAGES } from '../../src/routes';

/** One page of every type: the site's own pages (`src/routes.ts`), and one of each generated kind. */
export const PAGE_TYPES: Record<string, string> = {
	...Object.fromEntries(SITE_PAGES.filter((p) => p.example.endsWith('/') || p.example.includes('?')).map((p) => [p.label, p.example])),
	postmortem: '/postmortems/2021/facebook-bgp/',
	'postmortem in review': '/postmortems/2024/payments-retry-storm/',
	'root cause': '/root-causes/network/',
	'lessons of a kind': '/lessons/went-wrong/',
	'lesson tag': '/lessons/tags/blast-radius/',
	'training topic': '/training/topics/safe-configuration-rollout/',
	'onboarding choices': '/training/onboarding/',
	service: '/services/github-com/',
	'action-item owner': '/action-items/owners/site-reliability-engineering/',
	'action-item type': '/action-items/types/prevent/',
	'overdue action items': '/action-items/overdue/',
	'not found': '/no-such-page/',
};
