// Client of the bridge's delivery ledger and sync state (openapi.yaml tag "delivery"), shared by the
// triggers (lease, offer, settle what they decide themselves) and the Sage 50 UKI node's Sync
// Delivery resource (confirm, dead letters, replay, status).
import type { IDataObject } from 'n8n-workflow';

import type { AckOutcome, ChangeEvent, StateProposal, Version } from '../sync/delivery';
import type { PairEntity, PairState } from '../sync/snapshot';
import { sageRequest, segment, type SageFunctions } from './transport';

export interface ConsumerOptions {
	source: 'sage' | 'forceManager';
	entity: string;
	start?: 'now' | 'beginning';
	label?: string;
	workflow?: string;
	maxAttempts?: number;
}

export interface LeasedChange {
	key: string;
	event: ChangeEvent;
	version: Version;
	attempts: number;
	state: 'pending' | 'waiting';
	reason: string | null;
	lease: string;
	/** Consumers of Sage changes: the record now (null when gone). */
	record?: IDataObject | null;
}

export interface AckItem {
	key: string;
	version: Version;
	lease?: string;
	outcome: AckOutcome;
	reason?: string;
	field?: string;
	label?: string;
	state?: StateProposal;
}

export interface AckResult {
	key: string;
	state: 'delivered' | 'pending' | 'waiting' | 'dead' | 'superseded';
	attempts: number;
	due?: string;
}

/** Items per ack or offer call (the bridge takes up to 1000). */
export const LEDGER_BATCH = 500;

const path = (consumer: string, action: string) => `/deliveries/${segment(consumer)}/${action}`;

async function post(this: SageFunctions, route: string, body: IDataObject, label: string, record?: string): Promise<unknown> {
	return await sageRequest.call(this, { method: 'POST', path: route, body, idempotencyKey: null, label, record });
}

export async function leaseChanges(
	this: SageFunctions,
	consumer: string,
	options: ConsumerOptions & { limit: number; leaseSeconds: number },
): Promise<{ lease: string; items: LeasedChange[]; remaining: number }> {
	return (await post.call(this, path(consumer, 'lease'), options as unknown as IDataObject, 'Delivery lease', consumer)) as {
		lease: string;
		items: LeasedChange[];
		remaining: number;
	};
}

export async function offerChanges(
	this: SageFunctions,
	consumer: string,
	options: ConsumerOptions,
	offers: Array<{ key: string; event: ChangeEvent; version: Version }>,
): Promise<void> {
	for (let i = 0; i < offers.length; i += LEDGER_BATCH) {
		await post.call(this, path(consumer, 'offers'), { ...options, items: offers.slice(i, i + LEDGER_BATCH) } as unknown as IDataObject, 'Delivery offer', consumer);
	}
}

export async function ackChanges(this: SageFunctions, consumer: string, acks: AckItem[]): Promise<AckResult[]> {
	const out: AckResult[] = [];
	for (let i = 0; i < acks.length; i += LEDGER_BATCH) {
		const answer = (await post.call(this, path(consumer, 'acks'), { items: acks.slice(i, i + LEDGER_BATCH) } as unknown as IDataObject, 'Delivery confirmation', consumer)) as {
			items: AckResult[];
		};
		out.push(...answer.items);
	}
	return out;
}

/** Last-synced snapshots by Sage key or ForceManager id (≤ 1000 per call). */
export async function querySyncState(
	this: SageFunctions,
	entity: PairEntity,
	keys: { sageKeys?: string[]; forceManagerIds?: string[] },
): Promise<PairState[]> {
	const out: PairState[] = [];
	const sage = [...new Set(keys.sageKeys ?? [])];
	const fm = [...new Set(keys.forceManagerIds ?? [])];
	for (let i = 0; i < Math.max(sage.length, fm.length); i += 1000) {
		const answer = (await post.call(this, '/sync-state/query', { entity, sageKeys: sage.slice(i, i + 1000), forceManagerIds: fm.slice(i, i + 1000) }, 'Sync state')) as {
			items: PairState[];
		};
		out.push(...answer.items);
	}
	return out;
}

/** Saves pairs' states right after a write (≤ 1000 per call). */
export async function saveSyncState(this: SageFunctions, states: StateProposal[]): Promise<void> {
	for (let i = 0; i < states.length; i += 1000) {
		await post.call(this, '/sync-state', { items: states.slice(i, i + 1000) } as unknown as IDataObject, 'Sync state');
	}
}

export async function listDeadLetters(this: SageFunctions, filter: { consumer?: string; workflow?: string; limit?: number }): Promise<IDataObject[]> {
	const qs: IDataObject = {};
	for (const [k, v] of Object.entries(filter)) if (v !== undefined && v !== '') qs[k] = v;
	return ((await sageRequest.call(this, { method: 'GET', path: '/deliveries/dead-letters', qs, label: 'Dead letters' })) as { items: IDataObject[] }).items;
}

export async function replayDeadLetters(this: SageFunctions, filter: { consumer?: string; workflow?: string; keys?: string[]; all?: boolean }): Promise<number> {
	const body: IDataObject = {};
	for (const [k, v] of Object.entries(filter)) if (v !== undefined && v !== '' && !(Array.isArray(v) && v.length === 0)) body[k] = v;
	return ((await post.call(this, '/deliveries/dead-letters/replay', body, 'Dead-letter replay')) as { replayed: number }).replayed;
}

export async function listConsumers(this: SageFunctions, workflow?: string): Promise<IDataObject[]> {
	return ((await sageRequest.call(this, { method: 'GET', path: '/deliveries', qs: workflow ? { workflow } : {}, label: 'Deliveries' })) as { items: IDataObject[] }).items;
}
