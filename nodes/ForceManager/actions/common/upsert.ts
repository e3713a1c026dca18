// Upsert (create or update by extId) over all input items at once: one `extId IN (...)` lookup per
// ≤100 items, bulk create and bulk update (≤100 per call), no write for unchanged records
// (architecture §5, idempotency invariant). A bad item fails alone; the others go through.
import type { IDataObject, IExecuteFunctions, INodeExecutionData, INodeProperties } from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';

import { chunk } from '../../../shared/batching';
import { conflictPolicyProperty } from '../../../shared/properties';
import { forceManagerList } from '../../../shared/forcemanager/paging';
import { where } from '../../../shared/forcemanager/where';
import { planUpsert, type UpsertDecision, type UpsertExisting } from '../../../shared/upsert/planner';
import { BATCH_SIZE, bulk, existingFields } from './bulk';
import { buildBody, collectionOptions, missingRequired } from './fields';
import { assertMappedInput, executeMapped } from './mapped';
import { show } from './crud';
import type { ResourceSpec } from './resources';


export type UpsertStatus = 'created' | 'updated' | 'unchanged' | 'failed';

export { BATCH_SIZE, existingFields };

export interface UpsertResult {
	status: UpsertStatus;
	id: number | null;
	extId: string;
	changedFields?: string[];
	reason?: string;
}

/** Options of the mapped data mode, per resource (conflicts only on two-way resources, pictures on products). */
function mappedOptions(spec: ResourceSpec): INodeProperties[] {
	const options: INodeProperties[] = [];
	if (spec.value === 'contact' || spec.value === 'salesOrder') {
		options.push(conflictPolicyProperty(spec.value === 'contact' ? 'a contact' : 'a sales order raised in ForceManager'));
	}
	if (spec.value === 'product') {
		options.push({
			displayName: 'Image Property',
			name: 'imageProperty',
			type: 'string',
			default: 'image',
			description: 'Binary property holding the Sage product image; uploaded as the product picture when it changed',
		});
	}
	return options;
}

export function upsertProperties(spec: ResourceSpec): INodeProperties[] {
	const define = { show: { dataMode: ['define'] } };
	const properties: INodeProperties[] = [
		{
			displayName: 'Data Mode',
			name: 'dataMode',
			type: 'options',
			noDataExpression: true,
			default: 'define',
			options: [
				{ name: 'Define Below', value: 'define', description: 'Set the extId and the fields here' },
				{
					name: 'Mapped by the Sync Mapper',
					value: 'mapped',
					description: 'Use the fields of the Sage 50 ⇄ ForceManager Mapper output (one mapped record per item)',
				},
			],
		},
		{
			displayName: 'External ID',
			name: 'extId',
			type: 'string',
			required: true,
			default: '',
			placeholder: 'e.g. ACME01',
			description: 'Match key: the record with this extId is updated, or created when there is none',
			displayOptions: define,
		},
		{
			displayName: 'Fields',
			name: 'fields',
			type: 'collection',
			placeholder: 'Add Field',
			default: {},
			description: 'Only the fields set here are compared and written',
			options: collectionOptions(spec.fields.filter((f) => f.name !== 'extId')),
			displayOptions: define,
		},
	];
	const options = mappedOptions(spec);
	if (options.length > 0) {
		properties.push({
			displayName: 'Options',
			name: 'options',
			type: 'collection',
			placeholder: 'Add Option',
			default: {},
			options,
			displayOptions: { show: { dataMode: ['mapped'] } },
		});
	}
	return show(spec.value, 'upsert', properties);
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
			if (this.getNodeParameter('dataMode', 0, 'define') === 'mapped') {
				assertMappedInput.call(this, items);
				return await executeMapped.call(this, spec, items);
			}
			return await executeUpsert.call(this, spec, items);
		},
	};
}
