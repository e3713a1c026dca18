// Apply Sage Write-Back (A4, C1, O1): a record born in ForceManager receives its Sage key (extId)
// and, for accounts, readOnly. Input items are the Sage node's results carrying
// `writeBack: {resource, id, fields: {extId, ...}}`. The records are read in batches
// (`id IN (...)`), only differing fields are written (bulk PUT), so a second run writes nothing.
// The item's delivery token and the pair's next state pass through to the Confirm step; the state
// learns what the write-back set, so ForceManager's trigger sees that change as an echo. A failed
// Sage result passes through as failed (the write-back cannot make it good). A write-back that fails
// for a record no ledger tracks fails the run (failUntracked), like the upserts.
import type { IDataObject, IExecuteFunctions, INodeExecutionData, INodeProperties } from 'n8n-workflow';

import { chunk } from '../../../shared/batching';
import { isDeletedInForceManager } from '../../../shared/flags';
import type { StateProposal } from '../../../shared/sync/delivery';
import type { SyncEntity, SyncResult, SyncWriteBack } from '../../../shared/sync/envelope';
import { project } from '../../../shared/sync/snapshot';
import { failUntracked } from '../../../shared/sync/untracked';
import { diffFields } from '../../../shared/upsert/planner';
import { BATCH_SIZE, bulk, existingFields } from './bulk';
import { show } from './crud';
import { buildBody } from './fields';
import { findById } from './lookup';
import type { ResourceSpec } from './resources';

export function writeBackProperties(spec: ResourceSpec): INodeProperties[] {
	return show(spec.value, 'applyWriteBack', [
		{
			displayName:
				'Each input item\'s "writeBack" (from the Sage 50 UKI node) is compared with the ForceManager record; only differing fields are written',
			name: 'writeBackNotice',
			type: 'notice',
			default: '',
		},
	]);
}

interface Pending {
	index: number;
	writeBack: SyncWriteBack;
	data: IDataObject;
	entity: SyncEntity;
	key: string;
	label: string;
	carried: Pick<SyncResult, 'delivery' | 'state' | 'conflicts'>;
}

/** The pair's next state once the write-back landed: its ForceManager side learns extId, readOnly. */
function withWrittenBack(carried: Pending['carried'], data: IDataObject): Pending['carried'] {
	const state = carried.state;
	if (!state?.forceManager) return carried;
	return { ...carried, state: { ...state, forceManager: { ...state.forceManager, ...project(state.entity, 'forceManager', data, false) } } };
}

export async function executeWriteBack(
	this: IExecuteFunctions,
	spec: ResourceSpec,
	items: INodeExecutionData[],
): Promise<INodeExecutionData[]> {
	const results: SyncResult[] = new Array(items.length);
	const pending: Pending[] = [];
	const passedThrough = new Set<number>();
	const entity = spec.value as SyncEntity;
	for (const [i, item] of items.entries()) {
		const json = item.json as IDataObject;
		const wb = json.writeBack as unknown as SyncWriteBack | undefined;
		const key = String(json.key ?? '');
		const label = String(json.label ?? (key || `item ${i}`));
		const carried = { ...(json.delivery ? { delivery: json.delivery as unknown as SyncResult['delivery'] } : {}), ...(json.state ? { state: json.state as unknown as StateProposal } : {}) };
		const out = (status: SyncResult['status'], reason?: string, id: number | null = null): SyncResult => ({
			status,
			entity: (json.entity as SyncEntity) ?? entity,
			key,
			id,
			label,
			...(reason ? { reason } : {}),
			...carried,
		});
		if (!wb || typeof wb !== 'object') {
			// Nothing to write back: the item keeps the Sage node's outcome (skipped, waiting, failed …).
			results[i] = { ...(json as unknown as SyncResult), ...carried, ...(json.status ? {} : { status: 'skipped', reason: 'no write-back for this item' }) };
			passedThrough.add(i);
			continue;
		}
		const id = Number(wb.id);
		if (!Number.isInteger(id) || id <= 0) {
			results[i] = out('failed', `${label}: write-back "id" must be a ForceManager id, got "${String(wb.id)}"`);
			continue;
		}
		if (wb.resource !== spec.value) {
			results[i] = out('failed', `${label}: the write-back is for a ${wb.resource}, this node writes ${spec.label.toLowerCase()}s`, id);
			continue;
		}
		try {
			const data = buildBody(spec.fields, (wb.fields ?? {}) as IDataObject);
			const conflicts = Array.isArray(json.conflicts) ? { conflicts: json.conflicts as unknown as SyncResult['conflicts'] } : {};
			pending.push({ index: i, writeBack: wb, data, entity: out('skipped').entity, key: String(data.extId ?? key), label, carried: { ...carried, ...conflicts } });
		} catch (error) {
			results[i] = out('failed', `${label}: ${(error as Error).message}`, id);
		}
	}

	for (const batch of chunk(pending, BATCH_SIZE)) {
		const found = await findById.call(this, spec.path, batch.map((p) => Number(p.writeBack.id)));
		const writes: Array<{ p: Pending; id: number; changes: IDataObject; changedFields: string[] }> = [];
		for (const p of batch) {
			const id = Number(p.writeBack.id);
			const res = (status: SyncResult['status'], extra: Partial<SyncResult> = {}): SyncResult => ({
				status,
				entity: p.entity,
				key: p.key,
				id,
				label: p.label,
				...extra,
				...(status === 'failed' ? { delivery: p.carried.delivery } : withWrittenBack(p.carried, p.data)),
			});
			const record = found.get(id);
			if (!record || isDeletedInForceManager(record)) {
				results[p.index] = res('failed', {
					reason: `${p.label}: ${spec.label.toLowerCase()} ${id} ${record ? 'is deleted' : 'was not found'} in ForceManager`,
				});
				continue;
			}
			const changedFields = diffFields(p.data, existingFields(spec, record, Object.keys(p.data)), { ignoreFields: ['id'] });
			if (changedFields.length === 0) {
				results[p.index] = res('unchanged');
				continue;
			}
			const changes: IDataObject = {};
			for (const f of changedFields) changes[f] = p.data[f];
			writes.push({ p, id, changes, changedFields });
		}
		if (writes.length === 0) continue;
		const outcome = await bulk.call(this, 'PUT', spec, writes.map((w) => ({ guid: String(w.p.index), id: w.id, data: w.changes })));
		for (const w of writes) {
			const r = outcome.get(String(w.p.index));
			results[w.p.index] = {
				status: r?.ok ? 'updated' : 'failed',
				entity: w.p.entity,
				key: w.p.key,
				id: w.id,
				label: w.p.label,
				...(r?.ok ? { changedFields: w.changedFields, ...withWrittenBack(w.p.carried, w.p.data) } : { reason: `${w.p.label}: ${r?.message ?? 'update failed'}`, delivery: w.p.carried.delivery }),
			};
		}
	}
	// Its own failures only: a failed Sage result passing through was reported by the Sage node.
	failUntracked.call(this, results.filter((_r, i) => !passedThrough.has(i)), `${spec.label} write-back`);
	return results.map((r, i) => ({ json: r as unknown as IDataObject, pairedItem: { item: i } }));
}

export function writeBackOperation(spec: ResourceSpec) {
	return {
		description: writeBackProperties(spec),
		async executeBatch(this: IExecuteFunctions, items: INodeExecutionData[]) {
			return await executeWriteBack.call(this, spec, items);
		},
	};
}
