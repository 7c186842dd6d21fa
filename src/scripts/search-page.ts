/**
 * On /search/, Starlight's search dialog opens with the query and filters from the address
 * (`/search/?q=dns&severity=SEV1`), and the address follows them (see search-address.ts). Only
 * the search page loads this; the Search override hands it the dialog (`window.hindsightSearch`).
 */
import { checkedFilters, searchFromAddress, updateAddress } from './search-address';

declare global {
	interface Window {
		/** Set by the Search override once Starlight's search is ready. */
		hindsightSearch?: Promise<SearchDialog>;
	}
}

export interface SearchDialog {
	openBtn: HTMLButtonElement;
	dialog: HTMLDialogElement;
	/** Pagefind's search input, once its UI is loaded. */
	input: () => HTMLInputElement | null;
	/** Resolves once Pagefind's UI is loaded. */
	loadUI: () => Promise<void>;
}

/** Resolves once Pagefind shows its filters (or, with none to show, after a while). */
function filtersShown(dialog: HTMLDialogElement): Promise<void> {
	const shown = () => dialog.querySelector('input[type=checkbox]') !== null;
	return new Promise((resolve) => {
		if (shown()) return resolve();
		const observer = new MutationObserver(() => shown() && (observer.disconnect(), resolve()));
		observer.observe(dialog, { childList: true, subtree: true });
		setTimeout(() => (observer.disconnect(), resolve()), 5000);
	});
}

/**
 * Starlight keeps its Pagefind UI to itself, so there is no `triggerSearch()`/`triggerFilters()`:
 * this ticks Pagefind's checkboxes and types into its input, as a person would.
 */
export async function openSearchFromAddress({ openBtn, dialog, input, loadUI }: SearchDialog): Promise<void> {
	const { q, filters } = searchFromAddress();
	dialog.addEventListener('change', () => updateAddress({ filters: checkedFilters(dialog) }));
	dialog.addEventListener('input', (event) => {
		if (event.target === input()) updateAddress({ q: input()!.value });
	});
	openBtn.click();
	await loadUI();
	// Filters first, so the first results shown are already narrowed, and are not pushed down the
	// page by the filters arriving above them (on a phone they stack above the results).
	await filtersShown(dialog);
	for (const box of dialog.querySelectorAll<HTMLInputElement>('input[type=checkbox]')) {
		if (!box.checked && filters[box.name]?.includes(box.value)) box.click();
	}
	const field = input();
	if (q && field) {
		field.value = q;
		field.dispatchEvent(new Event('input'));
	}
}
