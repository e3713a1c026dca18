// One sync cycle of a published (trigger) workflow in a running n8n, without waiting for the cron:
// the editor's REST API deactivates and re-activates the workflow, n8n polls once at activation,
// and the driver waits on what n8n itself reports (README, "What n8n says about a poll"): the
// publication outbox row of the activation (done only after the activation poll returned), n8n's
// count of finished polls, and its debug log (did the poll emit, which execution did it start).
import * as fs from 'node:fs';
import type { IDataObject, IRun } from 'n8n-workflow';
import type { ExecutionRow, PublicationRow } from './database';
import type { N8nInstance, N8nServer } from './instance';
import { PollCounter, PollLog, type PollLogEvent } from './pollSignals';
import { delay } from './process';
import { executedNodes, nodeItems, runError, type RunErrorInfo } from './runData';

export interface OwnerLogin {
	email: string;
	password: string;
}

/** A signed-in owner session on n8n's editor REST API (`/rest`). */
export class N8nRestSession {
	private constructor(
		readonly server: N8nServer,
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
		return new N8nRestSession(server, baseUrl, cookie);
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

	/**
	 * Publishes the workflow's current version. n8n 2.40.7 only queues the publication (outbox) and
	 * answers at once; its triggers start, and the activation poll runs, afterwards (`runCycle` waits).
	 */
	async activate(id: string): Promise<IDataObject> {
		const { versionId } = await this.workflow(id);
		return await this.request('POST', `/workflows/${id}/activate`, { versionId });
	}

	/** Unpublishes the workflow; like `activate`, n8n applies it after answering. */
	async deactivate(id: string): Promise<IDataObject> {
		return await this.request('POST', `/workflows/${id}/deactivate`, {});
	}
}

const BROWSER_ID = 'sfm-cycle-driver';
const FINAL = (row: ExecutionRow) => !['new', 'running', 'waiting'].includes(row.status);
const IN_FLIGHT = (row: PublicationRow) => row.status === 'pending' || row.status === 'in_progress';

export interface CycleExecution extends ExecutionRow {
	run: IRun['data'] | null;
}

export interface CycleResult {
	workflowId: string;
	/** Executions the cycle's polls started, oldest first: the activation poll's, plus one per cron poll that emitted during the cycle. */
	executions: CycleExecution[];
	/** The activation poll's execution; undefined when that poll emitted nothing. */
	execution?: CycleExecution;
	/** Why n8n could not start the trigger (e.g. the activation poll threw on each of n8n's 5 attempts). */
	activationError?: string;
	/** Items a node emitted in that execution ([] when there was none or the node did not run). */
	items(node: string, output?: number): IDataObject[];
	/** Names of the nodes that ran. */
	nodes(): string[];
	/** The error that stopped the execution, else the activation error, if any. */
	error(): RunErrorInfo | undefined;
}

export interface CycleOptions {
	/**
	 * @deprecated Only used when n8n does not log at debug level: then nothing says whether the poll
	 * emitted, and the driver looks for a new execution this long after the poll finished (default
	 * 2500 ms). At debug level (the sync bench) the driver knows and ignores it.
	 */
	settleMs?: number;
	/** Upper bound for the whole cycle, poll and execution included (default 180 s). */
	timeoutMs?: number;
	/** Leave the workflow active afterwards, so the cron keeps polling (default false: deactivated). */
	keepActive?: boolean;
}

/** Wraps a stored execution's run data as the `IRun` the run-data helpers take. */
export const asRun = (data: IRun['data']): IRun => ({ data }) as IRun;

function result(
	workflowId: string,
	executions: CycleExecution[],
	execution: CycleExecution | undefined,
	activationError?: string,
): CycleResult {
	const run = execution?.run ? asRun(execution.run) : undefined;
	return {
		workflowId,
		executions,
		execution,
		activationError,
		items: (node, output = 0) => (run && run.data.resultData.runData[node] ? nodeItems(run, node, { output }) : []),
		nodes: () => (run ? executedNodes(run) : []),
		error: () => (run ? runError(run) : undefined) ?? (activationError ? { message: activationError } : undefined),
	};
}

/** Polls a condition until it holds; past the deadline, fails naming the workflow and what was awaited. */
class Deadline {
	private readonly end: number;

	constructor(
		private readonly label: string,
		private readonly timeoutMs: number,
	) {
		this.end = Date.now() + timeoutMs;
	}

