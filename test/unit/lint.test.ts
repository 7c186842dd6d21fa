import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { completeness, hasRootCauseHeading } from '../../src/lib/figures/completeness';
import { ContentError } from '../../src/lib/model/errors';
import { postmortemSchema } from '../../src/lib/model/schema';
import { DEFAULT_ROOT_CAUSE_IDS } from '../../src/lib/model/taxonomy';
import { blamelessPhrases, DEFAULT_BLAMELESS, defaultConfig, loadConfig, type LintConfig } from '../../src/lint/config';
import type { Finding, RuleName } from '../../src/lint/finding';
import { formatFinding, formatSummary, lintFile } from '../../src/lint/lint';
import { looksLikeEsModule } from '../../src/lint/rules/mdx-hazard';
import { maskSecret } from '../../src/lint/rules/secrets';
import { lintCli as cli } from '../support/lint-cli';

const ROOT = resolve(import.meta.dirname, '../..');
const FIXTURES = join(ROOT, 'test/fixtures/lint');

async function lint(name: string, config: LintConfig = defaultConfig()): Promise<Finding[]> {
	const path = join(FIXTURES, name);
	return lintFile(path, readFileSync(path, 'utf8'), config);
}

/** `[line, column, message fragment]` of one rule's findings. */
function where(findings: Finding[], rule: RuleName): Array<[number, number, string]> {
	return findings.filter((f) => f.rule === rule).map((f) => [f.line, f.column, f.message]);
}

const at = (line: number, column: number, text: string) => [line, column, expect.stringContaining(text)];

/** Runs `npm run lint:content` as a child process, as CI would. */
describe('blameless', () => {
	it('flags blameful and hindsight wording in the body and the frontmatter text fields', async () => {
		const findings = await lint('blameless.mdx');
		expect(where(findings, 'blameless')).toEqual([
			at(3, 13, '"human error"'), // summary
			at(12, 5, '"careless"'), // impact description, a folded scalar
			at(15, 46, '"forgot to"'), // contributing factor, a flow mapping
			at(18, 28, '"failed to"'), // timeline event, single-quoted
			at(21, 14, '"should have"'), // lesson
			at(28, 22, '"obviously"'),
			at(29, 8, `"Sam's fault"`),
			at(29, 28, '"fault of"'),
			at(30, 25, '"to blame"'), // inside emphasis
			at(30, 44, '"simply"'),
			at(31, 3, '"just had to"'), // inside strong
			at(31, 23, '"Human error"'), // across a line break, any case
			at(32, 14, '"Clearly"'),
			at(32, 24, '"Negligent"'),
		]);
		expect(findings.filter((f) => f.rule === 'blameless').every((f) => f.severity === 'error')).toBe(true);
	});

	it('gives a suggestion with each finding', async () => {
		const [first] = (await lint('blameless.mdx')).filter((f) => f.rule === 'blameless');
		expect(first?.message).toMatch(/^"human error": name what made the mistake easy to make/);
	});

	it('passes neutral wording, code, URLs, expressions, and words that only contain a phrase', async () => {
		expect(await lint('blameless-clean.mdx')).toEqual([]);
	});
});

