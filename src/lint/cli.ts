/**
 * `npm run lint:content [path…]`: lints postmortem files (by default every one below
 * `<content dir>/postmortems`; or the files and folders given) and prints one line per finding,
 * `file:line:col  rule  message`, then a summary. Exit code 0 when there are no errors, 1 when there
 * are, 2 when the linter could not run (a bad lint.yaml, a path that does not exist).
 */
import { readFileSync, statSync } from 'node:fs';
import { findPostmortemFiles } from '../node/postmortem-files';
import { contentDir, postmortemsDir } from '../node/settings';
import { loadConfig } from './config';
import type { Finding } from './finding';
import { formatFinding, formatSummary, lintFile } from './lint';

const USAGE = `Usage: npm run lint:content [-- <file or folder>…]

Checks postmortems for blameful wording, secrets, personal data, missing recommended parts, MDX
hazards and placeholders left in a postmortem that is not a draft. Without paths it checks every .md and .mdx file below <content dir>/postmortems
(HINDSIGHT_CONTENT_DIR, default ./content). Settings: <content dir>/lint.yaml.`;

/** The files to lint: each path given, with folders expanded to the postmortems below them. */
function collectFiles(paths: readonly string[]): string[] {
	const files: string[] = [];
	for (const path of paths) {
		let isFolder: boolean;
		try {
			isFolder = statSync(path).isDirectory();
		} catch {
			throw new Error(`${path}: no such file or folder`);
		}
		if (isFolder) files.push(...findPostmortemFiles(path).files.map((file) => file.path));
		else files.push(path);
	}
	return [...new Set(files)];
}

async function main(args: readonly string[]): Promise<number> {
	if (args.includes('--help') || args.includes('-h')) {
		console.log(USAGE);
		return 0;
	}
	const option = args.find((arg) => arg.startsWith('-'));
	if (option) {
		console.error(`Unknown option ${option}\n\n${USAGE}`);
		return 2;
	}
	const root = contentDir();
	const config = loadConfig(root);
	const files = collectFiles(args.length ? args : [postmortemsDir(root)]);
	const findings: Finding[] = [];
	for (const file of files) {
		let fileFindings: Finding[];
		try {
			fileFindings = await lintFile(file, readFileSync(file, 'utf8'), config);
		} catch (error) {
			// A bug in the linter, not in the file: say which file set it off.
			throw new Error(`${file}: the linter failed: ${error instanceof Error ? error.stack : String(error)}`);
		}
		for (const finding of fileFindings) console.log(formatFinding(finding));
		findings.push(...fileFindings);
	}
	console.log(formatSummary(findings, files.length));
	return findings.some((finding) => finding.severity === 'error') ? 1 : 0;
}

main(process.argv.slice(2)).then(
	(code) => {
		process.exitCode = code;
	},
	(error: unknown) => {
		console.error(error instanceof Error ? error.message : String(error));
		process.exitCode = 2;
	}
);
