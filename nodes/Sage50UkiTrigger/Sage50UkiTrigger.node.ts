import type { IDataObject, INodeExecutionData, INodeType, INodeTypeDescription, IPollFunctions } from 'n8n-workflow';
import { NodeConnectionTypes, NodeOperationError } from 'n8n-workflow';

import { CHANGE_EVENTS, type ChangeEvent } from '../shared/polling';
import { DELIVERY_NOTICE, deliveryOptions, readDeliverySettings } from '../shared/triggers/delivery';
import { eventsProperty, firstRunOption, HOLD_NOTICE } from '../shared/triggers/options';
import { pollChanges, sampleChange, type TriggerSettings } from './poll';

export class Sage50UkiTrigger implements INodeType {
	description: INodeTypeDescription = {
		displayName: 'Sage 50 UKI Trigger',
		name: 'sage50UkiTrigger',
		icon: { light: 'file:../Sage50Uki/sage50.svg', dark: 'file:../Sage50Uki/sage50.dark.svg' },
		group: ['trigger'],
		version: 1,
		subtitle: '={{$parameter["entity"] + ": " + $parameter["events"].join(", ")}}',
		description: 'Starts the workflow when Sage 50 records are created, updated or deleted',
		defaults: { name: 'Sage 50 UKI Trigger' },
		inputs: [],
		outputs: [NodeConnectionTypes.Main],
		credentials: [
			{ name: 'sage50UkiApi', required: true },
			{
				// Only to check which accounts and products ForceManager already has (hold list).
				name: 'forceManagerApi',
				required: false,
				displayOptions: { show: { '/options.holdForForceManager': [true] } },
			},
		],
		polling: true,
		properties: [
			{
				displayName:
					'Each output item is one change: event (created, updated or deleted), entity, key (ACCOUNT_REF, address REFERENCE, STOCK_CODE …), changedAt (UK time with offset), changedAtUtc, seq, record (deleted records as their last state) and delivery (its place in the bridge\'s delivery ledger). ' +
					DELIVERY_NOTICE +
					'. With the hold option on: ' +
					HOLD_NOTICE,
				name: 'outputNotice',
				type: 'notice',
				default: '',
			},
			{
				displayName: 'Entity',
				name: 'entity',
				type: 'options',
				noDataExpression: true,
				options: [
					{ name: 'Customer', value: 'customers' },
					{ name: 'Customer Address', value: 'addresses' },
					{ name: 'Invoice', value: 'invoices' },
					{ name: 'Product', value: 'products' },
					{ name: 'Sales Order or Quotation', value: 'sales-orders' },
					{ name: 'User', value: 'users' },
				],
				default: 'customers',
				description: 'Which kind of Sage record to watch',
			},
			eventsProperty({ deleted: 'Deleted in Sage (a tombstone)' }),
			{
				displayName: 'Options',
				name: 'options',
				type: 'collection',
				placeholder: 'Add Option',
				default: {},
				options: [
					{
						displayName: 'Address Types',
						name: 'addressTypes',
						type: 'multiOptions',
						options: [
							{ name: 'Contact', value: 1 },
							{ name: 'Delivery', value: 0 },
							{ name: 'Registered', value: 2 },
						],
						default: [],
						description: 'Customer addresses only: report only these types (e.g. Contact for ForceManager contacts, C3). Empty: all.',
					},
					firstRunOption,
					{
						displayName: 'Hold Until Account and Products Exist in ForceManager',
						name: 'holdForForceManager',
						type: 'boolean',
						default: false,
						description:
							"Whether contact addresses, sales orders, quotations and invoices whose account (ACCOUNT_REF) or products (STOCK_CODE) are not in ForceManager yet are emitted with hold.reason and emitted again with retry: true once they are (needs a ForceManager credential). Sync templates turn it on.",
					},
					{
						displayName: 'Include Product Image',
						name: 'includeImage',
						type: 'boolean',
						default: false,
						description:
							"Whether to attach each created or updated product's Sage image (WEB_IMAGE_FILE) as binary property image (P3). Products only; sync templates turn it on.",
					},
					...deliveryOptions(),
				],
			},
		],
	};

	async poll(this: IPollFunctions): Promise<INodeExecutionData[][] | null> {
		const settings = readSettings.call(this);
		if (this.getMode() === 'manual') return await sampleChange.call(this, settings);
		return await pollChanges.call(this, settings);
	}
}

function readSettings(this: IPollFunctions): TriggerSettings {
	const entity = this.getNodeParameter('entity') as string;
	const events = (this.getNodeParameter('events', []) as string[]).filter((e): e is ChangeEvent => (CHANGE_EVENTS as readonly string[]).includes(e));
	if (events.length === 0) throw new NodeOperationError(this.getNode(), 'Choose at least one event to watch');
	const options = this.getNodeParameter('options', {}) as IDataObject;
	const types = Array.isArray(options.addressTypes) ? options.addressTypes.map(Number) : [];
	return {
		...readDeliverySettings(options),
		entity,
		events,
		firstRun: options.firstRun === 'all' ? 'all' : 'now',
		addressTypes: types.filter((t) => [0, 1, 2].includes(t)),
		holdForForceManager: options.holdForForceManager === true,
		includeImage: options.includeImage === true,
	};
}
