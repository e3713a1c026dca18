// Upserts in data mode "Mapped by the Sync Mapper": input items are MappedRecords
// (nodes/shared/sync/envelope.ts) and each yields one SyncResult, paired to its item.
//   - skip / wait / delete: reported, no request at all (A5/C2: an FM deletion never reaches Sage);
//   - upsert with a key: matched by the Sage key; with key '': looked up by the external reference
//     `<system>:<entity>:<id>` the bridge keeps for records it created, then created once with
//     Idempotency-Key `n8n:<entity>:create:<system>:<entity>:<id>:<body hash>` (a retry replays; the
//     bridge refuses a second create under the same external reference and names the first record,
//     so an edited record is never created twice, and a corrected one after a rejection is created);
//   - updates: changed fields only, payload-hash keys; two-way records merge field by field against
//     the pair's last-synced state (a field changed only in Sage is kept; same-field edits on both
//     sides are conflicts, decided by the policy and reported with both values);
//   - a bad record fails alone with the bridge's reason; only hard errors (bridge down, auth) throw;
//   - each result carries the item's delivery token and the pair's next state to the Confirm step;
//     a failed item no delivery ledger tracks fails the run instead of leaving it green.
import type { IDataObject, IExecuteFunctions, INodeExecutionData, INodeProperties, JsonObject } from 'n8n-workflow';
import { NodeApiError } from 'n8n-workflow';

import { isDeletedInSage } from '../../../shared/flags';
import { idempotencyKey, MAX_KEY_LENGTH, payloadHash } from '../../../shared/sage50/idempotency';
import { failureOf, sageRequestFull } from '../../../shared/sage50/transport';
import {
	type ConflictPolicy,
	isMappedRecord,
	type MappedRecord,
	type SyncEntity,
	type SyncResult,
} from '../../../shared/sync/envelope';
import { CONFLICT_POLICIES, describeConflicts, mergeChanges } from '../../../shared/sync/merge';
import { pairEntityOf, type PairEntity } from '../../../shared/sync/snapshot';
import { querySyncState, saveSyncState } from '../../../shared/sage50/ledger';
import { proposeState } from '../../../shared/sync/state';
import { diffFields } from '../../../shared/upsert/planner';
import { conflictPolicyProperty } from '../../../shared/properties';
import { failUntracked } from '../../../shared/sync/untracked';

export interface MappedResource {
	/** Bridge entity, used in idempotency keys: customers | addresses | sales-orders. */
	entity: string;
	label: string;
	/** Mapper entities this resource writes. */
	accepts: SyncEntity[];
	/** A non-empty mapper key in its canonical form; throws an Error saying what is wrong. */
	parseKey(key: string): string;
	/** Existing records (deleted ones included) by canonical key. */
	findByKeys(this: IExecuteFunctions, keys: string[]): Promise<Map<string, IDataObject>>;
	/** Existing records (deleted ones included) by external reference. */
	findByExternalRefs(this: IExecuteFunctions, refs: string[]): Promise<Map<string, IDataObject>>;
	/** The Sage key in the mapper's format (ACCOUNT_REF, "ABS001/3", "QU:45"). */
	keyOf(record: IDataObject): string;
	/** The Sage record id reported in `id` (ACCOUNT_REF, REFERENCE, ORDER_NUMBER). */
	idOf(record: IDataObject): string | number;
	/** true: a key that Sage does not know is created under that key (customers: ACCOUNT_REF). */
	createsWithKey: boolean;
	createPath(record: MappedRecord, key: string): string;
	createBody(record: MappedRecord, key: string): IDataObject;
	updatePath(existing: IDataObject): string;
	/** Fields the contract lets an update touch. */
	updatable: Set<string>;
}

export const EXTERNAL_REF_CHUNK = 100;

/** `Data Mode` and the mapped-mode options of one upsert; `defineProperties` show only in 'define'. */
export function dataModeProperties(defineProperties: INodeProperties[], twoWay: string): INodeProperties[] {
	const onlyDefine = defineProperties.map((p) => ({
		...p,
		displayOptions: { ...p.displayOptions, show: { ...p.displayOptions?.show, dataMode: ['define'] } },
	}));
	return [
		{
			displayName: 'Data Mode',
			name: 'dataMode',
			type: 'options',
			options: [
				{ name: 'Define Below', value: 'define', description: 'Set the key and the fields in this node' },
				{
					name: 'Mapped by the Sync Mapper',
					value: 'mapped',
					description: 'Each input item is a record from the Sage 50 ⇄ ForceManager Mapper; the output is one sync result per item',
				},
			],
			default: 'define',
		},
		...onlyDefine,
		{
			displayName: 'Options',
			name: 'options',
			type: 'collection',
			placeholder: 'Add option',
			default: {},
			displayOptions: { show: { dataMode: ['mapped'] } },
			options: [
				conflictPolicyProperty(twoWay),
			],
		},
	];
}

