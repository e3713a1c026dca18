// Incoming items as the triggers emit them, or plain records (Get Many output), reduced to one
// SourceItem shape so entity modules never look at envelopes.
import { isDeletedInForceManager, isDeletedInSage } from '../flags';
import { isDeliveryToken } from '../sync/delivery';
import type { ChangeEventName, Rec, SourceItem } from './types';

const EVENTS: ReadonlySet<string> = new Set(['created', 'updated', 'deleted']);

function isRec(value: unknown): value is Rec {
	return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** A trigger item has an `event` and a `record` (object, or null for a bare tombstone). */
export function isTriggerItem(json: Rec): boolean {
	return typeof json.event === 'string' && EVENTS.has(json.event) && 'record' in json && (json.record === null || isRec(json.record));
}

export function toSourceItem(json: Rec, hasImage = false): SourceItem {
	if (!isTriggerItem(json)) {
		// A plain record: an update, unless the record itself says it is deleted (FM lists deleted rows).
		const deleted = isDeletedInSage(json) || isDeletedInForceManager(json);
		return { event: deleted ? 'deleted' : 'updated', record: json, hasImage };
	}
	const item: SourceItem = { event: json.event as ChangeEventName, record: (json.record as Rec | null) ?? null, hasImage };
	if (typeof json.key === 'string' || typeof json.key === 'number') item.key = String(json.key);
	if (typeof json.id === 'string' || typeof json.id === 'number') item.id = json.id;
	// Sage trigger: changedAtUtc (its changedAt is UK local); FM trigger: changedAt (already UTC ISO).
	const changedAt = 'changedAtUtc' in json ? json.changedAtUtc : json.changedAt;
	if (typeof changedAt === 'string' && changedAt !== '') item.changedAt = changedAt;
	if (isRec(json.related)) item.related = json.related;
	if (isRec(json.hold) && typeof json.hold.reason === 'string') item.hold = { reason: json.hold.reason };
	if (isDeliveryToken(json.delivery)) item.delivery = json.delivery;
	if (json.synced === null || isRec(json.synced)) item.synced = (json.synced ?? null) as SourceItem['synced'];
	return item;
}
