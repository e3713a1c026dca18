// One batch (≤100 items) of the upsert: references resolved in batches (waiting when missing), one
// `extId IN (…)` lookup, a sync record's duplicate keys repaired or reported, a FM-born record
// matched by its origin id until its extId is written back, two-way sync records merged field by
// field against their last-synced state, then bulk creates and updates, order lines and product
// pictures. Every applied sync record carries the pair's next state for the Confirm step.
import type { IDataObject, IExecuteFunctions } from 'n8n-workflow';

import { chunk } from '../../../shared/batching';
import { flag, isDeletedInForceManager } from '../../../shared/flags';
import { forceManagerList } from '../../../shared/forcemanager/paging';
import { forceManagerRequest } from '../../../shared/forcemanager/transport';
import { where } from '../../../shared/forcemanager/where';
import type { MappedRecord } from '../../../shared/sync/envelope';
import { describeConflicts, mergeChanges, type FieldConflict } from '../../../shared/sync/merge';
import { fromNodeParameters } from '../../../shared/sync/parameters';
import { pairEntityOf } from '../../../shared/sync/snapshot';
import { proposeState } from '../../../shared/sync/state';
import { planUpsert } from '../../../shared/upsert/planner';
import { fillIfEmptyChanges, linePlanIsEmpty, planLines, type LinePlan } from '../../../shared/upsert/sync';
import { syncPicture } from '../product/picture';
import { LINES_PATH } from '../salesOrder/lines';
import { BATCH_SIZE, bulk, errorText, existingFields, failSoftlyOrThrow } from './bulk';
import { repairDuplicates } from './duplicates';
import { missingRequired } from './fields';
import { findById, findByExtId, LOOKUP_BATCH } from './lookup';
import { base, refusal, type MappedOptions, type MappedResult } from './mappedResult';
import type { ResourceSpec } from './resources';

/** Entities whose ForceManager records people edit too (contacts, orders raised in ForceManager). */
const TWO_WAY = new Set(['contact', 'salesOrder', 'quotation']);

export interface Pending {
	index: number;
	record: MappedRecord;
	key: string;
	fields: IDataObject;
	createOnly: IDataObject;
	fillIfEmpty: IDataObject;
	lines?: IDataObject[];
}

interface Write {
	pending: Pending;
	id?: number;
	data: IDataObject;
	changedFields: string[];
	lines?: LinePlan;
	conflicts?: FieldConflict[];
}

/** extId → id for the account and line-product references of a batch (the oldest of duplicates). */
async function resolveReferences(this: IExecuteFunctions, batch: Pending[]) {
	const accountKeys = batch.map((p) => p.record.references?.account).filter((k): k is string => !!k);
	const productKeys = batch.flatMap((p) => p.record.references?.lineProducts ?? []).filter((k) => !!k);
	const ids = async (path: string, keys: string[]) => {
		const out = new Map<string, number>();
		if (keys.length === 0) return out;
		for (const [key, rows] of await findByExtId.call(this, path, keys)) out.set(key, Math.min(...rows.map((r) => Number(r.id))));
		return out;
	};
	return { accounts: await ids('/accounts', accountKeys), products: await ids('/products', productKeys) };
}

/** Sets accountId / line productIds; the items missing a reference wait (nothing written). */
async function withReferences(this: IExecuteFunctions, batch: Pending[], results: MappedResult[]): Promise<Pending[]> {
	const refs = await resolveReferences.call(this, batch);
	const ready: Pending[] = [];
	for (const p of batch) {
		const missing: string[] = [];
		const account = p.record.references?.account;
		if (account) {
			const id = refs.accounts.get(account);
			if (id === undefined) missing.push(`account "${account}"`);
			else p.fields.accountId = id;
		}
		const products = p.record.references?.lineProducts ?? [];
		const unknown = [...new Set(products.filter((k) => k && !refs.products.has(k)))];
		if (unknown.length > 0) missing.push(`product${unknown.length > 1 ? 's' : ''} ${unknown.map((k) => `"${k}"`).join(', ')}`);
		if (missing.length > 0) {
			results[p.index] = base(p.record, 'waiting', { reason: `${p.record.sync.label}: ${missing.join(' and ')} not in ForceManager yet` });
			continue;
		}
		p.lines?.forEach((line, n) => {
			const ref = products[n];
			if (ref) line.productId = refs.products.get(ref) as number;
		});
		ready.push(p);
	}
	return ready;
}

