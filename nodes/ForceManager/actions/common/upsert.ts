// Upsert (create or update by extId) over all input items at once: one `extId IN (...)` lookup per
// ≤100 items, bulk create and bulk update (≤100 per call), no write for unchanged records
// (architecture §5, idempotency invariant). A bad item fails alone; the others go through.
import type { IDataObject, IExecuteFunctions, INodeExecutionData, INodeProperties } from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';

import { chunk } from '../../../shared/batching';
import { forceManagerList } from '../../../shared/forcemanager/paging';
import { forceManagerRequest, responseMessage } from '../../../shared/forcemanager/transport';
import { where } from '../../../shared/forcemanager/where';
import { planUpsert, type UpsertDecision, type UpsertExisting } from '../../../shared/upsert/planner';
import { buildBody, collectionOptions, missingRequired } from './fields';
import { show } from './crud';
import type { ResourceSpec } from './resources';

export const BATCH_SIZE = 100;

export type UpsertStatus = 'created' | 'updated' | 'unchanged' | 'failed';

export interface UpsertResult {
	status: UpsertStatus;
	id: number | null;
	extId: string;
	changedFields?: string[];
	reason?: string;
}

export function upsertProperties(spec: ResourceSpec): INodeProperties[] {
	return show(spec.value, 'upsert', [
		{
			displayName: 'External ID',
			name: 'extId',
			type: 'string',
			required: true,
			default: '',
			placeholder: 'e.g. ACME01',
			description: 'Match key: the record with this extId is updated, or created when there is none',
		},
		{
			displayName: 'Fields',
			name: 'fields',
			type: 'collection',
			placeholder: 'Add Field',
			default: {},
			description: 'Only the fields set here are compared and written',
			options: collectionOptions(spec.fields.filter((f) => f.name !== 'extId')),
		},
	]);
}

/** Field values of an existing record under their write names (read-shape quirks resolved). */
export function existingFields(spec: ResourceSpec, record: IDataObject, wanted: Iterable<string>): Record<string, unknown> {
	const lower = new Map(Object.keys(record).map((k) => [k.toLowerCase(), k]));
	const out: Record<string, unknown> = { ...record };
	for (const name of wanted) {
		if (name in record) continue;
		const alias = [...(spec.readAliases?.[name] ?? []), name].map((a) => lower.get(a.toLowerCase())).find(Boolean);
		if (alias) out[name] = record[alias];
	}
	return out;
}

interface BulkItemResult {
	guid?: string;
	id?: number;
	code?: number | string;
	message?: string;
	Message?: string;
}

async function bulk(
	this: IExecuteFunctions,
	method: 'POST' | 'PUT',
	spec: ResourceSpec,
	items: Array<{ guid: string; id?: number; data: IDataObject }>,
): Promise<Map<string, { ok: boolean; id?: number; message?: string }>> {
	const results = new Map<string, { ok: boolean; id?: number; message?: string }>();
	if (!spec.bulk) {
		// Resources without bulk endpoints: one call per record.
		for (const item of items) {
			try {
				const res = (await forceManagerRequest.call(this, {
					method,
					path: item.id === undefined ? spec.path : `${spec.path}/${item.id}`,
					body: item.data,
				})) as IDataObject;
				results.set(item.guid, { ok: true, id: item.id ?? Number(res?.id) });
			} catch (error) {
				results.set(item.guid, { ok: false, message: errorText(error) });
			}
		}
		return results;
	}
	let answer: BulkItemResult[];
	try {
		answer = (await forceManagerRequest.call(this, {
			method,
			path: `${spec.path}/bulk`,
			body: items as unknown as IDataObject[],
		})) as BulkItemResult[];
	} catch (error) {
		for (const item of items) results.set(item.guid, { ok: false, message: errorText(error) });
		return results;
	}
	for (const r of Array.isArray(answer) ? answer : []) {
		if (r?.guid === undefined) continue;
		const ok = Number(r.code) === 1;
		results.set(String(r.guid), { ok, id: r.id === undefined ? undefined : Number(r.id), message: responseMessage(r) });
	}
	for (const item of items) {
		if (!results.has(item.guid)) results.set(item.guid, { ok: false, message: 'no result for this item in the bulk answer' });
	}
	return results;
}

function errorText(error: unknown): string {
	const e = error as { message?: string; description?: string };
	return [e.message, e.description].filter(Boolean).join(': ') || 'request failed';
}

