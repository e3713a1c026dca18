// One throw-away n8n installation: a user folder (own SQLite database, installed community
// packages, logs) plus the CLI commands and the long-running server that operate on it.
import { execFileSync } from 'node:child_process';
import * as crypto from 'node:crypto';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import type { IDataObject, IRun } from 'n8n-workflow';
import {
	listExecutions,
	listPublications,
	listWorkflows,
	readExecution,
	readStaticData,
	type ExecutionRow,
	type PublicationRow,
	type WorkflowRow,
} from './database';
import { delay, freePort, runGroup, spawnGroup, tail, type SpawnedGroup } from './process';
import { parseRawOutput } from './runData';
import { prepareN8nRuntime, type N8nRuntime } from './runtime';

export interface N8nCredential {
	id: string;
	name: string;
	type: string;
	/** Plaintext credential fields; n8n encrypts them on import. */
	data: IDataObject;
}

export interface N8nWorkflow {
	/** Fixed id, at most 21 characters (what `execute --id` and `publish:workflow` use). */
	id: string;
	name: string;
	nodes: IDataObject[];
	connections: IDataObject;
	settings?: IDataObject;
	active?: boolean;
	[key: string]: unknown;
}

export interface N8nInstanceOptions {
	/** Used in the temp folder name and log lines. */
	name?: string;
	runtime?: N8nRuntime;
	/** Use this folder instead of a new one under the OS temp dir (it is not removed by dispose). */
	userFolder?: string;
	/** Extra environment for every n8n process of this instance. */
	env?: Record<string, string>;
	/** Defaults to the key stored in an existing user folder, else a random one. */
	encryptionKey?: string;
}

export interface ExecuteResult {
	/** The run n8n printed; for a failed run `runError(run)` says why. */
	run: IRun;
	/** Exit code of `n8n execute` (non-zero when the workflow failed). */
	exitCode: number | null;
	ok: boolean;
	logFile: string;
}

export class N8nCommandError extends Error {
	constructor(message: string, readonly logFile: string) {
		super(`${message}\n--- ${logFile} (tail) ---\n${tail(logFile)}`);
	}
}

/** Environment switches: no telemetry, no version checks, no calls to n8n's web services. */
const QUIET_ENV: Record<string, string> = {
	N8N_DIAGNOSTICS_ENABLED: 'false',
	N8N_VERSION_NOTIFICATIONS_ENABLED: 'false',
	N8N_VERSION_NOTIFICATIONS_WHATS_NEW_ENABLED: 'false',
	N8N_TEMPLATES_ENABLED: 'false',
	N8N_DYNAMIC_BANNERS_ENABLED: 'false',
	N8N_HIRING_BANNER_ENABLED: 'false',
	N8N_PERSONALIZATION_ENABLED: 'false',
	N8N_LICENSE_AUTO_RENEW_ENABLED: 'false',
	N8N_DISABLED_MODULES: 'mcp-registry',
	N8N_LOG_LEVEL: 'info',
	N8N_ENFORCE_SETTINGS_FILE_PERMISSIONS: 'false',
	N8N_UNVERIFIED_PACKAGES_ENABLED: 'true',
	N8N_RUNNERS_TASK_TIMEOUT: '300',
	N8N_LISTEN_ADDRESS: '127.0.0.1',
	N8N_SECURE_COOKIE: 'false',
	GENERIC_TIMEZONE: 'UTC',
	// GET /metrics with n8n's per-poll counter: the only signal that a poll which emitted nothing
	// has finished (see sandbox/n8n/README.md, "What n8n says about a poll").
	N8N_METRICS: 'true',
	N8N_METRICS_INCLUDE_POLL_TRIGGER_METRICS: 'true',
	N8N_METRICS_INCLUDE_DEFAULT_METRICS: 'false',
};

/**
 * The parent's environment minus what must not reach n8n: jest sets NODE_ENV=test, which makes
 * n8n silence its logger and behave as in its own unit tests; NODE_OPTIONS may carry ts hooks.
 */
export function cleanEnv(): NodeJS.ProcessEnv {
	const env: NodeJS.ProcessEnv = { ...process.env };
	for (const key of Object.keys(env)) {
		if (key === 'NODE_ENV' || key === 'NODE_OPTIONS' || key.startsWith('JEST_')) delete env[key];
	}
	return env;
}

/** The key n8n saved in `<userFolder>/.n8n/config` on first use (reusing a folder needs it). */
function storedEncryptionKey(userFolder: string): string | undefined {
	try {
		const config = JSON.parse(fs.readFileSync(path.join(userFolder, '.n8n', 'config'), 'utf8'));
		return typeof config.encryptionKey === 'string' ? config.encryptionKey : undefined;
	} catch {
		return undefined;
	}
}