/** Live records by extId, plus records born in ForceManager (origin id) whose extId is not written back yet. */
async function existingRecords(this: IExecuteFunctions, spec: ResourceSpec, ready: Pending[]): Promise<IDataObject[]> {
	const found = await forceManagerList.call(this, spec.path, {
		where: where.and(where.in('extId', [...new Set(ready.map((p) => p.key))]), where.eq('deleted', false)),
		pageSize: LOOKUP_BATCH,
	});
	const keys = new Set(found.map((r) => String(r.extId ?? '').trim()));
	const origins = ready.filter((p) => !keys.has(p.key) && p.record.sync.originId !== undefined);
	if (origins.length > 0) {
		const byId = await findById.call(this, spec.path, origins.map((p) => Number(p.record.sync.originId)));
		for (const p of origins) {
			const row = byId.get(Number(p.record.sync.originId));
			const extId = String(row?.extId ?? '').trim();
			// The record this Sage record was created from: same key once written back, or none yet.
			if (row && !isDeletedInForceManager(row) && (extId === '' || extId === p.key)) found.push({ ...row, extId: p.key, _extIdMissing: extId === '' });
		}
	}
	return found;
}

export async function upsertBatch(this: IExecuteFunctions, spec: ResourceSpec, batch: Pending[], results: MappedResult[], options: MappedOptions): Promise<void> {
	const ready = await withReferences.call(this, batch, results);
	if (ready.length === 0) return;
	// Only a sync record's key is repaired (the copies are the sync's own); a Define Below record fails on them.
	const incoming = new Map(ready.filter((p) => !fromNodeParameters(p.record)).map((p) => [p.key, { ...p.fields } as Record<string, unknown>]));
	const repaired = await repairDuplicates.call(this, spec, await existingRecords.call(this, spec, ready), incoming);
	const wanted = new Set(ready.flatMap((p) => [...Object.keys(p.fields), ...Object.keys(p.fillIfEmpty)]));
	const byId = new Map(repaired.live.map((r) => [Number(r.id), r]));
	const decisions = planUpsert(
		ready.filter((p) => !repaired.unresolved.has(p.key)).map((p) => ({ index: p.index, key: p.key, fields: p.fields })),
		repaired.live.map((r) => ({ id: Number(r.id), key: String(r.extId ?? ''), fields: existingFields(spec, r, wanted) })),
		{ ignoreFields: ['id'] },
	);
	for (const p of ready) {
		const reason = repaired.unresolved.get(p.key);
		if (reason) results[p.index] = base(p.record, 'failed', { reason: `${p.record.sync.label}: ${reason}`, field: 'extId' });
	}
	const byIndex = new Map(ready.map((p) => [p.index, p]));
	const matchedIds = decisions.filter((d) => d.kind === 'update' || d.kind === 'unchanged').map((d) => Number((d as { id: number }).id));
	const existingLines = await readLines.call(this, spec, ready.some((p) => p.lines) ? matchedIds : []);

	const creates: Write[] = [];
	const updates: Write[] = [];
	const settled: Array<{ pending: Pending; id: number }> = [];
	const done = (p: Pending, id: number, status: MappedResult['status'], extra: Partial<MappedResult> = {}) => {
		const removed = repaired.removed.get(p.key);
		const written = { ...(status === 'created' ? { ...p.createOnly, ...p.fillIfEmpty } : {}), ...p.fields, extId: p.key, ...(p.lines ? { lines: p.lines } : {}) };
		const state = fromNodeParameters(p.record) ? undefined : proposeState(p.record, written, { sageKey: p.key, forceManagerId: id }, status === 'created');
		results[p.index] = base(p.record, status, { id, ...extra, ...(removed ? { removedDuplicates: removed } : {}), ...(state ? { state } : {}) });
		settled.push({ pending: p, id });
	};

	for (const d of decisions) {
		const p = byIndex.get(d.index)!;
		const label = p.record.sync.label || p.key;
		if (d.kind === 'failed') {
			results[p.index] = base(p.record, 'failed', { reason: `${label}: ${d.reason}` });
			continue;
		}
		if (d.kind === 'create') {
			const data: IDataObject = { ...p.createOnly, ...p.fillIfEmpty, ...p.fields, extId: p.key };
			const missing = missingRequired(spec.fields, data);
			if (missing.length > 0) {
				results[p.index] = base(p.record, 'failed', {
					reason: `${label}: ${missing.map((m) => `"${m}"`).join(', ')} ${missing.length > 1 ? 'are' : 'is'} required to create it`,
					field: missing[0],
				});
				continue;
			}
			creates.push({ pending: p, data, changedFields: Object.keys(data) });
			continue;
		}
		const id = Number(d.id);
		const existing = byId.get(id) ?? {};
		const changes: IDataObject = d.kind === 'update' ? { ...(d.changes as IDataObject) } : {};
		// A record matched by its origin id gets its key now (the write-back may never have happened).
		if (existing._extIdMissing) changes.extId = p.key;
		// U2: fillIfEmpty values land only where ForceManager has nothing (never overwrite a sales rep).
		Object.assign(changes, fillIfEmptyChanges(p.fillIfEmpty, existingFields(spec, existing, Object.keys(p.fillIfEmpty))));
		let linePlan = p.lines ? planLines(p.lines, existingLines.get(id) ?? []) : undefined;
		const changed = [...Object.keys(changes), ...(linePlan && !linePlanIsEmpty(linePlan) ? ['lines'] : [])];
		let conflicts: FieldConflict[] = [];
		const { sync } = p.record;
		const pair = pairEntityOf(sync.entity);
		// Read-only records (owned by Sage: A3, O2) cannot have changed in ForceManager: nothing to merge;
		// a Define Below record has no pair to merge against.
		if (pair && TWO_WAY.has(sync.entity) && changed.length > 0 && !flag(existing.readOnly) && !fromNodeParameters(p.record)) {
			const merged = mergeChanges({
				entity: pair,
				destination: 'forceManager',
				changed,
				incoming: { ...p.fields, ...(p.lines ? { lines: p.lines } : {}) },
				existing: { ...existingFields(spec, existing, wanted), lines: (existingLines.get(id) ?? []).map((l) => l.fields) },
				snapshot: sync.synced?.forceManager,
				policy: options.conflictPolicy,
				sourceChangedAt: sync.source?.changedAt ?? null,
				destinationChangedAt: ((existing.dateUpdated || existing.dateCreated) as string | undefined) ?? null,
			});
			for (const field of merged.kept) delete changes[field];
			if (merged.kept.includes('lines')) linePlan = undefined;
			conflicts = merged.conflicts;
		}
		const changedFields = [...Object.keys(changes), ...(linePlan && !linePlanIsEmpty(linePlan) ? ['lines'] : [])];
		if (changedFields.length === 0) {
			done(p, id, conflicts.length ? 'conflict' : 'unchanged', conflicts.length ? { conflicts, reason: describeConflicts(conflicts) } : {});
			continue;
		}
		updates.push({ pending: p, id, data: changes, changedFields, lines: linePlan, conflicts });
	}

	for (const part of chunk(creates, BATCH_SIZE)) {
		const outcome = await bulk.call(this, 'POST', spec, part.map((w) => ({ guid: String(w.pending.index), data: w.data })));
		for (const w of part) {
			const r = outcome.get(String(w.pending.index));
			if (!r?.ok || r.id === undefined) {
				const { reason, field } = refusal(r?.message ?? 'create failed', w.data);
				results[w.pending.index] = base(w.pending.record, 'failed', { reason: `${w.pending.record.sync.label}: ${reason}`, ...(field ? { field } : {}) });
				continue;
			}
			w.id = r.id;
			if (w.pending.lines?.length) w.lines = { update: [], remove: [], create: w.pending.lines };
			done(w.pending, r.id, 'created');
		}
	}
	const headerUpdates = updates.filter((w) => Object.keys(w.data).length > 0);
	const rejected = new Set<number>();
	for (const part of chunk(headerUpdates, BATCH_SIZE)) {
		const outcome = await bulk.call(this, 'PUT', spec, part.map((w) => ({ guid: String(w.pending.index), id: w.id, data: w.data })));
		for (const w of part) {
			const r = outcome.get(String(w.pending.index));
			if (r?.ok) continue;
			rejected.add(w.pending.index);
			const { reason, field } = refusal(r?.message ?? 'update failed', w.data);
			results[w.pending.index] = base(w.pending.record, 'failed', { id: w.id ?? null, reason: `${w.pending.record.sync.label}: ${reason}`, ...(field ? { field } : {}) });
		}
	}
	for (const w of updates) {
		if (rejected.has(w.pending.index)) continue;
		const conflicts = w.conflicts ?? [];
		done(w.pending, w.id as number, conflicts.length ? 'conflict' : 'updated', { changedFields: w.changedFields, ...(conflicts.length ? { conflicts, reason: describeConflicts(conflicts) } : {}) });
	}
	for (const w of [...creates, ...updates]) {
		if (!w.lines || w.id === undefined || results[w.pending.index]?.status === 'failed') continue;
		try {
			await writeLines.call(this, w.id, w.lines);
		} catch (error) {
			// A line write that may not have happened fails the run, like a bulk write (bulk.ts).
			failSoftlyOrThrow.call(this, error);
			results[w.pending.index] = base(w.pending.record, 'failed', { id: w.id, reason: `${w.pending.record.sync.label}: lines: ${errorText(error)}`, field: 'lines' });
		}
	}
	if (spec.value === 'product' && options.imageProperty) await pictures.call(this, settled, results, options.imageProperty);
}

