declare module 'virtual:hindsight/settings' {
	export const settings: import('./node/settings').Settings;
}