/**
 * Environment that makes n8n create (and keep) an owner account, so the editor opens with a
 * login instead of the owner set-up screen. The hash comes from n8n's own bcryptjs.
 */
export function ownerEnv(runtime: N8nRuntime, email: string, password: string): Record<string, string> {
	const hash = execFileSync(
		runtime.nodeBin,
		['-e', 'process.stdout.write(require("bcryptjs").hashSync(process.argv[1], 10))', password],
		{ encoding: 'utf8', env: { ...cleanEnv(), NODE_PATH: runtime.nodeModules } },
	);
	return {
		N8N_INSTANCE_OWNER_MANAGED_BY_ENV: 'true',
		N8N_INSTANCE_OWNER_EMAIL: email,
		N8N_INSTANCE_OWNER_PASSWORD_HASH: hash,
	};
}

export class N8nInstance {
	readonly runtime: N8nRuntime;
	readonly userFolder: string;
	readonly logDir: string;
	readonly databaseFile: string;
	readonly encryptionKey: string;
	private readonly ownsFolder: boolean;
	private readonly extraEnv: Record<string, string>;
	private commandSeq = 0;
	private servers = new Set<N8nServer>();

	constructor(options: N8nInstanceOptions = {}) {
		this.runtime = options.runtime ?? prepareN8nRuntime();
		this.ownsFolder = !options.userFolder;
		const prefix = `sfm-n8n-${(options.name ?? 'instance').replace(/[^\w-]/g, '_')}-`;
		this.userFolder = options.userFolder ?? fs.mkdtempSync(path.join(os.tmpdir(), prefix));
		this.logDir = path.join(this.userFolder, 'logs');
		fs.mkdirSync(this.logDir, { recursive: true });
		this.databaseFile = path.join(this.userFolder, '.n8n', 'database.sqlite');
		this.extraEnv = options.env ?? {};
		this.encryptionKey =
			options.encryptionKey ?? storedEncryptionKey(this.userFolder) ?? crypto.randomBytes(24).toString('hex');
	}

	/** Environment of every n8n process (Node 24 first on PATH). */
	env(extra: Record<string, string> = {}): NodeJS.ProcessEnv {
		const env = cleanEnv();
		return {
			...env,
			...QUIET_ENV,
			PATH: `${this.runtime.nodeBinDir}${path.delimiter}${process.env.PATH ?? ''}`,
			N8N_USER_FOLDER: this.userFolder,
			N8N_ENCRYPTION_KEY: this.encryptionKey,
			...this.extraEnv,
			...extra,
		};
	}

	private nextLog(label: string): string {
		this.commandSeq += 1;
		return path.join(this.logDir, `${String(this.commandSeq).padStart(3, '0')}-${label}.log`);
	}

	/** Runs one n8n CLI command to completion; throws (with the log tail) unless it exits 0. */
	async cli(
		args: string[],
		options: { timeoutMs?: number; captureStdout?: boolean; allowFailure?: boolean; env?: NodeJS.ProcessEnv } = {},
	): Promise<{ code: number | null; stdout: string; logFile: string }> {
		const logFile = this.nextLog(args[0].replace(/[^\w-]/g, '_'));
		// Each process gets its own task-broker port so parallel instances never collide on 5679.
		const env = this.env({ N8N_RUNNERS_BROKER_PORT: String(await freePort()), ...(options.env as Record<string, string> | undefined) });
		const result = await runGroup(this.runtime.nodeBin, [this.runtime.n8nBin, ...args], {
			env,
			cwd: this.userFolder,
			logFile,
			timeoutMs: options.timeoutMs ?? 120_000,
			captureStdout: options.captureStdout,
		});
		if (result.timedOut) throw new N8nCommandError(`n8n ${args.join(' ')} timed out`, logFile);
		if (result.code !== 0 && !options.allowFailure) {
			throw new N8nCommandError(`n8n ${args.join(' ')} exited with ${result.code}`, logFile);
		}
		return { code: result.code, stdout: result.stdout, logFile };
	}

	/**
	 * Installs a packed community package into `<userFolder>/.n8n/nodes` exactly as n8n's own
	 * installer lays it out (peer dependencies omitted, no install scripts).
	 */
	async installPackage(tgz: string): Promise<void> {
		const nodesDir = path.join(this.userFolder, '.n8n', 'nodes');
		fs.mkdirSync(nodesDir, { recursive: true });
		const manifest = path.join(nodesDir, 'package.json');
		if (!fs.existsSync(manifest)) {
			fs.writeFileSync(manifest, JSON.stringify({ name: 'installed-nodes', private: true }, null, 2));
		}
		const logFile = this.nextLog('npm-install');
		const env = cleanEnv();
		const result = await runGroup(
			'npm',
			['i', '--omit=peer', '--ignore-scripts', '--no-audit', '--no-fund', path.resolve(tgz)],
			{ env, cwd: nodesDir, logFile, timeoutMs: 180_000 },
		);
		if (result.code !== 0) throw new N8nCommandError(`npm i ${tgz} failed`, logFile);
	}