/** Live lines of the given orders, in their order (one list call per ≤100 orders). */
async function readLines(this: IExecuteFunctions, spec: ResourceSpec, orderIds: number[]): Promise<Map<number, Array<{ id: number; fields: IDataObject }>>> {
	const out = new Map<number, Array<{ id: number; fields: IDataObject; order: number }>>();
	if (spec.value !== 'salesOrder') return out;
	for (const ids of chunk([...new Set(orderIds)], LOOKUP_BATCH)) {
		const rows = await forceManagerList.call(this, LINES_PATH, { where: where.and(where.in('salesorderId.id', ids), where.eq('deleted', false)), pageSize: 500 });
		for (const row of rows) {
			const orderId = numberOrNull(row.salesorderId ?? row.salesOrderId);
			if (orderId === null) continue;
			const list = out.get(orderId) ?? [];
			list.push({ id: Number(row.id), fields: row, order: Number(row.order ?? 0) || 0 });
			out.set(orderId, list);
		}
	}
	for (const list of out.values()) list.sort((a, b) => a.order - b.order || a.id - b.id);
	return out;
}

function numberOrNull(value: unknown): number | null {
	const v = typeof value === 'object' && value !== null ? (value as IDataObject).id : value;
	const n = Number(v);
	return v === null || v === undefined || !Number.isFinite(n) ? null : n;
}

