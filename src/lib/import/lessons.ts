/** Lessons from the three lesson parts: What went well, What went wrong, Where we got lucky. */
import type { List } from 'mdast';
import { squeeze, textOf, type Block } from './text';

export type LessonKind = 'went-well' | 'went-wrong' | 'lucky';

/** Each list item, or each paragraph where there is no list, is one lesson. */
export function readLessons(blocks: readonly Block[], inline = ''): string[] {
	const items = (list: List): string[] => list.children.flatMap((item) => {
		const own = item.children.filter((b) => b.type !== 'list').map((b) => squeeze(textOf(b))).filter(Boolean).join(' ');
		return [...(own ? [own] : []), ...item.children.flatMap((b) => (b.type === 'list' ? items(b) : []))];
	});
	const found = blocks.flatMap((block) => {
		if (block.type === 'list') return items(block);
		if (block.type === 'paragraph') return [squeeze(textOf(block))];
		return [];
	});
	return [squeeze(inline), ...found].filter(Boolean);
}
