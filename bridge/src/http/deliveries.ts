// Delivery routes (openapi.yaml tag "Delivery"): the ledger that gives each n8n trigger at-least-once
// delivery with confirmation, its dead letters, and the last-synced state of two-way record pairs.
import { CHANGE_ENTITIES, type ChangeEntity, type SageAdapter } from '../adapter';
import { type Ack, type AckOutcome, type ChangeEvent, type DeliveryLedger, type Offer, type Version } from '../delivery/ledger';
import { checkStateEntity, type SyncStateWrite } from '../delivery/syncState';
import { BridgeError } from '../errors';
import type { RequestContext, Router } from './router';
import { body } from './validate';

const EVENTS: readonly string[] = ['created', 'updated', 'deleted'];
const OUTCOMES: readonly string[] = ['delivered', 'echo', 'waiting', 'failed', 'released'];
const MAX_ITEMS = 1000;

const bad = (message: string, field: string) => new BridgeError('VALIDATION_FAILED', message, { field });

function text(value: unknown, field: string, max = 200, optional = false): string | undefined {
	if (value === undefined || value === null) {
		if (optional) return undefined;
		throw bad(`${field} is required`, field);
	}
	if (typeof value !== 'string' || value.length > max || (!optional && value.trim() === '')) throw bad(`${field} must be a string of at most ${max} characters`, field);
	return value;
}

function int(value: unknown, field: string, min: number, max: number, fallback: number): number {
	if (value === undefined) return fallback;
	if (typeof value !== 'number' || !Number.isInteger(value) || value < min || value > max) throw bad(`${field} must be an integer from ${min} to ${max}`, field);
	return value;
}

function version(value: unknown, field: string): Version {
	const v = value as Partial<Version> | undefined;
	if (!v || typeof v !== 'object' || typeof v.order !== 'number' || !Number.isFinite(v.order) || (v.tag !== undefined && typeof v.tag !== 'string')) {
		throw bad(`${field} must be {order: number, tag?: string}`, field);
	}
	return { order: v.order, tag: v.tag ?? '' };
}

function items(input: Record<string, unknown>): Array<Record<string, unknown>> {
	const list = input.items;
	if (!Array.isArray(list) || list.length > MAX_ITEMS) throw bad(`items must be an array of at most ${MAX_ITEMS}`, 'items');
	return list.map((item, i) => {
		if (!item || typeof item !== 'object' || Array.isArray(item)) throw bad(`items[${i}] must be an object`, `items[${i}]`);
		return item as Record<string, unknown>;
	});
}

function consumerOptions(input: Record<string, unknown>) {
	const source = input.source ?? 'sage';
	if (source !== 'sage' && source !== 'forceManager') throw bad('source must be sage or forceManager', 'source');
	const entity = text(input.entity, 'entity', 50)!;
	if (source === 'sage' && !CHANGE_ENTITIES.includes(entity as ChangeEntity)) throw bad(`entity must be one of ${CHANGE_ENTITIES.join(', ')}`, 'entity');
	const start = input.start ?? 'beginning';
	if (start !== 'now' && start !== 'beginning') throw bad('start must be now or beginning', 'start');
	return {
		source: source as 'sage' | 'forceManager',
		entity,
		start: start as 'now' | 'beginning',
		label: text(input.label, 'label', 200, true),
		workflow: text(input.workflow, 'workflow', 100, true),
		maxAttempts: input.maxAttempts === undefined ? undefined : int(input.maxAttempts, 'maxAttempts', 1, 100, 5),
	};
}

function stateWrite(value: unknown, field: string): SyncStateWrite | undefined {
	if (value === undefined || value === null) return undefined;
	const s = body(value);
	const fields = (v: unknown, f: string) => {
		if (v === undefined || v === null) return v as undefined | null;
		if (typeof v !== 'object' || Array.isArray(v)) throw bad(`${field}.${f} must be an object`, `${field}.${f}`);
		return v as Record<string, unknown>;
	};
	return {
		entity: checkStateEntity(s.entity),
		sageKey: s.sageKey === undefined ? undefined : (text(s.sageKey, `${field}.sageKey`, 100, true) ?? null),
		forceManagerId: s.forceManagerId === undefined || s.forceManagerId === null ? undefined : String(s.forceManagerId),
		sage: fields(s.sage, 'sage'),
		forceManager: fields(s.forceManager, 'forceManager'),
	};
}

const consumerOf = (c: RequestContext) => text(c.params.consumer, 'consumer', 200)!;

