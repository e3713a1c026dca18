import type { INodeProperties } from 'n8n-workflow';

import * as getAll from './getAll.operation';

export { getAll };

export const description: INodeProperties[] = [
	{
		displayName: 'Operation',
		name: 'operation',
		type: 'options',
		noDataExpression: true,
		displayOptions: { show: { resource: ['lookup'] } },
		options: [{ name: 'Get Many', value: 'getAll', description: 'Get the entries of a look-up list', action: 'Get many look up entries' }],
		default: 'getAll',
	},
	...getAll.description,
];
