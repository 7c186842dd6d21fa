/**
 * The sidebar: fixed links to the archive and the knowledge pages. Listing every postmortem here
 * would make every page O(N) and the build O(N²). The benchmark's bare site uses it too, so both
 * sites carry the same navigation.
 */
export const SIDEBAR = [
	{ label: 'Home', link: '/' },
	{ label: 'Postmortems', link: '/postmortems/' },
	{
		label: 'Learning',
		items: [
			{ label: 'Root causes', link: '/root-causes/' },
			{ label: 'Lessons learned', link: '/lessons/' },
			{ label: 'Training and onboarding', link: '/training/' },
			{ label: 'Action items', link: '/action-items/' },
			{ label: 'Services', link: '/services/' },
			{ label: 'Trends', link: '/trends/' },
		],
	},
	{
		label: 'Guides',
		items: [
			{ label: 'Writing a postmortem', link: '/guides/writing-a-postmortem/' },
			{ label: 'The content format', link: '/guides/content-format/' },
		],
	},
];