export function deliveryRoutes(r: Router, ledger: DeliveryLedger, adapter: SageAdapter): void {
	r.add('POST', '/deliveries/{consumer}/offers', async (c) => {
		const input = body(c.body);
		const options = consumerOptions({ ...input, source: 'forceManager' });
		const offers = items(input).map((item, i): Offer => {
			const event = item.event;
			if (typeof event !== 'string' || !EVENTS.includes(event)) throw bad(`items[${i}].event must be created, updated or deleted`, `items[${i}].event`);
			return { key: text(item.key, `items[${i}].key`, 100)!, event: event as ChangeEvent, version: version(item.version, `items[${i}].version`) };
		});
		return { status: 200, json: await ledger.offer(consumerOf(c), options, offers) };
	});

	r.add('POST', '/deliveries/{consumer}/lease', async (c) => {
		const input = body(c.body);
		const options = consumerOptions(input);
		const leased = await ledger.lease(consumerOf(c), {
			...options,
			limit: int(input.limit, 'limit', 1, 5000, 500),
			leaseSeconds: int(input.leaseSeconds, 'leaseSeconds', 10, 86_400, 600),
		});
		// Consumers of Sage changes get each record as it is now (deleted ones as their last state).
		const records = options.source === 'sage' ? await adapter.records(options.entity as ChangeEntity, leased.items.map((i) => i.key)) : undefined;
		const out = leased.items.map((item) => (records ? { ...item, record: records.get(item.key) ?? null } : item));
		return { status: 200, json: { lease: leased.lease, items: out, remaining: leased.remaining } };
	});

	r.add('POST', '/deliveries/{consumer}/acks', async (c) => {
		const acks = items(body(c.body)).map((item, i): Ack => {
			const outcome = item.outcome;
			if (typeof outcome !== 'string' || !OUTCOMES.includes(outcome)) throw bad(`items[${i}].outcome must be one of ${OUTCOMES.join(', ')}`, `items[${i}].outcome`);
			return {
				key: text(item.key, `items[${i}].key`, 100)!,
				version: version(item.version, `items[${i}].version`),
				lease: text(item.lease, `items[${i}].lease`, 100, true),
				outcome: outcome as AckOutcome,
				reason: text(item.reason, `items[${i}].reason`, 2000, true),
				field: text(item.field, `items[${i}].field`, 200, true),
				label: text(item.label, `items[${i}].label`, 300, true),
				state: stateWrite(item.state, `items[${i}].state`),
			};
		});
		return { status: 200, json: { items: await ledger.ack(consumerOf(c), acks) } };
	});

	r.add('GET', '/deliveries', async (c) => ({ status: 200, json: { items: await ledger.status({ workflow: c.query.get('workflow') ?? undefined }) } }));

	r.add('GET', '/deliveries/dead-letters', async (c) => {
		const limit = c.query.get('limit');
		return {
			status: 200,
			json: {
				items: await ledger.deadLetters({
					consumer: c.query.get('consumer') ?? undefined,
					workflow: c.query.get('workflow') ?? undefined,
					limit: limit === null ? undefined : int(Number(limit), 'limit', 1, 10_000, 1000),
				}),
			},
		};
	});

	r.add('POST', '/deliveries/dead-letters/replay', async (c) => {
		const input = c.body === undefined ? {} : body(c.body);
		const keys = input.keys;
		if (keys !== undefined && (!Array.isArray(keys) || keys.some((k) => typeof k !== 'string'))) throw bad('keys must be an array of strings', 'keys');
		const consumer = text(input.consumer, 'consumer', 200, true);
		const workflow = text(input.workflow, 'workflow', 100, true);
		if (!consumer && !workflow && (input.all as unknown) !== true) throw bad('give the consumer or the workflow whose dead letters to replay, or all: true', 'consumer');
		return { status: 200, json: await ledger.replay({ consumer, workflow, keys: keys as unknown as string[] | undefined }) };
	});

	r.add('POST', '/sync-state', async (c) => {
		const writes = items(body(c.body)).map((item, i) => stateWrite(item, `items[${i}]`)!);
		for (const w of writes) ledger.syncState.save(w);
		return { status: 200, json: { saved: writes.length } };
	});

	r.add('POST', '/sync-state/query', async (c) => {
		const input = body(c.body);
		const list = (v: unknown, f: string) => {
			if (v === undefined) return [];
			if (!Array.isArray(v) || v.length > MAX_ITEMS) throw bad(`${f} must be an array of at most ${MAX_ITEMS}`, f);
			return v.map(String);
		};
		const entity = checkStateEntity(input.entity);
		return { status: 200, json: { items: ledger.syncState.query(entity, list(input.sageKeys, 'sageKeys'), list(input.forceManagerIds, 'forceManagerIds')) } };
	});
}
