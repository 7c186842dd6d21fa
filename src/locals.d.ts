declare namespace App {
	interface Locals {
		/** Set by a postmortem's page while its body renders (components/BodySectionSlot.astro). */
		postmortemPage?: {
			view: import('./data').PostmortemView;
			/** The page's sections that a body heading has become, by that heading's place among the body's headings. */
			sectionAt: Record<number, import('./data').PostmortemPageSection>;
		};
	}
}