export function isMappedMode(this: IExecuteFunctions): boolean {
	return this.getNodeParameter('dataMode', 0, 'define') === 'mapped';
}

/** `forceManager:account:17`: the source identity of a record new to Sage. */
export function externalRefOf(record: MappedRecord): string {
	const s = record.sync.source;
	return `${s.system}:${s.entity}:${s.id}`;
}

/**
 * Creation key: the source identity plus the body. A retry of the same create replays; a corrected
 * record (its first create was rejected, e.g. a name too long) gets a new key and is created; an
 * edited record whose first create succeeded is refused by the bridge's external reference
 * (EXTERNAL_REF_EXISTS) and linked to the first record — never a second one.
 */
export function createKey(entity: string, record: MappedRecord, body: IDataObject): string {
	const key = `n8n:${entity}:create:${externalRefOf(record)}:${payloadHash(body, 12)}`.replace(/[^\x21-\x7e]/g, '_');
	return key.length <= MAX_KEY_LENGTH ? key : idempotencyKey({ operation: 'create', entity, sourceKey: externalRefOf(record), payload: body });
}

/** 4xx answers about the request or the service rather than the record: auth, a wrong URL, time-outs, rate limits. */
const NOT_ABOUT_THE_RECORD = new Set([401, 403, 404, 407, 408, 429]);

/**
 * Hard errors stop the node (unless Continue On Fail): the bridge unreachable or busy beyond the
 * retries, auth, wrong company. A reason about this record (4xx with the bridge's error body, or a
 * problem found in the item itself) fails the item alone — also when a proxy garbled the body of the
 * bridge's refusal (nothing was written; the retry gets a readable answer).
 */
function isHardFailure(error: unknown): boolean {
	const f = failureOf(error);
	if (f === undefined) return error instanceof NodeApiError;
	if (f.status === undefined || f.status < 400 || f.status >= 500) return true;
	return f.body === undefined ? NOT_ABOUT_THE_RECORD.has(f.status) : f.status === 401 || f.status === 403;
}

const isEmpty = (v: unknown) => v === undefined || v === null || (typeof v === 'string' && v.trim() === '');

interface Work {
	index: number;
	record: MappedRecord;
	key: string;
	externalRef: string;
}