describe('lint-ignore', () => {
	it('silences one line in MDX, with the comment before it or at its end, and in the frontmatter', async () => {
		const findings = await lint('ignore.mdx');
		const lines = findings.map((f) => f.line);
		// Summary (YAML comment at the end), impact description (YAML comment before), the quote
		// (comment before), "should have" (comment at the end), the IP address (personal-data).
		for (const silenced of [3, 10, 15, 17, 19]) expect(lines).not.toContain(silenced);
		expect(where(findings, 'blameless')).toEqual([
			at(22, 9, '"failed to"'),
			at(24, 4, '"simply"'),
			at(31, 1, '"Obviously"'),
		]);
	});

	it('is an error without a reason, and then silences nothing', async () => {
		const findings = await lint('ignore.mdx');
		expect(where(findings, 'lint-ignore')).toEqual([
			at(21, 1, 'lint-ignore blameless needs a reason'),
			at(24, 25, 'lint-ignore blameless needs a reason'),
			at(26, 1, 'cannot ignore "secrets"'),
			at(27, 1, 'expected "lint-ignore <rule>: <reason>"'),
		]);
		expect(findings.find((f) => f.rule === 'lint-ignore')?.severity).toBe('error');
	});

	it('uses HTML comments in .md files, where the MDX form is only text', async () => {
		const findings = await lint('ignore.md');
		expect(where(findings, 'blameless')).toEqual([at(19, 9, '"failed to"')]);
		expect(where(findings, 'lint-ignore')).toEqual([at(18, 1, 'write <!-- lint-ignore <rule>: <reason> -->')]);
	});

	it('rejects HTML comments in .mdx files, which MDX cannot parse', async () => {
		const findings = await lint('ignore-html-in-mdx.mdx');
		expect(where(findings, 'lint-ignore')).toEqual([at(13, 1, 'write {/* lint-ignore <rule>: <reason> */}')]);
		expect(where(findings, 'blameless')).toEqual([at(14, 9, '"failed to"')]);
		expect(where(findings, 'mdx-hazard')).toEqual([at(13, 2, 'MDX cannot parse this')]);
	});
});

describe('lint.yaml', () => {
	it('adds phrases, removes built-in ones and replaces a suggestion', () => {
		const phrases = blamelessPhrases(
			{
				blameless: {
					add: [
						{ phrase: 'dropped  the ball', suggestion: 'say what happened' },
						{ phrase: 'Simply', suggestion: 'just say it' },
					],
					remove: ['CLEARLY', 'human error'],
				},
			},
			'lint.yaml'
		);
		const byPhrase = new Map(phrases.map((p) => [p.phrase.toLowerCase(), p.suggestion]));
		expect(byPhrase.get('dropped the ball')).toBe('say what happened');
		expect(byPhrase.get('simply')).toBe('just say it');
		expect(byPhrase.has('clearly')).toBe(false);
		expect(byPhrase.has('human error')).toBe(false);
		expect(phrases).toHaveLength(DEFAULT_BLAMELESS.length - 1);
	});

	it('keeps the built-in phrases when there is no file or it is empty', () => {
		expect(blamelessPhrases(undefined, 'lint.yaml')).toEqual(DEFAULT_BLAMELESS);
		expect(blamelessPhrases(null, 'lint.yaml')).toEqual(DEFAULT_BLAMELESS);
		expect(loadConfig(join(FIXTURES, 'no-such-folder')).blameless).toEqual(DEFAULT_BLAMELESS);
	});

	it('names the field when the settings are wrong', () => {
		const error = (data: unknown) => {
			try {
				blamelessPhrases(data, 'content/lint.yaml');
			} catch (caught) {
				return caught;
			}
			throw new Error('expected an error');
		};
		expect(error({ blameless: { remove: ['clearly', 'not built in'] } })).toMatchObject({
			field: 'blameless.remove[1]',
			expected: expect.stringContaining('"not built in" is not a built-in phrase'),
		});
		expect(error({ blameless: { add: [{ phrase: 'x' }] } })).toMatchObject({ field: 'blameless.add[0].suggestion' });
		expect(error({ blameless: { add: [{ phrase: 'a, b', suggestion: 's' }] } })).toBeInstanceOf(ContentError);
		expect(error({ blameless: { add: [{ phrase: "* *'s", suggestion: 's' }] } })).toMatchObject({
			expected: 'expected at least one word that is not a wildcard',
		});
		expect(error({ blamless: {} })).toMatchObject({ file: 'content/lint.yaml' });
	});

	it('is read from the content folder and applied', async () => {
		const dir = join(FIXTURES, 'configured');
		const config = loadConfig(dir);
		const path = join(dir, 'postmortems/custom.mdx');
		const findings = await lintFile(path, readFileSync(path, 'utf8'), config);
		expect(where(findings, 'blameless')).toEqual([
			at(22, 49, '"Dropped the ball": describe what happened and what made it likely'),
			at(22, 71, '"simply": say what was done, without "simply"'),
		]);
	});
});