	private writeInput(label: string, data: unknown): string {
		const file = path.join(this.userFolder, `${label}-${this.commandSeq + 1}.json`);
		fs.writeFileSync(file, JSON.stringify(data, null, 2));
		return file;
	}

	async importCredentials(credentials: N8nCredential[]): Promise<void> {
		if (credentials.length === 0) return;
		await this.cli(['import:credentials', `--input=${this.writeInput('credentials', credentials)}`]);
	}

	async importWorkflows(workflows: N8nWorkflow[]): Promise<void> {
		if (workflows.length === 0) return;
		for (const wf of workflows) {
			if (!wf.id || wf.id.length > 21) throw new Error(`workflow "${wf.name}": id must be 1..21 characters`);
		}
		const input = workflows.map((wf) => ({ settings: {}, ...wf, active: false }));
		await this.cli(['import:workflow', `--input=${this.writeInput('workflows', input)}`]);
	}

	/** Publishes (activates) workflows; do it before `start()` — a running n8n does not notice. */
	async publishWorkflows(ids: string[]): Promise<void> {
		for (const id of ids) await this.cli(['publish:workflow', `--id=${id}`]);
	}

	/** `n8n execute --id=<id> --rawOutput`; resolves with the run even when the workflow failed. */
	async execute(workflowId: string, options: { timeoutMs?: number } = {}): Promise<ExecuteResult> {
		const { code, stdout, logFile } = await this.cli(['execute', `--id=${workflowId}`, '--rawOutput'], {
			// At debug level n8n prints the run through its (coloured) logger; the raw output wants info.
			env: { N8N_LOG_LEVEL: 'info' },
			timeoutMs: options.timeoutMs ?? 180_000,
			captureStdout: true,
			allowFailure: true,
		});
		const run = parseRawOutput(stdout);
		if (!run) {
			const head = JSON.stringify(stdout.slice(0, 200));
			throw new N8nCommandError(`n8n execute --id=${workflowId} printed no run data (exit ${code}, ${stdout.length} characters on stdout, starting ${head})`, logFile);
		}
		return { run, exitCode: code, ok: code === 0 && !run.data.resultData.error, logFile };
	}

	/** Starts `n8n start` on a free (or the given) port and waits until it answers /healthz. */
	async start(options: { port?: number; timeoutMs?: number; env?: Record<string, string> } = {}): Promise<N8nServer> {
		const port = options.port ?? (await freePort());
		const logFile = path.join(this.logDir, 'n8n-start.log');
		const logStart = fs.existsSync(logFile) ? fs.statSync(logFile).size : 0;
		const env = this.env({
			N8N_PORT: String(port),
			N8N_RUNNERS_BROKER_PORT: String(await freePort()),
			...options.env,
		});
		const group = spawnGroup(this.runtime.nodeBin, [this.runtime.n8nBin, 'start'], { env, cwd: this.userFolder, logFile });
		const server = new N8nServer(this, group, port, logFile, logStart, env);
		this.servers.add(server);
		try {
			await server.waitUntilReady(options.timeoutMs ?? 180_000);
		} catch (error) {
			await server.stop();
			throw error;
		}
		return server;
	}

	forgetServer(server: N8nServer): void {
		this.servers.delete(server);
	}

	executions(workflowId?: string): ExecutionRow[] {
		return fs.existsSync(this.databaseFile) ? listExecutions(this.runtime, this.databaseFile, workflowId) : [];
	}

	/** One stored execution with its run data (`resultData.runData` etc.). */
	execution(id: string): (ExecutionRow & { run: IRun['data'] | null }) | undefined {
		return readExecution(this.runtime, this.databaseFile, id);
	}

	/** The workflow's publication outbox rows (n8n 2.40.7 activates and deactivates through them), oldest first. */
	publications(workflowId: string): PublicationRow[] {
		return listPublications(this.runtime, this.databaseFile, workflowId);
	}

	staticData(workflowId: string): IDataObject | null {
		return readStaticData(this.runtime, this.databaseFile, workflowId);
	}

