/**
 * html-validate over the built pages: the recommended preset, less the rules that only restate
 * how Starlight and Expressive Code (which we do not fork) write their markup. Each entry says why.
 */
import type { ConfigData } from 'html-validate';

export const HTML_VALIDATE_CONFIG: ConfigData = {
	extends: ['html-validate:recommended'],
	rules: {
		// Starlight writes `<meta />` and `<link />`; both forms are valid HTML.
		'void-style': 'off',
		// Starlight's header, sidebar and theme buttons omit `type`; none sits inside a form.
		'no-implicit-button-type': 'off',
		// Starlight labels its desktop and mobile tables of contents alike; only one is shown at a time.
		'unique-landmark': 'off',
		// Starlight's `#_top` anchor; ids starting with `_` are valid HTML.
		'valid-id': 'off',
		// Starlight's dialog and icons, and Expressive Code, set style attributes.
		'no-inline-style': 'off',
		// Expressive Code renders each code line as a `<div>` inside `<code>`, and its copy button is labelled by a tooltip.
		'element-permitted-content': 'off',
		'text-content': 'off',
		// Starlight's <Steps> puts role="list" on <ol> so Safari keeps list semantics with list-style: none.
		'no-redundant-role': 'off',
		// Postmortem titles may run to 200 characters (the content contract).
		'long-title': 'off',
	},
};