describe('secrets', () => {
	// Put together at run time so that no credential-shaped string sits in the repository, where
	// secret scanners (and push protection) would rightly stop it.
	const awsKeyId = ['AK', 'IA', 'Q3EXMPL7ZK4TN2WB'].join('');
	const awsSecret = ['Zk3/9QwErTy7UiOp2AsD', 'fGh4JkLzXcVbNm8Qw+Ex'].join('');
	const githubToken = ['gh', 'p_', 'x7Qm2Lr9TzK4vN8pW3sY', '6bH1cJ5dF0gAeR2u'].join('');
	const keyBody = ['MIIEowIBAAKCAQEA1c7+9z5Pad7OejecsQ0bu3aozN3tihPmljnnudb9G3HECdnH', 'lWu2/a1gB9JW5TBQ+AVpum9Okx7KfqkfBKL9mcHgSL0yWMdjMfNOqNtrQqKlN4kE'];
	const privateKey = [`-----BEGIN RSA ${'PRIVATE'} KEY-----`, ...keyBody, `-----END RSA ${'PRIVATE'} KEY-----`].join('\n');
	const text = [
		'---',
		'title: Secrets pasted from a terminal',
		`summary: "The token ${githubToken} was in the summary."`,
		'severity: SEV3',
		'started: 2024-05-01T10:00:00Z',
		'resolved: 2024-05-01T11:00:00Z',
		'services: [shop]',
		'impact:',
		'  description: None.',
		'rootCauses: [security]',
		'---',
		'',
		'```ini',
		`aws_access_key_id = ${awsKeyId}`,
		`aws_secret_access_key = ${awsSecret}`,
		'```',
		'',
		privateKey,
		'',
	].join('\n');
	const raw = [awsSecret, githubToken, privateKey, ...keyBody];

	it('finds secrets with secretlint in the frontmatter and the body', async () => {
		expect(awsSecret).toHaveLength(40);
		expect(githubToken).toHaveLength(40);
		const findings = await lintFile('secrets.mdx', text, defaultConfig());
		expect(where(findings, 'secrets')).toEqual([
			at(3, 21, 'GitHub Token'),
			at(15, 1, 'AWS Secret Access Key'),
			at(18, 1, 'private key'),
		]);
		expect(findings.find((f) => f.rule === 'secrets')?.severity).toBe('error');
	});

	it('shows each secret masked, never whole', async () => {
		const messages = (await lintFile('secrets.mdx', text, defaultConfig())).map((f) => f.message);
		expect(messages.join('\n')).toContain('ghp_****');
		expect(messages.join('\n')).toContain('Zk3/****');
		for (const secret of raw) expect(messages.join('\n')).not.toContain(secret);
		expect(messages).toContain(
			'GitHub Token (GitHub personal access tokens): ghp_****; remove it and revoke it (it stays in git history)'
		);
		expect(maskSecret(githubToken)).toBe('ghp_****');
		expect(maskSecret('hunter2')).toBe('****');
		expect(maskSecret(privateKey)).toBe('****');
	});

	it('never prints a secret from the command line', () => {
		const dir = mkdtempSync(join(tmpdir(), 'hindsight-lint-'));
		try {
			writeFileSync(join(dir, 'secrets.mdx'), text);
			const run = cli([dir]);
			expect(run.code).toBe(1);
			expect(run.stdout).toContain('secrets  GitHub Token');
			for (const secret of raw) {
				expect(run.stdout).not.toContain(secret);
				expect(run.stderr).not.toContain(secret);
				// Not even most of it.
				expect(run.stdout).not.toContain(secret.slice(4, 20));
			}
		} finally {
			rmSync(dir, { recursive: true, force: true });
		}
	});

	it('passes files without secrets', async () => {
		expect(where(await lint('blameless.mdx'), 'secrets')).toEqual([]);
	});
});

