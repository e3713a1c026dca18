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
		displayOptions: { show: { resource: ['sale'] } },
		options: [
			{ name: 'Create', value: 'create', description: 'Create a sale', action: 'Create a sale' },
			{
				name: 'Create or Update',
				value: 'upsert',
				description: 'Create a new record, or update the current one if it already exists (upsert)',
				action: 'Create or update a sale',
			},
			{ name: 'Delete', value: 'delete', description: 'Soft-delete a sale', action: 'Delete a sale' },
			{ name: 'Get', value: 'get', description: 'Get a sale by ID', action: 'Get a sale' },
			{ name: 'Get Many', value: 'getAll', description: 'Get many sales', action: 'Get many sales' },
			{ name: 'Update', value: 'update', description: 'Update a sale', action: 'Update a sale' },
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
