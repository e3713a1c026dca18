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
import { DELIVERY_NOTICE, deliveryOptions, readDeliverySettings } from '../shared/triggers/delivery';
import { eventsProperty, firstRunOption, HOLD_NOTICE, pageSizeOption } from '../shared/triggers/options';
import { userIdOf } from './changes';
import { TRIGGER_ENTITIES } from './entities';
import { pollChanges, sampleChange, type TriggerSettings } from './poll';

interface TriggerOptions {
	firstRun?: 'now' | 'all';
	overlapSeconds?: number;
	ignoreUsers?: Array<number | string> | string;
	where?: string;
	pageSize?: number;
	enrich?: boolean;
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
		credentials: [
			{ name: 'forceManagerApi', required: true },
			{
				// The bridge keeps the delivery ledger and the sync state (echoes by content).
				name: 'sage50UkiApi',
				required: false,
				displayOptions: { show: { '/options.delivery': ['confirmed'] } },
			},
		],
		polling: true,
		properties: [
			{
				displayName:
					'Each output item is one change with the fields event (created, updated or deleted), entity, the record ID, changedAt (UTC), changedBy (ForceManager user ID) and record (as ForceManager returns it; deleted records stay readable). Contacts and sales orders also carry related.account, sales orders record.lines. ' +
					HOLD_NOTICE +
					' (Delivery "Confirmed by the Workflow"). ' +
					DELIVERY_NOTICE,
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
			eventsProperty({
				created: 'A record new to this workflow',
				deleted: 'A record deleted (soft delete) in ForceManager',
				updated: 'A record changed after it was created',
			}),
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
						displayName: 'Enrich Contacts and Sales Orders',
						name: 'enrich',
						type: 'boolean',
						default: true,
						description:
							"Whether to add related.account (ID, name, Sage reference in extId, read-only flag) to contacts and sales orders, and the order's lines with related.product to sales orders. A record whose account or products have no Sage reference yet is marked with hold.reason; with Delivery: Confirmed by the Workflow it then waits in the ledger and is sent again once they do.",
					},
					firstRunOption,
					{
						displayName: 'Ignore Changes Made By Names or IDs',
						name: 'ignoreUsers',
						type: 'multiOptions',
						typeOptions: { loadOptionsMethod: 'getUsers' },
						default: [],
						description:
							'Changes made by these users are not reported; the cursor still moves past them. Not needed against echo loops: with Delivery: Confirmed by the Workflow the sync\'s own writes are recognised by content. Choose from the list, or specify IDs using an <a href="https://docs.n8n.io/code/expressions/">expression</a>.',
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
					pageSizeOption(50, 500, 'Records per ForceManager list call'),
					...deliveryOptions(),
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
		const settings = await readSettings.call(this);
		if (this.getMode() === 'manual') return await sampleChange.call(this, settings);
		return await pollChanges.call(this, settings);
	}
}

async function readSettings(this: IPollFunctions): Promise<TriggerSettings> {
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
		...readDeliverySettings(options),
		entity,
		events,
		firstRun: options.firstRun === 'all' ? 'all' : 'now',
		overlapMs: Math.max(0, Number(options.overlapSeconds ?? 60)) * 1000,
		ignoredUsers,
		extraWhere: String(options.where ?? '').trim(),
		pageSize: Math.min(500, Math.max(1, Math.floor(Number(options.pageSize ?? 50)))),
		enrich: options.enrich !== false,
	};
}
