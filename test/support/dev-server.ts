/**
 * `npm run dev` as a test starts it: on a free port, on a content folder, with its output kept, and
 * ready once `ready` answers.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { createServer } from 'node:net';
import { ASTRO, ROOT, cleanEnv } from './build';

function freePort(): Promise<number> {
	return new Promise((resolve) => {
		const server = createServer();
		server.listen(0, '127.0.0.1', () => {
			const { port } = server.address() as { port: number };
			server.close(() => resolve(port));
		});
	});
}

export interface DevServer {
	base: string;
	child: ChildProcess;
	/** Everything it printed so far, without colour codes. */
	output: () => string;
	stop: () => void;
}

/** Starts the dev server on `contentDir` and waits until `ready` (a path) answers at all. */
export async function startDevServer(contentDir: string, ready = '/postmortems/'): Promise<DevServer> {
	const port = await freePort();
	const base = `http://127.0.0.1:${port}`;
	const child = spawn(process.execPath, [ASTRO, 'dev', '--ignore-lock', '--port', String(port), '--host', '127.0.0.1'], {
		cwd: ROOT,
		env: { ...cleanEnv(), HINDSIGHT_CONTENT_DIR: contentDir, ASTRO_TELEMETRY_DISABLED: '1' },
		// A closed stdin makes the dev server stop: keep it open.
		stdio: ['pipe', 'pipe', 'pipe'],
	});
	let output = '';
	child.stdout!.on('data', (d) => (output += d));
	child.stderr!.on('data', (d) => (output += d));
	const server: DevServer = { base, child, output: () => output.replace(/\x1b\[[0-9;]*m/g, ''), stop: () => child.kill() };
	const deadline = Date.now() + 120_000;
	for (;;) {
		try {
			await fetch(`${base}${ready}`, { signal: AbortSignal.timeout(30_000) });
			return server;
		} catch {
			// not listening yet
		}
		if (Date.now() > deadline || child.exitCode !== null) {
			child.kill();
			throw new Error(`dev server did not start (exit ${child.exitCode}):\n${server.output()}`);
		}
		await new Promise((r) => setTimeout(r, 500));
	}
}
