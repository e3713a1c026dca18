// The Data Mode of the Sage 50 UKI upserts and its two entries into the one upsert engine
// (engine.ts): "Mapped by the Sync Mapper" takes the input items as the records; "Define Below"
// builds from each item's parameters the record the Mapper would emit (see a resource's reader).
import type { IDataObject, IExecuteFunctions, INodeExecutionData, INodeProperties } from 'n8n-workflow';

import { conflictPolicyProperty } from '../../../shared/properties';
import { type ConflictPolicy, isMappedRecord, type SyncEntity } from '../../../shared/sync/envelope';
import { CONFLICT_POLICIES } from '../../../shared/sync/merge';
import { type RecordInput, upsertRecords, type UpsertInput } from './engine';
import type { MappedResource } from './mappedResources';

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

/** Data Mode "Mapped by the Sync Mapper": each input item is a MappedRecord. */
export async function executeMapped(this: IExecuteFunctions, resource: MappedResource, items: INodeExecutionData[]): Promise<INodeExecutionData[]> {
	const options = this.getNodeParameter('options', 0, {}) as IDataObject;
	const policy = (CONFLICT_POLICIES.includes(options.conflictPolicy as ConflictPolicy) ? options.conflictPolicy : 'latestChangeWins') as ConflictPolicy;
	const inputs = items.map((item, i): UpsertInput => {
		if (isMappedRecord(item.json)) return { record: item.json };
		const reason = `${resource.label} (item ${i}): not a record from the Sync Mapper (no "sync" and "fields")`;
		return { result: { status: 'failed', entity: resource.accepts[0], key: '', id: null, label: `item ${i}`, reason } };
	});
	return await upsertRecords.call(this, resource, inputs, { policy, noun: 'records' });
}

/** Data Mode "Define Below": the record each item's parameters describe (`read`; an error fails the item alone). */
export async function executeDefine(
	this: IExecuteFunctions,
	resource: MappedResource,
	read: (this: IExecuteFunctions, itemIndex: number) => RecordInput,
	items: INodeExecutionData[],
): Promise<INodeExecutionData[]> {
	const entity: SyncEntity = resource.accepts[0];
	const inputs = items.map((_, i): UpsertInput => {
		try {
			return read.call(this, i);
		} catch (error) {
			const reason = `${resource.label} (item ${i}): ${(error as Error).message}`;
			return { result: { status: 'failed', entity, key: '', id: null, label: `${resource.label} (item ${i})`, reason } };
		}
	});
	// No merges for records of the node's parameters (they have no pair), so the policy never applies.
	return await upsertRecords.call(this, resource, inputs, { policy: 'sageWins', noun: 'upserts' });
}
