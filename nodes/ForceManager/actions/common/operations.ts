import type { INodeProperties, INodePropertyOptions } from 'n8n-workflow';

/** The Operation selector shared by every writable resource (Account, Contact, Product, Sale, Sales Order). */
export function writableOperations(resource: string, one: string, many: string, writeBack = false): INodeProperties {
	// Apply Sage Write-Back sorts first (options are alphabetical); only resources born in ForceManager have it.
	const applyWriteBack: INodePropertyOptions[] = writeBack
		? [
				{
					name: 'Apply Sage Write-Back',
					value: 'applyWriteBack',
					description: `Give ${one} created in ForceManager its Sage 50 key (from the Sage 50 UKI node's "writeBack")`,
					action: `Apply Sage write-back to ${one}`,
				},
			]
		: [];
	const common: INodePropertyOptions[] = [
		{ name: 'Create', value: 'create', description: `Create ${one}`, action: `Create ${one}` },
		{
			name: 'Create or Update',
			value: 'upsert',
			description: 'Create a new record, or update the current one if it already exists (upsert)',
			action: `Create or update ${one}`,
		},
		{ name: 'Delete', value: 'delete', description: `Soft-delete ${one}`, action: `Delete ${one}` },
		{ name: 'Get', value: 'get', description: `Get ${one} by ID`, action: `Get ${one}` },
		{ name: 'Get Many', value: 'getAll', description: `Get many ${many}`, action: `Get many ${many}` },
		{ name: 'Update', value: 'update', description: `Update ${one}`, action: `Update ${one}` },
	];
	return {
		displayName: 'Operation',
		name: 'operation',
		type: 'options',
		noDataExpression: true,
		displayOptions: { show: { resource: [resource] } },
		options: applyWriteBack.concat(common),
		default: 'get',
	};
}
