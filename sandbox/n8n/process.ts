// Child-process plumbing shared by the harness: every n8n process runs in its own process group
// (detached) so stopping it also stops the task runner it spawns, and a process-exit hook kills
// any group still alive, so a crashed test run leaves no stray n8n behind.
import { spawn, type ChildProcess } from 'node:child_process';
import * as fs from 'node:fs';
import * as net from 'node:net';

const liveGroups = new Set<number>();
let exitHookInstalled = false;

function installExitHook(): void {
	if (exitHookInstalled) return;
	exitHookInstalled = true;
	process.on('exit', () => {
		for (const pgid of liveGroups) killGroup(pgid, 'SIGKILL');
	});
}

/** Sends a signal to a whole process group; true if the group still existed. */
export function killGroup(pgid: number, signal: NodeJS.Signals): boolean {
	try {
		process.kill(-pgid, signal);
		return true;
	} catch {
		return false;
	}
}

export interface SpawnedGroup {
	child: ChildProcess;
	pid: number;
	exited: Promise<number | null>;
	/** SIGTERM the group, wait up to `graceMs`, then SIGKILL whatever is left. */
	stop(graceMs?: number): Promise<void>;
	/** SIGKILL the whole group at once (a crash: no shutdown handlers run); resolves when it is gone. */
	kill(): Promise<void>;
}

/** Spawns `command` detached (new process group) with stdout+stderr appended to `logFile`. */
export function spawnGroup(
	command: string,
	args: string[],
	options: { env: NodeJS.ProcessEnv; cwd?: string; logFile: string; onStdout?: (chunk: Buffer) => void },
): SpawnedGroup {
	installExitHook();
	const log = fs.openSync(options.logFile, 'a');
	const child = spawn(command, args, {
		env: options.env,
		cwd: options.cwd,
		detached: true,
		stdio: ['ignore', options.onStdout ? 'pipe' : log, log],
	});
	if (options.onStdout && child.stdout) {
		child.stdout.on('data', (chunk: Buffer) => {
			fs.appendFileSync(options.logFile, chunk);
			options.onStdout?.(chunk);
		});
	}
	const pid = child.pid;
	if (pid === undefined) {
		fs.closeSync(log);
		throw new Error(`could not spawn ${command}`);
	}
	liveGroups.add(pid);
	const exited = new Promise<number | null>((resolve) => {
		child.on('error', () => resolve(null));
		child.on('close', (code) => resolve(code));
	}).finally(() => {
		fs.closeSync(log);
	});
	const stop = async (graceMs = 15_000): Promise<void> => {
		if (killGroup(pid, 'SIGTERM')) {
			const timer = new Promise<'timeout'>((r) => setTimeout(() => r('timeout'), graceMs).unref());
			await Promise.race([exited, timer]);
		}
		// The leader may be gone while children (task runner) linger: always sweep the group.
		killGroup(pid, 'SIGKILL');
		await exited;
		liveGroups.delete(pid);
	};
	const kill = async (): Promise<void> => {
		killGroup(pid, 'SIGKILL');
		await exited;
		liveGroups.delete(pid);
	};
	void exited.then(() => {
		// Leader gone: reap any leftover member of its group, then forget it.
		killGroup(pid, 'SIGKILL');
		liveGroups.delete(pid);
	});
	return { child, pid, exited, stop, kill };
}

/** Runs a command to completion (own process group, killed on timeout). */
export async function runGroup(
	command: string,
	args: string[],
	options: { env: NodeJS.ProcessEnv; cwd?: string; logFile: string; timeoutMs: number; captureStdout?: boolean },
): Promise<{ code: number | null; stdout: string; timedOut: boolean }> {
	const chunks: Buffer[] = [];
	const group = spawnGroup(command, args, {
		env: options.env,
		cwd: options.cwd,
		logFile: options.logFile,
		onStdout: options.captureStdout ? (c) => chunks.push(c) : undefined,
	});
	let timedOut = false;
	const timer = setTimeout(() => {
		timedOut = true;
		void group.stop(2_000);
	}, options.timeoutMs);
	const code = await group.exited;
	clearTimeout(timer);
	return { code, stdout: Buffer.concat(chunks).toString('utf8'), timedOut };
}

/** A port that was free a moment ago on 127.0.0.1 (the OS picks it). */
export async function freePort(): Promise<number> {
	return await new Promise((resolve, reject) => {
		const server = net.createServer();
		server.once('error', reject);
		server.listen(0, '127.0.0.1', () => {
			const address = server.address();
			const port = typeof address === 'object' && address ? address.port : 0;
			server.close(() => resolve(port));
		});
	});
}

/** Last `lines` lines of a text file ('' if it does not exist). */
export function tail(file: string, lines = 40): string {
	try {
		const text = fs.readFileSync(file, 'utf8');
		return text.split('\n').slice(-lines).join('\n');
	} catch {
		return '';
	}
}

export const delay = (ms: number): Promise<void> => new Promise((r) => setTimeout(r, ms));
