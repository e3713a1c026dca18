import type { INodeProperties } from 'n8n-workflow';

import * as get from './get.operation';
import * as getAll from './getAll.operation';

// Users are read-only through the API (notes §7.7): no create or update endpoints exist.
export { get, getAll };

export const description: INodeProperties[] = [
	{
		displayName: 'Operation',
		name: 'operation',
		type: 'options',
		noDataExpression: true,
		displayOptions: { show: { resource: ['user'] } },
		options: [
			{ name: 'Get', value: 'get', description: 'Get a user by ID', action: 'Get a user' },
			{ name: 'Get Many', value: 'getAll', description: 'Get many users', action: 'Get many users' },
		],
		default: 'getAll',
	},
	...get.description,
	...getAll.description,
];
