// Create or Update by extId, in both data modes: "Define Below" builds from each item's parameters
// the record the Sync Mapper would emit, and both modes run through the one upsert engine
// (mapped.ts): one `extId IN (...)` lookup per ≤100 items, bulk create and update (≤100 per call),
// no write for unchanged records (architecture §5, idempotency invariant), a bad item fails alone.
import type { IDataObject, IExecuteFunctions, INodeExecutionData, INodeProperties } from 'n8n-workflow';

import { conflictPolicyProperty } from '../../../shared/properties';
import type { SyncEntity } from '../../../shared/sync/envelope';
import { parametersRecord } from '../../../shared/sync/parameters';
import { collectionOptions } from './fields';
import { assertMappedInput, executeMapped, upsertRecords, type UpsertInput } from './mapped';
import { show } from './crud';
import type { ResourceSpec } from './resources';

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

const ENTITY: Record<string, SyncEntity> = { account: 'account', contact: 'contact', product: 'product', salesOrder: 'salesOrder', sale: 'invoice' };

/** Data Mode "Define Below": the record each item's parameters describe, through the one engine. */
async function executeDefine(this: IExecuteFunctions, spec: ResourceSpec, items: INodeExecutionData[]): Promise<INodeExecutionData[]> {
	const inputs = items.map((_, i): UpsertInput => {
		const extId = String(this.getNodeParameter('extId', i, '') ?? '').trim();
		const label = `${spec.label} "${extId}"`;
		try {
			const fields = { ...(this.getNodeParameter('fields', i, {}) as IDataObject) };
			delete fields.extId;
			return { record: parametersRecord({ entity: ENTITY[spec.value], direction: 'sageToForceManager', key: extId, label, id: extId, scope: spec.value, fields }) };
		} catch (error) {
			return { result: { status: 'failed', entity: ENTITY[spec.value], key: extId, id: null, label, reason: `${label}: ${(error as Error).message}` } };
		}
	});
	// No pictures, and no merges (a Define record has no pair), so the policy never applies.
	return await upsertRecords.call(this, spec, inputs, { options: { conflictPolicy: 'sageWins' }, noun: 'upserts' });
}

export function upsertOperation(spec: ResourceSpec) {
	return {
		description: upsertProperties(spec),
		async executeBatch(this: IExecuteFunctions, items: INodeExecutionData[]) {
			if (this.getNodeParameter('dataMode', 0, 'define') === 'mapped') {
				assertMappedInput.call(this, items);
				return await executeMapped.call(this, spec, items);
			}
			return await executeDefine.call(this, spec, items);
		},
	};
}
