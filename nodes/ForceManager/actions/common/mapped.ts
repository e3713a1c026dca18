// "Mapped by the Sync Mapper" upsert: each input item is a MappedRecord (nodes/shared/sync/envelope.ts).
// The node never re-derives a sync rule; it matches by extId (A2), resolves references in batches,
// compares, writes only what differs (bulk, ≤100 per call), soft-deletes (A6/C2/P4), keeps existing
// sales reps (U2), honours the conflict policy on two-way records, and reports one SyncResult per item.
import type { IDataObject, IExecuteFunctions, INodeExecutionData } from 'n8n-workflow';
import { NodeApiError, NodeOperationError } from 'n8n-workflow';

import { chunk } from '../../../shared/batching';
import { forceManagerList } from '../../../shared/forcemanager/paging';
import { FORCEMANAGER_CREDENTIAL, forceManagerRequest } from '../../../shared/forcemanager/transport';
import { where } from '../../../shared/forcemanager/where';
import { planUpsert } from '../../../shared/upsert/planner';
import { conflictReason, fillIfEmptyChanges, linePlanIsEmpty, planLines, type LinePlan } from '../../../shared/upsert/sync';
import {
	type ConflictPolicy,
	isMappedRecord,
	type MappedRecord,
	type SyncResult,
} from '../../../shared/sync/envelope';
import { syncPicture } from '../product/picture';
import { LINES_PATH } from '../salesOrder/lines';
import { buildBody, missingRequired } from './fields';
import { findByExtId, LOOKUP_BATCH } from './lookup';
import { salesOrderLine, type ResourceSpec } from './resources';
import { BATCH_SIZE, bulk, errorText, existingFields } from './bulk';

export type MappedResult = SyncResult & { imageUploaded?: boolean };

/** Entities whose records change on both sides (sync.md "Two-way conflicts"). */
const TWO_WAY = new Set(['contact', 'salesOrder', 'quotation']);

interface Pending {
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
}

export interface MappedOptions {
	conflictPolicy: ConflictPolicy;
	imageProperty: string;
}

function base(record: MappedRecord, status: SyncResult['status'], extra: Partial<MappedResult> = {}): MappedResult {
	return {
		status,
		entity: record.sync.entity,
		key: record.sync.key,
		id: null,
		label: record.sync.label || record.sync.key,
		...extra,
	};
}

export function readMappedOptions(this: IExecuteFunctions): MappedOptions {
	const options = this.getNodeParameter('options', 0, {}) as IDataObject;
	return {
		conflictPolicy: (options.conflictPolicy as ConflictPolicy) || 'latestChangeWins',
		imageProperty: String(options.imageProperty || 'image'),
	};
}

function notMapped(index: number): MappedResult {
	return {
		status: 'failed',
		entity: 'account',
		key: '',
		id: null,
		label: `item ${index}`,
		reason: `item ${index} is not an output of the Sage 50 ⇄ ForceManager Mapper (no "sync" and "fields"); use Data Mode "Define Below" for other input`,
	};
}

/** Validates and converts one item; a bad field fails the item alone, naming the record and the field. */
function prepare(spec: ResourceSpec, index: number, record: MappedRecord): Pending | string {
	let part = 'fields';
	try {
		const fields = buildBody(spec.fields, record.fields as IDataObject);
		delete fields.extId;
		part = 'createOnly';
		const createOnly = buildBody(spec.fields, (record.createOnly ?? {}) as IDataObject);
		part = 'fillIfEmpty';
		const fillIfEmpty = buildBody(spec.fields, (record.fillIfEmpty ?? {}) as IDataObject);
		let lines: IDataObject[] | undefined;
		if (spec.value === 'salesOrder' && Array.isArray(record.lines)) {
			lines = [];
			for (const [n, line] of record.lines.entries()) {
				part = `line ${n + 1}`;
				lines.push(buildBody(salesOrderLine, line as IDataObject));
			}
		}
		return { index, record, key: String(record.sync.key).trim(), fields, createOnly, fillIfEmpty, lines };
	} catch (error) {
		return `${part}: ${(error as Error).message}`;
	}
}

