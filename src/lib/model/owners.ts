/**
 * Action-item owners: which spellings are one owner, the path segment each owner gets, and the
 * optional `content/owners.yaml` that gives owner ids (`sre`) the name pages show ("Site
 * reliability engineering"). Every page, link and count made from an owner goes through here.
 */
import { z } from 'astro/zod';
import type { Locate } from './frontmatter';
import type { ContentProblem } from './postmortem-source';
import { addressSegment, collidingNames, slugCollisions, type SlugCollision } from './slugs';
import type { PostmortemEntry } from './postmortem';
import type { PostmortemData } from './schema';

/** An owner as it reads: NFKC, trimmed, every run of white space one space. */
export function tidyOwner(written: string): string {
	return written.normalize('NFKC').trim().replace(/\s+/gu, ' ');
}

/**
 * Spellings with one key are one owner: case, white space, `-` and `_` do not tell owners apart
 * (`Platform`, ` platform `, `edge-engineering`, `Edge engineering`), since teams write the same id
 * all three ways. Other punctuation does (`C++` is not `C`).
 */
export function ownerKey(written: string): string {
	return tidyOwner(written)
		.toLowerCase()
		.replace(/[\s_-]+/gu, '-')
		.replace(/^-+|-+$/g, '');
}

/** The path segment of an owner's page, `/action-items/owners/<slug>/`. */
export function ownerSlug(key: string): string {
	return addressSegment(key, 'owner');
}

/** Display names by owner key, from `owners.yaml`. */
export type OwnerNames = ReadonlyMap<string, string>;

/** The key of the owner an item written this way belongs to, once `owners.yaml` has mapped it. */
export function resolvedOwnerKey(written: string, names: OwnerNames): string {
	const mapped = names.get(ownerKey(written));
	return mapped === undefined ? ownerKey(written) : ownerKey(mapped);
}

const EXAMPLE = 'such as "sre: Site reliability engineering"';

const displayName = z
	.string({ error: `expected a display name as text, ${EXAMPLE}` })
	.transform(tidyOwner)
	.refine((name) => /[\p{L}\p{N}]/u.test(name), 'expected a display name with at least one letter or digit');

/**
 * `owners.yaml`: a mapping of owner ids, as written in action items' `owner`, to display names.
 * Ids compare as owners do (`SRE` is `sre`), so each may be given once; a name is spelled one way
 * throughout; and a name is never itself an id mapped to another name, since only one step is
 * followed.
 */
export const ownersFileSchema = z
	.record(z.string(), displayName, { error: `expected a YAML mapping of owner ids to display names, ${EXAMPLE}` })
	.superRefine((mapping, ctx) => {
		const firstId = new Map<string, string>();
		const spelling = new Map<string, { name: string; id: string }>();
		for (const id of Object.keys(mapping)) {
			const key = ownerKey(id);
			if (!key) {
				ctx.addIssue({ code: 'custom', path: [id], message: 'expected an owner id with a letter or digit' });
				continue;
			}
			const earlier = firstId.get(key);
			if (earlier !== undefined) {
				ctx.addIssue({ code: 'custom', path: [id], message: `the same owner as "${earlier}" (ids ignore case, spaces, "-" and "_"); give each id once` });
				continue;
			}
			firstId.set(key, id);
		}
		for (const [id, name] of Object.entries(mapping)) {
			const nameKey = ownerKey(name);
			const seen = spelling.get(nameKey);
			if (seen && seen.name !== name) {
				ctx.addIssue({ code: 'custom', path: [id], message: `"${name}" is spelled "${seen.name}" for "${seen.id}"; spell one owner's name the same way each time` });
			} else if (!seen) spelling.set(nameKey, { name, id });
			const onward = firstId.get(nameKey);
			const next = onward === undefined ? undefined : mapping[onward];
			if (onward !== undefined && next !== undefined && ownerKey(next) !== nameKey) {
				ctx.addIssue({ code: 'custom', path: [id], message: `maps to "${name}", which "${onward}" maps to "${next}"; map "${id}" straight to "${next}"` });
			}
		}
	});

/**
 * Validates parsed `owners.yaml`: the display names by key, or every problem with its line. An
 * empty file (or one of comments alone) maps nothing.
 */
export function parseOwnerNames(data: unknown, file: string, locate?: Locate): { names: OwnerNames } | { problems: ContentProblem[] } {
	const result = ownersFileSchema.safeParse(data ?? {});
	if (!result.success) {
		return {
			problems: result.error.issues.map((issue) => {
				const field = issue.path.length ? String(issue.path[0]) : undefined;
				return { file, line: locate?.(issue.path.slice(0, 1)), field, message: issue.message };
			}),
		};
	}
	return { names: new Map(Object.entries(result.data).map(([id, name]) => [ownerKey(id), name])) };
}

type OwnedEntry = Pick<PostmortemEntry, 'id' | 'filePath'> & { data: Pick<PostmortemData, 'actionItems'> };

/**
 * Different owners (different keys) whose names make one address (`C++` and `C`): one page would
 * show both owners' items. Over every file, so a clash is found before a draft is published.
 */
export function ownerSlugCollisions(entries: readonly OwnedEntry[], names: OwnerNames): SlugCollision[] {
	return slugCollisions(entries, (entry) =>
		entry.data.actionItems.map((item) => {
			const key = resolvedOwnerKey(item.owner, names);
			return { name: tidyOwner(item.owner), key, slug: ownerSlug(key) };
		})
	);
}

/** A collision as authors read it: which owners share which address, and what to do. */
export function ownerCollisionProblem(collision: SlugCollision, ownersFile: string): ContentProblem {
	const { file, list } = collidingNames(collision);
	return {
		file,
		field: 'actionItems.owner',
		message: `${list} are different owners with one address, /action-items/owners/${collision.slug}/. Spell them the same way, or map them to one name in ${ownersFile}, if they are one owner; rename one if they are not.`,
	};
}