describe('personal-data', () => {
	it('warns about e-mail and IP addresses, code blocks included', async () => {
		const findings = await lint('personal-data.md');
		expect(where(findings, 'personal-data')).toEqual([
			at(11, 11, 'e-mail address ***@acme-corp.io'), // frontmatter
			at(14, 6, 'e-mail address ***@mail.acme-corp.io'),
			at(14, 45, 'IP address 10.20.30.40'),
			at(16, 15, 'IP address 2a00:1450:4001:80b::200e'),
			at(16, 56, 'IP address fe80::1ff:fe23:4567:890a'),
			at(18, 16, 'IP address 1.2.3.4'), // a version number that could be an address: accepted
			at(21, 20, 'IP address 172.16.254.1'),
			at(21, 38, 'e-mail address ***@corp.example.co'),
		]);
		expect(findings.filter((f) => f.rule === 'personal-data').every((f) => f.severity === 'warning')).toBe(true);
	});

	it('keeps the person out of the message', async () => {
		const messages = (await lint('personal-data.md')).map((f) => f.message).join('\n');
		expect(messages).not.toContain('jane.doe');
		expect(messages).not.toContain('ops-lead');
	});

	it('passes documentation ranges, example domains, loopback, versions, times and MAC addresses', async () => {
		expect(where(await lint('personal-data-clean.mdx'), 'personal-data')).toEqual([]);
	});
});

describe('unsafe-content', () => {
	const at = (findings: Finding[]) => findings.filter((f) => f.rule === 'unsafe-content').map((f) => `${f.line}:${f.column} ${f.severity} ${f.message.split(':')[0]}`);

	it('names every construct of a .md body that the build strips, where it is', async () => {
		expect(at(await lint('unsafe-content.md'))).toEqual([
			'15:1 error <script> is not allowed in a postmortem body',
			'17:6 error the event handler onerror= on <img> would run script',
			'17:53 error href="javascript',
			'19:1 error the link "javascript',
			'19:36 error the image "data',
			'27:1 error the link "vbscript',
		]);
	});

	it('names every construct of an MDX body that fails the build, as the build does', async () => {
		expect(at(await lint('unsafe-content.mdx'))).toEqual([
			'12:1 error import from "../../evil.astro" is not allowed in a postmortem body',
			'17:1 error <script> is not allowed in a postmortem body',
			'19:1 error the event handler onError= on <img> would run script',
			'21:1 error href="javascript',
			'21:42 error the link "javascript',
			'21:72 error href={…} on <a> is an expression that cannot be checked',
			'23:1 error the event handler onClick= on <b> would run script',
			'25:1 error <div {...}> spreads attributes that cannot be checked',
			'27:1 error srcSet="data',
			'31:1 error export is not allowed in a postmortem body',
		]);
	});

	it('passes tables, details, web links, Starlight components and imported images', async () => {
		const text = `---\ntitle: t\n---\nimport { Aside } from '@astrojs/starlight/components';\nimport { Image } from 'astro:assets';\nimport diagram from './diagram.png';\n\n<Image src={diagram} alt="d" />\n\n<img src={diagram.src} alt="d" />\n\n<Aside>Fine</Aside>\n\n<details><summary>s</summary>x</details>\n\n[web](https://example.com) [mail](mailto:a@example.com) [rel](../2023/other/)\n`;
		const findings = await lintFile('clean.mdx', text, defaultConfig());
		expect(findings.filter((f) => f.rule === 'unsafe-content')).toEqual([]);
	});
});

