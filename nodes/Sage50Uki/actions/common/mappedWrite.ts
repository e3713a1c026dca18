// One record's write in the Sage upsert engine (engine.ts): created once per source identity, or
// updated with the fields that differ (payload-hash keys salted with the version they were computed
// against). A sync record is linked to what an earlier create of it made, merged field by field
// against the pair's last-synced state and proposes the pair's next state; a record of the node's
// parameters (Define Below) is written as given.
import type { IDataObject, IExecuteFunctions, JsonObject } from 'n8n-workflow';
import { NodeApiError } from 'n8n-workflow';

import { isDeletedInSage } from '../../../shared/flags';
import { idempotencyKey, MAX_KEY_LENGTH, payloadHash, sourceIdentityKey } from '../../../shared/sage50/idempotency';
import { failureOf, sageRequestFull } from '../../../shared/sage50/transport';
import type { ConflictPolicy, MappedRecord, SyncResult } from '../../../shared/sync/envelope';
import { describeConflicts, mergeChanges } from '../../../shared/sync/merge';
import { fromNodeParameters } from '../../../shared/sync/parameters';
import { pairEntityOf } from '../../../shared/sync/snapshot';
import { proposeState } from '../../../shared/sync/state';
import { diffFields } from '../../../shared/upsert/planner';
import { allMapped, type MappedResource } from './mappedResources';

/** A Sage upsert result: the SyncResult, whether the bridge replayed the write, the Sage record. */
export type SageResult = SyncResult & { replayed?: boolean; record?: IDataObject };

export interface Work {
	index: number;
	record: MappedRecord;
	/** The canonical Sage key; '' for a record new to Sage or matched by a column. */
	key: string;
	/** The source identity (`<system>:<entity>:<id>`): a sync record's external reference in Sage. */
	externalRef: string;
	/** Define Below's Options › Idempotency Key: sent as given. */
	idempotencyKey?: string;
	/** Define Below's Match On: the column holding the record's key. */
	matchOn?: string;
	/** The Sage record found for it, if any. */
	found?: IDataObject;
}

/** `forceManager:account:17`: the source identity of a record new to Sage. */
export function externalRefOf(record: MappedRecord): string {
	const s = record.sync.source;
	return `${s.system}:${s.entity}:${s.id}`;
}

/**
 * A sync record's creation key: the source identity plus the body. A retry of the same create
 * replays; a corrected record (its first create was rejected, e.g. a name too long) gets a new key
 * and is created; an edited record whose first create succeeded is refused by the bridge's external
 * reference (EXTERNAL_REF_EXISTS) and linked to the first record — never a second one.
 */
export function createKey(entity: string, record: MappedRecord, body: IDataObject): string {
	const key = `n8n:${entity}:create:${externalRefOf(record)}:${payloadHash(body, 12)}`.replace(/[^\x21-\x7e]/g, '_');
	return key.length <= MAX_KEY_LENGTH ? key : idempotencyKey({ operation: 'create', entity, sourceKey: externalRefOf(record), payload: body });
}

function creationKey(resource: MappedResource, w: Work, body: IDataObject): string {
	if (w.idempotencyKey) return w.idempotencyKey;
	const { source } = w.record.sync;
	// The parameters' match key alone (no external reference to refuse a second create): a concurrent
	// run creating the same new key replays, or is refused, instead of doubling it.
	if (fromNodeParameters(w.record)) return sourceIdentityKey(resource.entity, 'upsert-create', source.id, source.entity);
	return createKey(resource.entity, w.record, body);
}

/** 4xx answers about the request or the service rather than the record: auth, a wrong URL, time-outs, rate limits. */
const NOT_ABOUT_THE_RECORD = new Set([401, 403, 404, 407, 408, 429]);

/**
 * Hard errors (the bridge unreachable or busy beyond the retries, auth, wrong company), as opposed
 * to a reason about this record (4xx with the bridge's error body, or a problem of the item itself —
 * also when a proxy garbled the body of the bridge's refusal: nothing was written, a retry reads it).
 */