export async function executeMapped(this: IExecuteFunctions, resource: MappedResource, items: INodeExecutionData[]): Promise<INodeExecutionData[]> {
	const options = this.getNodeParameter('options', 0, {}) as IDataObject;
	const policy = (CONFLICT_POLICIES.includes(options.conflictPolicy as ConflictPolicy) ? options.conflictPolicy : 'latestChangeWins') as ConflictPolicy;
	const results: SyncResult[] = new Array(items.length);
	const work: Work[] = [];

	for (let i = 0; i < items.length; i++) {
		const json = items[i].json;
		if (!isMappedRecord(json)) {
			results[i] = {
				status: 'failed',
				entity: resource.accepts[0],
				key: '',
				id: null,
				label: `item ${i}`,
				reason: `${resource.label} (item ${i}): not a record from the Sync Mapper (no "sync" and "fields")`,
			};
			continue;
		}
		const record = json as unknown as MappedRecord;
		const { sync } = record;
		const base = { entity: sync.entity, key: sync.key, id: null, label: sync.label, ...(sync.delivery ? { delivery: sync.delivery } : {}) };
		if (!resource.accepts.includes(sync.entity)) {
			results[i] = { ...base, status: 'failed', reason: `${sync.label}: a mapped ${sync.entity} cannot be written as a Sage ${resource.label.toLowerCase()}` };
		} else if (sync.action === 'skip') {
			results[i] = { ...base, status: 'skipped', reason: sync.reason ?? 'skipped by the mapper' };
		} else if (sync.action === 'wait') {
			results[i] = { ...base, status: 'waiting', reason: sync.reason ?? 'waiting for a dependency' };
		} else if (sync.action === 'fail') {
			results[i] = { ...base, status: 'failed', reason: `${sync.label}: ${sync.reason ?? 'the Mapper could not map it'}`, ...(sync.field ? { field: sync.field } : {}) };
		} else if (sync.action === 'delete') {
			results[i] = { ...base, status: 'skipped', reason: sync.reason ?? 'A5/C2: deletions never reach Sage' };
		} else {
			try {
				const key = sync.key.trim() === '' ? '' : resource.parseKey(sync.key.trim());
				work.push({ index: i, record: { ...record, sync: { ...record.sync } }, key, externalRef: externalRefOf(record) });
			} catch (error) {
				// The key is the source's External ID: that is the field to fix.
				results[i] = { ...base, status: 'failed', reason: `${sync.label}: ${(error as Error).message}`, field: 'extId' };
			}
		}
	}

	// Batched look-ups: by Sage key, and by external reference for records new to Sage.
	const keys = [...new Set(work.filter((w) => w.key !== '').map((w) => w.key))];
	const refs = [...new Set(work.filter((w) => w.key === '').map((w) => w.externalRef))];
	let byKey = new Map<string, IDataObject>();
	let byRef = new Map<string, IDataObject>();
	try {
		if (keys.length > 0) byKey = await resource.findByKeys.call(this, keys);
		if (refs.length > 0) byRef = await resource.findByExternalRefs.call(this, refs);
	} catch (error) {
		if (!this.continueOnFail()) throw new NodeApiError(this.getNode(), error as JsonObject);
		for (const w of work) results[w.index] = { status: 'failed', entity: w.record.sync.entity, key: w.key, id: null, label: w.record.sync.label, reason: (error as Error).message, ...delivered(w.record) };
		work.length = 0;
	}

	await withLatestState.call(this, work);
	try {
		await writeAll.call(this, resource, work, results, byKey, byRef, policy);
	} finally {
		// The pairs these writes made agree are saved at once: a retried run still merges against
		// them even if this run's Confirm step never happens.
		const states = work.map((w) => results[w.index]?.state).filter((st): st is NonNullable<SyncResult['state']> => st !== undefined);
		if (states.length > 0) await saveSyncState.call(this, states);
	}
	failUntracked.call(this, results, resource.label);
	return results.map((r, i) => ({ json: r as unknown as IDataObject, pairedItem: { item: i } }));
}

/** The pairs' states as the bridge has them now (fresher than what the trigger read). */
async function withLatestState(this: IExecuteFunctions, work: Work[]): Promise<void> {
	const byEntity = new Map<PairEntity, Work[]>();
	for (const w of work) {
		const pair = pairEntityOf(w.record.sync.entity);
		if (pair && w.record.sync.source.id) byEntity.set(pair, [...(byEntity.get(pair) ?? []), w]);
	}
	for (const [pair, list] of byEntity) {
		const states = await querySyncState.call(this, pair, { forceManagerIds: list.map((w) => w.record.sync.source.id) });
		const byId = new Map(states.map((st) => [st.forceManagerId, st]));
		for (const w of list) {
			const state = byId.get(w.record.sync.source.id);
			if (state) w.record.sync.synced = state;
		}
	}
}

async function writeAll(
	this: IExecuteFunctions,
	resource: MappedResource,
	work: Work[],
	results: SyncResult[],
	byKey: Map<string, IDataObject>,
	byRef: Map<string, IDataObject>,
	policy: ConflictPolicy,
): Promise<void> {
	for (const w of work) {
		try {
			results[w.index] = await writeOne.call(this, resource, w, w.key !== '' ? byKey.get(w.key) : byRef.get(w.externalRef), policy);
		} catch (error) {
			if (isHardFailure(error) && !this.continueOnFail()) {
				throw new NodeApiError(this.getNode(), error as JsonObject, { itemIndex: w.index });
			}
			const { sync } = w.record;
			const field = failureOf(error)?.body?.field;
			results[w.index] = {
				status: 'failed',
				entity: sync.entity,
				key: w.key,
				id: null,
				label: sync.label,
				reason: `${sync.label}: ${(error as Error).message}`,
				...(field ? { field } : {}),
				...delivered(w.record),
			};
		}
	}
}

const delivered = (record: MappedRecord) => (record.sync.delivery ? { delivery: record.sync.delivery } : {});

/** Everything the Mapper put in, in the order create < fillIfEmpty < fields. */
export function allMapped(record: MappedRecord): IDataObject {
	return { ...(record.createOnly ?? {}), ...(record.fillIfEmpty ?? {}), ...record.fields } as IDataObject;
}

