/**
 * Action items from a table (a column each for the action, owner, type, status, due date, link) or
 * a list (`- [x] Add an alert (owner: sam) DONE`). What a row does not say stays unsaid: a missing
 * owner becomes a marked placeholder, a missing type a guess the file marks for review.
 */
import type { List, ListItem, Table } from 'mdast';
import type { ActionStatus, ActionType } from '../model/schema';
import { PLACEHOLDER_WORD } from '../model/placeholders';
import { parseDate } from '../model/datetime';
import { firstUrl, squeeze, textOf, type Block } from './text';

export interface ImportedAction {
	title: string;
	type: ActionType;
	owner: string;
	status: ActionStatus;
	due?: string | undefined;
	link?: string | undefined;
	/** Which of type and owner the source did not give. */
	guessed: ('type' | 'owner')[];
}

export const OWNER_PLACEHOLDER = `${PLACEHOLDER_WORD}: who owns this action`;

const STATUS_WORDS: [ActionStatus, RegExp][] = [
	['wont-do', /^(?:won'?t (?:do|fix)|wontfix|wont-do|declined|rejected|cancel+ed|dropped|not doing|obsolete)$/i],
	['in-progress', /^(?:in[- ]progress|wip|started|ongoing|doing|in review|underway|partially done|partial)$/i],
	['done', /^(?:done|complete|completed|fixed|closed|resolved|finished|shipped|merged|x|✓|✅|✔️?|☑️?|yes)$/i],
	['open', /^(?:todo|to do|to-do|open|not started|pending|planned|new|backlog|❌|⬜|no)$/i],
];

/** A status as written (`DONE`, `✅`, `In progress`); undefined when the words are not a status. */
export function readStatus(written: string): ActionStatus | undefined {
	const word = squeeze(written.replace(/[[\]()*_`]/g, ''));
	return STATUS_WORDS.find(([, pattern]) => pattern.test(word))?.[0];
}

const TYPE_WORDS: [ActionType, RegExp][] = [
	['mitigate', /^(?:mitigat(?:e|ion|es)|repair|fix|remediat(?:e|ion))$/i],
	['prevent', /^(?:prevent(?:ion|ive|ative)?|corrective|preventive|preventative)$/i],
	['detect', /^(?:detect(?:ion)?|monitor(?:ing)?|alert(?:ing)?|observability)$/i],
	['process', /^(?:process|procedure|policy)$/i],
	['documentation', /^(?:doc(?:s|umentation)?|runbook)$/i],
	['communication', /^(?:communicat(?:e|ion)|comms)$/i],
	['training', /^(?:training|train|education)$/i],
];

/** A type as written in a type column, mapped to the contract's words. */
export function readType(written: string): ActionType | undefined {
	const word = squeeze(written.replace(/[[\]()*_`]/g, ''));
	return TYPE_WORDS.find(([, pattern]) => pattern.test(word))?.[0];
}

const TYPE_GUESSES: [ActionType, RegExp][] = [
	['detect', /\b(?:alert|alerting|monitor|monitoring|dashboard|metric|probe|detect)/i],
	['documentation', /\b(?:runbook|playbook|document|docs?\b|wiki)/i],
	['training', /\b(?:train|training|workshop|onboard)/i],
	['communication', /\b(?:status ?page|communicat|notify|announce|customers? update)/i],
	['process', /\b(?:process|review|checklist|policy|procedure|approval|on-?call)/i],
	['mitigate', /\b(?:roll ?back|mitigat|restore|repair|hotfix)/i],
];

/** A type guessed from an action's words; `prevent` when none match. */
export function guessType(title: string): ActionType {
	return TYPE_GUESSES.find(([, words]) => words.test(title))?.[0] ?? 'prevent';
}

function action(title: string, fields: { owner?: string | undefined; type?: string | undefined; status?: ActionStatus | undefined; due?: string | undefined; link?: string | undefined }): ImportedAction | undefined {
	const clean = squeeze(title);
	if (!clean) return undefined;
	const type = fields.type ? readType(fields.type) : undefined;
	const owner = fields.owner ? squeeze(fields.owner) : '';
	return {
		title: clean,
		type: type ?? guessType(clean),
		owner: owner || OWNER_PLACEHOLDER,
		status: fields.status ?? 'open',
		due: fields.due ? parseDate(fields.due.trim()) : undefined,
		link: fields.link,
		guessed: [...(type ? [] : (['type'] as const)), ...(owner ? [] : (['owner'] as const))],
	};
}

const COLUMNS: [keyof ColumnMap, RegExp][] = [
	['owner', /\b(?:owner|owners|assignee|assigned|who|responsible|dri)\b/i],
	['type', /\b(?:type|kind|category)\b/i],
	['status', /\b(?:status|state|done|progress|complete)\b/i],
	['due', /\b(?:due|deadline|target|eta|by when)\b/i],
	['link', /\b(?:link|bug|ticket|issue|jira|url|tracking|tracker|pr)\b/i],
	['title', /\b(?:action|item|title|task|description|what|follow|remediation|measure|summary)\b/i],
];
interface ColumnMap {
	title: number;
	owner: number;
	type: number;
	status: number;
	due: number;
	link: number;
}

function fromTable(table: Table): ImportedAction[] {
	const [header, ...rows] = table.children;
	if (!header) return [];
	const heads = header.children.map((cell) => squeeze(textOf(cell)));
	const columns: Partial<ColumnMap> = {};
	heads.forEach((head, col) => {
		const found = COLUMNS.find(([key, pattern]) => columns[key] === undefined && pattern.test(head));
		if (found) columns[found[0]] = col;
	});
	const titleCol = columns.title ?? heads.findIndex((_, col) => !Object.values(columns).includes(col));
	if (titleCol < 0) return [];
	return rows.flatMap((row) => {
		const cell = (col: number | undefined) => (col === undefined ? undefined : row.children[col]);
		const text = (col: number | undefined) => { const c = cell(col); return c ? squeeze(textOf(c)) : undefined; };
		const titleCell = cell(titleCol);
		let title = text(titleCol) ?? '';
		let status = columns.status !== undefined ? readStatus(text(columns.status) ?? '') : undefined;
		// `✅ Add an alert` or `Add an alert (DONE)` in the action's own cell.
		const marked = statusInText(title);
		if (marked) [title, status] = [marked.rest, status ?? marked.status];
		const linkCell = cell(columns.link);
		const link = (linkCell && firstUrl(linkCell)) ?? (titleCell && firstUrl(titleCell));
		const made = action(title, { owner: text(columns.owner), type: text(columns.type), status, due: text(columns.due), link });
		return made ? [made] : [];
	});
}

/** A status word at either end of an action's text: `[DONE] x`, `x (done)`, `✅ x`, `x - TODO`. */
function statusInText(text: string): { status: ActionStatus; rest: string } | undefined {
	// Only a marked status: bracketed, an emoji, or capitals; not a last word that happens to be one.
	const MARK = String.raw`(?:\[\s*([^\]]+?)\s*\]|\(\s*([^)]+?)\s*\)|(✅|✔️?|☑️?|❌|⬜|[A-Z][A-Z' -]*[A-Z]))`;
	const start = new RegExp(String.raw`^\s*${MARK}\s*[:\-–—]?\s+(.+)$`, 'u').exec(text);
	const startStatus = start && readStatus(start[1] ?? start[2] ?? start[3] ?? '');
	if (start && startStatus) return { status: startStatus, rest: start[4]! };
	const end = new RegExp(String.raw`^(.+?)\s*[-–—:,]?\s*${MARK}\s*$`, 'u').exec(text);
	const endStatus = end && readStatus(end[2] ?? end[3] ?? end[4] ?? '');
	if (end && endStatus) return { status: endStatus, rest: end[1]! };
	return undefined;
}

function fromItem(item: ListItem): ImportedAction | undefined {
	const first = item.children[0];
	if (!first || first.type !== 'paragraph') return undefined;
	let text = squeeze(textOf(first));
	let status: ActionStatus | undefined = item.checked === true ? 'done' : item.checked === false ? 'open' : undefined;
	const marked = statusInText(text);
	// A written status says more than an empty checkbox.
	if (marked) [text, status] = [marked.rest, item.checked === true ? status : marked.status];
	const fields: Record<string, string> = {};
	const take = (pairs: string) => {
		for (const pair of pairs.split(/[,;]/)) {
			const found = /^\s*(owner|assignee|type|due|status)\s*:\s*(.+?)\s*$/i.exec(pair);
			if (found) fields[found[1]!.toLowerCase() === 'assignee' ? 'owner' : found[1]!.toLowerCase()] = found[2]!;
		}
	};
	// `(owner: sam, type: detect, due: 2024-05-01)` in brackets, or `Owner: sam` at the end.
	text = text.replace(/\s*[([]([^()[\]]*\b(?:owner|assignee|type|due|status)\s*:[^()[\]]*)[)\]]/gi, (_, inner: string) => {
		take(inner);
		return '';
	});
	text = text.replace(/\s*[-–—,;]?\s*\b((?:owner|assignee|type|due|status)\s*:.+)$/i, (_, tail: string) => {
		take(tail);
		return '';
	});
	text = text.replace(/\s*[-–—,;]\s*$/, '');
	const mention = /(?:^|\s)@([\w.-]+)/.exec(text)?.[1];
	return action(text, {
		owner: fields.owner ?? mention,
		type: fields.type,
		status: (fields.status ? readStatus(fields.status) : undefined) ?? status,
		due: fields.due,
		link: firstUrl(first),
	});
}

function fromList(list: List): ImportedAction[] {
	return list.children.flatMap((item) => {
		const made = fromItem(item);
		const nested = item.children.filter((b): b is List => b.type === 'list').flatMap(fromList);
		return [...(made ? [made] : []), ...nested];
	});
}

/** The action items of a part's blocks: its tables and lists, in order. */
export function readActionItems(blocks: readonly Block[]): ImportedAction[] {
	return blocks.flatMap((block) => (block.type === 'table' ? fromTable(block) : block.type === 'list' ? fromList(block) : []));
}
