// Create-or-update over all input items: the resource looks existing records up in as few calls
// as the contract allows, the shared planner decides create / update (changed fields only) /
// unchanged, and each write runs on its own so a bad record fails alone with the bridge's reason.
// Records deleted in Sage are never recreated (A6, C2): they fail with a clear reason.
import type { IDataObject, IExecuteFunctions, INodeExecutionData } from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';

import { isDeletedInSage } from '../../../shared/flags';
import { planUpsert, type UpsertDecision, type UpsertExisting } from '../../../shared/upsert/planner';
import { sageWrite } from './write';

export type UpsertStatus = 'created' | 'updated' | 'unchanged' | 'failed';

export interface UpsertItem {
	index: number;
	/** Match key (ACCOUNT_REF, external key …). */
	key: string;
	/** Grouping for lookups (e.g. the customer of an address); '' when not grouped. */
	group: string;
	/** Fields compared with the existing record and written. */
	fields: IDataObject;
	/** Fields sent only on creation (lines, order date …). */
	createOnly: IDataObject;
	explicitKey?: string;
}

export interface UpsertResource {
	label: string;
	entity: string;
	/** Reads one input item, throwing a plain Error for a bad item. */
	readItem(this: IExecuteFunctions, itemIndex: number): Omit<UpsertItem, 'index'>;
	/** Existing records (deleted ones included) for these items, keyed by the match key. */
	lookup(this: IExecuteFunctions, items: UpsertItem[]): Promise<Array<{ key: string; record: IDataObject }>>;
	/** The Sage key of a record (ACCOUNT_REF, REFERENCE, ORDER_NUMBER). */
	idOf(record: IDataObject): string;
	createPath(item: UpsertItem): string;
	createBody(item: UpsertItem): IDataObject;
	updatePath(record: IDataObject): string;
}

export interface UpsertResult {
	status: UpsertStatus;
	key: string;
	id: string | null;
	changedFields?: string[];
	reason?: string;
	replayed?: boolean;
	record?: IDataObject;
}

export async function executeUpsert(this: IExecuteFunctions, resource: UpsertResource, items: INodeExecutionData[]): Promise<INodeExecutionData[]> {
	const results: UpsertResult[] = new Array(items.length);
	const label = (key: string) => `${resource.label} "${key}"`;
	const incoming: UpsertItem[] = [];
	for (let i = 0; i < items.length; i++) {
		try {
			incoming.push({ index: i, ...resource.readItem.call(this, i) });
		} catch (error) {
			results[i] = { status: 'failed', key: '', id: null, reason: `${resource.label} (item ${i}): ${(error as Error).message}` };
		}
	}

	const found = await resource.lookup.call(this, incoming);
	const deleted = new Map<string, IDataObject>();
	const existing: UpsertExisting[] = [];
	for (const { key, record } of found) {
		if (isDeletedInSage(record)) deleted.set(key, record);
		else existing.push({ id: resource.idOf(record), key, fields: record as Record<string, unknown> });
	}
	const records = new Map(found.filter((f) => !isDeletedInSage(f.record)).map((f) => [resource.idOf(f.record), f.record]));
	const live = incoming.filter((item) => {
		const gone = deleted.get(item.key);
		if (gone && !existing.some((e) => e.key === item.key)) {
			results[item.index] = {
				status: 'failed',
				key: item.key,
				id: resource.idOf(gone),
				reason: `${label(item.key)}: ${resource.label.toLowerCase()} ${resource.idOf(gone)} was deleted in Sage; it is not recreated`,
			};
			return false;
		}
		return true;
	});
	const byIndex = new Map(live.map((item) => [item.index, item]));
	const decisions: UpsertDecision[] = planUpsert(
		live.map((item) => ({ index: item.index, key: item.key, fields: item.fields })),
		existing,
	);

	for (const d of decisions) {
		const item = byIndex.get(d.index)!;
		if (d.kind === 'failed') {
			results[d.index] = { status: 'failed', key: d.key, id: null, reason: `${label(d.key)}: ${d.reason}` };
			continue;
		}
		if (d.kind === 'unchanged') {
			results[d.index] = { status: 'unchanged', key: d.key, id: String(d.id), record: records.get(String(d.id)) };
			continue;
		}
		try {
			if (d.kind === 'create') {
				const written = await sageWrite.call(this, {
					method: 'POST',
					path: resource.createPath(item),
					body: resource.createBody(item),
					entity: resource.entity,
					operation: 'upsert-create',
					// The match key is the source identity: a create is never keyed by its payload, and a
					// concurrent run creating the same new key replays (or is refused) instead of doubling it.
					sourceKey: item.key,
					sourceScope: `${resource.label}|${item.group}`,
					explicitKey: item.explicitKey,
					label: resource.label,
					record: item.key,
					itemIndex: d.index,
				});
				results[d.index] = { status: 'created', key: d.key, id: resource.idOf(written.record), replayed: written.replayed, record: written.record };
			} else {
				const current = records.get(String(d.id)) ?? {};
				const written = await sageWrite.call(this, {
					method: 'PATCH',
					path: resource.updatePath(current),
					body: d.changes as IDataObject,
					entity: resource.entity,
					operation: 'upsert-update',
					sourceKey: item.key,
					explicitKey: item.explicitKey,
					// The version the change was computed against: the same change on a newer
					// version of the record is a new write, not a replay.
					salt: String(current.RECORD_MODIFY_DATE ?? ''),
					label: resource.label,
					record: String(d.id),
					itemIndex: d.index,
				});
				results[d.index] = {
					status: 'updated',
					key: d.key,
					id: String(d.id),
					changedFields: d.changedFields,
					replayed: written.replayed,
					record: written.record,
				};
			}
		} catch (error) {
			results[d.index] = { status: 'failed', key: d.key, id: d.kind === 'update' ? String(d.id) : null, reason: (error as Error).message };
		}
	}

	const failed = results.filter((r) => r.status === 'failed');
	if (failed.length > 0 && !this.continueOnFail()) {
		throw new NodeOperationError(
			this.getNode(),
			`${failed.length} of ${items.length} ${resource.label.toLowerCase()} upserts failed: ${failed.map((f) => f.reason).join('; ')}`,
			{ description: 'The other items were written. Fix the listed records and run again; unchanged records are skipped.' },
		);
	}
	return results.map((r, i) => ({ json: { ...r } as unknown as IDataObject, pairedItem: { item: i } }));
}
