import type { INodeProperties } from 'n8n-workflow';

import * as create from './create.operation';
import * as del from './delete.operation';
import * as get from './get.operation';
import * as getAll from './getAll.operation';
import * as update from './update.operation';
import * as upsert from './upsert.operation';

export { create, del as delete, get, getAll, update, upsert };

export const description: INodeProperties[] = [
	{
		displayName: 'Operation',
		name: 'operation',
		type: 'options',
		noDataExpression: true,
		displayOptions: { show: { resource: ['product'] } },
		options: [
			{ name: 'Create', value: 'create', description: 'Create a product', action: 'Create a product' },
			{
				name: 'Create or Update',
				value: 'upsert',
				description: 'Create a new record, or update the current one if it already exists (upsert)',
				action: 'Create or update a product',
			},
			{ name: 'Delete', value: 'delete', description: 'Soft-delete a product', action: 'Delete a product' },
			{ name: 'Get', value: 'get', description: 'Get a product by ID', action: 'Get a product' },
			{ name: 'Get Many', value: 'getAll', description: 'Get many products', action: 'Get many products' },
			{ name: 'Update', value: 'update', description: 'Update a product', action: 'Update a product' },
		],
		default: 'get',
	},
	...create.description,
	...del.description,
	...get.description,
	...getAll.description,
	...update.description,
	...upsert.description,
];