describe('mdx-hazard', () => {
	it('flags paragraphs that start with import or export in .mdx files', async () => {
		expect(where(await lint('mdx-hazard.mdx'), 'mdx-hazard')).toEqual([
			at(18, 1, 'paragraph starts with "import"'),
			at(21, 1, 'paragraph starts with "export"'),
		]);
	});

	it('passes real ES module statements (that unsafe-content then judges)', async () => {
		const findings = await lint('mdx-hazard-clean.mdx');
		expect(findings.filter((f) => f.rule === 'mdx-hazard')).toEqual([]);
	});

	it('tells prose from module statements', () => {
		expect(looksLikeEsModule("import Chart from '../components/Chart.astro';")).toBe(true);
		expect(looksLikeEsModule("import { Aside,\n  Badge } from '@astrojs/starlight/components'")).toBe(true);
		expect(looksLikeEsModule('import Default, { named } from "x";\nimport "./side-effect.css"')).toBe(true);
		expect(looksLikeEsModule('export const meta = { reviewed: true };')).toBe(true);
		expect(looksLikeEsModule("import of the nightly backup failed.")).toBe(false);
		expect(looksLikeEsModule("import Chart from '../Chart.astro'\nand then some prose.")).toBe(false);
		expect(looksLikeEsModule('export controls applied to the replica.')).toBe(false);
		expect(looksLikeEsModule('export default settings were changed.')).toBe(false);
	});

	it('leaves .md files alone: Markdown has no module statements', async () => {
		expect(where(await lint('mdx-hazard.md'), 'mdx-hazard')).toEqual([]);
	});
});

describe('frontmatter', () => {
	it('reports YAML that does not parse, and still checks the body', async () => {
		const findings = await lint('frontmatter-broken.mdx');
		expect(where(findings, 'frontmatter')).toEqual([at(5, 1, 'expected valid YAML')]);
		expect(where(findings, 'blameless')).toEqual([at(7, 14, '"forgot to"')]);
		expect(where(findings, 'completeness')).toEqual([]);
	});

	it('reports a file without frontmatter', async () => {
		expect(where(await lint('frontmatter-missing.md'), 'frontmatter')).toEqual([
			at(1, 1, 'expected YAML frontmatter between two --- lines'),
		]);
	});

	it('skips completeness when the frontmatter fails the schema, but not the other rules', async () => {
		const findings = await lint('invalid-schema.mdx');
		expect(findings.map((f) => f.rule)).toEqual(['blameless']);
	});
});

describe('completeness', () => {
	const all = {
		timeline: [{}],
		actionItems: [{}],
		lessons: [{}],
		detected: new Date('2024-05-01T10:05:00Z'),
	};
	const body = '## Root cause analysis\n\nA flag.\n';

	it('scores a postmortem with every recommended part 100', () => {
		expect(completeness(all, body)).toEqual({ score: 100, missing: [] });
	});

	it('scores nothing 0 and lists every missing part, most valuable first, in words', () => {
		expect(completeness({}, '')).toEqual({
			score: 0,
			missing: [
				'a timeline',
				'a root-cause analysis section',
				'action items',
				'lessons learned',
				'the time the incident was detected',
			],
		});
	});

	it('weighs timeline and root cause 25, action items 20, lessons and detection 15', () => {
		expect(completeness({ ...all, timeline: [] }, body).score).toBe(75);
		expect(completeness(all, 'No analysis.').score).toBe(75);
		expect(completeness({ ...all, actionItems: [] }, body).score).toBe(80);
		expect(completeness({ ...all, lessons: [] }, body).score).toBe(85);
		expect(completeness({ ...all, detected: undefined }, body).score).toBe(85);
		expect(completeness({ lessons: [{}] }, '').score).toBe(15);
	});

	it('reads validated frontmatter', () => {
		const data = postmortemSchema({ rootCauseIds: DEFAULT_ROOT_CAUSE_IDS }).parse({
			title: 't',
			summary: 's',
			severity: 'SEV3',
			started: '2024-05-01T10:00:00Z',
			detected: '2024-05-01T10:05:00Z',
			resolved: '2024-05-01T11:00:00Z',
			services: ['shop'],
			impact: { description: 'd' },
			rootCauses: ['config-change'],
		});
		expect(completeness(data, body)).toEqual({
			score: 40,
			missing: ['a timeline', 'action items', 'lessons learned'],
		});
	});

	it('finds a root-cause heading in its usual forms, but not in code', () => {
		expect(hasRootCauseHeading('## Root cause\n')).toBe(true);
		expect(hasRootCauseHeading('### Root-cause analysis\n')).toBe(true);
		expect(hasRootCauseHeading('Root causes\n===========\n')).toBe(true);
		expect(hasRootCauseHeading('<h2 id="rca">Root Cause</h2>\n')).toBe(true);
		expect(hasRootCauseHeading('The root cause was a flag.\n')).toBe(false);
		expect(hasRootCauseHeading('```md\n## Root cause\n```\n')).toBe(false);
	});

	it('warns about each missing part with the score', async () => {
		expect(where(await lint('incomplete.mdx'), 'completeness')).toEqual([
			at(1, 1, 'missing a timeline'),
			at(1, 1, 'missing a root-cause analysis section'),
			at(1, 1, 'missing action items'),
			at(1, 1, 'missing the time the incident was detected: add `detected` (a datetime) to the frontmatter (completeness 15/100)'),
		]);
		expect((await lint('incomplete.mdx')).every((f) => f.severity === 'warning')).toBe(true);
	});
});

