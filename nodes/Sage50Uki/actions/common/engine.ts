// The Sage 50 upsert engine, for both data modes: each record is a MappedRecord
// (nodes/shared/sync/envelope.ts), from the Sync Mapper or built from the node's parameters (Define
// Below), and yields one SyncResult, paired to its item.
//   - skip / wait / delete: reported, no request at all (A5/C2: an FM deletion never reaches Sage);
//   - upsert: found in batches by the Sage key, by the column a Define record names (Match On), or —
//     a sync record new to Sage (key '') — by the external reference `<system>:<entity>:<id>` the
//     bridge keeps for records it created; then written by mappedWrite.ts;
//   - a sync record merges against the pair's last-synced state, read fresh from the bridge, and the
//     pairs' next states are saved right after writing;
//   - a bad record fails alone; a failed record no delivery ledger tracks fails the run at the end.
import type { IDataObject, IExecuteFunctions, INodeExecutionData, JsonObject } from 'n8n-workflow';
import { NodeApiError } from 'n8n-workflow';

import { isDeletedInSage } from '../../../shared/flags';
import { querySyncState, saveSyncState } from '../../../shared/sage50/ledger';
import type { ConflictPolicy, MappedRecord, SyncResult } from '../../../shared/sync/envelope';
import { fromNodeParameters } from '../../../shared/sync/parameters';
import { pairEntityOf, type PairEntity } from '../../../shared/sync/snapshot';
import { failUntracked } from '../../../shared/sync/untracked';
import type { MappedResource } from './mappedResources';
import { delivered, externalRefOf, failedResult, writeAll, type SageResult, type Work } from './mappedWrite';

/** A record to upsert, with Define Below's key options. */
export interface RecordInput {
	record: MappedRecord;
	/** Options › Idempotency Key: sent as given. */
	idempotencyKey?: string;
	/** Match On: the column holding the record's key (its value in `fields`), for a record without a Sage key. */
	matchOn?: string;
}

/** A record, or the result of an item decided before (not a record, unreadable parameters). */
export type UpsertInput = RecordInput | { result: SyncResult };

export interface UpsertRun {
	policy: ConflictPolicy;
	/** How the run's failure message counts the items: 'records' (mapped), 'upserts' (Define Below). */
	noun: string;
}

/** The result of an item the Mapper (or the resource) already decided: no request. */
function decided(resource: MappedResource, record: MappedRecord): SyncResult | undefined {
	const { sync } = record;
	const base = { entity: sync.entity, key: sync.key, id: null, label: sync.label, ...delivered(record) };
	if (!resource.accepts.includes(sync.entity)) {
		return { ...base, status: 'failed', reason: `${sync.label}: a mapped ${sync.entity} cannot be written as a Sage ${resource.label.toLowerCase()}` };
	}
	if (sync.action === 'skip') return { ...base, status: 'skipped', reason: sync.reason ?? 'skipped by the mapper' };
	if (sync.action === 'wait') return { ...base, status: 'waiting', reason: sync.reason ?? 'waiting for a dependency' };
	if (sync.action === 'fail') {
		return { ...base, status: 'failed', reason: `${sync.label}: ${sync.reason ?? 'the Mapper could not map it'}`, ...(sync.field ? { field: sync.field } : {}) };
	}
	if (sync.action === 'delete') return { ...base, status: 'skipped', reason: sync.reason ?? 'A5/C2: deletions never reach Sage' };
	return undefined;
}

