// Delivery operations (openapi.yaml tag "delivery"): the ledger that gives each n8n trigger at-least-once
// delivery with confirmation, its dead letters, and the last-synced state of two-way record pairs.
// Bodies arrive checked against their schemas (operations.ts), defaults filled in; what is left here is
// what a schema cannot say (a Sage consumer reads a change-feed entity; a replay names its target).
import { CHANGE_ENTITIES, type ChangeEntity, type SageAdapter } from '../adapter';
import type { Ack, AckOutcome, ChangeEvent, DeliveryLedger, Offer, Version } from '../delivery/ledger';
import type { SyncStateWrite } from '../delivery/syncState';
import { BridgeError } from '../errors';
import type { Handler, RequestContext } from './router';

type Json = Record<string, unknown>;
const bad = (message: string, field: string) => new BridgeError('VALIDATION_FAILED', message, { field });
/** Optional strings may be sent as null. */
const optional = (v: unknown): string | undefined => (typeof v === 'string' ? v : undefined);
const version = (v: unknown): Version => ({ order: (v as Version).order, tag: (v as Partial<Version>).tag ?? '' });

function consumerOptions(input: Json) {
	const source = (input.source ?? 'sage') as 'sage' | 'forceManager';
	const entity = input.entity as string;
	if (source === 'sage' && !CHANGE_ENTITIES.includes(entity as ChangeEntity)) throw bad(`entity must be one of ${CHANGE_ENTITIES.join(', ')}`, 'entity');
	return {
		source,
		entity,
		start: input.start as 'now' | 'beginning',
		label: optional(input.label),
		workflow: optional(input.workflow),
		maxAttempts: input.maxAttempts as number | undefined,
	};
}

function stateWrite(value: unknown): SyncStateWrite | undefined {
	if (value === undefined || value === null) return undefined;
	const s = value as Json;
	return {
		entity: s.entity as string,
		sageKey: s.sageKey === undefined ? undefined : (optional(s.sageKey) ?? null),
		forceManagerId: s.forceManagerId === undefined || s.forceManagerId === null ? undefined : String(s.forceManagerId),
		sage: s.sage as Json | null | undefined,
		forceManager: s.forceManager as Json | null | undefined,
	};
}

const input = (c: RequestContext) => c.body as Json;
const itemsOf = (c: RequestContext) => input(c).items as Json[];
const consumerOf = (c: RequestContext) => String(c.input.path.consumer);
const ok = (json: unknown) => ({ status: 200, json });

export function deliveryHandlers(ledger: DeliveryLedger, adapter: SageAdapter): Record<string, Handler> {
	return {
		offerDeliveries: async (c) => {
			const options = consumerOptions({ ...input(c), source: 'forceManager' });
			const offers = itemsOf(c).map((item): Offer => ({ key: item.key as string, event: item.event as ChangeEvent, version: version(item.version) }));
			return ok(await ledger.offer(consumerOf(c), options, offers));
		},

		leaseDeliveries: async (c) => {
			const body = input(c);
			const options = consumerOptions(body);
			const leased = await ledger.lease(consumerOf(c), { ...options, limit: body.limit as number, leaseSeconds: body.leaseSeconds as number });
			// Consumers of Sage changes get each record as it is now (deleted ones as their last state).
			const records = options.source === 'sage' ? await adapter.records(options.entity as ChangeEntity, leased.items.map((i) => i.key)) : undefined;
			const out = leased.items.map((item) => (records ? { ...item, record: records.get(item.key) ?? null } : item));
			return ok({ lease: leased.lease, items: out, remaining: leased.remaining });
		},

		ackDeliveries: async (c) => {
			const acks = itemsOf(c).map(
				(item): Ack => ({
					key: item.key as string,
					version: version(item.version),
					lease: optional(item.lease),
					outcome: item.outcome as AckOutcome,
					reason: optional(item.reason),
					field: optional(item.field),
					label: optional(item.label),
					state: stateWrite(item.state),
				}),
			);
			return ok({ items: await ledger.ack(consumerOf(c), acks) });
		},

		listConsumers: async (c) => ok({ items: await ledger.status({ workflow: optional(c.input.query.workflow) }) }),

		listDeadLetters: async (c) => {
			const q = c.input.query;
			return ok({ items: await ledger.deadLetters({ consumer: optional(q.consumer), workflow: optional(q.workflow), limit: q.limit as number }) });
		},

		replayDeadLetters: async (c) => {
			const body = input(c);
			const consumer = optional(body.consumer);
			const workflow = optional(body.workflow);
			if (!consumer && !workflow && body.all !== true) throw bad('give the consumer or the workflow whose dead letters to replay, or all: true', 'consumer');
			return ok(await ledger.replay({ consumer, workflow, keys: body.keys as string[] | undefined }));
		},

		saveSyncState: async (c) => {
			const writes = itemsOf(c).map((item) => stateWrite(item)!);
			for (const w of writes) ledger.syncState.save(w);
			return ok({ saved: writes.length });
		},

		querySyncState: async (c) => {
			const body = input(c);
			const list = (v: unknown) => ((v as unknown[] | undefined) ?? []).map(String);
			return ok({ items: ledger.syncState.query(body.entity as string, list(body.sageKeys), list(body.forceManagerIds)) });
		},
	};
}
