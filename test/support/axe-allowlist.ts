/**
 * axe rules switched off, each with the reason it cannot be fixed here. Keep this empty when you
 * can: every entry is a known accessibility gap.
 */
export const AXE_ALLOWLIST: { rule: string; why: string }[] = [];
