// One sync cycle of a published (trigger) workflow in a running n8n, without waiting for the cron:
// the editor's REST API deactivates and re-activates the workflow. n8n 2.40.7 polls once at
// activation and awaits that poll (`ActiveWorkflowTriggers#activatePollTrigger` awaits
// `executePollTrigger(true)`); when the poll emitted, an execution follows asynchronously, which
// the driver waits for (read from the instance's SQLite database).
import * as fs from 'node:fs';
import * as path from 'node:path';
import type { IDataObject, IRun } from 'n8n-workflow';
import type { ExecutionRow } from './database';
import type { N8nInstance, N8nServer } from './instance';
import { delay } from './process';
import { executedNodes, nodeItems, runError, type RunErrorInfo } from './runData';

export interface OwnerLogin {
	email: string;
	password: string;
}

/** A signed-in owner session on n8n's editor REST API (`/rest`). */
export class N8nRestSession {
	private constructor(
		readonly baseUrl: string,
		private readonly cookie: string,
	) {}

	/** `POST /rest/login` with the owner created by `ownerEnv` (the `browser-id` header binds the cookie). */
	static async login(server: N8nServer, owner: OwnerLogin): Promise<N8nRestSession> {
		const baseUrl = `${server.url}/rest`;
		const response = await fetch(`${baseUrl}/login`, {
			method: 'POST',
			headers: { 'content-type': 'application/json', 'browser-id': BROWSER_ID },
			body: JSON.stringify({ emailOrLdapLoginId: owner.email, password: owner.password }),
		});
		if (!response.ok) throw new Error(`n8n login as ${owner.email} failed: ${response.status} ${await response.text()}`);
		const cookie = response.headers
			.getSetCookie()
			.map((c) => c.split(';')[0])
			.join('; ');
		return new N8nRestSession(baseUrl, cookie);
	}

	async request<T = IDataObject>(method: string, route: string, body?: unknown): Promise<T> {
		const response = await fetch(`${this.baseUrl}${route}`, {
			method,
			headers: { 'content-type': 'application/json', 'browser-id': BROWSER_ID, cookie: this.cookie },
			body: body === undefined ? undefined : JSON.stringify(body),
		});
		const text = await response.text();
		if (!response.ok) throw new Error(`n8n ${method} /rest${route}: ${response.status} ${text}`);
		return (JSON.parse(text) as { data: T }).data;
	}

	workflow(id: string): Promise<IDataObject & { versionId: string; active: boolean; activeVersionId: string | null }> {
		return this.request('GET', `/workflows/${id}`);
	}

	/** Publishes the workflow's current version; resolves after the activation poll(s) returned. */
	async activate(id: string): Promise<IDataObject> {
		const { versionId } = await this.workflow(id);
		return await this.request('POST', `/workflows/${id}/activate`, { versionId });
	}

	async deactivate(id: string): Promise<IDataObject> {
		return await this.request('POST', `/workflows/${id}/deactivate`, {});
	}
}

const BROWSER_ID = 'sfm-cycle-driver';
const FINAL = (row: ExecutionRow) => !['new', 'running', 'waiting'].includes(row.status);

export interface CycleExecution extends ExecutionRow {
	run: IRun['data'] | null;
}

export interface CycleResult {
	workflowId: string;
	/** Executions that started during the cycle (normally 0 or 1; a cron poll can add one). */
	executions: CycleExecution[];
	/** The first of them, i.e. the activation poll's run; undefined when the poll emitted nothing. */
	execution?: CycleExecution;
	/** Items a node emitted in that execution ([] when there was none or the node did not run). */
	items(node: string, output?: number): IDataObject[];
	/** Names of the nodes that ran. */
	nodes(): string[];
	/** The error that stopped the execution, if any. */
	error(): RunErrorInfo | undefined;
}

export interface CycleOptions {
	/** How long to look for an execution after the activation poll returned (default 2500 ms). */
	settleMs?: number;
	/** Upper bound for the execution to finish (default 180 s). */
	timeoutMs?: number;
	/** Leave the workflow active afterwards, so the cron keeps polling (default false: deactivated). */
	keepActive?: boolean;
}

/** Wraps a stored execution's run data as the `IRun` the run-data helpers take. */
export const asRun = (data: IRun['data']): IRun => ({ data }) as IRun;

