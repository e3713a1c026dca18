// Polling over the bridge's change feed (GET /changes/{entity}). The feed has its own monotonic
// cursor (`seq`), newest change per record, tombstones for deletions and the `source` of each
// change, so this trigger stores that cursor instead of a timestamp high-water mark: one-second
// RECORD_MODIFY_DATE ties and the repeated autumn hour (Sage keeps UK local time) cannot hide or
// reorder a change. The shared timestamp engine (nodes/shared/polling) is not needed here.
import type { IDataObject, INodeExecutionData, IPollFunctions, JsonObject } from 'n8n-workflow';
import { NodeApiError, NodeOperationError } from 'n8n-workflow';

import { isDeletedInSage } from '../shared/flags';
import {
	hasMissing,
	holdListState,
	missingNeeds,
	noteChanges,
	pendingRechecks,
	readHoldList,
	settleRechecks,
	type ChangeEvent,
	type HoldNeeds,
	type HoldObservation,
	type RecheckOutcome,
} from '../shared/polling';
import { fetchProductImage } from '../shared/sage50/image';
import { failureOf, sageRequest } from '../shared/sage50/transport';
import { sageTimestampToUtc } from '../shared/sage50/time';
import { HOLD_ENTITIES, knownInForceManager, sageHoldReason, sageLabel, sageNeeds, sageRecordPath } from './hold';

export interface TriggerSettings {
	entity: string;
	events: ChangeEvent[];
	firstRun: 'now' | 'all';
	/** Skip changes written through the bridge (by this sync): the echo filter. */
	ignoreBridgeChanges: boolean;
	/** Addresses only: ADDRESS_TYPE values to report (empty: all). */
	addressTypes: number[];
	pageSize: number;
	/** Addresses, orders, invoices: hold records whose account/products are not in ForceManager yet. */
	holdForForceManager: boolean;
	/** Products: attach the Sage image as binary `image` (P3). */
	includeImage: boolean;
}

export interface FeedChange {
	seq: string;
	entity: string;
	key: string;
	change: ChangeEvent;
	source: 'bridge' | 'sage';
	changedAt: string;
	record: IDataObject;
}

interface FeedPage {
	items: FeedChange[];
	nextCursor: string | null;
	cursor: string;
}

export interface TriggerState {
	version: 1;
	/** Entity the cursor belongs to; a cursor of another entity is not reused. */
	scope: string;
	cursor: string;
}

export function readState(raw: unknown, scope: string): TriggerState | undefined {
	const s = raw as Partial<TriggerState> | undefined;
	if (!s || s.version !== 1 || s.scope !== scope || typeof s.cursor !== 'string' || !/^\d+$/.test(s.cursor)) return undefined;
	return { version: 1, scope, cursor: s.cursor };
}

export function wanted(settings: TriggerSettings, change: FeedChange): boolean {
	if (!settings.events.includes(change.change)) return false;
	if (settings.ignoreBridgeChanges && change.source === 'bridge') return false;
	if (settings.entity === 'addresses' && settings.addressTypes.length > 0) {
		return settings.addressTypes.includes(Number(change.record?.ADDRESS_TYPE));
	}
	return true;
}

export function changeItem(change: FeedChange): INodeExecutionData {
	return {
		json: {
			event: change.change,
			entity: change.entity,
			key: change.key,
			changedAt: change.changedAt,
			changedAtUtc: sageTimestampToUtc(change.changedAt),
			source: change.source,
			seq: change.seq,
			record: change.record,
		},
	};
}

async function page(this: IPollFunctions, settings: TriggerSettings, after: string | undefined): Promise<FeedPage> {
	const qs: IDataObject = { limit: settings.pageSize };
	if (after !== undefined) qs.after = after;
	return (await sageRequest.call(this, { method: 'GET', path: `/changes/${encodeURIComponent(settings.entity)}`, qs, label: 'Change feed', record: settings.entity })) as FeedPage;
}

/**
 * Reads every change after the stored cursor, page by page, and stores the new cursor only after
 * the last page: a poll that fails half-way emits nothing and reads the same changes next time.
 * First run "from now" walks the feed to its end once, emitting nothing (the contract has no
 * "current head" call).
 */
export async function pollChanges(this: IPollFunctions, settings: TriggerSettings): Promise<INodeExecutionData[][] | null> {
	const staticData = this.getWorkflowStaticData('node');
	const stored = readState(staticData.sage50, settings.entity);
	const priming = stored === undefined && settings.firstRun === 'now';
	let cursor = stored?.cursor;
	const emitted: FeedChange[] = [];
	const deletedKeys = new Set<string>();
	for (;;) {
		const result = await page.call(this, settings, cursor);
		if (!priming) {
			for (const change of result.items ?? []) {
				if (wanted(settings, change)) emitted.push(change);
				else if (change.change === 'deleted') deletedKeys.add(change.key);
			}
		}
		const next = result.nextCursor ?? undefined;
		cursor = String(result.cursor ?? next ?? cursor ?? '0');
		if (next === undefined || (result.items ?? []).length === 0) break;
		cursor = String(next);
	}
	const items = emitted.map(changeItem);
	if (settings.holdForForceManager && HOLD_ENTITIES.has(settings.entity) && !priming) {
		items.push(...(await applyHolds.call(this, settings, emitted, items, deletedKeys)));
	}
	if (settings.includeImage && settings.entity === 'products') await attachImages.call(this, items);
	staticData.sage50 = { version: 1, scope: settings.entity, cursor: cursor ?? '0' } satisfies TriggerState as unknown as IDataObject;
	return items.length ? [items] : null;
}

