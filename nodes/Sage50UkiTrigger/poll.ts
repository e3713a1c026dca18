// Polling through the bridge's delivery ledger: each poll leases the changes due for this trigger
// node (its consumer), newest version per record, at most Max Changes per Poll. The ledger is fed
// from the bridge's change journal, ordered by a monotonic sequence (never by Sage's one-second,
// UK-local RECORD_MODIFY_DATE), and keeps every change pending until it is delivered: at emit time
// ("When Emitted") or when the workflow's Sync Delivery → Confirm step says so ("Confirmed by the
// Workflow"); failed changes come back with back-off and end as dead letters. Echoes are told by
// content (the pair's last-synced state); records waiting for ForceManager stay in the ledger as
// `waiting` and are re-checked on every poll. Nothing of this lives in n8n's static data.
import type { IDataObject, INodeExecutionData, IPollFunctions } from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';

import { sageKeyOf } from '../shared/mapping/keys';
import { hasMissing, missingNeeds, type ChangeEvent, type HoldNeeds } from '../shared/polling';
import { fetchProductImage } from '../shared/sage50/image';
import {
	leaseChanges,
	querySyncState,
	type AckItem,
	type LeasedChange,
} from '../shared/sage50/ledger';
import { sageRequest } from '../shared/sage50/transport';
import { sageTimestampToUtc } from '../shared/sage50/time';
import { DELETED_BY_SYNC } from '../shared/sync/delivery';
import { matchesSnapshot, pairEntityOfTrigger, type PairState } from '../shared/sync/snapshot';
import {
	afterLease,
	consumerOf,
	settle,
	settleChanges,
	stampDelivery,
	type DeliverySettings,
} from '../shared/triggers/delivery';
import { HOLD_ENTITIES, knownInForceManager, sageHoldReason, sageLabel, sageNeeds } from './hold';

export interface TriggerSettings extends DeliverySettings {
	entity: string;
	events: ChangeEvent[];
	firstRun: 'now' | 'all';
	/** Addresses only: ADDRESS_TYPE values to report (empty: all). */
	addressTypes: number[];
	/** Addresses, orders, invoices: hold records whose account/products are not in ForceManager yet. */
	holdForForceManager: boolean;
	/** Products: attach the Sage image as binary `image` (P3). */
	includeImage: boolean;
}

/** A change of the feed (`GET /changes/{entity}`), for the editor's sample. */
export interface FeedChange {
	seq: string;
	entity: string;
	key: string;
	change: ChangeEvent;
	source: 'bridge' | 'sage';
	changedAt: string;
	record: IDataObject;
}

/** Whether the workflow wants this change at all (events, address types). */
export function wanted(
	settings: TriggerSettings,
	event: ChangeEvent,
	record: IDataObject | null | undefined,
): boolean {
	if (!settings.events.includes(event)) return false;
	if (settings.entity === 'addresses' && settings.addressTypes.length > 0) {
		return settings.addressTypes.includes(Number(record?.ADDRESS_TYPE));
	}
	return true;
}

/** One output item per change (shape in the node's notice and README). */
export function changeItem(
	entity: string,
	event: ChangeEvent,
	key: string,
	record: IDataObject | null,
	seq: string | null,
): INodeExecutionData {
	const changedAt =
		typeof record?.RECORD_MODIFY_DATE === 'string' ? record.RECORD_MODIFY_DATE : null;
	return {
		json: {
			event,
			entity,
			key,
			changedAt,
			changedAtUtc: changedAt === null ? null : sageTimestampToUtc(changedAt),
			seq,
			record,
		},
	};
}

interface Emitted {
	change: LeasedChange;
	item: INodeExecutionData;
	needs?: HoldNeeds;
}

/**
 * One poll: lease, settle what the trigger decides itself (unwanted changes, echoes, records still
 * waiting for ForceManager), emit the rest with their delivery token. "When Emitted" settles the
 * emitted changes right away; "Confirmed by the Workflow" leaves them to the Confirm step.
 */
