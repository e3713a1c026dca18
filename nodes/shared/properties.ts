// Editor parameters that every action node states the same way.
import type { INodeProperties } from 'n8n-workflow';
import { updateDisplayOptions } from 'n8n-workflow';

/** Shows properties only for one resource and its operation(s). */
export const show = (resource: string, operation: string | string[], properties: INodeProperties[]) =>
	updateDisplayOptions({ show: { resource: [resource], operation: Array.isArray(operation) ? operation : [operation] } }, properties);

/** n8n's usual Return All / Limit pair of a Get Many operation. */
export const returnAllAndLimit: INodeProperties[] = [
	{
		displayName: 'Return All',
		name: 'returnAll',
		type: 'boolean',
		default: false,
		description: 'Whether to return all results or only up to a given limit',
	},
	{
		displayName: 'Limit',
		name: 'limit',
		type: 'number',
		typeOptions: { minValue: 1 },
		default: 50,
		description: 'Max number of results to return',
		displayOptions: { show: { returnAll: [false] } },
	},
];
