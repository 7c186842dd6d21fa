/**
 * Synthetic postmortems for the benchmark: N files, deterministic for a given seed, valid per the
 * content contract, written twice: as Hindsight content (full frontmatter) and as the pages of a
 * bare Starlight site (the same MDX body, frontmatter `title` and `description` only).
 */
import { SIDEBAR } from '../../src/routes';
import { copyFileSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import yaml from 'js-yaml';

/** mulberry32: small, fast, and the same sequence on every machine. */
export function prng(seed: number): () => number {
	let a = seed >>> 0;
	return () => {
		a = (a + 0x6d2b79f5) >>> 0;
		let t = a;
		t = Math.imul(t ^ (t >>> 15), t | 1);
		t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
		return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
	};
}

type Rand = () => number;
const int = (rand: Rand, min: number, max: number) => min + Math.floor(rand() * (max - min + 1));
const pick = <T>(rand: Rand, list: readonly T[]): T => list[Math.floor(rand() * list.length)]!;
function pickSome<T>(rand: Rand, list: readonly T[], count: number): T[] {
	const pool = [...list];
	const out: T[] = [];
	while (out.length < count && pool.length > 0) out.push(pool.splice(Math.floor(rand() * pool.length), 1)[0]!);
	return out;
}
function weighted<T>(rand: Rand, entries: readonly (readonly [T, number])[]): T {
	const total = entries.reduce((sum, [, w]) => sum + w, 0);
	let r = rand() * total;
	for (const [value, w] of entries) {
		r -= w;
		if (r < 0) return value;
	}
	return entries[entries.length - 1]![0];
}
const cap = (s: string) => s.charAt(0).toUpperCase() + s.slice(1);

export const SERVICES = [
	'payments-api', 'checkout-web', 'orders-service', 'inventory-service', 'search-api', 'auth-service',
	'session-store', 'user-profile', 'notifications', 'email-relay', 'sms-gateway', 'billing-worker',
	'invoice-renderer', 'ledger-db', 'catalog-api', 'pricing-engine', 'recommendations', 'image-resizer',
	'cdn-edge', 'dns-resolver', 'api-gateway', 'load-balancer', 'service-mesh', 'kafka-cluster',
	'event-bus', 'postgres-primary', 'redis-cache', 'object-storage', 'backup-service', 'ci-runners',
	'deploy-pipeline', 'feature-flags', 'config-service', 'metrics-pipeline', 'log-ingest', 'alerting',
	'identity-provider', 'mobile-backend', 'partner-api', 'data-warehouse',
] as const;

const TEAMS = [
	'Payments', 'Checkout', 'Platform', 'Core infrastructure', 'Search', 'Identity', 'Data platform',
	'Messaging', 'Storefront', 'Developer productivity', 'Network engineering', 'Observability',
] as const;
const PEOPLE = [
	'A. Okafor', 'B. Lindqvist', 'C. Moreau', 'D. Nakamura', 'E. Petrova', 'F. Haddad', 'G. Silva',
	'H. Kowalski', 'I. Mensah', 'J. O’Brien', 'K. Iyer', 'L. Novak', 'M. Rossi', 'N. Tanaka', 'O. Adeyemi',
	'P. Schmidt', 'Q. Chen', 'R. Duarte', 'S. Byrne', 'T. Varga',
] as const;

const FAILURES = [
	'outage', 'latency spike', 'error storm', 'partial outage', 'degradation', 'saturation', 'data delay',
	'failover', 'brownout', 'connection exhaustion', 'queue backlog', 'cache stampede', 'split brain',
	'memory leak', 'retry storm', 'certificate failure', 'replication lag', 'timeout cascade',
] as const;
const TRIGGERS = [
	'a configuration push', 'a routine deploy', 'a schema migration', 'a certificate rotation',
	'a traffic surge', 'a dependency upgrade', 'a failed disk', 'a network partition', 'a cron job',
	'an autoscaling change', 'a DNS change', 'a feature flag flip', 'a kernel update', 'a vendor incident',
	'a capacity drill', 'a load balancer rule change', 'a cleanup script', 'a connection pool change',
] as const;
const ADJECTIVES = [
	'unexpected', 'gradual', 'sudden', 'intermittent', 'regional', 'global', 'silent', 'noisy',
	'cascading', 'slow-burning',
] as const;
const COMPONENTS = [
	'the connection pool', 'the write path', 'the read replicas', 'the retry policy', 'the health checks',
	'the rate limiter', 'the circuit breaker', 'the job scheduler', 'the TLS terminator', 'the cache layer',
	'the message consumer', 'the rollout controller', 'the DNS records', 'the disk quota', 'the thread pool',
	'the garbage collector', 'the batch importer', 'the upstream client', 'the shard map', 'the index builder',
] as const;
const SYMPTOMS = [
	'requests timed out', 'error rates climbed above five percent', 'p99 latency tripled',
	'queues stopped draining', 'pods restarted in a loop', 'writes were rejected', 'logins failed',
	'dashboards went blank', 'alerts fired in bursts', 'customers saw stale data', 'checkouts stalled',
	'background jobs piled up',
] as const;
const ACTIONS = [
	'rolled back the change', 'drained the affected zone', 'raised the pool limit', 'disabled the feature flag',
	'failed over to the standby', 'restarted the consumers', 'shed non-critical traffic', 'pinned the previous version',
	'renewed the certificate', 'paused the batch jobs', 'scaled the cluster out', 'restored the previous configuration',
] as const;
const TOPICS = [
	'Safe configuration rollout', 'Database failover drills', 'Reading distributed traces', 'Capacity planning',
	'Certificate lifecycle', 'Incident command basics', 'Writing runbooks', 'Feature flag hygiene',
	'Queue backpressure', 'DNS fundamentals', 'Load shedding', 'Canary analysis', 'On-call handover',
	'Postgres replication', 'Kubernetes resource limits',
] as const;
const FILLER = [
	'The on-call engineer followed the runbook, but two of its steps referred to a dashboard that had been renamed.',
	'Nobody on the call had the full picture at first, so the incident commander asked each team for a short status every ten minutes.',
	'The change had passed review and the staging checks, which exercised a much smaller data set than production.',
	'Customers noticed before the alerts did, and the support team relayed the first reports into the incident channel.',
	'The graphs looked healthy at the aggregate level; the problem was only visible per shard.',
	'Rolling back took longer than expected because the previous artifact had been garbage-collected from the registry.',
	'The team kept a running log in the incident channel, which made this timeline easy to reconstruct.',
	'A similar pattern had been seen in a smaller incident months earlier, but its follow-up had not been completed.',
	'Retries from clients multiplied the load, so the system kept failing for a while after the original cause was gone.',
	'The status page was updated within fifteen minutes and again at every major change in the situation.',
	'Responders from three teams joined the bridge, and handing over between them cost several minutes each time.',
	'The alert thresholds had been tuned for daytime traffic and did not fire during the quiet overnight period.',
	'Once the cause was understood, the fix itself was small and took only a few minutes to apply.',
	'Several engineers tried different mitigations at the same time, which made it hard to tell which one helped.',
	'The affected hosts were not in the default dashboards, so the first responders looked in the wrong place.',
	'The blast radius was limited because the change had only reached one region when the problem started.',
	'A manual verification step that used to catch this class of problem had been removed during a tooling migration.',
	'The vendor status page showed no incident for the first forty minutes, which delayed the decision to fail over.',
] as const;

const SEVERITY_WEIGHTS = [
	['SEV1', 1],
	['SEV2', 3],
	['SEV3', 6],
	['SEV4', 4],
	['SEV5', 2],
] as const;
const DETECTIONS = ['alert', 'customer-report', 'internal-report', 'automated-test', 'third-party', 'other'] as const;
const ACTION_TYPES = ['mitigate', 'prevent', 'detect', 'process', 'documentation', 'communication', 'training'] as const;
const ACTION_STATUS_WEIGHTS = [
	['open', 4],
	['in-progress', 2],
	['done', 5],
	['wont-do', 1],
] as const;

export interface GeneratedPostmortem {
	/** `<year>/<slug>`: the postmortem id, and the page path below `/postmortems/`. */
	id: string;
	title: string;
	summary: string;
	frontmatter: Record<string, unknown>;
	body: string;
}

export interface GenerateOptions {
	n: number;
	seed?: number;
	firstYear?: number;
	years?: number;
}

const iso = (ms: number) => new Date(ms).toISOString().replace('.000Z', 'Z');
const day = (ms: number) => new Date(ms).toISOString().slice(0, 10);
const MIN = 60_000;

function sentence(rand: Rand, ctx: { service: string; component: string; failure: string; trigger: string }): string {
	const templates = [
		() => `The ${pick(rand, ADJECTIVES)} ${ctx.failure} in ${ctx.service} traced back to ${ctx.component}, which behaved differently under production load.`,
		() => `After ${ctx.trigger}, ${pickSome(rand, SYMPTOMS, 2).join(' and ')} within minutes.`,
		() => `Engineers ${pick(rand, ACTIONS)} and watched ${ctx.component} recover over the next ${int(rand, 3, 40)} minutes.`,
		() => `Traffic to ${pick(rand, SERVICES)} also suffered, because it depends on ${ctx.service} for every request.`,
		() => `${cap(ctx.component)} had not been load-tested since it was introduced ${int(rand, 2, 30)} months earlier.`,
		() => `Metrics from ${pick(rand, SERVICES)} showed the first signs of trouble about ${int(rand, 2, 25)} minutes before anyone was paged.`,
		() => pick(rand, FILLER),
		() => pick(rand, FILLER),
		() => pick(rand, FILLER),
	];
	return pick(rand, templates)();
}

function paragraph(rand: Rand, ctx: Parameters<typeof sentence>[1], sentences: number): string[] {
	return Array.from({ length: sentences }, () => sentence(rand, ctx));
}

const SECTIONS = [
	'Incident description',
	'Timeline narrative',
	'Contributing factors',
	'Technical analysis',
	'Impact assessment',
	'Root cause analysis',
	'Immediate actions and resolution',
	'Follow-up and preventive measures',
	'Lessons learned',
	'Communication improvements',
] as const;

const words = (text: string) => text.split(/\s+/).filter(Boolean).length;

/** The postmortems one at a time, so a large archive is written without being held in memory. */
export function* generatePostmortems({ n, seed = 20240601, firstYear = 2019, years = 7 }: GenerateOptions): Generator<GeneratedPostmortem> {
	const rand = prng(seed);
	// Earlier ids, for `related`: the one thing a postmortem needs of the ones before it.
	const ids: string[] = [];
	const causes = [
		'config-change', 'software-bug', 'deployment', 'capacity', 'dependency', 'hardware', 'network',
		'certificate-expiry', 'database', 'automation', 'monitoring-gap', 'process-gap', 'security',
	] as const;
	for (let i = 0; i < n; i++) {
		const year = firstYear + Math.min(years - 1, Math.floor((i * years) / Math.max(n, 1)));
		const yearStart = Date.UTC(year, 0, 1);
		const started = yearStart + Math.floor(rand() * 364 * 24 * 60) * MIN;
		const detectAfter = int(rand, 1, 90);
		const mitigateAfter = detectAfter + int(rand, 5, 240);
		const resolveAfter = mitigateAfter + int(rand, 0, 300);
		const detected = started + detectAfter * MIN;
		const mitigated = started + mitigateAfter * MIN;
		const resolved = started + resolveAfter * MIN;

		const services = pickSome(rand, SERVICES, int(rand, 1, 3));
		const service = services[0]!;
		const failure = pick(rand, FAILURES);
		const trigger = pick(rand, TRIGGERS);
		const component = pick(rand, COMPONENTS);
		const ctx = { service, component, failure, trigger };
		const severity = weighted(rand, SEVERITY_WEIGHTS);
		const slug = `${service}-${failure.replace(/\s+/g, '-')}-${String(i + 1).padStart(4, '0')}`;
		const id = `${year}/${slug}`;
		const title = `${cap(service)} ${failure} after ${trigger}`;
		const usersAffected = severity === 'SEV5' ? 0 : int(rand, 10, 200_000);
		const summary = `${cap(pick(rand, SYMPTOMS))} in ${service} for about ${resolveAfter} minutes after ${trigger}; ${usersAffected} users were affected until engineers ${pick(rand, ACTIONS)}.`;

		const timelineCount = int(rand, 4, 8);
		const timeline: { at: string; event: string; kind: string }[] = [
			{ at: iso(started), event: `${cap(trigger)} reaches ${service}; ${pick(rand, SYMPTOMS)}.`, kind: 'trigger' },
			{ at: iso(detected), event: `${cap(pick(rand, ['an alert fires for', 'a customer reports problems with', 'an engineer notices errors in']))} ${service}.`, kind: 'detection' },
		];
		const extraKinds = ['escalation', 'communication', 'other', 'escalation', 'communication'] as const;
		for (let k = 0; k < timelineCount - 4; k++) {
			const at = detected + Math.floor(rand() * ((mitigated - detected) / MIN)) * MIN;
			const kind = pick(rand, extraKinds);
			const event =
				kind === 'escalation'
					? `Incident escalated to ${pick(rand, TEAMS)} on-call.`
					: kind === 'communication'
						? 'Status page updated with the current impact.'
						: `Responders inspect ${pick(rand, COMPONENTS)} and rule it out.`;
			timeline.push({ at: iso(at), event, kind });
		}
		timeline.push({ at: iso(mitigated), event: `Engineers ${pick(rand, ACTIONS)}; error rates drop.`, kind: 'mitigation' });
		timeline.push({ at: iso(resolved), event: `${cap(service)} back to normal; incident resolved.`, kind: 'resolution' });
		timeline.sort((a, b) => a.at.localeCompare(b.at));

		const lessons = Array.from({ length: int(rand, 2, 4) }, (_, k) => ({
			kind: k === 0 ? 'went-well' : k === 1 ? 'went-wrong' : pick(rand, ['went-well', 'went-wrong', 'lucky'] as const),
			text: sentence(rand, ctx),
			tags: pickSome(rand, ['rollout', 'alerting', 'runbooks', 'capacity', 'communication', 'testing', 'dependencies'], int(rand, 0, 2)),
		}));
		const actionItems = Array.from({ length: int(rand, 1, 5) }, () => {
			const item: Record<string, unknown> = {
				title: `${cap(pick(rand, ['add', 'review', 'automate', 'document', 'test', 'alert on']))} ${pick(rand, COMPONENTS).replace(/^the /, '')} for ${pick(rand, SERVICES)}`,
				type: pick(rand, ACTION_TYPES),
				owner: pick(rand, TEAMS),
				status: weighted(rand, ACTION_STATUS_WEIGHTS),
				due: day(resolved + int(rand, 7, 120) * 24 * 60 * MIN),
			};
			if (rand() < 0.3) item['link'] = `https://tracker.example.com/browse/OPS-${int(rand, 100, 9999)}`;
			return item;
		});
		const trainingGaps = Array.from({ length: int(rand, 0, 2) }, () => ({
			topic: pick(rand, TOPICS),
			audience: `${pick(rand, TEAMS)} on-call`,
			description: pick(rand, FILLER),
		}));
		const related =
			i > 0 && rand() < 0.35 ? [...new Set(Array.from({ length: int(rand, 1, 3) }, () => ids[int(rand, 0, i - 1)]!))] : [];

		const frontmatter: Record<string, unknown> = {
			title,
			summary,
			severity,
			status: 'published',
			visibility: rand() < 0.4 ? 'public' : 'internal',
			started: iso(started),
			detected: iso(detected),
			mitigated: iso(mitigated),
			resolved: iso(resolved),
			services,
			impact: {
				description: `${cap(pick(rand, SYMPTOMS))} for users of ${services.join(', ')}.`,
				usersAffected,
				customerFacing: rand() < 0.7,
				dataLoss: rand() < 0.05,
			},
			rootCauses: pickSome(rand, causes, int(rand, 1, 3)),
			teams: pickSome(rand, TEAMS, int(rand, 1, 2)),
			authors: pickSome(rand, PEOPLE, int(rand, 1, 2)),
			reviewers: pickSome(rand, PEOPLE, int(rand, 0, 2)),
			tags: pickSome(rand, ['database', 'network', 'deploy', 'capacity', 'tls', 'dns', 'cache', 'queue', 'cdn', 'auth'], int(rand, 1, 3)),
			trigger: cap(trigger),
			detection: pick(rand, DETECTIONS),
			contributingFactors: Array.from({ length: int(rand, 1, 3) }, () => ({
				kind: pick(rand, ['technical', 'process', 'human', 'external'] as const),
				description: sentence(rand, ctx),
			})),
			timeline,
			lessons,
			actionItems,
			trainingGaps,
			related,
			onboarding: rand() < 0.03,
		};

		// The body: the usual sections, grown sentence by sentence to 500-800 words.
		const target = int(rand, 500, 800);
		const sections = SECTIONS.map((heading) => ({ heading, sentences: paragraph(rand, ctx, int(rand, 2, 3)) }));
		const bodyText = () =>
			sections.map((s) => `## ${s.heading}\n\n${s.sentences.join(' ')}\n`).join('\n');
		while (words(bodyText()) < target) pick(rand, sections).sentences.push(sentence(rand, ctx));
		while (words(bodyText()) > 800) {
			const longest = sections.reduce((a, b) => (b.sentences.length > a.sentences.length ? b : a));
			longest.sentences.pop();
		}
		ids.push(id);
		yield { id, title, summary, frontmatter, body: bodyText() };
	}
}

export function generate(options: GenerateOptions): GeneratedPostmortem[] {
	return [...generatePostmortems(options)];
}

function writeFile(path: string, text: string) {
	mkdirSync(dirname(path), { recursive: true });
	writeFileSync(path, text);
}

const dump = (data: unknown) => yaml.dump(data, { lineWidth: -1, noRefs: true, quotingType: '"', forceQuotes: true });

/** Starts a Hindsight content folder (the project's root-cause taxonomy); the returned function writes `<contentDir>/postmortems/<id>.mdx`. */
export function hindsightWriter(contentDir: string, taxonomy: string): (pm: GeneratedPostmortem) => void {
	rmSync(contentDir, { recursive: true, force: true });
	mkdirSync(contentDir, { recursive: true });
	copyFileSync(taxonomy, join(contentDir, 'root-causes.yaml'));
	return (pm) => writeFile(join(contentDir, 'postmortems', `${pm.id}.mdx`), `---\n${dump(pm.frontmatter)}---\n\n${pm.body}`);
}

export function writeHindsightContent(postmortems: Iterable<GeneratedPostmortem>, contentDir: string, taxonomy: string) {
	const write = hindsightWriter(contentDir, taxonomy);
	for (const pm of postmortems) write(pm);
}

/** A check of each generated postmortem against the taxonomy file, so a bad generator fails before a long build. */
export function taxonomyCheck(taxonomy: string): (pm: GeneratedPostmortem) => void {
	const ids = new Set((yaml.load(readFileSync(taxonomy, 'utf8')) as { id: string }[]).map((c) => c.id));
	return (pm) => {
		for (const cause of pm.frontmatter['rootCauses'] as string[]) {
			if (!ids.has(cause)) throw new Error(`generated root cause "${cause}" is not in ${taxonomy}`);
		}
	};
}

export function checkTaxonomy(postmortems: Iterable<GeneratedPostmortem>, taxonomy: string) {
	const check = taxonomyCheck(taxonomy);
	for (const pm of postmortems) check(pm);
}

/**
 * A bare Starlight project: the same bodies as docs pages at the same addresses, a fixed sidebar
 * the size of Hindsight's, and nothing else; the returned function writes one page. It lives
 * inside the project so Node resolves `astro` and `@astrojs/starlight` from its node_modules.
 */
export function bareWriter(projectDir: string): (pm: GeneratedPostmortem) => void {
	rmSync(projectDir, { recursive: true, force: true });
	writeFile(join(projectDir, 'package.json'), `${JSON.stringify(
			{
				name: 'hindsight-bench-bare',
				private: true,
				type: 'module',
				// Not installed here: Node finds them in /work/main/node_modules. Listed so Astro (vitefu)
				// sees Starlight as an Astro package and bundles it instead of leaving it external.
				dependencies: { '@astrojs/starlight': '*', astro: '*' },
			},
			null,
			2
		)}\n`);
	writeFile(
		join(projectDir, 'astro.config.mjs'),
		`// Generated by test/bench: the baseline, a bare Starlight site.\nimport { defineConfig } from 'astro/config';\nimport starlight from '@astrojs/starlight';\n\nexport default defineConfig({\n\tintegrations: [\n\t\tstarlight({\n\t\t\ttitle: 'Bare',\n\t\t\tsidebar: ${JSON.stringify(SIDEBAR)},\n\t\t}),\n\t],\n});\n`
	);
	// Its own tsconfig, so nothing of the enclosing project's applies to it.
	writeFile(
		join(projectDir, 'tsconfig.json'),
		`${JSON.stringify({ extends: 'astro/tsconfigs/strict', include: ['.astro/types.d.ts', '**/*'], exclude: ['dist'] }, null, 2)}\n`
	);
	writeFile(
		join(projectDir, 'src/content.config.ts'),
		`import { defineCollection } from 'astro:content';\nimport { docsLoader } from '@astrojs/starlight/loaders';\nimport { docsSchema } from '@astrojs/starlight/schema';\n\nexport const collections = {\n\tdocs: defineCollection({ loader: docsLoader(), schema: docsSchema() }),\n};\n`
	);
	writeFile(
		join(projectDir, 'src/content/docs/index.mdx'),
		`---\ntitle: Bare\ndescription: The baseline site of the Hindsight benchmark.\n---\n\nThe same postmortem bodies as a plain Starlight site.\n`
	);
	return (pm) =>
		writeFile(
			join(projectDir, 'src/content/docs/postmortems', `${pm.id}.mdx`),
			`---\n${dump({ title: pm.title, description: pm.summary })}---\n\n${pm.body}`
		);
}

export function writeBareProject(postmortems: Iterable<GeneratedPostmortem>, projectDir: string) {
	const write = bareWriter(projectDir);
	for (const pm of postmortems) write(pm);
}
