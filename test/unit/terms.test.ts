import { describe, expect, it } from 'vitest';
import { terms } from '../../src/lib/learning/terms';

describe('terms', () => {
	it('stems the forms of a word to one term and leaves out stop words and numbers', () => {
		expect(terms('Restores were never tested')).toEqual(terms('restore was not tested'));
		expect(terms('The restore of 2 backups, in 30 days')).toEqual(['restor', 'backup', 'dai']);
	});

	it('drops the words every postmortem uses, so they make no two incidents alike', () => {
		expect(terms('The incident: an outage of the team')).toEqual([]);
	});

	it('reads the same whatever the case or Unicode form', () => {
		expect(terms('CERTIFICATE expiry')).toEqual(terms('certificate Expiry'));
		expect(terms('ﬁle')).toEqual(terms('file'));
	});
});