function isHardFailure(error: unknown): boolean {
	const f = failureOf(error);
	if (f === undefined) return error instanceof NodeApiError;
	// One record open in Sage by a person (SDO 93): that record waits its back-off alone, the rest of the batch goes on.
	if (f.body?.code === 'RECORD_LOCKED') return false;
	if (f.status === undefined || f.status < 400 || f.status >= 500) return true;
	return f.body === undefined ? NOT_ABOUT_THE_RECORD.has(f.status) : f.status === 401 || f.status === 403;
}

const isEmpty = (v: unknown) => v === undefined || v === null || (typeof v === 'string' && v.trim() === '');

export const delivered = (record: MappedRecord) => (record.sync.delivery ? { delivery: record.sync.delivery } : {});

/** A failure about this record, its reason starting with the record's label (a Define Below record's is the bridge's subject). */
export function failedResult(w: Pick<Work, 'record' | 'key'>, error: unknown): SageResult {
	const { sync } = w.record;
	const field = failureOf(error)?.body?.field;
	const message = (error as Error).message;
	const reason = message.startsWith(sync.label) ? message : `${sync.label}: ${message}`;
	return { status: 'failed', entity: sync.entity, key: w.key, id: null, label: sync.label, reason, ...(field ? { field } : {}), ...delivered(w.record) };
}

export async function writeAll(this: IExecuteFunctions, resource: MappedResource, work: Work[], results: SageResult[], policy: ConflictPolicy): Promise<void> {
	for (const w of work) {
		try {
			results[w.index] = await writeOne.call(this, resource, w, policy);
		} catch (error) {
			// A tracked change is offered again whole when the run stops; an untracked record fails here
			// and the run fails at the end, naming it with the others (nodes/shared/sync/untracked.ts).
			if (isHardFailure(error) && w.record.sync.delivery && !this.continueOnFail()) {
				throw new NodeApiError(this.getNode(), error as JsonObject, { itemIndex: w.index });
			}
			results[w.index] = failedResult(w, error);
		}
	}
}

function withWriteBack(record: MappedRecord, result: SageResult, sageKey: string): SageResult {
	const wb = record.sync.writeBack;
	if (wb) result.writeBack = { resource: wb.resource, id: wb.id, fields: { ...wb.fields, extId: sageKey } };
	return result;
}