export async function executeMapped(
	this: IExecuteFunctions,
	spec: ResourceSpec,
	items: INodeExecutionData[],
): Promise<INodeExecutionData[]> {
	const options = readMappedOptions.call(this);
	const credentials = await this.getCredentials(FORCEMANAGER_CREDENTIAL);
	const syncUserId = Number(credentials.apiUserId ?? 0) || 0;
	const results: MappedResult[] = new Array(items.length);
	const upserts: Pending[] = [];
	const deletes: Array<{ index: number; record: MappedRecord; key: string }> = [];

	for (const [i, item] of items.entries()) {
		const record = item.json as unknown;
		if (!isMappedRecord(record)) {
			results[i] = notMapped(i);
			continue;
		}
		const { action, reason } = record.sync;
		if (action === 'skip') results[i] = base(record, 'skipped', { reason: reason ?? 'skipped by the Mapper' });
		else if (action === 'wait') results[i] = base(record, 'waiting', { reason: reason ?? 'waiting for a dependency' });
		else if (action === 'delete') {
			const key = String(record.sync.key ?? '').trim();
			if (key === '') results[i] = base(record, 'failed', { reason: `${record.sync.label}: no extId to delete by` });
			else deletes.push({ index: i, record, key });
		} else if (action === 'upsert') {
			if (String(record.sync.key ?? '').trim() === '') {
				results[i] = base(record, 'failed', { reason: `${record.sync.label}: the match key (sync.key, the extId) is empty` });
				continue;
			}
			const prepared = prepare(spec, i, record);
			if (typeof prepared === 'string') {
				results[i] = base(record, 'failed', { reason: `${record.sync.label || record.sync.key}: ${prepared}` });
			} else upserts.push(prepared);
		} else {
			results[i] = base(record, 'failed', { reason: `${record.sync.label}: unknown sync action "${String(action)}"` });
		}
	}

	// A hard error (the API unreachable after retries) fails the batch it hit: thrown, or with
	// Continue On Fail reported on each of its items.
	const guard = async (indexes: number[], work: () => Promise<void>) => {
		try {
			await work();
		} catch (error) {
			if (!this.continueOnFail()) {
				throw error instanceof NodeApiError || error instanceof NodeOperationError
					? error
					: new NodeOperationError(this.getNode(), error as Error);
			}
			for (const i of indexes) {
				const record = items[i].json as unknown as MappedRecord;
				results[i] = base(record, 'failed', { reason: `${record.sync.label}: ${errorText(error)}` });
			}
		}
	};

	for (const batch of chunk(deletes, BATCH_SIZE)) {
		await guard(
			batch.map((d) => d.index),
			async () => await softDelete.call(this, spec, batch, results),
		);
	}
	for (const batch of chunk(upserts, BATCH_SIZE)) {
		await guard(
			batch.map((p) => p.index),
			async () => await upsertBatch.call(this, spec, batch, results, options, syncUserId),
		);
	}
	return results.map((r, i) => ({ json: r as unknown as IDataObject, pairedItem: { item: i } }));
}

/** A6 / C2 / P4: soft DELETE of the not-deleted record with this extId; none → unchanged. */
async function softDelete(
	this: IExecuteFunctions,
	spec: ResourceSpec,
	batch: Array<{ index: number; record: MappedRecord; key: string }>,
	results: MappedResult[],
): Promise<void> {
	const found = await findByExtId.call(this, spec.path, batch.map((d) => d.key));
	const targets: Array<{ guid: string; id: number }> = [];
	for (const d of batch) {
		const rows = found.get(d.key) ?? [];
		if (rows.length === 0) {
			results[d.index] = base(d.record, 'unchanged', { reason: 'not in ForceManager, or already deleted' });
			continue;
		}
		// Every live record with the key goes (duplicates would otherwise resurface the record).
		for (const [n, row] of rows.entries()) targets.push({ guid: `${d.index}:${n}`, id: Number(row.id) });
	}
	const outcome = targets.length > 0 ? await bulk.call(this, 'DELETE', spec, targets) : new Map();
	for (const d of batch) {
		if (results[d.index]) continue;
		const mine = targets.filter((t) => t.guid.startsWith(`${d.index}:`));
		const failed = mine.map((t) => outcome.get(t.guid)).find((r) => !r?.ok);
		results[d.index] = failed
			? base(d.record, 'failed', { id: mine[0].id, reason: `${d.record.sync.label}: ${failed?.message ?? 'delete failed'}` })
			: base(d.record, 'deleted', { id: mine[0].id });
	}
}

