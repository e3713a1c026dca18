import type { INodeProperties } from 'n8n-workflow';

import * as create from './create.operation';
import * as get from './get.operation';
import * as getAll from './getAll.operation';
import * as update from './update.operation';
import * as upsert from './upsert.operation';

export { create, get, getAll, update, upsert };

export const description: INodeProperties[] = [
	{
		displayName: 'Operation',
		name: 'operation',
		type: 'options',
		noDataExpression: true,
		displayOptions: { show: { resource: ['customerAddress'] } },
		options: [
			{ name: 'Create', value: 'create', description: 'Add a contact, delivery or registered address', action: 'Create a customer address' },
			{
				name: 'Create or Update',
				value: 'upsert',
				description: 'Create a new record, or update the current one if it already exists (upsert)',
				action: 'Create or update a customer address',
			},
			{ name: 'Get', value: 'get', description: 'Get one address of a customer', action: 'Get a customer address' },
			{ name: 'Get Many', value: 'getAll', description: 'Get many customer addresses', action: 'Get many customer addresses' },
			{ name: 'Update', value: 'update', description: 'Update a customer address', action: 'Update a customer address' },
		],
		default: 'get',
	},
	...create.description,
	...get.description,
	...getAll.description,
	...update.description,
	...upsert.description,
];