/** Lines have no bulk endpoint (swagger: one POST/PUT/DELETE per line, notes §7.5). */
async function writeLines(this: IExecuteFunctions, salesOrderId: number, plan: LinePlan): Promise<void> {
	for (const u of plan.update) await forceManagerRequest.call(this, { method: 'PUT', path: `${LINES_PATH}/${u.id}`, body: u.changes as IDataObject });
	for (const line of plan.create) await forceManagerRequest.call(this, { method: 'POST', path: LINES_PATH, body: { ...line, salesOrderId } as IDataObject });
	for (const id of plan.remove) await forceManagerRequest.call(this, { method: 'DELETE', path: `${LINES_PATH}/${id}` });
}

/** P3: product picture for every written or matched product whose item carries the image binary. */
async function pictures(this: IExecuteFunctions, settled: Array<{ pending: Pending; id: number }>, results: MappedResult[], property: string): Promise<void> {
	const items = this.getInputData();
	for (const { pending, id } of settled) {
		const result = results[pending.index];
		const binary = items[pending.index].binary?.[property];
		if (!binary) {
			result.imageUploaded = false;
			continue;
		}
		try {
			result.imageUploaded = await syncPicture.call(this, pending.index, property, id, pending.key, binary);
		} catch (error) {
			// An upload that may not have happened fails the run (retried whole); a rejected one fails the item.
			failSoftlyOrThrow.call(this, error);
			results[pending.index] = { ...result, status: 'failed', imageUploaded: false, field: 'picture', reason: `${pending.record.sync.label}: picture: ${errorText(error)}` };
		}
	}
}
