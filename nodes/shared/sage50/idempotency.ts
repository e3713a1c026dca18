// Idempotency keys for bridge writes. The bridge replays the first response for a key it has seen
// with the same request, rejects the key for a different request, and forgets it after its retention
// time (openapi.yaml, "Writes"; 24 h by default). What a key is derived from decides what counts as
// "the same write":
//   - updates: the payload and the record's key (plus a salt such as the version it was computed
//     against), so a retried run with the same input is a no-op;
//   - creates: never the payload, or a genuine repeat order with the same lines would be replayed as
//     the earlier one. Either the source record's identity (one record per source record), or where
//     the create runs in n8n: execution, node, run and item (one record per item of an execution;
//     that execution's own retries replay).
import { createHash } from 'node:crypto';

/** JSON with object keys sorted, so equal payloads hash equally whatever their key order. */
export function stableStringify(value: unknown): string {
	if (value === undefined) return 'null';
	if (value === null || typeof value !== 'object') return JSON.stringify(value) ?? 'null';
	if (Array.isArray(value)) return `[${value.map(stableStringify).join(',')}]`;
	const entries = Object.entries(value as Record<string, unknown>)
		.filter(([, v]) => v !== undefined)
		.sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
	return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${stableStringify(v)}`).join(',')}}`;
}

export function payloadHash(payload: unknown, length = 32): string {
	return createHash('sha256').update(stableStringify(payload)).digest('hex').slice(0, length);
}

export interface IdempotencyInput {
	/** create, update, upsert-create … */
	operation: string;
	/** customers, addresses, sales-orders … */
	entity: string;
	/** The record's key in the source system (ForceManager id, ACCOUNT_REF …); may be empty. */
	sourceKey?: string | number | null;
	payload: unknown;
	/** Extra discriminator, e.g. the version of the record the update was computed against. */
	salt?: string;
}

export const MAX_KEY_LENGTH = 200;

/** Printable ASCII without spaces, so the key is a safe header value. */
function clean(part: string, max: number): string {
	return part.replace(/[^\x21-\x7e]/g, '_').slice(0, max);
}

/**
 * `n8n:<entity>:<operation>:<sourceKey>:<hash>` (readable in the bridge's write log; ≤ 200 chars).
 * The hash covers everything, so truncating the readable parts never merges two keys.
 */
export function idempotencyKey(input: IdempotencyInput): string {
	const source = input.sourceKey === null || input.sourceKey === undefined ? '' : String(input.sourceKey).trim();
	const hash = payloadHash([input.operation, input.entity, source, input.payload, input.salt ?? null]);
	return ['n8n', clean(input.entity, 20), clean(input.operation, 20), clean(source, 80) || '-', hash].join(':');
}

/** An explicit key from the user: trimmed, checked against the contract (1–200 printable chars). */
export function explicitKey(value: unknown): string | undefined {
	if (value === undefined || value === null) return undefined;
	const key = String(value).trim();
	if (key === '') return undefined;
	if (key.length > MAX_KEY_LENGTH || /[^\x20-\x7e]/.test(key)) {
		throw new Error('The idempotency key must be 1–200 printable ASCII characters');
	}
	return key;
}

/**
 * A create keyed by the source record's identity alone: the same source record is created once.
 * `scope` qualifies an id that is unique only within it (e.g. the customer of an upsert's match key).
 */
export function sourceIdentityKey(entity: string, operation: string, sourceId: string, scope = ''): string {
	return idempotencyKey({ operation, entity, sourceKey: sourceId, payload: { sourceIdentity: scope } });
}

/** Where a write runs in n8n. */
export interface RunIdentity {
	/** n8n instance: two instances (staging, production) can share a bridge and an execution number. */
	instanceId?: string;
	workflowId?: string;
	/** The execution the keys derive from (for an n8n Retry: the execution it retries, see write.ts). */
	executionId: string;
	/** Node id (stable when the node is renamed). */
	nodeId: string;
	/** The node's run within the execution (loops run a node several times with items numbered from 0). */
	runIndex: number;
}

/** A create keyed by its execution, node, run and item: `n8n:<entity>:<operation>:exec-<id>-item-<n>:<hash>`. */
export function executionItemKey(entity: string, operation: string, run: RunIdentity, itemIndex: number): string {
	return idempotencyKey({
		operation,
		entity,
		sourceKey: `exec-${run.executionId}-item-${itemIndex}`,
		payload: {
			instance: run.instanceId ?? null,
			workflow: run.workflowId ?? null,
			execution: run.executionId,
			node: run.nodeId,
			run: run.runIndex,
			item: itemIndex,
		},
	});
}
