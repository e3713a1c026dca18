// Polling over the bridge's change feed (GET /changes/{entity}). The feed has its own monotonic
// cursor (`seq`), newest change per record, tombstones for deletions and the `source` of each
// change, so this trigger stores that cursor instead of a timestamp high-water mark: one-second
// RECORD_MODIFY_DATE ties and the repeated autumn hour (Sage keeps UK local time) cannot hide or
// reorder a change. The shared timestamp engine (nodes/shared/polling) is not needed here.
import type { IDataObject, INodeExecutionData, IPollFunctions } from 'n8n-workflow';

import type { ChangeEvent } from '../shared/polling';
import { sageRequest } from '../shared/sage50/transport';
import { sageTimestampToUtc } from '../shared/sage50/time';

export interface TriggerSettings {
	entity: string;
	events: ChangeEvent[];
	firstRun: 'now' | 'all';
	/** Skip changes written through the bridge (by this sync): the echo filter. */
	ignoreBridgeChanges: boolean;
	/** Addresses only: ADDRESS_TYPE values to report (empty: all). */
	addressTypes: number[];
	pageSize: number;
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
	const items: INodeExecutionData[] = [];
	for (;;) {
		const result = await page.call(this, settings, cursor);
		if (!priming) for (const change of result.items ?? []) if (wanted(settings, change)) items.push(changeItem(change));
		const next = result.nextCursor ?? undefined;
		cursor = String(result.cursor ?? next ?? cursor ?? '0');
		if (next === undefined || (result.items ?? []).length === 0) break;
		cursor = String(next);
	}
	staticData.sage50 = { version: 1, scope: settings.entity, cursor: cursor ?? '0' } satisfies TriggerState as unknown as IDataObject;
	return items.length ? [items] : null;
}

/** "Fetch Test Event": the latest wanted change of the first page(s), without touching the cursor. */
export async function sampleChange(this: IPollFunctions, settings: TriggerSettings): Promise<INodeExecutionData[][]> {
	const result = await page.call(this, { ...settings, pageSize: Math.max(settings.pageSize, 100) }, undefined);
	const changes = result.items ?? [];
	const pick = [...changes].reverse().find((c) => wanted(settings, c)) ?? changes[changes.length - 1];
	return [pick ? [changeItem(pick)] : []];
}
