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

/**
 * The Conflict Policy of a mapped upsert. Fields changed on one side only since the last sync are
 * always merged; the policy decides only a field both sides changed (a conflict, reported with both values).
 */
export function conflictPolicyProperty(records: string): INodeProperties {
	return {
		displayName: 'Conflict Policy',
		name: 'conflictPolicy',
		type: 'options',
		default: 'latestChangeWins',
		description: `When a field of ${records} changed in both Sage and ForceManager since the last sync: which value is kept. Fields changed on one side only are always merged.`,
		options: [
			{
				name: 'Latest Change Wins',
				value: 'latestChangeWins',
				description: "The side whose record changed later keeps its value (compares the two systems' clocks; Sage on the same second)",
			},
			{ name: 'Sage Wins', value: 'sageWins', description: "Sage's value is kept" },
			{ name: 'ForceManager Wins', value: 'forceManagerWins', description: "ForceManager's value is kept" },
		],
	};
}