function result(workflowId: string, executions: CycleExecution[]): CycleResult {
	const execution = executions[0];
	const run = execution?.run ? asRun(execution.run) : undefined;
	return {
		workflowId,
		executions,
		execution,
		items: (node, output = 0) => (run && run.data.resultData.runData[node] ? nodeItems(run, node, { output }) : []),
		nodes: () => (run ? executedNodes(run) : []),
		error: () => (run ? runError(run) : undefined),
	};
}

/**
 * Runs one poll of the workflow's trigger now (deactivate when active, then activate) and waits
 * for the execution it started, if any. By default the workflow is left deactivated, so no cron
 * poll runs between two cycles of a test.
 */
export async function runCycle(
	instance: N8nInstance,
	session: N8nRestSession,
	workflowId: string,
	options: CycleOptions = {},
): Promise<CycleResult> {
	const known = new Set(instance.executions(workflowId).map((e) => e.id));
	const current = await session.workflow(workflowId);
	if (current.active) await session.deactivate(workflowId);
	const signal = instance.env().N8N_LOG_LEVEL === 'debug' ? emitLog(instance, String(current.name)) : undefined;
	const emittedBefore = signal?.();
	await session.activate(workflowId);
	try {
		// The poll has returned (activation awaits it); an emitted poll's execution row appears
		// moments later, seconds on a loaded machine. With n8n at debug level its log says whether
		// the poll emitted, so the wait is exact; otherwise look for a while.
		// The logger writes asynchronously: its line lags the poll by milliseconds, the execution
		// row by up to seconds.
		const emitted = () => signal !== undefined && signal() > (emittedBefore ?? 0);
		let settleUntil = Date.now() + (options.settleMs ?? (signal ? 1_500 : 2_500));
		let fresh = instance.executions(workflowId).filter((e) => !known.has(e.id));
		while (fresh.length === 0 && Date.now() < settleUntil) {
			if (emitted()) settleUntil = Date.now() + (options.timeoutMs ?? 180_000);
			await delay(150);
			fresh = instance.executions(workflowId).filter((e) => !known.has(e.id));
		}
		const deadline = Date.now() + (options.timeoutMs ?? 180_000);
		while (!fresh.every(FINAL)) {
			if (Date.now() > deadline) {
				throw new Error(`cycle of ${workflowId}: execution(s) ${fresh.map((e) => `${e.id}=${e.status}`).join(', ')} did not finish`);
			}
			await delay(300);
			fresh = instance.executions(workflowId).filter((e) => !known.has(e.id));
		}
		const executions = fresh.map((e) => ({ ...e, run: instance.execution(e.id)?.run ?? null }));
		return result(workflowId, executions);
	} finally {
		if (!options.keepActive) await session.deactivate(workflowId);
	}
}

/**
 * Counts n8n's "poll emitted" log lines for a workflow (`__emit` in n8n 2.40.7's
 * trigger-execution-context.factory logs them at debug level before starting the execution).
 */
function emitLog(instance: N8nInstance, workflowName: string): () => number {
	const file = path.join(instance.logDir, 'n8n-start.log');
	const line = `Received event to trigger execution for workflow "${workflowName}"`;
	return () => (fs.existsSync(file) ? fs.readFileSync(file, 'utf8').split(line).length - 1 : 0);
}

/** Every finished execution of a workflow after `afterId` (e.g. cron polls), with run data. */
export function executionsSince(instance: N8nInstance, workflowId: string, afterId = '0'): CycleExecution[] {
	return instance
		.executions(workflowId)
		.filter((e) => Number(e.id) > Number(afterId) && FINAL(e))
		.map((e) => ({ ...e, run: instance.execution(e.id)?.run ?? null }));
}

/** Waits (≤ timeoutMs) for the next finished execution after `afterId`, e.g. a scheduled poll's. */
export async function waitForNextExecution(
	instance: N8nInstance,
	workflowId: string,
	afterId: string,
	timeoutMs = 90_000,
): Promise<CycleResult> {
	const deadline = Date.now() + timeoutMs;
	for (;;) {
		const fresh = executionsSince(instance, workflowId, afterId);
		if (fresh.length > 0) return result(workflowId, fresh);
		if (Date.now() > deadline) throw new Error(`no execution of ${workflowId} after #${afterId} within ${timeoutMs} ms`);
		await delay(500);
	}
}
