import { describe, expect, it } from 'vitest';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ownerDirectory } from '../../src/lib/figures/owners';
import { ownerCollisionProblem, ownerKey, ownerSlug, ownerSlugCollisions } from '../../src/lib/model/owners';
import { loadOwnerNames } from '../../src/node/owners-file';
import { readArchiveSources } from '../../src/node/archive-sources';
import { formatProblem } from '../../src/lib/model/postmortem-source';
import { frontmatter, makeArchive } from '../support/archive';
import { entry } from '../support/make';

/** An owners file with this text, in a folder of its own. */
function ownersFile(text: string): string {
	const file = join(mkdtempSync(join(tmpdir(), 'hindsight-owners-')), 'owners.yaml');
	writeFileSync(file, text);
	return file;
}

const names = (text: string) => {
	const loaded = loadOwnerNames(ownersFile(text), 'content/owners.yaml');
	expect(loaded.problems).toEqual([]);
	return loaded.names;
};

const problems = (text: string) => loadOwnerNames(ownersFile(text), 'content/owners.yaml').problems.map(formatProblem);

describe('owner normalisation', () => {
	it('compares owners ignoring case, surrounding and repeated white space, "-" and "_"', () => {
		expect(new Set(['platform', ' Platform ', 'PLATFORM', 'platform\t']).size).toBe(4);
		expect(new Set(['platform', ' Platform ', 'PLATFORM', 'platform\t'].map(ownerKey))).toEqual(new Set(['platform']));
		expect(ownerKey('Edge  engineering')).toBe(ownerKey('edge-engineering'));
		expect(ownerKey('edge_engineering')).toBe(ownerKey('Edge Engineering'));
		// Other punctuation tells owners apart.
		expect(ownerKey('C++')).not.toBe(ownerKey('C'));
		// Full-width and composed forms are the same letters.
		expect(ownerKey('ＳＲＥ')).toBe('sre');
	});

	it('gives each owner one address, never empty', () => {
		expect(ownerSlug(ownerKey('Site reliability engineering'))).toBe('site-reliability-engineering');
		expect(ownerSlug(ownerKey('Équipe réseau'))).toBe('équipe-réseau');
		expect(ownerSlug(ownerKey('???'))).toMatch(/^owner-[0-9a-f]{8}$/);
	});

	it('merges spellings into one owner, shown as most items spell it', () => {
		const dir = ownerDirectory(['platform', ' Platform ', 'Platform', 'platform', 'platform', 'Payments'], new Map());
		expect(dir.owners.map((o) => [o.name, o.spellings])).toEqual([
			['Payments', [{ text: 'Payments', items: 1 }]],
			['platform', [{ text: 'platform', items: 3 }, { text: 'Platform', items: 2 }]],
		]);
		expect(dir.of('PLATFORM ').slug).toBe('platform');
		expect(dir.of('PLATFORM ').mapped).toBe(false);
	});

	it('breaks a tie between spellings the same way whatever order the items come in', () => {
		const spellings = ['platform', 'Platform', 'platform', 'Platform'];
		const shown = [spellings, [...spellings].reverse(), ['Platform', 'Platform', 'platform', 'platform']].map((list) => ownerDirectory(list, new Map()).owners[0]!.name);
		expect(shown).toEqual(['Platform', 'Platform', 'Platform']);
	});

	it('collapses white space inside a spelling, and lists an empty owner under a name of its own', () => {
		const dir = ownerDirectory(['Site   reliability', 'site reliability', ''], new Map());
		expect(dir.of('site  reliability').spellings).toEqual([
			{ text: 'Site reliability', items: 1 },
			{ text: 'site reliability', items: 1 },
		]);
		expect(dir.of('').name).toBe('No owner named');
		expect(dir.of('').slug).toMatch(/^owner-/);
	});

	it('maps ids to display names, merging an id with the name it maps to', () => {
		const mapping = names('sre: Site reliability engineering\nSite reliability: Site reliability engineering\n');
		const dir = ownerDirectory(['sre', 'SRE', 'Site reliability engineering', 'site reliability', 'sre', 'Payments'], mapping);
		expect(dir.owners).toHaveLength(2);
		const sre = dir.of('sre');
		expect(sre).toMatchObject({ name: 'Site reliability engineering', slug: 'site-reliability-engineering', mapped: true });
		expect(sre.spellings).toEqual([
			{ text: 'sre', items: 2 },
			{ text: 'SRE', items: 1 },
			{ text: 'Site reliability engineering', items: 1 },
			{ text: 'site reliability', items: 1 },
		]);
		expect(dir.of('Site Reliability Engineering')).toBe(sre);
		// Without the mapping, an id and a name stay two owners.
		expect(ownerDirectory(['sre', 'Site reliability engineering'], new Map()).owners).toHaveLength(2);
	});

	it('shows a mapped name even where every item writes the id', () => {
		const dir = ownerDirectory(['infra', 'infra'], names('infra: Infrastructure\n'));
		expect(dir.owners.map((o) => [o.name, o.slug])).toEqual([['Infrastructure', 'infrastructure']]);
	});
});