export async function pollChanges(
	this: IPollFunctions,
	settings: TriggerSettings,
): Promise<INodeExecutionData[][] | null> {
	const { consumer, label, workflow } = consumerOf.call(this, settings.entity);
	const leased = await leaseChanges.call(this, consumer, {
		source: 'sage',
		entity: settings.entity,
		start: settings.firstRun === 'all' ? 'beginning' : 'now',
		label,
		workflow,
		maxAttempts: settings.maxAttempts,
		limit: settings.maxPerPoll,
		leaseSeconds: settings.leaseSeconds,
	});
	return await afterLease(this, consumer, leased.items, async () => {
		const acks: AckItem[] = [];
		const pair = pairEntityOfTrigger(settings.entity);
		const states = pair
			? await syncStates.call(this, pair, leased.items)
			: new Map<string, PairState>();
		const emitted: Emitted[] = [];
		for (const change of leased.items) {
			const record = change.record ?? null;
			if (!wanted(settings, change.event, record)) {
				acks.push(
					settle(change, 'delivered', 'not wanted by this trigger (events, address types)'),
				);
				continue;
			}
			const sageKey = pair ? sageKeyOf(pair, record) : undefined;
			const state = sageKey ? states.get(sageKey) : undefined;
			if (
				settings.skipEchoes &&
				pair &&
				record &&
				change.event !== 'deleted' &&
				matchesSnapshot(pair, 'sage50', record, state?.sage) &&
				// ForceManager's copy was deleted by the sync (A6): a record created again must go out.
				state?.forceManager?.[DELETED_BY_SYNC] !== true
			) {
				acks.push(settle(change, 'echo'));
				continue;
			}
			const item = changeItem(
				settings.entity,
				change.event,
				change.key,
				record,
				String(change.version.order),
			);
			stampDelivery(item, consumer, change, pair ? (state ?? null) : undefined, settings.delivery === 'confirmed');
			emitted.push({
				change,
				item,
				needs: change.event === 'deleted' ? undefined : sageNeeds(settings.entity, record),
			});
		}
		const out: INodeExecutionData[] = [];
		const held =
			settings.holdForForceManager && HOLD_ENTITIES.has(settings.entity)
				? await holdsOf.call(this, settings, emitted)
				: new Map<string, string>();
		for (const e of emitted) {
			const reason = held.get(e.change.key);
			if (reason && e.change.state === 'waiting') {
				// Still waiting: not emitted again, the ledger re-checks it next poll.
				acks.push(settle(e.change, 'waiting', reason));
				continue;
			}
			if (reason) e.item.json.hold = { reason };
			out.push(e.item);
			if (settings.delivery === 'onEmit')
				acks.push(settle(e.change, reason ? 'waiting' : 'delivered', reason));
		}
		if (settings.includeImage && settings.entity === 'products') await attachImages.call(this, out);
		await settleChanges.call(this, consumer, acks);
		return out.length ? [out] : null;
	});
}

async function syncStates(
	this: IPollFunctions,
	pair: NonNullable<ReturnType<typeof pairEntityOfTrigger>>,
	changes: LeasedChange[],
): Promise<Map<string, PairState>> {
	const keys = changes
		.map((c) => sageKeyOf(pair, c.record ?? null))
		.filter((k): k is string => k !== undefined);
	const out = new Map<string, PairState>();
	if (keys.length === 0) return out;
	for (const state of await querySyncState.call(this, pair, { sageKeys: keys }))
		if (state.sageKey) out.set(state.sageKey, state);
	return out;
}

/** Hold reasons of the emitted changes whose account or products are not in ForceManager yet. */
async function holdsOf(
	this: IPollFunctions,
	settings: TriggerSettings,
	emitted: Emitted[],
): Promise<Map<string, string>> {
	const needs = emitted.map((e) => e.needs).filter((n): n is HoldNeeds => n !== undefined);
	const out = new Map<string, string>();
	if (needs.length === 0) return out;
	await requireForceManagerCredential.call(this);
	const known = await knownInForceManager.call(this, needs);
	for (const e of emitted) {
		if (!e.needs) continue;
		const missing = missingNeeds(e.needs, known);
		const reason = hasMissing(missing)
			? sageHoldReason(sageLabel(settings.entity, e.change.key, e.change.record), missing)
			: undefined;
		if (reason) out.set(e.change.key, reason);
	}
	return out;
}

async function requireForceManagerCredential(this: IPollFunctions): Promise<void> {
	try {
		await this.getCredentials('forceManagerApi');
	} catch {
		throw new NodeOperationError(
			this.getNode(),
			'Hold Until Account and Products Exist in ForceManager needs a ForceManager credential',
			{
				description: 'Select a ForceManager credential on the trigger, or turn the option off.',
			},
		);
	}
}

/** P3: the product's Sage image as binary `image` on created/updated product items. */
async function attachImages(this: IPollFunctions, items: INodeExecutionData[]): Promise<void> {
	for (const item of items) {
		const record = item.json.record as IDataObject | null;
		// No image file in Sage: no call (the bridge would answer 404 anyway).
		if (item.json.event === 'deleted' || !record || !String(record.WEB_IMAGE_FILE ?? '').trim())
			continue;
		const image = await fetchProductImage.call(this, String(item.json.key));
		if (image) item.binary = { image };
	}
}

/** "Fetch Test Event": the latest wanted change of the feed's first page, without leasing anything. */
export async function sampleChange(
	this: IPollFunctions,
	settings: TriggerSettings,
): Promise<INodeExecutionData[][]> {
	const page = (await sageRequest.call(this, {
		method: 'GET',
		path: `/changes/${encodeURIComponent(settings.entity)}`,
		qs: { limit: 100 },
		label: 'Change feed',
		record: settings.entity,
	})) as { items?: FeedChange[] };
	const changes = page.items ?? [];
	const pick =
		[...changes].reverse().find((c) => wanted(settings, c.change, c.record)) ??
		changes[changes.length - 1];
	const items = pick ? [changeItem(pick.entity, pick.change, pick.key, pick.record, pick.seq)] : [];
	// Show the binary in the editor too; holds are not evaluated for a sample.
	if (settings.includeImage && settings.entity === 'products') await attachImages.call(this, items);
	return [items];
}
