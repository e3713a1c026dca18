import type {
	IDataObject,
	ILoadOptionsFunctions,
	INodeExecutionData,
	INodePropertyOptions,
	INodeType,
	INodeTypeDescription,
	IPollFunctions,
} from 'n8n-workflow';
import { NodeConnectionTypes, NodeOperationError } from 'n8n-workflow';

import { forceManagerList } from '../shared/forcemanager/paging';
import { CHANGE_EVENTS, type ChangeEvent } from '../shared/polling';
import { userIdOf } from './changes';
import { TRIGGER_ENTITIES } from './entities';
import { pollChanges, sampleChange, type TriggerSettings } from './poll';

interface TriggerOptions {
	firstRun?: 'now' | 'all';
	overlapSeconds?: number;
	ignoreUsers?: Array<number | string> | string;
	where?: string;
	pageSize?: number;
}

export class ForceManagerTrigger implements INodeType {
	description: INodeTypeDescription = {
		displayName: 'ForceManager Trigger',
		name: 'forceManagerTrigger',
		icon: { light: 'file:../../icons/forcemanager.svg', dark: 'file:../../icons/forcemanager.dark.svg' },
		group: ['trigger'],
		version: 1,
		subtitle: '={{$parameter["entity"] + ": " + $parameter["events"].join(", ")}}',
		description: 'Starts the workflow when ForceManager records are created, updated or deleted',
		defaults: { name: 'ForceManager Trigger' },
		inputs: [],
		outputs: [NodeConnectionTypes.Main],
		credentials: [{ name: 'forceManagerApi', required: true }],
		polling: true,
		properties: [
			{
				displayName:
					'Each output item is one change with the fields event (created, updated or deleted), entity, the record ID, changedAt (UTC), changedBy (ForceManager user ID) and record (as ForceManager returns it; deleted records stay readable)',
				name: 'outputNotice',
				type: 'notice',
				default: '',
			},
			{
				displayName: 'Entity',
				name: 'entity',
				type: 'options',
				noDataExpression: true,
				options: TRIGGER_ENTITIES,
				default: 'accounts',
				description: 'Which kind of ForceManager record to watch',
			},
			{
				displayName: 'Events',
				name: 'events',
				type: 'multiOptions',
				required: true,
				options: [
					{ name: 'Created', value: 'created', description: 'A record new to this workflow' },
					{ name: 'Deleted', value: 'deleted', description: 'A record deleted (soft delete) in ForceManager' },
					{ name: 'Updated', value: 'updated', description: 'A record changed after it was created' },
				],
				default: ['created', 'updated', 'deleted'],
				description: 'Which changes start the workflow',
			},
			{
				displayName: 'Options',
				name: 'options',
				type: 'collection',
				placeholder: 'Add Option',
				default: {},
				options: [
					{
						displayName: 'Additional Filter',
						name: 'where',
						type: 'string',
						default: '',
						placeholder: "readOnly = false AND city = 'Leeds'",
						description:
							'Extra ForceManager "where" condition ANDed with the change filter. Changing it starts a new cursor.',
					},
					{
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
								description:
									'The first poll reports every existing record (initial load of a sync), then only changes',
							},
						],
						default: 'now',
					},
					{
						displayName: 'Ignore Changes Made By Names or IDs',
						name: 'ignoreUsers',
						type: 'multiOptions',
						typeOptions: { loadOptionsMethod: 'getUsers' },
						default: [],
						description:
							'Changes made by these users are not reported (use the API user of the sync to avoid echo loops); the cursor still moves past them. Choose from the list, or specify IDs using an <a href="https://docs.n8n.io/code/expressions/">expression</a>.',
					},
					{
						displayName: 'Overlap Window (Seconds)',
						name: 'overlapSeconds',
						type: 'number',
						typeOptions: { minValue: 0 },
						default: 60,
						description:
							'Each poll re-reads this far before the last change seen, so records saved late or sharing a timestamp are not missed; already reported changes are filtered out',
					},
					{
						displayName: 'Page Size',
						name: 'pageSize',
						type: 'number',
						typeOptions: { minValue: 1, maxValue: 500 },
						default: 50,
						description: 'Records per ForceManager list call',
					},
				],
			},
		],
	};

	methods = {
		loadOptions: {
			async getUsers(this: ILoadOptionsFunctions): Promise<INodePropertyOptions[]> {
				const users = await forceManagerList.call(this, '/users', { where: 'deleted = false' });
				return users
					.map((user) => {
						const name = [user.name, user.lastName].filter(Boolean).join(' ') || `User ${user.id}`;
						return {
							name: user.email ? `${name} (${String(user.email)})` : name,
							value: user.id as number,
						};
					})
					.sort((a, b) => a.name.localeCompare(b.name));
			},
		},
	};

	async poll(this: IPollFunctions): Promise<INodeExecutionData[][] | null> {
		const settings = readSettings.call(this);
		if (this.getMode() === 'manual') return await sampleChange.call(this, settings);
		return await pollChanges.call(this, settings);
	}
}

function readSettings(this: IPollFunctions): TriggerSettings {
	const entity = this.getNodeParameter('entity') as string;
	const events = (this.getNodeParameter('events', []) as string[]).filter((e): e is ChangeEvent =>
		(CHANGE_EVENTS as readonly string[]).includes(e),
	);
	if (events.length === 0) {
		throw new NodeOperationError(this.getNode(), 'Choose at least one event to watch');
	}
	const options = this.getNodeParameter('options', {}) as TriggerOptions & IDataObject;
	const rawUsers = options.ignoreUsers ?? [];
	const userList = Array.isArray(rawUsers) ? rawUsers : String(rawUsers).split(',');
	const ignoredUsers = new Set(
		userList.map((id) => userIdOf(id)).filter((id): id is number => id !== undefined),
	);
	return {
		entity,
		events,
		firstRun: options.firstRun === 'all' ? 'all' : 'now',
		overlapMs: Math.max(0, Number(options.overlapSeconds ?? 60)) * 1000,
		ignoredUsers,
		extraWhere: String(options.where ?? '').trim(),
		pageSize: Math.min(500, Math.max(1, Math.floor(Number(options.pageSize ?? 50)))),
	};
}
