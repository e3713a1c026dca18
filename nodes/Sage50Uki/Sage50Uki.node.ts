import type { IExecuteFunctions, INodeExecutionData, INodeType, INodeTypeDescription } from 'n8n-workflow';
import { NodeConnectionTypes } from 'n8n-workflow';

import * as customer from './actions/customer/Customer.resource';
import * as customerAddress from './actions/customerAddress/CustomerAddress.resource';
import * as invoice from './actions/invoice/Invoice.resource';
import * as lookup from './actions/lookup/Lookup.resource';
import * as product from './actions/product/Product.resource';
import * as quotation from './actions/quotation/Quotation.resource';
import { router } from './actions/router';
import * as salesOrder from './actions/salesOrder/SalesOrder.resource';
import * as syncDelivery from './actions/syncDelivery/SyncDelivery.resource';
import * as user from './actions/user/User.resource';
import * as loadOptions from './methods/loadOptions';

export class Sage50Uki implements INodeType {
	description: INodeTypeDescription = {
		displayName: 'Sage 50 UKI',
		name: 'sage50Uki',
		icon: { light: 'file:sage50.svg', dark: 'file:sage50.dark.svg' },
		group: ['transform'],
		version: 1,
		subtitle: '={{$parameter["operation"] + ": " + $parameter["resource"]}}',
		description: 'Read and write Sage 50 Accounts UK & Ireland customers, addresses, orders and quotations through the Sage 50 bridge',
		defaults: { name: 'Sage 50 UKI' },
		usableAsTool: true,
		inputs: [NodeConnectionTypes.Main],
		outputs: [NodeConnectionTypes.Main],
		credentials: [{ name: 'sage50UkiApi', required: true }],
		properties: [
			{
				displayName: 'Resource',
				name: 'resource',
				type: 'options',
				noDataExpression: true,
				options: [
					{ name: 'Customer', value: 'customer', description: 'Sales ledger accounts' },
					{ name: 'Customer Address', value: 'customerAddress', description: 'Contact, delivery and registered addresses' },
					{ name: 'Invoice', value: 'invoice', description: 'Invoices and credit notes (read only)' },
					{ name: 'Look-Up List', value: 'lookup', description: 'Tax codes, currencies, countries, account statuses, stock categories' },
					{ name: 'Product', value: 'product', description: 'Stock records (read only)' },
					{ name: 'Quotation', value: 'quotation' },
					{ name: 'Sales Order', value: 'salesOrder' },
					{ name: 'Sync Delivery', value: 'syncDelivery', description: 'Confirm what a sync run did; dead letters and their replay' },
					{ name: 'User', value: 'user', description: 'Sage users (read only)' },
				],
				default: 'customer',
			},
			...customer.description,
			...customerAddress.description,
			...invoice.description,
			...lookup.description,
			...product.description,
			...quotation.description,
			...salesOrder.description,
			...syncDelivery.description,
			...user.description,
		],
	};

	methods = { loadOptions };

	async execute(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
		return await router.call(this);
	}
}
