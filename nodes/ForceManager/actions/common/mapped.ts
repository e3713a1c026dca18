// The ForceManager upsert engine, for both data modes: each record is a MappedRecord
// (nodes/shared/sync/envelope.ts), from the Sync Mapper or built from the node's parameters (Define
// Below). The node never re-derives a sync rule; it matches by extId (A2), resolves references in
// batches, merges two-way sync records field by field against their last-synced state, writes only
// what differs (bulk, ≤100 per call), soft-deletes (A6/C2/P4), keeps existing sales reps (U2), and
// reports one SyncResult per item — carrying a sync record's delivery token and the pair's next
// state to the Sync Delivery → Confirm step. A failed item without a delivery token (nothing will
// retry it) fails the run instead of leaving it green.
import type { IDataObject, IExecuteFunctions, INodeExecutionData } from 'n8n-workflow';
import { NodeApiError, NodeOperationError } from 'n8n-workflow';

import { chunk } from '../../../shared/batching';
import { isMappedRecord, type MappedRecord } from '../../../shared/sync/envelope';
import { DELETED_BY_SYNC } from '../../../shared/sync/delivery';
import { pairEntityOf } from '../../../shared/sync/snapshot';
import { failUntracked } from '../../../shared/sync/untracked';
import { BATCH_SIZE, bulk, errorText } from './bulk';
import { buildBody } from './fields';
import { findByExtId } from './lookup';
import { base, readMappedOptions, type MappedOptions, type MappedResult } from './mappedResult';
import { upsertBatch, type Pending } from './mappedUpsert';
import { salesOrderLine, type ResourceSpec } from './resources';

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
function prepare(spec: ResourceSpec, index: number, record: MappedRecord): Pending | { reason: string; field?: string } {
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
		const field = /"([^"]+)"/.exec((error as Error).message)?.[1];
		return { reason: `${part}: ${(error as Error).message}`, ...(field ? { field } : {}) };
	}
}

/** A record to upsert, or the result of an item decided before (not a record, unreadable parameters). */
export type UpsertInput = { record: MappedRecord } | { result: MappedResult };

export interface UpsertRun {
	options: MappedOptions;
	/** How the run's failure message counts the items: 'records' (mapped), 'upserts' (Define Below). */
	noun: string;
}

/** Data Mode "Mapped by the Sync Mapper": the input items are the records. */
export async function executeMapped(this: IExecuteFunctions, spec: ResourceSpec, items: INodeExecutionData[]): Promise<INodeExecutionData[]> {
	const inputs = items.map((item, i): UpsertInput => (isMappedRecord(item.json) ? { record: item.json } : { result: notMapped(i) }));
	return await upsertRecords.call(this, spec, inputs, { options: readMappedOptions.call(this), noun: 'records' });
}

export async function upsertRecords(this: IExecuteFunctions, spec: ResourceSpec, inputs: UpsertInput[], run: UpsertRun): Promise<INodeExecutionData[]> {
	const { options } = run;
	const results: MappedResult[] = new Array(inputs.length);
	const upserts: Pending[] = [];
	const deletes: Array<{ index: number; record: MappedRecord; key: string }> = [];

	for (const [i, input] of inputs.entries()) {
		if ('result' in input) {
			results[i] = input.result;
			continue;
		}
		const { record } = input;
		const { action, reason, label } = record.sync;
		if (action === 'skip') results[i] = base(record, 'skipped', { reason: reason ?? 'skipped by the Mapper' });
		else if (action === 'wait') results[i] = base(record, 'waiting', { reason: reason ?? 'waiting for a dependency' });
		else if (action === 'fail') results[i] = base(record, 'failed', { reason: `${label}: ${reason ?? 'the Mapper could not map it'}`, ...(record.sync.field ? { field: record.sync.field } : {}) });
		else if (action === 'delete') {
			const key = String(record.sync.key ?? '').trim();
			if (key === '') results[i] = base(record, 'failed', { reason: `${label}: no extId to delete by` });
			else deletes.push({ index: i, record, key });
		} else if (action === 'upsert') {
			if (String(record.sync.key ?? '').trim() === '') {
				results[i] = base(record, 'failed', { reason: `${label}: the match key (extId) is empty`, field: 'extId' });
				continue;
			}
			const prepared = prepare(spec, i, record);
			if ('reason' in prepared) results[i] = base(record, 'failed', { reason: `${label || record.sync.key}: ${prepared.reason}`, field: prepared.field });
			else upserts.push(prepared);
		} else {
			results[i] = base(record, 'failed', { reason: `${label}: unknown sync action "${String(action)}"` });
		}
	}

	// A hard error (the API unreachable after retries, a write that may not have happened) fails the
	// run: thrown, or with Continue On Fail reported on each item of the batch it hit.
	const guard = async (indexes: number[], work: () => Promise<void>) => {
		try {
			await work();
		} catch (error) {
			if (!this.continueOnFail()) {
				throw error instanceof NodeApiError || error instanceof NodeOperationError ? error : new NodeOperationError(this.getNode(), error as Error);
			}
			for (const i of indexes) {
				const { record } = inputs[i] as { record: MappedRecord };
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
			async () => await upsertBatch.call(this, spec, batch, results, options),
		);
	}
	failUntracked.call(this, results, spec.label, run.noun);
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
		const pair = pairEntityOf(d.record.sync.entity);
		// The pair remembers that the sync deleted it here, so ForceManager's trigger sees an echo.
		const state = pair ? { entity: pair, sageKey: d.key, forceManagerId: String(mine[0].id), forceManager: { ...(d.record.sync.synced?.forceManager ?? {}), [DELETED_BY_SYNC]: true } } : undefined;
		results[d.index] = failed
			? base(d.record, 'failed', { id: mine[0].id, reason: `${d.record.sync.label}: ${failed?.message ?? 'delete failed'}` })
			: base(d.record, 'deleted', { id: mine[0].id, ...(state ? { state } : {}) });
	}
}

/** Throws when asked to map input that is not the Mapper's (an editor mistake, not a record error). */
export function assertMappedInput(this: IExecuteFunctions, items: INodeExecutionData[]): void {
	if (items.length > 0 && !items.some((i) => isMappedRecord(i.json))) {
		throw new NodeOperationError(this.getNode(), 'No input item is a Sage 50 ⇄ ForceManager Mapper output', {
			description: 'Data Mode "Mapped by the Sync Mapper" expects items with "sync" and "fields". Put the Mapper node before this one, or choose "Define Below".',
		});
	}
}
