import type { INodeProperties } from 'n8n-workflow';

import * as get from './get.operation';
import * as getAll from './getAll.operation';
import * as matchByEmail from './matchByEmail.operation';

// Users are read-only through the API (notes §7.7): no create or update endpoints exist.
export { get, getAll, matchByEmail };

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
			{
				name: 'Match by Email',
				value: 'matchByEmail',
				description: 'Link Sage 50 users (Mapper output) to ForceManager users by e-mail; never writes',
				action: 'Match users by email',
			},
		],
		default: 'getAll',
	},
	...get.description,
	...getAll.description,
	...matchByEmail.description,
];