describe('output', () => {
	const finding: Finding = {
		file: join(ROOT, 'content/postmortems/2024/a.mdx'),
		line: 3,
		column: 7,
		rule: 'blameless',
		severity: 'error',
		message: '"simply": hindsight',
	};

	it('prints file:line:col  rule  message, the file relative to the current folder', () => {
		expect(formatFinding(finding, ROOT)).toBe('content/postmortems/2024/a.mdx:3:7  blameless  "simply": hindsight');
		expect(formatFinding({ ...finding, file: 'x.md' }, ROOT)).toBe('x.md:3:7  blameless  "simply": hindsight');
	});

	it('sums up errors, warnings and files', () => {
		const warning = { ...finding, severity: 'warning' as const };
		expect(formatSummary([finding, finding, finding, warning, warning], 27)).toBe('3 errors, 2 warnings in 27 files');
		expect(formatSummary([finding, warning], 1)).toBe('1 error, 1 warning in 1 file');
		expect(formatSummary([], 0)).toBe('0 errors, 0 warnings in 0 files');
	});
});

describe('placeholders', () => {
	it('names every placeholder of a postmortem that is not a draft, on its line', async () => {
		const findings = await lint('placeholders.mdx');
		expect(where(findings, 'placeholders')).toEqual([
			at(2, 1, 'title: still the placeholder "TODO: a title"; write the real text, or keep `status: draft` until it is'),
			at(3, 1, 'summary: still the placeholder'),
			at(6, 1, 'started: every timestamp is 2024-05-01T10:00:00.000Z (started, resolved, detected, mitigated and the timeline)'),
			at(10, 1, 'services[1]: "unknown-service" is the placeholder service'),
			at(12, 3, 'impact.description: still the placeholder'),
			at(14, 1, 'needsReview: a tool guessed rootCauses and no one has checked it'),
			at(15, 1, 'trigger: still the placeholder "TODO"'),
			at(18, 5, 'timeline[0].event: still the placeholder'),
			at(20, 5, 'contributingFactors[0].description: still the placeholder'),
			at(24, 5, 'actionItems[0].title: still the placeholder "TODO :"'),
			at(24, 5, 'actionItems[0].owner: still the placeholder "TODO"'),
			at(26, 5, 'trainingGaps[0].topic: still the placeholder'),
		]);
		expect(findings.filter((f) => f.rule === 'placeholders').every((f) => f.severity === 'error')).toBe(true);
	});

	it('lets a draft keep them, listing them as warnings: what is left to write', async () => {
		const findings = await lint('placeholders-draft.mdx');
		expect(where(findings, 'placeholders')).toEqual([]);
		const todo = findings.filter((f) => f.rule === 'to-do');
		expect(todo).toHaveLength(12);
		expect(todo.every((f) => f.severity === 'warning')).toBe(true);
		expect(where(todo, 'to-do')[0]).toEqual(at(2, 1, 'title: still the placeholder "TODO: a title"; write the real text before the status leaves draft'));
	});
});
