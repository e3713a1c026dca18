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
		displayOptions: { show: { resource: ['account'] } },
		options: [
			{ name: 'Create', value: 'create', description: 'Create an account', action: 'Create an account' },
			{
				name: 'Create or Update',
				value: 'upsert',
				description: 'Create a new record, or update the current one if it already exists (upsert)',
				action: 'Create or update an account',
			},
			{ name: 'Delete', value: 'delete', description: 'Soft-delete an account', action: 'Delete an account' },
			{ name: 'Get', value: 'get', description: 'Get an account by ID', action: 'Get an account' },
			{ name: 'Get Many', value: 'getAll', description: 'Get many accounts', action: 'Get many accounts' },
			{ name: 'Update', value: 'update', description: 'Update an account', action: 'Update an account' },
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