	/**
	 * Node / credential types n8n itself lists for the editor (`<userFolder>/.cache/n8n/public/types`,
	 * written by `n8n start`): the proof that an installed package was really loaded.
	 */
	loadedTypes(): { nodes: string[]; credentials: string[] } {
		const dir = path.join(this.userFolder, '.cache', 'n8n', 'public', 'types');
		const read = (file: string): string[] => {
			const full = path.join(dir, file);
			if (!fs.existsSync(full)) throw new Error(`${full} does not exist (written by \`n8n start\`)`);
			return (JSON.parse(fs.readFileSync(full, 'utf8')) as Array<{ name: string }>).map((t) => t.name);
		};
		return { nodes: [...new Set(read('nodes.json'))], credentials: read('credentials.json') };
	}

	workflows(): WorkflowRow[] {
		return listWorkflows(this.runtime, this.databaseFile);
	}

	/**
	 * Waits until at least `count` executions of the workflow have finished (any final status),
	 * and returns them (oldest first). Throws with the server log tail on timeout.
	 */
	async waitForExecutions(
		workflowId: string,
		count: number,
		options: { timeoutMs?: number; intervalMs?: number } = {},
	): Promise<ExecutionRow[]> {
		const deadline = Date.now() + (options.timeoutMs ?? 120_000);
		const done = (r: ExecutionRow) => !['new', 'running', 'waiting'].includes(r.status);
		for (;;) {
			const finished = this.executions(workflowId).filter(done);
			if (finished.length >= count) return finished;
			if (Date.now() > deadline) {
				throw new N8nCommandError(
					`timed out waiting for ${count} finished executions of ${workflowId} (have ${finished.length})`,
					path.join(this.logDir, 'n8n-start.log'),
				);
			}
			await delay(options.intervalMs ?? 500);
		}
	}

	/** Stops every server of this instance and removes the user folder (set SFM_KEEP_N8N=1 to keep it). */
	async dispose(): Promise<void> {
		for (const server of [...this.servers]) await server.stop();
		if (this.ownsFolder && process.env.SFM_KEEP_N8N !== '1') {
			fs.rmSync(this.userFolder, { recursive: true, force: true });
		}
	}
}

export class N8nServer {
	readonly url: string;
	private stopped = false;

	constructor(
		readonly instance: N8nInstance,
		private readonly group: SpawnedGroup,
		readonly port: number,
		readonly logFile: string,
		/** Size of `logFile` when this server was spawned: its own lines start there (restarts append). */
		readonly logStart = 0,
		/** The environment the server runs with (log level, metrics switches). */
		readonly env: NodeJS.ProcessEnv = {},
	) {
		this.url = `http://127.0.0.1:${port}`;
	}

	get pid(): number {
		return this.group.pid;
	}

	/** Resolves with the exit code when the n8n process ends (for whatever reason). */
	get exited(): Promise<number | null> {
		return this.group.exited;
	}

	/** /healthz answers before triggers are registered; "Editor is now accessible" comes after. */
	async waitUntilReady(timeoutMs: number): Promise<void> {
		const deadline = Date.now() + timeoutMs;
		let exited = false;
		void this.group.exited.then(() => (exited = true));
		for (;;) {
			if (exited) throw new N8nCommandError('n8n start exited during start-up', this.logFile);
			if ((await this.healthy()) && this.ownLog().includes('Editor is now accessible via')) return;
			if (Date.now() > deadline) throw new N8nCommandError('n8n start did not become ready', this.logFile);
			await delay(500);
		}
	}

	/** The log lines this process wrote (a restart appends to the same file). */
	private ownLog(): string {
		try {
			return fs.readFileSync(this.logFile).subarray(this.logStart).toString('utf8');
		} catch {
			return '';
		}
	}

	async healthy(): Promise<boolean> {
		try {
			const response = await fetch(`${this.url}/healthz`, { signal: AbortSignal.timeout(2_000) });
			return response.ok && ((await response.json()) as { status?: string }).status === 'ok';
		} catch {
			return false;
		}
	}

	/** SIGTERM the whole process group (n8n + task runner), SIGKILL after the grace period. */
	async stop(graceMs = 20_000): Promise<void> {
		if (this.stopped) return;
		this.stopped = true;
		await this.group.stop(graceMs);
		this.instance.forgetServer(this);
	}

	/**
	 * SIGKILL the whole process group now, as a crash or an OOM kill would: n8n gets no chance to
	 * finish executions or save anything. The user folder (database, static data) stays; resume with
	 * `instance.start({ port: server.port })` on the same instance.
	 */
	async kill(): Promise<void> {
		if (this.stopped) return;
		this.stopped = true;
		await this.group.kill();
		this.instance.forgetServer(this);
	}
}