export async function upsertRecords(this: IExecuteFunctions, resource: MappedResource, inputs: UpsertInput[], run: UpsertRun): Promise<INodeExecutionData[]> {
	const results: SageResult[] = new Array(inputs.length);
	const work: Work[] = [];
	const firstAt = new Map<string, number>();
	for (const [i, input] of inputs.entries()) {
		if ('result' in input) {
			results[i] = input.result;
			continue;
		}
		const { record, idempotencyKey, matchOn } = input;
		const done = decided(resource, record);
		if (done) {
			results[i] = done;
			continue;
		}
		const w: Work = { index: i, record: { ...record, sync: { ...record.sync } }, key: '', externalRef: externalRefOf(record), idempotencyKey, matchOn };
		try {
			w.key = record.sync.key.trim() === '' ? '' : resource.parseKey(record.sync.key.trim());
		} catch (error) {
			// The key is the source's External ID: that is the field to fix.
			results[i] = { ...failedResult(w, error), key: record.sync.key, field: 'extId' };
			continue;
		}
		// Two items of one record in a batch would both be written against the same stale read.
		const first = firstAt.get(w.key || w.externalRef);
		if (first !== undefined) {
			results[i] = failedResult(w, new Error(`the record appears more than once in this batch (first at item ${first})`));
			continue;
		}
		firstAt.set(w.key || w.externalRef, i);
		work.push(w);
	}

	try {
		await findExisting.call(this, resource, work, results);
	} catch (error) {
		if (!this.continueOnFail()) throw new NodeApiError(this.getNode(), error as JsonObject);
		for (const w of work) results[w.index] = { ...failedResult(w, error), reason: (error as Error).message };
		work.length = 0;
	}

	await withLatestState.call(this, work);
	try {
		await writeAll.call(this, resource, work, results, run.policy);
	} finally {
		// The pairs these writes made agree are saved at once: a retried run still merges against
		// them even if this run's Confirm step never happens.
		const states = work.map((w) => results[w.index]?.state).filter((st): st is NonNullable<SyncResult['state']> => st !== undefined);
		if (states.length > 0) await saveSyncState.call(this, states);
	}
	failUntracked.call(this, results, resource.label, run.noun);
	return results.map((r, i) => ({ json: r as unknown as IDataObject, pairedItem: { item: i } }));
}

/** Batched look-ups; sets each work's `found`, or fails the items whose column matches several records. */
async function findExisting(this: IExecuteFunctions, resource: MappedResource, work: Work[], results: SageResult[]): Promise<void> {
	const keys = [...new Set(work.filter((w) => w.key !== '').map((w) => w.key))];
	const refs = [...new Set(work.filter((w) => w.key === '' && !w.matchOn).map((w) => w.externalRef))];
	const byColumn = work.filter((w) => w.key === '' && w.matchOn);
	const byKey = keys.length > 0 ? await resource.findByKeys.call(this, keys) : new Map<string, IDataObject>();
	const byRef = refs.length > 0 ? await resource.findByExternalRefs.call(this, refs) : new Map<string, IDataObject>();
	for (const w of work) w.found = w.key !== '' ? byKey.get(w.key) : byRef.get(w.externalRef);
	if (byColumn.length === 0) return;
	if (!resource.findByColumn) throw new Error(`Internal error: a ${resource.label.toLowerCase()} cannot be matched on a column`);
	const matches = byColumn.map((w) => ({ record: w.record, column: w.matchOn as string, value: String(w.record.fields[w.matchOn as string] ?? '').trim() }));
	const candidates = await resource.findByColumn.call(this, matches);
	const ambiguous = new Set<Work>();
	for (const [n, w] of byColumn.entries()) {
		// A live record wins over deleted ones with the same value.
		const live = candidates[n].filter((r) => !isDeletedInSage(r));
		if (live.length > 1) {
			const ids = live.map((r) => resource.keyOf(r)).join(', ');
			results[w.index] = { ...failedResult(w, new Error(`${live.length} Sage records (${ids}) hold "${matches[n].value}" in ${matches[n].column}`)), field: matches[n].column };
			ambiguous.add(w);
		} else w.found = live[0] ?? candidates[n][candidates[n].length - 1];
	}
	for (let i = work.length - 1; i >= 0; i--) if (ambiguous.has(work[i])) work.splice(i, 1);
}

/** The sync pairs' states as the bridge has them now (fresher than what the trigger read). */
async function withLatestState(this: IExecuteFunctions, work: Work[]): Promise<void> {
	const byEntity = new Map<PairEntity, Work[]>();
	for (const w of work) {
		const pair = pairEntityOf(w.record.sync.entity);
		if (pair && w.record.sync.source.id && !fromNodeParameters(w.record)) byEntity.set(pair, [...(byEntity.get(pair) ?? []), w]);
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
