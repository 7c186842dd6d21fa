/** The aggregate figures of `/api/stats.json` (content contract, "JSON"), from the other figure modules. */
import { spread, type Spread } from './percentile';
import type { Postmortem } from '../model/postmortem';
import type { Severity } from '../model/schema';
import type { RootCause } from '../model/taxonomy';
import { countRootCauses, type RootCauseCount } from './causes';
import { groupTrainingGaps, type TrainingGapGroup } from './learning';
import { type ActionItemCounts, countActionItems } from './action-items';
import { countBySeverity, figuresByQuarter, type QuarterFigures, sumUsersAffected } from './counts';

export interface Stats {
	edition: string;
	count: number;
	bySeverity: Record<Severity, number>;
	durationMinutes: Spread;
	timeToDetectMinutes: Spread;
	timeToMitigateMinutes: Spread;
	usersAffected: number;
	rootCauses: RootCauseCount[];
	trainingGaps: Pick<TrainingGapGroup, 'topic' | 'count' | 'postmortems'>[];
	actionItems: ActionItemCounts;
	byQuarter: QuarterFigures[];
}

/** The aggregate figures of `/api/stats.json` (content contract, "JSON"). */
export function computeStats(
	postmortems: readonly Postmortem[],
	options: {
		edition: string;
		buildDate: string;
		rootCause: (id: string) => RootCause;
		/** The groups `/training/` shows, when already computed: one grouping serves both. */
		trainingGaps?: readonly TrainingGapGroup[];
	}
): Stats {
	return {
		edition: options.edition,
		count: postmortems.length,
		bySeverity: countBySeverity(postmortems),
		durationMinutes: spread(postmortems.map((pm) => pm.durationMinutes)),
		timeToDetectMinutes: spread(postmortems.map((pm) => pm.timeToDetectMinutes)),
		timeToMitigateMinutes: spread(postmortems.map((pm) => pm.timeToMitigateMinutes)),
		usersAffected: sumUsersAffected(postmortems),
		rootCauses: countRootCauses(postmortems, options.rootCause),
		trainingGaps: (options.trainingGaps ?? groupTrainingGaps(postmortems)).map(({ topic, count, postmortems: ids }) => ({
			topic,
			count,
			postmortems: ids,
		})),
		actionItems: countActionItems(postmortems, options.buildDate),
		byQuarter: figuresByQuarter(postmortems),
	};
}