/** extId → id for the account and line-product references of a batch. */
async function resolveReferences(this: IExecuteFunctions, batch: Pending[]) {
	const accountKeys = batch.map((p) => p.record.references?.account).filter((k): k is string => !!k);
	const productKeys = batch.flatMap((p) => p.record.references?.lineProducts ?? []).filter((k) => !!k);
	const ids = async (path: string, keys: string[]) => {
		const out = new Map<string, number>();
		if (keys.length === 0) return out;
		for (const [key, rows] of await findByExtId.call(this, path, keys)) if (rows.length === 1) out.set(key, Number(rows[0].id));
		return out;
	};
	return { accounts: await ids('/accounts', accountKeys), products: await ids('/products', productKeys) };
}

async function upsertBatch(
	this: IExecuteFunctions,
	spec: ResourceSpec,
	batch: Pending[],
	results: MappedResult[],
	options: MappedOptions,
	syncUserId: number,
): Promise<void> {
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
			results[p.index] = base(p.record, 'waiting', {
				reason: `${p.record.sync.label}: ${missing.join(' and ')} not in ForceManager yet`,
			});
			continue;
		}
		if (p.lines) {
			p.lines.forEach((line, n) => {
				const ref = products[n];
				if (ref) line.productId = refs.products.get(ref) as number;
			});
		}
		ready.push(p);
	}
	if (ready.length === 0) return;

	const found = await forceManagerList.call(this, spec.path, {
		where: where.and(where.in('extId', [...new Set(ready.map((p) => p.key))]), where.eq('deleted', false)),
		pageSize: LOOKUP_BATCH,
	});
	const wanted = new Set(ready.flatMap((p) => [...Object.keys(p.fields), ...Object.keys(p.fillIfEmpty)]));
	const byId = new Map(found.map((r) => [Number(r.id), r]));
	const decisions = planUpsert(
		ready.map((p) => ({ index: p.index, key: p.key, fields: p.fields })),
		found.map((r) => ({ id: Number(r.id), key: String(r.extId ?? ''), fields: existingFields(spec, r, wanted) })),
		{ ignoreFields: ['id'] },
	);
	const byIndex = new Map(ready.map((p) => [p.index, p]));
	const existingLines = await readLines.call(
		this,
		spec,
		decisions.filter((d) => d.kind === 'update' || d.kind === 'unchanged').filter((d) => byIndex.get(d.index)?.lines).map((d) => Number((d as { id: number }).id)),
	);

	const creates: Write[] = [];
	const updates: Write[] = [];
	const settled: Array<{ pending: Pending; id: number }> = [];
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
				});
				continue;
			}
			creates.push({ pending: p, data, changedFields: Object.keys(data) });
			continue;
		}
		const id = Number(d.id);
		const existing = byId.get(id) ?? {};
		const changes: IDataObject = d.kind === 'update' ? { ...(d.changes as IDataObject) } : {};
		// U2: fillIfEmpty values land only where ForceManager has nothing (never overwrite a sales rep).
		Object.assign(changes, fillIfEmptyChanges(p.fillIfEmpty, existingFields(spec, existing, Object.keys(p.fillIfEmpty))));
		const linePlan = p.lines ? planLines(p.lines, existingLines.get(id) ?? []) : undefined;
		const changedFields = [...Object.keys(changes), ...(linePlan && !linePlanIsEmpty(linePlan) ? ['lines'] : [])];
		if (changedFields.length === 0) {
			results[p.index] = base(p.record, 'unchanged', { id });
			settled.push({ pending: p, id });
			continue;
		}
		const { sync } = p.record;
		if (sync.direction === 'sageToForceManager' && TWO_WAY.has(sync.entity)) {
			const updated = existing.dateUpdated as string | null | undefined;
			const reason = conflictReason({
				policy: options.conflictPolicy,
				sourceChangedAt: sync.source?.changedAt ?? null,
				destinationChangedAt: (updated || (existing.dateCreated as string | undefined)) ?? null,
				destinationChangedBy: numberOrNull(updated ? existing.salesRepIdUpdated : existing.salesRepIdCreated),
				syncUserId,
				destinationSystem: 'forceManager',
			});
			if (reason) {
				results[p.index] = base(p.record, 'skipped', { id, reason, changedFields });
				continue;
			}
		}
		updates.push({ pending: p, id, data: changes, changedFields, lines: linePlan });
	}

	for (const part of chunk(creates, BATCH_SIZE)) {
		const outcome = await bulk.call(this, 'POST', spec, part.map((w) => ({ guid: String(w.pending.index), data: w.data })));
		for (const w of part) {
			const r = outcome.get(String(w.pending.index));
			if (!r?.ok || r.id === undefined) {
				results[w.pending.index] = base(w.pending.record, 'failed', {
					reason: `${w.pending.record.sync.label}: ${r?.message ?? 'create failed'}`,
				});
				continue;
			}
			w.id = r.id;
			results[w.pending.index] = base(w.pending.record, 'created', { id: r.id });
			if (w.pending.lines?.length) w.lines = { update: [], remove: [], create: w.pending.lines };
			settled.push({ pending: w.pending, id: r.id });
		}
	}
	const headerUpdates = updates.filter((w) => Object.keys(w.data).length > 0);
	for (const part of chunk(headerUpdates, BATCH_SIZE)) {
		const outcome = await bulk.call(this, 'PUT', spec, part.map((w) => ({ guid: String(w.pending.index), id: w.id, data: w.data })));
		for (const w of part) {
			const r = outcome.get(String(w.pending.index));
			if (!r?.ok) {
				results[w.pending.index] = base(w.pending.record, 'failed', {
					id: w.id ?? null,
					reason: `${w.pending.record.sync.label}: ${r?.message ?? 'update failed'}`,
				});
			}
		}
	}
	for (const w of updates) {
		if (results[w.pending.index]?.status === 'failed') continue;
		results[w.pending.index] = base(w.pending.record, 'updated', { id: w.id ?? null, changedFields: w.changedFields });
		settled.push({ pending: w.pending, id: w.id as number });
	}
	for (const w of [...creates, ...updates]) {
		if (!w.lines || w.id === undefined || results[w.pending.index]?.status === 'failed') continue;
		try {
			await writeLines.call(this, w.id, w.lines);
		} catch (error) {
			results[w.pending.index] = base(w.pending.record, 'failed', {
				id: w.id,
				reason: `${w.pending.record.sync.label}: lines: ${errorText(error)}`,
			});
		}
	}
	if (spec.value === 'product') await pictures.call(this, settled, results, options.imageProperty);
}

