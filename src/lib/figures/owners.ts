/** The owners of an edition's action items: one entry per owner, however its items spell it. */
import { ownerKey, ownerSlug, resolvedOwnerKey, tidyOwner, type OwnerNames } from '../model/owners';

export interface Owner {
	key: string;
	/** `/action-items/owners/<slug>/`. */
	slug: string;
	/** The name pages show: from `owners.yaml`, or else the spelling most items use. */
	name: string;
	/** Every spelling items use, most used first, with how many items use it. */
	spellings: readonly { text: string; items: number }[];
	/** Whether `owners.yaml` gave the name. */
	mapped: boolean;
}

export interface OwnerDirectory {
	/** By name. */
	owners: readonly Owner[];
	/** The owner of an item whose `owner` is written this way. */
	of(written: string): Owner;
}

/** What an item with an empty `owner` is listed under. */
export const NO_OWNER = 'No owner named';

/** Most used first; a tie goes to the spelling first in code-unit order (capitals first), the same in every build. */
function bySpelling(a: { text: string; items: number }, b: { text: string; items: number }): number {
	return b.items - a.items || (a.text < b.text ? -1 : a.text > b.text ? 1 : 0);
}

/** The owners of these items (each item's `owner` as written, once per item). */
export function ownerDirectory(written: Iterable<string>, names: OwnerNames): OwnerDirectory {
	const mappedNames = new Map<string, string>();
	for (const name of names.values()) mappedNames.set(ownerKey(name), name);

	const counts = new Map<string, Map<string, number>>();
	for (const text of written) {
		const key = resolvedOwnerKey(text, names);
		const spellings = counts.get(key) ?? new Map<string, number>();
		const tidy = tidyOwner(text);
		spellings.set(tidy, (spellings.get(tidy) ?? 0) + 1);
		counts.set(key, spellings);
	}

	const make = (key: string, spellings: Map<string, number>): Owner => {
		const sorted = [...spellings].map(([text, items]) => ({ text, items })).sort(bySpelling);
		const mapped = mappedNames.get(key);
		return { key, slug: ownerSlug(key), name: mapped ?? (sorted[0]?.text || NO_OWNER), spellings: sorted, mapped: mapped !== undefined };
	};
	const byKey = new Map([...counts].map(([key, spellings]) => [key, make(key, spellings)]));
	const owners = [...byKey.values()].sort((a, b) => a.name.localeCompare(b.name, 'en') || (a.key < b.key ? -1 : 1));

	return {
		owners,
		of(text) {
			const key = resolvedOwnerKey(text, names);
			return byKey.get(key) ?? make(key, new Map([[tidyOwner(text), 0]]));
		},
	};
}
