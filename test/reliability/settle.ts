// Waits until n8n has really finished with a workflow after a cycle. n8n 2.40.7 applies an
// activation through its publication outbox, asynchronously: the cycle driver can return (and
// deactivate) while the activation's poll is still retrying or its execution has not started yet —
// the known "gives up too early on long polls" issue of sandbox/n8n/cycle.ts, being fixed there.
// Until then the soak calls this after every cycle, so faults stay armed for the whole cycle and no
// execution leaks into the next cycle or past the checker. Harmless once the driver is exact.
//
// Signals (n8n's debug log, which the sync bench turns on; n8n 2.40.7
// `workflow-publication-outbox-consumer.js`): every "Started processing workflow publication
// outbox record" of the workflow has its "Finished processing …" line, and no execution of the
// workflow is new, running or waiting — twice in a row, 0.7 s apart.
import * as fs from 'node:fs';
import * as path from 'node:path';

import type { N8nInstance } from '../../sandbox/n8n';

const ANSI = /\x1b\[[0-9;]*m/g;
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** Open outbox records per workflow, read incrementally from n8n's log (it only grows, also across restarts). */
class OutboxTail {
	private offset = 0;
	private partial = '';
	private readonly open = new Map<string, number>();

	constructor(private readonly file: string) {}

	balance(workflowId: string): number {
		if (fs.existsSync(this.file)) {
			const size = fs.statSync(this.file).size;
			if (size > this.offset) {
				const fd = fs.openSync(this.file, 'r');
				const buffer = Buffer.alloc(size - this.offset);
				fs.readSync(fd, buffer, 0, buffer.length, this.offset);
				fs.closeSync(fd);
				this.offset = size;
				const lines = (this.partial + buffer.toString('utf8')).split('\n');
				this.partial = lines.pop() ?? '';
				for (const raw of lines) this.read(raw);
			}
		}
		return this.open.get(workflowId) ?? 0;
	}

	/** Reads up to the end of the log, then counts from zero. */
	reset(): void {
		this.balance('');
		this.open.clear();
	}

	private read(raw: string): void {
		if (!raw.includes('workflow publication outbox record')) return;
		const line = raw.replace(ANSI, '');
		const id = /"workflowId": ?"([^"]*)"/.exec(line)?.[1];
		if (id === undefined) return;
		const delta = line.includes('Started processing') ? 1 : line.includes('Finished processing') ? -1 : 0;
		this.open.set(id, (this.open.get(id) ?? 0) + delta);
	}
}

const tails = new Map<string, OutboxTail>();
function outboxBalance(instance: N8nInstance, workflowId: string): number {
	const file = path.join(instance.logDir, 'n8n-start.log');
	if (!tails.has(file)) tails.set(file, new OutboxTail(file));
	return tails.get(file)!.balance(workflowId);
}

/** Executions up to this id belonged to an n8n that was killed: unfinished forever, not "in hand". */
const killedUpTo = new Map<string, number>();

/**
 * n8n still has an outbox record or an execution of the workflow in hand. The outbox is read from
 * the log (cheap); the executions only when it is idle (each read starts a short Node process).
 */
export const busy = (instance: N8nInstance, workflowId: string): boolean =>
	outboxBalance(instance, workflowId) > 0 ||
	instance
		.executions(workflowId)
		.some((e) => Number(e.id) > (killedUpTo.get(instance.logDir) ?? 0) && ['new', 'running', 'waiting'].includes(e.status));

/** Resolves when n8n is done with the workflow (see above); throws after `timeoutMs`. */
export async function settle(instance: N8nInstance, workflowId: string, timeoutMs = 300_000): Promise<void> {
	const deadline = Date.now() + timeoutMs;
	let calm = 0;
	while (calm < 2) {
		if (Date.now() > deadline) throw new Error(`n8n did not settle on ${workflowId} within ${timeoutMs / 1000} s`);
		calm = busy(instance, workflowId) ? 0 : calm + 1;
		if (calm < 2) await sleep(calm === 0 ? 500 : 700);
	}
}

/**
 * After a SIGKILL: the outbox records and executions the killed n8n had in hand will never finish;
 * forget them (call before starting n8n again).
 */
export function forgetKilled(instance: N8nInstance): void {
	const file = path.join(instance.logDir, 'n8n-start.log');
	const tail = tails.get(file) ?? new OutboxTail(file);
	tails.set(file, tail);
	tail.reset();
	killedUpTo.set(instance.logDir, Math.max(0, ...instance.executions().map((e) => Number(e.id))));
}
