// Parameter blocks both polling triggers share, so their wording and values cannot drift apart.
import type { INodeProperties, INodePropertyOptions } from 'n8n-workflow';

/** Events: the same three values in both triggers; descriptions per system. */
export function eventsProperty(descriptions: { created?: string; updated?: string; deleted: string }): INodeProperties {
	const option = (name: string, value: string, description?: string): INodePropertyOptions =>
		description ? { name, value, description } : { name, value };
	return {
		displayName: 'Events',
		name: 'events',
		type: 'multiOptions',
		required: true,
		options: [
			option('Created', 'created', descriptions.created),
			option('Deleted', 'deleted', descriptions.deleted),
			option('Updated', 'updated', descriptions.updated),
		],
		default: ['created', 'updated', 'deleted'],
		description: 'Which changes start the workflow',
	};
}

/** Options › First Run ('now' | 'all'). */
export const firstRunOption: INodeProperties = {
	displayName: 'First Run',
	name: 'firstRun',
	type: 'options',
	options: [
		{
			name: 'Start From Now',
			value: 'now',
			description: 'Only report changes made after the workflow is activated',
		},
		{
			name: 'Emit All Existing Records',
			value: 'all',
			description: 'The first poll reports every existing record (initial load of a sync), then only changes',
		},
	],
	default: 'now',
};

/** Options › Page Size with each system's cap and default. */
export function pageSizeOption(defaultSize: number, max: number, description: string): INodeProperties {
	return {
		displayName: 'Page Size',
		name: 'pageSize',
		type: 'number',
		typeOptions: { minValue: 1, maxValue: max },
		default: defaultSize,
		description,
	};
}

/** Output notice shared wording for the hold list (waiting records). */
export const HOLD_NOTICE =
	'A record that cannot go to the other system yet (its account or a product has no reference there) is emitted once with hold.reason, remembered, and emitted again with retry: true as soon as the reference exists';
