/**
 * A root cause suggested from the taxonomy by the words of the document's cause, trigger and fault
 * parts: a suggestion, always marked for review, never a finding.
 */
import type { Taxonomy } from '../model/taxonomy';

/** Words that point at each default taxonomy id (a team's own ids are matched by their names). */
const KEYWORDS: Record<string, string[]> = {
	'config-change': ['config', 'configuration', 'misconfiguration', 'misconfigured', 'feature flag', 'flag', 'setting', 'settings'],
	'software-bug': ['bug', 'defect', 'regression', 'exception', 'null pointer', 'regex', 'regular expression', 'backtracking', 'memory leak', 'race condition', 'edge case', 'crash', 'crashed'],
	deployment: ['deploy', 'deployed', 'deployment', 'rollout', 'rolled out', 'release', 'released', 'canary', 'push', 'pushed'],
	capacity: ['capacity', 'overload', 'overloaded', 'traffic spike', 'surge', 'exhausted', 'exhaustion', 'quota', 'disk full', 'out of memory', 'oom', 'connection pool', 'saturated', 'saturation', 'load'],
	dependency: ['dependency', 'upstream', 'vendor', 'third-party', 'third party', 'provider', 'supplier'],
	hardware: ['hardware', 'disk failure', 'power', 'cooling', 'data center', 'datacenter', 'host failure', 'fiber'],
	network: ['network', 'dns', 'bgp', 'routing', 'route', 'load balancer', 'partition', 'packet loss', 'firewall'],
	'certificate-expiry': ['certificate', 'cert', 'expired', 'expiry', 'expiration', 'tls', 'ssl'],
	database: ['database', 'db', 'replication', 'replica', 'failover', 'migration', 'schema', 'postgres', 'postgresql', 'mysql', 'lock', 'deadlock', 'index'],
	automation: ['automation', 'script', 'automated', 'cron', 'autoscaler', 'autoscaling', 'orchestration'],
	'monitoring-gap': ['monitoring', 'no alert', 'missing alert', 'alerting', 'dashboard', 'observability', 'undetected'],
	'process-gap': ['process', 'runbook', 'procedure', 'checklist', 'ownership', 'unclear'],
	security: ['security', 'attack', 'ddos', 'vulnerability', 'breach', 'credential', 'compromised', 'malicious'],
};

const STOP = new Set(['and', 'the', 'or', 'of', 'gap', 'failure', 'change']);

function escape(word: string): string {
	return word.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

export interface CauseSuggestion {
	id: string;
	/** The words that matched; empty when nothing did and the id is a placeholder. */
	matched: string[];
}

/** The taxonomy id whose words the text uses most; the process-gap id (or the first) when none match. */
export function suggestRootCause(text: string, taxonomy: Taxonomy): CauseSuggestion {
	const lower = text.toLowerCase();
	let best: CauseSuggestion | undefined;
	let bestScore = 0;
	for (const cause of taxonomy) {
		const words = [
			...(KEYWORDS[cause.id] ?? []),
			...cause.name.toLowerCase().split(/[^a-z0-9-]+/).filter((w) => w.length > 3 && !STOP.has(w)),
		];
		const matched: string[] = [];
		let score = 0;
		for (const word of new Set(words)) {
			const count = lower.match(new RegExp(String.raw`\b${escape(word)}\b`, 'g'))?.length ?? 0;
			if (count) {
				matched.push(word);
				score += count;
			}
		}
		if (score > bestScore) [best, bestScore] = [{ id: cause.id, matched }, score];
	}
	return best ?? { id: taxonomy.find((c) => c.id === 'process-gap')?.id ?? taxonomy[0]!.id, matched: [] };
}
