/** Content folders made at test time: names and links that are awkward to commit, and real images. */
import { mkdirSync, mkdtempSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import sharp from 'sharp';

/** A small PNG of one colour: different colours, different bytes. */
export function png(colour: string): Promise<Buffer> {
	return sharp({ create: { width: 4, height: 4, channels: 3, background: colour } }).png().toBuffer();
}

/** Valid frontmatter, with `extra` YAML lines added. */
export function frontmatter(title: string, extra = ''): string {
	return `---
title: ${title}
summary: What happened in ${title}.
severity: SEV3
started: 2024-03-05T10:00:00Z
resolved: 2024-03-05T11:00:00Z
services: [api]
impact:
  description: Some requests failed.
rootCauses: [network]
${extra ? `${extra}\n` : ''}---
`;
}

export interface ArchiveFiles {
	/** Path below `postmortems/` → text or bytes. */
	[path: string]: string | Uint8Array;
}

/** A content folder with a one-cause taxonomy and these postmortem files; `links` maps link → target. */
export function makeArchive(files: ArchiveFiles, links: Record<string, string> = {}): string {
	const root = mkdtempSync(join(tmpdir(), 'hindsight-archive-'));
	writeFileSync(join(root, 'root-causes.yaml'), '- id: network\n  name: Network\n  description: Routing and DNS.\n');
	for (const [path, content] of Object.entries(files)) {
		const file = join(root, 'postmortems', path);
		mkdirSync(dirname(file), { recursive: true });
		writeFileSync(file, content);
	}
	for (const [link, target] of Object.entries(links)) {
		const file = join(root, 'postmortems', link);
		mkdirSync(dirname(file), { recursive: true });
		symlinkSync(target, file);
	}
	return root;
}
