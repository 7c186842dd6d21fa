// Types for the Starlight virtual modules that the Search override imports; Starlight ships them
// only for its own source.
declare module 'virtual:starlight/project-context' {
	const project: { trailingSlash: 'always' | 'never' | 'ignore'; [key: string]: unknown };
	export default project;
}

declare module 'virtual:starlight/pagefind-config' {
	export const pagefindUserConfig: Record<string, unknown>;
}
