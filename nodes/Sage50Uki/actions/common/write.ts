// One bridge write with its Idempotency-Key (nodes/shared/sage50/idempotency.ts says what each kind
// of key is derived from, README "Idempotency" what that guarantees).
import { randomUUID } from 'node:crypto';
import type { IDataObject, IExecuteFunctions } from 'n8n-workflow';

import { executionItemKey, idempotencyKey, type RunIdentity, sourceIdentityKey } from '../../../shared/sage50/idempotency';
import { sageRequestFull } from '../../../shared/sage50/transport';

export interface WriteRequest {
	method: 'POST' | 'PATCH';
	path: string;
	body: IDataObject;
	entity: string;
	operation: string;
	/** Options › Idempotency Key: sent as given. */
	explicitKey?: string;
	/**
	 * POST: the source record's identity (Options › Source Record ID); the key is derived from it
	 * alone. Without it a create is keyed by its execution, node, run and item. PATCH: part of the
	 * payload-derived key (default `record`).
	 */
	sourceKey?: string;
	/** PATCH: extra discriminator of the payload-derived key. */
	salt?: string;
	label: string;
	record?: string;
	itemIndex?: number;
}

export async function sageWrite(this: IExecuteFunctions, request: WriteRequest): Promise<{ record: IDataObject; replayed: boolean; idempotencyKey: string }> {
	const key = writeKey.call(this, request);
	const response = await sageRequestFull.call(this, {
		method: request.method,
		path: request.path,
		body: request.body,
		idempotencyKey: key,
		label: request.label,
		record: request.record ?? request.sourceKey,
		itemIndex: request.itemIndex,
	});
	return { record: response.body as IDataObject, replayed: response.replayed, idempotencyKey: key };
}

function writeKey(this: IExecuteFunctions, r: WriteRequest): string {
	if (r.explicitKey) return r.explicitKey;
	if (r.method === 'POST') {
		if (r.sourceKey) return sourceIdentityKey(r.entity, r.operation, r.sourceKey);
		if (r.itemIndex === undefined) throw new Error(`Internal error: create ${r.path} without an item index for its idempotency key`);
		return executionItemKey(r.entity, r.operation, runIdentity.call(this), r.itemIndex);
	}
	return idempotencyKey({
		operation: r.operation,
		entity: r.entity,
		sourceKey: r.sourceKey ?? r.record,
		payload: { path: r.path, body: r.body },
		salt: r.salt,
	});
}

/**
 * Execution custom data (n8n's `$execution.customData`, shown with the execution) naming the
 * execution whose id the create keys derive from. n8n keeps custom data in the execution's data,
 * which its Retry (Executions › Retry, a new execution id) carries over with the failed run's
 * data, so a retry derives the same keys as the run it retries and replays what that run created.
 */
export const WRITES_EXECUTION = 'sage50_writes_execution';

const attempt = <T>(fn: () => T): T | undefined => {
	try {
		return fn();
	} catch {
		return undefined;
	}
};

/** The execution of this run, or, in a retry, the one recorded by the run it retries. */
function writesExecution(this: IExecuteFunctions): string {
	const current = attempt(() => this.getExecutionId());
	const custom = attempt(() => this.customData);
	const recorded = attempt(() => custom?.get(WRITES_EXECUTION));
	if (recorded) return recorded;
	// Without an execution id (not in a real n8n run) keys are unique to this node run.
	const execution = current ? String(current) : `run-${randomUUID()}`;
	// n8n drops custom data beyond 10 keys silently: then a Retry derives new keys (README).
	attempt(() => custom?.set(WRITES_EXECUTION, execution));
	return execution;
}

// One identity per node run (n8n creates a context per run and per Retry On Fail try).
const identities = new WeakMap<object, RunIdentity>();

export function runIdentity(this: IExecuteFunctions): RunIdentity {
	let identity = identities.get(this);
	if (!identity) {
		const node = this.getNode();
		const runIndex = Number(attempt(() => this.getWorkflowDataProxy(0).$runIndex) ?? 0);
		identity = {
			instanceId: attempt(() => this.getInstanceId()),
			workflowId: attempt(() => this.getWorkflow().id),
			executionId: writesExecution.call(this),
			nodeId: node.id || node.name,
			runIndex: Number.isInteger(runIndex) ? runIndex : 0,
		};
		identities.set(this, identity);
	}
	return identity;
}

/** Single-record writes outside upsert: the n8n execution id keeps an update replay-safe within a run only. */
export function executionSalt(this: IExecuteFunctions): string | undefined {
	try {
		const id = (this as unknown as { getExecutionId?: () => string }).getExecutionId?.();
		return id ? `execution:${id}` : undefined;
	} catch {
		return undefined;
	}
}
