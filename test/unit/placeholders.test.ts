import { describe, expect, it } from 'vitest';
import { isPlaceholderText, placeholderFindings, type PlaceholderInput } from '../../src/lib/checks/placeholders';
import { scaffoldPostmortem } from '../../src/lib/model/scaffold';
import { parseFrontmatter, splitFrontmatter } from '../../src/lib/model/frontmatter';
import { postmortemSchema } from '../../src/lib/model/schema';

const at = (time: string) => new Date(`2024-05-01T${time}:00Z`);

function postmortem(overrides: Partial<PlaceholderInput> = {}): PlaceholderInput {
	return {
		status: 'published',
		title: 'Checkout outage',
		summary: 'Checkout failed for an hour.',
		impact: { description: 'No one could pay.' },
		trigger: 'A config push',
		services: ['shop'],
		started: at('10:00'),
		detected: at('10:05'),
		mitigated: undefined,
		resolved: at('11:00'),
		timeline: [{ at: at('10:00'), event: 'Config push lands' }],
		contributingFactors: [],
		lessons: [],
		actionItems: [],
		trainingGaps: [],
		needsReview: [],
		...overrides,
	};
}

const paths = (pm: PlaceholderInput) => placeholderFindings(pm).map((found) => found.path.join('.'));

describe('placeholder text', () => {
	it('is the placeholder word alone or followed by a colon', () => {
		for (const value of ['TODO', 'TODO: who was affected', '  TODO :', 'TODO:']) expect(isPlaceholderText(value)).toBe(true);
	});

	it('is not text that only starts with the word, mentions it, or is another case', () => {
		for (const value of ['TODO list app outage', 'TODOs piled up', 'The TODO: later', 'todo: lower case', 'Done', undefined]) {
			expect(isPlaceholderText(value)).toBe(false);
		}
	});
});

describe('placeholders in a postmortem', () => {
	it('finds none in a finished one', () => {
		expect(placeholderFindings(postmortem())).toEqual([]);
	});

	it('finds each kind, at its field', () => {
		const pm = postmortem({
			summary: 'TODO: what happened',
			services: ['shop', 'unknown-service'],
			lessons: [{ kind: 'lucky', text: 'TODO', tags: [] }],
			actionItems: [{ title: 'Add a canary', type: 'prevent', owner: 'TODO', status: 'open' }],
			trainingGaps: [{ topic: 'Rollouts', description: 'TODO: why' }],
			needsReview: ['rootCauses', 'severity'],
		});
		expect(paths(pm)).toEqual([
			'summary',
			'services.1',
			'lessons.0.text',
			'actionItems.0.owner',
			'trainingGaps.0.description',
			'needsReview',
		]);
		expect(placeholderFindings(pm).at(-1)?.message).toMatch(/^a tool guessed rootCauses, severity and no one has checked them/);
	});

	it('finds every timestamp equal, timeline included, but not two that differ', () => {
		const same = { started: at('10:00'), detected: at('10:00'), resolved: at('10:00'), timeline: [{ at: at('10:00'), event: 'Push' }] };
		expect(paths(postmortem(same))).toEqual(['started']);
		expect(paths(postmortem({ ...same, timeline: [{ at: at('10:30'), event: 'Push' }] }))).toEqual([]);
		expect(paths(postmortem({ ...same, detected: at('10:01') }))).toEqual([]);
	});

	it('lets a draft keep them all', () => {
		expect(placeholderFindings(postmortem({ status: 'draft', title: 'TODO', needsReview: ['rootCauses'] }))).toEqual([]);
	});

	it("finds the scaffold's, once the draft is marked published", () => {
		const text = scaffoldPostmortem('Checkout outage', new Date('2024-05-01T10:00:00Z'), 'config-change').replace('status: draft', 'status: published');
		const split = splitFrontmatter(text);
		if ('error' in split) throw new Error(split.error);
		const parsed = parseFrontmatter(split.raw, split.line);
		if ('problems' in parsed) throw new Error('unreadable scaffold');
		const data = postmortemSchema({ rootCauseIds: ['config-change'] }).parse(parsed.data);
		expect(paths(data)).toEqual(['summary', 'services.0', 'started', 'impact.description', 'timeline.0.event']);
	});
});
