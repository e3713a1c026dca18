// Idempotency keys for bridge writes. The bridge replays the first response for a key it has seen
// with the same request and rejects the key for a different request (openapi.yaml, "Writes"), so
// a key derived only from the input makes a retried run (same input) a no-op instead of a second
// record, while a changed payload gets a new key.
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
