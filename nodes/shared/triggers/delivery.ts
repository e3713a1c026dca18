// Delivery through the bridge's ledger, shared by both triggers: the options that govern it, the
// consumer name of a trigger node, the delivery token every emitted item carries, and settling the
// changes a trigger decides itself (filtered out, echoes, still waiting, or — in "When Emitted"
// mode — everything it emits).
import type {
	IDataObject,
	INodeExecutionData,
	INodeProperties,
	IPollFunctions,
} from 'n8n-workflow';
import { NodeApiError, NodeOperationError } from 'n8n-workflow';

import { ackChanges, type AckItem, type LeasedChange } from '../sage50/ledger';
import type { DeliveryToken } from '../sync/delivery';
import type { PairState } from '../sync/snapshot';

export type DeliveryMode = 'onEmit' | 'confirmed';

export interface DeliverySettings {
	delivery: DeliveryMode;
	/** Changes leased (emitted) per poll at most; the rest follow on the next polls. */
	maxPerPoll: number;
	/** How long a confirmed-mode change waits for its confirmation before it counts as failed. */
	leaseSeconds: number;
	/** Attempts before a change becomes a dead letter. */
	maxAttempts: number;
	/** Skip changes equal to what the sync last agreed on (echoes), by content. */
	skipEchoes: boolean;
}

export const DELIVERY_NOTICE =
	'With Delivery "Confirmed by the Workflow", end the workflow with Sage 50 UKI → Sync Delivery → Confirm: a change counts as delivered only when that step reports it applied; failed records are retried (1, 2, 4 … 60 minutes) and then listed as dead letters';

export const MAX_PER_POLL = 500;

export function deliveryOptions(): INodeProperties[] {
	return [
		{
			displayName: 'Attempts Before Dead Letter',
			name: 'maxAttempts',
			type: 'number',
			typeOptions: { minValue: 1, maxValue: 100 },
			default: 5,
			description:
				'How many times a change that fails (or is never confirmed) is tried before it is parked in the dead-letter list (Sage 50 UKI → Sync Delivery → Get Dead Letters / Replay)',
		},
		{
			displayName: 'Confirmation Timeout (Minutes)',
			name: 'confirmTimeoutMinutes',
			type: 'number',
			typeOptions: { minValue: 1, maxValue: 1440 },
			default: 10,
			description:
				'With Delivery "Confirmed by the Workflow": how long the changes of one poll wait for the Confirm step; after that (the run failed or n8n stopped) they are offered again',
		},
		{
			displayName: 'Delivery',
			name: 'delivery',
			type: 'options',
			options: [
				{
					name: 'Confirmed by the Workflow',
					value: 'confirmed',
					description:
						'A change is delivered only when the Sync Delivery → Confirm step at the end of the workflow says so; until then it is offered again (at least once, nothing lost)',
				},
				{
					name: 'When Emitted',
					value: 'onEmit',
					description:
						'A change is delivered as soon as the trigger emits it (at most once: a failed run loses it)',
				},
			],
			default: 'onEmit',
		},
		{
			displayName: 'Max Changes per Poll',
			name: 'maxPerPoll',
			type: 'number',
			typeOptions: { minValue: 1, maxValue: 5000 },
			default: 500,
			description:
				'Changes one poll emits at most; the rest follow on the next polls (keeps each run short)',
		},
		{
			displayName: 'Skip Echoes of This Sync',
			name: 'skipEchoes',
			type: 'boolean',
			default: true,
			description:
				"Whether to skip a change whose synced fields equal what the sync last agreed on for that record (what it wrote itself), so it is not sent back. A person's edit — or another workflow's — is always delivered, even when the sync wrote the record in between.",
		},
	];
}

export function readDeliverySettings(options: IDataObject): DeliverySettings {
	const int = (value: unknown, fallback: number, min: number, max: number) => {
		const n = Math.floor(Number(value ?? fallback));
		return Number.isFinite(n) ? Math.min(max, Math.max(min, n)) : fallback;
	};
	return {
		delivery: options.delivery === 'confirmed' ? 'confirmed' : 'onEmit',
		maxPerPoll: int(options.maxPerPoll, MAX_PER_POLL, 1, 5000),
		leaseSeconds: int(options.confirmTimeoutMinutes, 10, 1, 1440) * 60,
		maxAttempts: int(options.maxAttempts, 5, 1, 100),
		skipEchoes: options.skipEchoes !== false,
	};
}

/** One consumer per trigger node and what it reads: `n8n:<workflowId>:<nodeId>:<scope>`. */
export function consumerOf(
	this: IPollFunctions,
	scope: string,
): { consumer: string; label: string; workflow: string } {
	const workflow = this.getWorkflow();
	const node = this.getNode();
	const workflowId = String(workflow.id ?? '');
	return {
		consumer: `n8n:${workflowId}:${node.id ?? node.name}:${scope}`.slice(0, 200),
		label: `${workflow.name ?? workflowId} / ${node.name}`.slice(0, 200),
		workflow: workflowId,
	};
}

export function tokenOf(consumer: string, change: LeasedChange): DeliveryToken {
	return {
		consumer,
		key: change.key,
		version: change.version,
		lease: change.lease,
		attempts: change.attempts,
	};
}

/**
 * What an emitted item carries about its delivery: the token for the Confirm step, the pair's
 * last-synced state (two-way entities) for the Mapper and the upsert's merge, and — for a change
 * offered again — `retry`, the attempts so far and why the last one did not count.
 */
export function stampDelivery(
	item: INodeExecutionData,
	consumer: string,
	change: LeasedChange,
	state?: PairState | null,
	/** Only a change the workflow confirms carries a token ("When Emitted" settled it already). */
	confirmed = true,
): void {
	if (confirmed) item.json.delivery = tokenOf(consumer, change) as unknown as IDataObject;
	if (state !== undefined) item.json.synced = state as unknown as IDataObject;
	if (change.attempts > 0 || change.state === 'waiting') {
		item.json.retry = true;
		item.json.attempts = change.attempts;
		if (change.reason) item.json.lastFailure = change.reason;
	}
}

export function settle(
	change: LeasedChange,
	outcome: AckItem['outcome'],
	reason?: string,
): AckItem {
	return {
		key: change.key,
		version: change.version,
		lease: change.lease,
		outcome,
		...(reason ? { reason } : {}),
	};
}

/** Settles what the trigger decided itself, in one or a few calls. */
export async function settleChanges(
	this: IPollFunctions,
	consumer: string,
	acks: AckItem[],
): Promise<void> {
	if (acks.length > 0) await ackChanges.call(this, consumer, acks);
}

/**
 * Runs the part of a poll that follows a lease; if it fails, the leased changes are released (offered
 * again at the next poll, no attempt counted) before the error surfaces, so a broken poll never
 * holds changes back for the length of a lease.
 */
export async function afterLease<T>(
	ctx: IPollFunctions,
	consumer: string,
	leased: LeasedChange[],
	work: () => Promise<T>,
): Promise<T> {
	try {
		return await work();
	} catch (error) {
		await ackChanges
			.call(
				ctx,
				consumer,
				leased.map((c) => settle(c, 'released')),
			)
			.catch(() => undefined);
		throw error instanceof NodeApiError || error instanceof NodeOperationError
			? error
			: new NodeOperationError(ctx.getNode(), error as Error);
	}
}
