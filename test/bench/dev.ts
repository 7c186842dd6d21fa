/**
 * The dev loop as an author lives it: `astro dev` on the archive, the time until a postmortem page
 * answers with its title, then the time from saving an edit to its body until the page shows it.
 */
import { spawn } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { cleanEnv } from '../support/build';

export interface DevLoop {
	/** From starting `astro dev` until the page answered 200 with its title. */
	firstPageMs: number;
	/** From saving the edited file until a GET of the page showed the edit. */
	editMs: number;
	/** Requests made while waiting for the edit (one at a time). */
	editPolls: number;
}

export interface DevLoopOptions {
	cwd: string;
	astro: string;
	env: Record<string, string>;
	/** The page's address, and the postmortem file it renders. */
	pagePath: string;
	file: string;
	title: string;
	/** How long to wait for the first page, and for the edit. */
	timeoutMs: number;
	/** Receives the dev server's output. */
	onLog?: (text: string) => void;
}

function freePort(): Promise<number> {
	return new Promise((resolve, reject) => {
		const server = createServer();
		server.once('error', reject);
		server.listen(0, '127.0.0.1', () => {
			const address = server.address();
			server.close(() => (address && typeof address === 'object' ? resolve(address.port) : reject(new Error('no free port'))));
		});
	});
}

const escapeHtml = (text: string) => text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;').replace(/'/g, '&#39;');
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** A GET's status and body, or null while the server does not answer yet. */
async function get(url: string, timeoutMs: number): Promise<{ status: number; body: string } | null> {
	try {
		const response = await fetch(url, { signal: AbortSignal.timeout(Math.max(1, Math.ceil(timeoutMs))) });
		return { status: response.status, body: await response.text() };
	} catch {
		return null;
	}
}

/**
 * Starts `astro dev` in its own process group, measures, and always stops the whole group and puts
 * the file back, whatever fails in between.
 */
export async function measureDevLoop(options: DevLoopOptions): Promise<DevLoop> {
	const port = await freePort();
	const url = `http://127.0.0.1:${port}${options.pagePath}`;
	const env = { ...cleanEnv(), NO_COLOR: '1', FORCE_COLOR: '0', ASTRO_TELEMETRY_DISABLED: '1', ...options.env };
	const started = performance.now();
	const child = spawn(process.execPath, [options.astro, 'dev', '--port', String(port), '--host', '127.0.0.1'], {
		cwd: options.cwd,
		env,
		detached: true,
		stdio: ['ignore', 'pipe', 'pipe'],
	});
	let exited: number | null | undefined;
	const exit = new Promise<void>((resolve) =>
		child.once('exit', (code) => {
			exited = code;
			resolve();
		})
	);
	child.stdout.setEncoding('utf8').on('data', (d: string) => options.onLog?.(d));
	child.stderr.setEncoding('utf8').on('data', (d: string) => options.onLog?.(d));
	const killGroup = (signal: NodeJS.Signals) => {
		try {
			process.kill(-child.pid!, signal);
		} catch {
			// The group is gone.
		}
	};
	// If the benchmark itself is stopped mid-measurement, the server goes with it.
	const onExit = () => killGroup('SIGKILL');
	process.once('exit', onExit);
	const original = readFileSync(options.file, 'utf8');
	let edited = false;
	try {
		const title = [options.title, escapeHtml(options.title)];
		const deadline = started + options.timeoutMs;
		let firstPageMs: number | null = null;
		while (firstPageMs === null) {
			if (exited !== undefined) throw new Error(`astro dev exited (${exited}) before it served ${options.pagePath}`);
			const remaining = deadline - performance.now();
			if (remaining <= 0) throw new Error(`astro dev did not serve ${options.pagePath} with its title within ${(options.timeoutMs / 1000).toFixed(0)} s`);
			const answer = await get(url, remaining);
			if (answer?.status === 200 && title.some((t) => answer.body.includes(t))) firstPageMs = performance.now() - started;
			else await sleep(100);
		}

		const marker = `Edited by the benchmark at ${Date.now().toString(36)}.`;
		writeFileSync(options.file, `${original.trimEnd()}\n\n${marker}\n`);
		edited = true;
		const saved = performance.now();
		let editPolls = 0;
		for (;;) {
			const remaining = saved + options.timeoutMs - performance.now();
			if (remaining <= 0) throw new Error(`the edit to ${options.file} did not show on ${options.pagePath} within ${(options.timeoutMs / 1000).toFixed(0)} s`);
			if (exited !== undefined) throw new Error(`astro dev exited (${exited}) after the edit`);
			editPolls++;
			const answer = await get(url, remaining);
			if (answer?.status === 200 && answer.body.includes(marker)) return { firstPageMs, editMs: performance.now() - saved, editPolls };
			await sleep(20);
		}
	} finally {
		if (edited) writeFileSync(options.file, original);
		killGroup('SIGTERM');
		const timer = setTimeout(() => killGroup('SIGKILL'), 10_000);
		await exit;
		clearTimeout(timer);
		// Anything of the group that outlived the server.
		killGroup('SIGKILL');
		process.removeListener('exit', onExit);
	}
}