	async until<T>(
		what: string | (() => string),
		probe: () => T | undefined | Promise<T | undefined>,
		intervalMs = 200,
	): Promise<T> {
		for (;;) {
			const value = await probe();
			if (value !== undefined) return value;
			if (Date.now() > this.end) {
				throw new Error(`${this.label}: ${typeof what === 'string' ? what : what()} within ${this.timeoutMs} ms`);
			}
			await delay(intervalMs);
		}
	}
}

/** Waits until n8n has applied every queued (de)activation of the workflow; returns the last. */
function publicationApplied(instance: N8nInstance, workflowId: string, deadline: Deadline, what: string) {
	return deadline.until(`n8n did not finish ${what}`, () => {
		const rows = instance.publications(workflowId);
		return rows.some(IN_FLIGHT) ? undefined : (rows.at(-1) ?? null);
	});
}

/** Waits until no poll runs on the server (a no-op when n8n gives no such signal). */
async function pollsFinished(counter: PollCounter, deadline: Deadline, what: string): Promise<void> {
	let last = '';
	await deadline.until(() => `${what} did not finish (${last})`, async () => {
		const state = await counter.settled();
		if (state) last = `n8n counted ${state.finished} of ${state.started} started polls as finished`;
		return !state || state.settled ? true : undefined;
	});
}

interface Emit {
	/** Emitted by a cron poll (after n8n registered the cron), not by the activation poll. */
	cron: boolean;
	executionId?: string;
	/** n8n could not start the execution (the workflow was unpublished in between). */
	notStarted?: boolean;
}

/**
 * The workflow's emits in a stretch of n8n's log, each matched with the execution it started:
 * `__emit` logs before it starts the execution, `WorkflowRunner` logs its id once the row exists,
 * so they pair in order (another run of the same workflow in the same stretch, e.g. a retry,
 * would be taken for one).
 */
function emitsIn(events: PollLogEvent[], workflowId: string, workflowName: string): Emit[] {
	const emits: Emit[] = [];
	const waiting: Emit[] = [];
	let cron = false;
	for (const event of events) {
		if (event.kind === 'cron' && event.workflowId === workflowId) cron = true;
		else if (event.kind === 'emitted' && event.workflowName === workflowName) {
			const emit: Emit = { cron };
			emits.push(emit);
			waiting.push(emit);
		} else if (event.kind === 'executionAssigned' && event.workflowName === workflowName) {
			const emit = waiting.shift();
			if (emit) emit.executionId = event.executionId;
		} else if (event.kind === 'executionNotStarted' && event.workflowId === workflowId) {
			const emit = waiting.shift();
			if (emit) emit.notStarted = true;
		}
	}
	return emits;
}

/** Waits until each emit in the log since the mark has its execution (or n8n said it has none). */
function emitsMatched(log: PollLog, workflowId: string, name: string, deadline: Deadline, from = 0) {
	return deadline.until(`n8n logged an emit of "${name}" but no execution for it`, () => {
		log.read();
		const emits = emitsIn(log.events.slice(from), workflowId, name);
		return emits.every((e) => e.executionId !== undefined || e.notStarted) ? emits : undefined;
	});
}

/** Waits until the executions finished and returns them with their run data. */
async function finished(instance: N8nInstance, workflowId: string, ids: string[], deadline: Deadline) {
	if (ids.length === 0) return [];
	const rows = await deadline.until(`execution(s) ${ids.join(', ')} did not finish`, () => {
		const wanted = instance.executions(workflowId).filter((e) => ids.includes(e.id));
		return wanted.length === ids.length && wanted.every(FINAL) ? wanted : undefined;
	}, 300);
	return rows.map((e) => ({ ...e, run: instance.execution(e.id)?.run ?? null }));
}

const logEnd = (server: N8nServer) => (fs.existsSync(server.logFile) ? fs.statSync(server.logFile).size : 0);

/** The emit/execution pairing goes by workflow name, so two workflows must not share it. */
function assertOwnName(instance: N8nInstance, workflowId: string, name: string): void {
	const twins = instance.workflows().filter((w) => w.name === name && w.id !== workflowId);
	if (twins.length > 0) {
		throw new Error(`cycle of ${workflowId}: workflow ${twins[0].id} has the same name "${name}"; n8n's log would not tell them apart`);
	}
}

/**
 * Runs one poll of the workflow's trigger now and waits for all it started:
 * 1. waits until n8n has applied any earlier (de)activation, deactivates when active, and waits
 *    until no poll runs (a deactivation queued right before an activation would otherwise merge
 *    with it into one no-op outbox row: no poll at all);
 * 2. activates and waits for the publication outbox row to finish (n8n awaits the activation poll
 *    inside it, retrying a poll that throws up to 5 times) and for n8n's count of finished polls;
 * 3. at debug level, pairs each emit n8n logged with the execution it started; unless
 *    `keepActive`, deactivates once those exist (so no cron poll can fire later) and pairs any
 *    emit of a cron poll that ran meanwhile too;
 * 4. waits until those executions finished.
 * Every wait ends at `timeoutMs` with an error naming the workflow.
 */
export async function runCycle(
	instance: N8nInstance,
	session: N8nRestSession,
	workflowId: string,
	options: CycleOptions = {},
): Promise<CycleResult> {
	const deadline = new Deadline(`cycle of ${workflowId}`, options.timeoutMs ?? 180_000);
	const counter = PollCounter.of(session.server);
	const exact = session.server.env.N8N_LOG_LEVEL === 'debug';
	const current = await session.workflow(workflowId);
	const name = String(current.name);
	if (exact) assertOwnName(instance, workflowId, name);

	await publicationApplied(instance, workflowId, deadline, 'an earlier (de)activation');
	if (current.active) {
		await session.deactivate(workflowId);
		await publicationApplied(instance, workflowId, deadline, 'the deactivation before the cycle');
	}
	await pollsFinished(counter, deadline, 'polls running before the cycle');
	const known = exact ? undefined : new Set(instance.executions(workflowId).map((e) => e.id));
	const log = new PollLog(session.server, logEnd(session.server));

	let active = true;
	const deactivate = async () => {
		active = false;
		await session.deactivate(workflowId);
	};
	try {
		await session.activate(workflowId);
		const publication = await publicationApplied(instance, workflowId, deadline, 'the activation (its poll)');
		// The outbox gives up on a poll after 70 % of its lease (84 s by default) while the poll runs on.
		await pollsFinished(counter, deadline, 'the activation poll');
		const activationError = publication && ['failed', 'partial_success'].includes(publication.status)
			? (publication.errorMessage ?? publication.status)
			: undefined;

		let ids: string[];
		let activationId: string | undefined;
		if (exact) {
			let emits = await emitsMatched(log, workflowId, name, deadline);
			if (publication?.status === 'completed' && !log.events.some((e) => e.kind === 'pollStarted' && e.workflowId === workflowId)) {
				throw new Error(`cycle of ${workflowId}: n8n activated it but its log shows no poll (not a polling trigger, or a log format this driver does not read)`);
			}
			if (!options.keepActive) {
				await deactivate();
				await publicationApplied(instance, workflowId, deadline, 'the deactivation after the poll');
				await pollsFinished(counter, deadline, 'a cron poll during the cycle');
				emits = await emitsMatched(log, workflowId, name, deadline);
			}
			ids = emits.flatMap((e) => e.executionId ?? []);
			activationId = emits.find((e) => !e.cron)?.executionId;
		} else {
			const settleUntil = Date.now() + (options.settleMs ?? 2_500);
			const fresh = () => instance.executions(workflowId).filter((e) => !known?.has(e.id));
			while (fresh().length === 0 && Date.now() < settleUntil) await delay(150);
			ids = fresh().map((e) => e.id);
			activationId = ids[0];
		}
		const executions = await finished(instance, workflowId, ids, deadline);
		return result(workflowId, executions, executions.find((e) => e.id === activationId), activationError);
	} finally {
		if (active && !options.keepActive) await deactivate();
	}
}

/**
 * Waits for the next poll of an active workflow (e.g. the cron's, after a `keepActive` cycle)
 * that starts after the call, until it finished, and for the execution it started if it emitted:
 * `execution` is undefined for a poll that emitted nothing. Needs n8n at debug level with its
 * poll metrics (the harness turns metrics on; the sync bench logs at debug).
 */
export async function waitForNextPoll(
	instance: N8nInstance,
	session: N8nRestSession,
	workflowId: string,
	options: { timeoutMs?: number } = {},
): Promise<CycleResult> {
	const deadline = new Deadline(`next poll of ${workflowId}`, options.timeoutMs ?? 90_000);
	const counter = PollCounter.of(session.server);
	if ((await counter.settled()) === undefined) {
		throw new Error(`next poll of ${workflowId}: n8n gives no signal (needs N8N_LOG_LEVEL=debug and N8N_METRICS_INCLUDE_POLL_TRIGGER_METRICS=true)`);
	}
	const name = String((await session.workflow(workflowId)).name);
	assertOwnName(instance, workflowId, name);
	const log = new PollLog(session.server, logEnd(session.server));
	const started = await deadline.until('no poll started', () => {
		log.read();
		const index = log.events.findIndex((e) => e.kind === 'pollStarted' && e.workflowId === workflowId);
		return index < 0 ? undefined : index;
	}, 500);
	await pollsFinished(counter, deadline, 'the poll');
	const emits = await emitsMatched(log, workflowId, name, deadline, started);
	const ids = emits.slice(0, 1).flatMap((e) => e.executionId ?? []);
	const executions = await finished(instance, workflowId, ids, deadline);
	return result(workflowId, executions, executions[0]);
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
		if (fresh.length > 0) return result(workflowId, fresh, fresh[0]);
		if (Date.now() > deadline) throw new Error(`no execution of ${workflowId} after #${afterId} within ${timeoutMs} ms`);
		await delay(500);
	}
}