async function writeOne(this: IExecuteFunctions, resource: MappedResource, w: Work, policy: ConflictPolicy): Promise<SageResult> {
	const { record } = w;
	const { sync } = record;
	const syncRecord = !fromNodeParameters(record);
	// How the bridge's errors about a create name the record: its Sage key, or a Define record's own key.
	const subject = { label: resource.label, record: w.key || (syncRecord ? undefined : sync.source.id) };
	const result = (status: SyncResult['status'], existing: IDataObject, extra: Partial<SageResult> = {}): SageResult => {
		const key = resource.keyOf(existing);
		const applied = status === 'created' || status === 'updated' || status === 'unchanged' || status === 'conflict';
		// What both sides now agree on: everything the Mapper sent (lines as sent: Sage prices them,
		// so Sage's priced version differs and flows back to ForceManager, O1).
		const written = { ...allMapped(record), ...(record.lines ? { ITEMS: record.lines } : {}) };
		const state = applied && syncRecord ? proposeState(record, written, { sageKey: key, forceManagerId: sync.source.id || null }, status === 'created') : undefined;
		return withWriteBack(
			record,
			{ status, entity: sync.entity, key, id: resource.idOf(existing), label: sync.label, ...extra, ...delivered(record), ...(state ? { state } : {}), ...(applied ? { record: existing } : {}) },
			key,
		);
	};

	let existing = w.found;
	let note: string | undefined;
	if (!existing) {
		if (w.key !== '' && !resource.createsWithKey) {
			return { status: 'failed', entity: sync.entity, key: w.key, id: null, label: sync.label, reason: `${sync.label}: ${resource.label} ${w.key} (its extId) does not exist in Sage`, field: 'extId', ...delivered(record) };
		}
		// Problems of the item itself (no account reference …) throw plain Errors here: the item fails alone.
		const path = resource.createPath(record, w.key);
		const body = { ...resource.createBody(record, w.key), ...(syncRecord ? { externalRef: w.externalRef } : {}) };
		try {
			const response = await sageRequestFull.call(this, { method: 'POST', path, body, idempotencyKey: creationKey(resource, w, body), ...subject, itemIndex: w.index });
			return result('created', response.body as IDataObject, { replayed: response.replayed, ...(response.replayed ? { reason: 'replayed: created by an earlier attempt' } : {}) });
		} catch (error) {
			// A sync record created before under its source identity (edited since, or the key was reused
			// with another body): link to that record instead of failing or creating a second one.
			const code = failureOf(error)?.body?.code;
			// Re-wrapping a NodeApiError hands back the same error (failureOf still reads it).
			if (!syncRecord || (code !== 'EXTERNAL_REF_EXISTS' && code !== 'IDEMPOTENCY_KEY_REUSED')) throw new NodeApiError(this.getNode(), error as JsonObject);
			existing = (await resource.findByExternalRefs.call(this, [w.externalRef])).get(w.externalRef);
			if (!existing) throw new NodeApiError(this.getNode(), error as JsonObject);
			note = `already created as ${resource.keyOf(existing)}`;
		}
	}

	if (isDeletedInSage(existing)) {
		// A sync record's deletion reaches ForceManager through the Sage trigger (A6, C2): the change is
		// moot. A record of the node's parameters asks for a write that cannot happen: it fails.
		const key = resource.keyOf(existing);
		const reason = `${sync.label}: ${resource.label} ${key} was deleted in Sage; it is not recreated`;
		return { status: syncRecord ? 'skipped' : 'failed', entity: sync.entity, key, id: resource.idOf(existing), label: sync.label, reason, ...delivered(record) };
	}

	const incoming: IDataObject = {};
	for (const [name, value] of Object.entries(record.fields)) if (resource.updatable.has(name)) incoming[name] = value as IDataObject[string];
	for (const [name, value] of Object.entries(record.fillIfEmpty ?? {})) {
		if (resource.updatable.has(name) && isEmpty(existing[name]) && !isEmpty(value)) incoming[name] = value as IDataObject[string];
	}
	let changedFields = diffFields(incoming, existing);
	const pair = pairEntityOf(sync.entity);
	let conflicts: SyncResult['conflicts'] = [];
	if (pair && syncRecord && changedFields.length > 0) {
		const merged = mergeChanges({
			entity: pair,
			destination: 'sage50',
			changed: changedFields,
			incoming,
			existing,
			snapshot: sync.synced?.sage,
			policy,
			sourceChangedAt: sync.source.changedAt,
			destinationChangedAt: typeof existing.RECORD_MODIFY_DATE === 'string' ? existing.RECORD_MODIFY_DATE : null,
		});
		changedFields = merged.write;
		conflicts = merged.conflicts;
	}
	const reported = conflicts.length ? { conflicts, reason: [describeConflicts(conflicts), note].filter(Boolean).join('; ') } : note ? { reason: note } : {};
	if (changedFields.length === 0) return result(conflicts.length ? 'conflict' : 'unchanged', existing, reported);
	const body: IDataObject = {};
	for (const name of changedFields) body[name] = incoming[name];
	const path = resource.updatePath(existing);
	const response = await sageRequestFull.call(this, {
		method: 'PATCH',
		path,
		body,
		// The version the change was computed against: the same change on a newer version is a new write.
		idempotencyKey:
			w.idempotencyKey ??
			idempotencyKey({ operation: 'upsert-update', entity: resource.entity, sourceKey: resource.keyOf(existing), payload: { path, body }, salt: String(existing.RECORD_MODIFY_DATE ?? '') }),
		label: resource.label,
		record: resource.keyOf(existing),
		itemIndex: w.index,
	});
	return result(conflicts.length ? 'conflict' : 'updated', response.body as IDataObject, { changedFields, replayed: response.replayed, ...reported });
}