function numberOrNull(value: unknown): number | null {
	const v = typeof value === 'object' && value !== null ? (value as IDataObject).id : value;
	const n = Number(v);
	return v === null || v === undefined || !Number.isFinite(n) ? null : n;
}

/** Live lines of the given orders, in their order (one list call per ≤100 orders). */
async function readLines(
	this: IExecuteFunctions,
	spec: ResourceSpec,
	orderIds: number[],
): Promise<Map<number, Array<{ id: number; fields: IDataObject }>>> {
	const out = new Map<number, Array<{ id: number; fields: IDataObject; order: number }>>();
	if (spec.value !== 'salesOrder') return out;
	for (const ids of chunk([...new Set(orderIds)], LOOKUP_BATCH)) {
		const rows = await forceManagerList.call(this, LINES_PATH, {
			where: where.and(where.in('salesorderId.id', ids), where.eq('deleted', false)),
			pageSize: 500,
		});
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

/** Lines have no bulk endpoint (swagger: one POST/PUT/DELETE per line, notes §7.5). */
async function writeLines(this: IExecuteFunctions, salesOrderId: number, plan: LinePlan): Promise<void> {
	for (const u of plan.update) {
		await forceManagerRequest.call(this, { method: 'PUT', path: `${LINES_PATH}/${u.id}`, body: u.changes as IDataObject });
	}
	for (const line of plan.create) {
		await forceManagerRequest.call(this, { method: 'POST', path: LINES_PATH, body: { ...line, salesOrderId } as IDataObject });
	}
	for (const id of plan.remove) {
		await forceManagerRequest.call(this, { method: 'DELETE', path: `${LINES_PATH}/${id}` });
	}
}

/** P3: product picture for every written or matched product whose item carries the image binary. */
async function pictures(
	this: IExecuteFunctions,
	settled: Array<{ pending: Pending; id: number }>,
	results: MappedResult[],
	property: string,
): Promise<void> {
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
			results[pending.index] = {
				...result,
				status: 'failed',
				imageUploaded: false,
				reason: `${pending.record.sync.label}: picture: ${errorText(error)}`,
			};
		}
	}
}

/** Throws when asked to map input that is not the Mapper's (an editor mistake, not a record error). */
export function assertMappedInput(this: IExecuteFunctions, items: INodeExecutionData[]): void {
	if (items.length > 0 && !items.some((i) => isMappedRecord(i.json))) {
		throw new NodeOperationError(
			this.getNode(),
			'No input item is a Sage 50 ⇄ ForceManager Mapper output',
			{ description: 'Data Mode "Mapped by the Sync Mapper" expects items with "sync" and "fields". Put the Mapper node before this one, or choose "Define Below".' },
		);
	}
}