function withWriteBack(record: MappedRecord, result: SyncResult, sageKey: string): SyncResult {
	const wb = record.sync.writeBack;
	if (wb) result.writeBack = { resource: wb.resource, id: wb.id, fields: { ...wb.fields, extId: sageKey } };
	return result;
}

async function writeOne(
	this: IExecuteFunctions,
	resource: MappedResource,
	w: Work,
	found: IDataObject | undefined,
	policy: ConflictPolicy,
): Promise<SyncResult> {
	const { record } = w;
	const { sync } = record;
	const result = (status: SyncResult['status'], existing: IDataObject, extra: Partial<SyncResult> = {}): SyncResult => {
		const key = resource.keyOf(existing);
		const applied = status === 'created' || status === 'updated' || status === 'unchanged' || status === 'conflict';
		// What both sides now agree on: everything the Mapper sent (lines as sent: Sage prices them,
		// so Sage's priced version differs and flows back to ForceManager, O1).
		const state = applied ? proposeState(record, { ...allMapped(record), ...(record.lines ? { ITEMS: record.lines } : {}) }, { sageKey: key, forceManagerId: sync.source.id || null }, status === 'created') : undefined;
		return withWriteBack(
			record,
			{ status, entity: sync.entity, key, id: resource.idOf(existing), label: sync.label, ...extra, ...delivered(record), ...(state ? { state } : {}) },
			key,
		);
	};

	let existing = found;
	let note: string | undefined;
	if (!existing) {
		if (w.key !== '' && !resource.createsWithKey) {
			return { status: 'failed', entity: sync.entity, key: w.key, id: null, label: sync.label, reason: `${sync.label}: ${resource.label} ${w.key} (its extId) does not exist in Sage`, field: 'extId', ...delivered(record) };
		}
		// Problems of the item itself (no account reference …) throw plain Errors here: the item fails alone.
		const createPath = resource.createPath(record, w.key);
		const createBody = { ...resource.createBody(record, w.key), externalRef: w.externalRef };
		try {
			const response = await sageRequestFull.call(this, {
				method: 'POST',
				path: createPath,
				body: createBody,
				idempotencyKey: createKey(resource.entity, record, createBody),
				label: resource.label,
				record: w.key || sync.label,
				itemIndex: w.index,
			});
			const created = response.body as IDataObject;
			return result('created', created, response.replayed ? { reason: 'replayed: created by an earlier attempt' } : {});
		} catch (error) {
			// Created before under this source identity (edited since, or the key was reused with
			// another body): link to that record instead of failing or creating a second one.
			const code = failureOf(error)?.body?.code;
			// Re-wrapping a NodeApiError hands back the same error (failureOf still reads it).
			if (code !== 'EXTERNAL_REF_EXISTS' && code !== 'IDEMPOTENCY_KEY_REUSED') throw new NodeApiError(this.getNode(), error as JsonObject);
			existing = (await resource.findByExternalRefs.call(this, [w.externalRef])).get(w.externalRef);
			if (!existing) throw new NodeApiError(this.getNode(), error as JsonObject);
			note = `already created as ${resource.keyOf(existing)}`;
		}
	}

	if (isDeletedInSage(existing)) {
		return {
			status: 'skipped',
			entity: sync.entity,
			key: resource.keyOf(existing),
			id: resource.idOf(existing),
			label: sync.label,
			reason: `${resource.label} ${resource.keyOf(existing)} was deleted in Sage; it is not recreated`,
			...delivered(record),
		};
	}

	const incoming: IDataObject = {};
	for (const [name, value] of Object.entries(record.fields)) if (resource.updatable.has(name)) incoming[name] = value as IDataObject[string];
	for (const [name, value] of Object.entries(record.fillIfEmpty ?? {})) {
		if (resource.updatable.has(name) && isEmpty(existing[name]) && !isEmpty(value)) incoming[name] = value as IDataObject[string];
	}
	let changedFields = diffFields(incoming, existing);
	const pair = pairEntityOf(sync.entity);
	let conflicts: SyncResult['conflicts'] = [];
	if (pair && changedFields.length > 0) {
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
		idempotencyKey: idempotencyKey({
			operation: 'sync-update',
			entity: resource.entity,
			sourceKey: resource.keyOf(existing),
			payload: { path, body },
			salt: String(existing.RECORD_MODIFY_DATE ?? ''),
		}),
		label: resource.label,
		record: resource.keyOf(existing),
		itemIndex: w.index,
	});
	return result(conflicts.length ? 'conflict' : 'updated', response.body as IDataObject, { changedFields, ...reported });
}