export async function executeUpsert(
	this: IExecuteFunctions,
	spec: ResourceSpec,
	items: INodeExecutionData[],
): Promise<INodeExecutionData[]> {
	const results: UpsertResult[] = new Array(items.length);
	const incoming: Array<{ index: number; key: string; fields: IDataObject }> = [];
	const label = (extId: string) => `${spec.label} "${extId}"`;

	for (let i = 0; i < items.length; i++) {
		const extId = String(this.getNodeParameter('extId', i, '') ?? '').trim();
		try {
			if (extId === '') throw new Error('"extId" is empty');
			const fields = buildBody(spec.fields, this.getNodeParameter('fields', i, {}) as IDataObject);
			delete fields.extId;
			incoming.push({ index: i, key: extId, fields });
		} catch (error) {
			results[i] = { status: 'failed', id: null, extId, reason: `${label(extId)}: ${(error as Error).message}` };
		}
	}

	const decisions: UpsertDecision[] = [];
	for (const batch of chunk(incoming, BATCH_SIZE)) {
		const keys = [...new Set(batch.map((b) => b.key))];
		// Soft-deleted records are not matched: a deleted record stays deleted, a new one is created.
		const found = await forceManagerList.call(this, spec.path, {
			where: where.and(where.in('extId', keys), where.eq('deleted', false)),
			pageSize: BATCH_SIZE,
		});
		const wanted = new Set(batch.flatMap((b) => Object.keys(b.fields)));
		const existing: UpsertExisting[] = found.map((r) => ({
			id: Number(r.id),
			key: String(r.extId ?? ''),
			fields: existingFields(spec, r, wanted),
		}));
		decisions.push(...planUpsert(batch, existing, { ignoreFields: ['id'] }));
	}

	// A record that would be created without its required fields fails here, naming them, instead
	// of sending the API a body its contract rejects.
	for (const [n, d] of decisions.entries()) {
		if (d.kind !== 'create') continue;
		const missing = missingRequired(spec.fields, { ...d.fields, extId: d.key } as IDataObject);
		if (missing.length > 0) {
			decisions[n] = {
				kind: 'failed',
				index: d.index,
				key: d.key,
				reason: `${missing.map((m) => `"${m}"`).join(', ')} ${missing.length > 1 ? 'are' : 'is'} required to create it`,
			};
		}
	}
	const creates = decisions.filter((d) => d.kind === 'create');
	const updates = decisions.filter((d) => d.kind === 'update');
	for (const d of decisions) {
		if (d.kind === 'unchanged') results[d.index] = { status: 'unchanged', id: Number(d.id), extId: d.key };
		if (d.kind === 'failed') results[d.index] = { status: 'failed', id: null, extId: d.key, reason: `${label(d.key)}: ${d.reason}` };
	}
	for (const batch of chunk(creates, BATCH_SIZE)) {
		const outcome = await bulk.call(
			this,
			'POST',
			spec,
			batch.map((d) => ({ guid: String(d.index), data: { ...d.fields, extId: d.key } as IDataObject })),
		);
		for (const d of batch) {
			const r = outcome.get(String(d.index));
			results[d.index] = r?.ok
				? { status: 'created', id: r.id ?? null, extId: d.key }
				: { status: 'failed', id: null, extId: d.key, reason: `${label(d.key)}: ${r?.message ?? 'create failed'}` };
		}
	}
	for (const batch of chunk(updates, BATCH_SIZE)) {
		const outcome = await bulk.call(
			this,
			'PUT',
			spec,
			batch.map((d) => ({ guid: String(d.index), id: Number(d.id), data: d.changes as IDataObject })),
		);
		for (const d of batch) {
			const r = outcome.get(String(d.index));
			results[d.index] = r?.ok
				? { status: 'updated', id: Number(d.id), extId: d.key, changedFields: d.changedFields }
				: { status: 'failed', id: Number(d.id), extId: d.key, reason: `${label(d.key)}: ${r?.message ?? 'update failed'}` };
		}
	}

	const failed = results.filter((r) => r.status === 'failed');
	if (failed.length > 0 && !this.continueOnFail()) {
		// The writes above are done; report every failure at once.
		throw new NodeOperationError(
			this.getNode(),
			`${failed.length} of ${items.length} ${spec.label.toLowerCase()} upserts failed: ${failed.map((f) => f.reason).join('; ')}`,
			{ description: 'The other items were written. Fix the listed records and run again; unchanged records are skipped.' },
		);
	}
	return results.map((r, i) => ({ json: { ...r } as unknown as IDataObject, pairedItem: { item: i } }));
}

export function upsertOperation(spec: ResourceSpec) {
	return {
		description: upsertProperties(spec),
		async executeBatch(this: IExecuteFunctions, items: INodeExecutionData[]) {
			return await executeUpsert.call(this, spec, items);
		},
	};
}