/**
 * Marks emitted changes that must wait for ForceManager with `hold`, updates the hold list and
 * returns the retries of held records that resolved (fresh from the bridge, first event, `retry`).
 */
async function applyHolds(
	this: IPollFunctions,
	settings: TriggerSettings,
	emitted: FeedChange[],
	items: INodeExecutionData[],
	deletedKeys: ReadonlySet<string>,
): Promise<INodeExecutionData[]> {
	const staticData = this.getWorkflowStaticData('node');
	let held = readHoldList(staticData.holds, settings.entity);
	const needs = emitted.map((c) => (c.change === 'deleted' ? undefined : sageNeeds(settings.entity, c.record)));
	// Deletions the event filter hides still take a held record off the list.
	const hidden = [...deletedKeys].map((key): HoldObservation => ({ id: key, event: 'deleted' }));
	const pending = pendingRechecks(held, [...emitted.map((c) => c.key), ...deletedKeys]);
	const all = [...needs, ...pending.map((e) => e.needs)].filter((n): n is HoldNeeds => n !== undefined);
	if (all.length === 0 && held.length === 0) return [];
	await requireForceManagerCredential.call(this);
	const known = await knownInForceManager.call(this, all);

	const observed: HoldObservation[] = emitted.map((change, i) => {
		const missing = missingNeeds(needs[i], known);
		const reason = needs[i] && hasMissing(missing) ? sageHoldReason(sageLabel(settings.entity, change.key, change.record), missing) : undefined;
		if (reason) items[i].json.hold = { reason };
		return { id: change.key, event: change.change, reason, needs: needs[i], ref: sageRecordPath(settings.entity, change.record ?? {}) };
	});
	held = noteChanges(held, [...observed, ...hidden], new Date().toISOString());

	const retries: INodeExecutionData[] = [];
	const outcomes: RecheckOutcome[] = [];
	for (const entry of pending) {
		const missing = missingNeeds(entry.needs, known);
		if (hasMissing(missing)) {
			// The label is the part of the stored reason before " waits:" (sageHoldReason's shape).
			outcomes.push({ id: entry.id, outcome: 'held', reason: sageHoldReason(entry.reason.split(' waits:')[0], missing) ?? entry.reason });
			continue;
		}
		const record = entry.ref ? await readFresh.call(this, entry.ref, entry.id) : undefined;
		if (!record || isDeletedInSage(record)) {
			outcomes.push({ id: entry.id, outcome: 'gone' });
			continue;
		}
		outcomes.push({ id: entry.id, outcome: 'resolved' });
		const changedAt = String(record.RECORD_MODIFY_DATE ?? '');
		retries.push({
			json: {
				event: entry.event,
				entity: settings.entity,
				key: entry.id,
				changedAt,
				changedAtUtc: sageTimestampToUtc(changedAt),
				source: 'sage',
				seq: null,
				record,
				retry: true,
				heldSince: entry.since,
			},
		});
	}
	staticData.holds = holdListState(settleRechecks(held, outcomes).entries, settings.entity) as unknown as IDataObject;
	return retries;
}

async function requireForceManagerCredential(this: IPollFunctions): Promise<void> {
	try {
		await this.getCredentials('forceManagerApi');
	} catch {
		throw new NodeOperationError(this.getNode(), 'Hold Until Account and Products Exist in ForceManager needs a ForceManager credential', {
			description: 'Select a ForceManager credential on the trigger, or turn the option off.',
		});
	}
}

/** The record as the bridge has it now; undefined when it no longer exists (404). */
async function readFresh(this: IPollFunctions, path: string, key: string): Promise<IDataObject | undefined> {
	try {
		return (await sageRequest.call(this, { method: 'GET', path, label: 'Held record', record: key })) as IDataObject;
	} catch (error) {
		if (failureOf(error)?.status === 404) return undefined;
		// sageRequest already throws a NodeApiError; re-wrapping hands back the same error.
		throw new NodeApiError(this.getNode(), error as JsonObject);
	}
}

/** P3: the product's Sage image as binary `image` on created/updated product items. */
async function attachImages(this: IPollFunctions, items: INodeExecutionData[]): Promise<void> {
	for (const item of items) {
		const record = item.json.record as IDataObject | null;
		// No image file in Sage: no call (the bridge would answer 404 anyway).
		if (item.json.event === 'deleted' || !record || !String(record.WEB_IMAGE_FILE ?? '').trim()) continue;
		const image = await fetchProductImage.call(this, String(item.json.key));
		if (image) item.binary = { image };
	}
}

/** "Fetch Test Event": the latest wanted change of the first page(s), without touching the cursor. */
export async function sampleChange(this: IPollFunctions, settings: TriggerSettings): Promise<INodeExecutionData[][]> {
	const result = await page.call(this, { ...settings, pageSize: Math.max(settings.pageSize, 100) }, undefined);
	const changes = result.items ?? [];
	const pick = [...changes].reverse().find((c) => wanted(settings, c)) ?? changes[changes.length - 1];
	const items = pick ? [changeItem(pick)] : [];
	// Show the binary in the editor too; holds are not evaluated for a sample (no hold list state).
	if (settings.includeImage && settings.entity === 'products') await attachImages.call(this, items);
	return [items];
}