describe('owners.yaml', () => {
	it('is optional: no file maps nothing', () => {
		expect(loadOwnerNames(join(tmpdir(), 'no-such-folder-hindsight', 'owners.yaml'))).toEqual({ names: new Map(), problems: [] });
		expect(names('# nothing mapped yet\n').size).toBe(0);
	});

	it('reads ids in any case and tidies names', () => {
		expect([...names('SRE:   Site  reliability engineering \n')]).toEqual([['sre', 'Site reliability engineering']]);
	});

	it('refuses what is not a mapping, naming the file', () => {
		expect(problems('- sre\n- platform\n')).toEqual(['content/owners.yaml: expected a YAML mapping of owner ids to display names, such as "sre: Site reliability engineering"']);
	});

	it('names the line and the id of a name that is not text or is empty', () => {
		expect(problems('sre: Site reliability\nplatform:\ninfra: [a, b]\nweb: "  "\n')).toEqual([
			'content/owners.yaml:2: platform: expected a display name as text, such as "sre: Site reliability engineering"',
			'content/owners.yaml:3: infra: expected a display name as text, such as "sre: Site reliability engineering"',
			'content/owners.yaml:4: web: expected a display name with at least one letter or digit',
		]);
	});

	it('refuses an id given twice, also in another case or spacing', () => {
		expect(problems('sre: A\nsre: B\n')).toEqual(['content/owners.yaml:2:1: the field "sre" is given twice; expected each field once']);
		expect(problems('sre: Site reliability\nSRE: Site reliability\n')).toEqual([
			'content/owners.yaml:2: SRE: the same owner as "sre" (ids ignore case, spaces, "-" and "_"); give each id once',
		]);
	});

	it('refuses one name spelled two ways, and a name that is itself mapped on', () => {
		expect(problems('sre: Site reliability\nops: site Reliability\n')).toEqual([
			'content/owners.yaml:2: ops: "site Reliability" is spelled "Site reliability" for "sre"; spell one owner\'s name the same way each time',
		]);
		expect(problems('sre: SRE team\nsre-team: Site reliability\n')).toEqual([
			'content/owners.yaml:1: sre: maps to "SRE team", which "sre-team" maps to "Site reliability"; map "sre" straight to "Site reliability"',
		]);
		// An id mapped to its own spelling is not a chain.
		expect(problems('platform: Platform\nplat: Platform\n')).toEqual([]);
	});

	it('names the line of bad YAML', () => {
		expect(problems('sre: [unclosed\n')[0]).toMatch(/^content\/owners\.yaml:\d+:\d+: expected valid YAML/);
	});

	it('fails the build with the content problems, file and line named', () => {
		const root = makeArchive({ '2024/a.md': frontmatter('A', 'actionItems:\n  - { title: t, type: prevent, owner: sre }') });
		writeFileSync(join(root, 'owners.yaml'), 'sre: Site reliability\nplatform: 42\n');
		const found = readArchiveSources(root).problems.map(formatProblem);
		expect(found).toEqual([expect.stringMatching(/owners\.yaml:2: platform: expected a display name as text/)]);
	});
});

describe('owner addresses', () => {
	it('refuses two owners with one address, naming both spellings and a file for each', () => {
		const entries = [
			entry('2024/a', { actionItems: [{ title: 't', type: 'prevent', owner: 'C++' }] }),
			entry('2024/b', { actionItems: [{ title: 't', type: 'prevent', owner: 'c' }, { title: 'u', type: 'detect', owner: 'C' }] }),
		];
		const collisions = ownerSlugCollisions(entries, new Map());
		expect(collisions).toEqual([{ slug: 'c', spellings: [{ name: 'C++', file: 'content/postmortems/2024/a.mdx' }, { name: 'c', file: 'content/postmortems/2024/b.mdx' }] }]);
		expect(formatProblem(ownerCollisionProblem(collisions[0]!, 'content/owners.yaml'))).toBe(
			'content/postmortems/2024/a.mdx: actionItems.owner: "C++" (this file) and "c" (content/postmortems/2024/b.mdx) are different owners with one address, /action-items/owners/c/. Spell them the same way, or map them to one name in content/owners.yaml, if they are one owner; rename one if they are not.'
		);
		// Mapped to one name, they are one owner.
		expect(ownerSlugCollisions(entries, names('C++: C\n'))).toEqual([]);
	});
});
