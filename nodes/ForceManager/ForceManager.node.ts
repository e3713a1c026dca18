import type { IExecuteFunctions, INodeExecutionData, INodeType, INodeTypeDescription } from 'n8n-workflow';
import { NodeConnectionTypes } from 'n8n-workflow';

import * as account from './actions/account/Account.resource';
import * as contact from './actions/contact/Contact.resource';
import * as product from './actions/product/Product.resource';
import { router } from './actions/router';
import * as sale from './actions/sale/Sale.resource';
import * as salesOrder from './actions/salesOrder/SalesOrder.resource';
import * as user from './actions/user/User.resource';
import * as valueList from './actions/valueList/ValueList.resource';
import * as loadOptions from './methods/loadOptions';

export class ForceManager implements INodeType {
	description: INodeTypeDescription = {
		displayName: 'ForceManager',
		name: 'forceManager',
		icon: { light: 'file:../../icons/forcemanager.svg', dark: 'file:../../icons/forcemanager.dark.svg' },
		group: ['transform'],
		version: 1,
		subtitle: '={{$parameter["operation"] + ": " + $parameter["resource"]}}',
		description: 'Read and write ForceManager (Sage Sales Management) accounts, contacts, products, orders and sales',
		defaults: { name: 'ForceManager' },
		usableAsTool: true,
		inputs: [NodeConnectionTypes.Main],
		outputs: [NodeConnectionTypes.Main],
		credentials: [{ name: 'forceManagerApi', required: true }],
		properties: [
			{
				displayName: 'Resource',
				name: 'resource',
				type: 'options',
				noDataExpression: true,
				options: [
					{ name: 'Account', value: 'account' },
					{ name: 'Contact', value: 'contact' },
					{ name: 'Product', value: 'product' },
					{ name: 'Sale', value: 'sale', description: 'Invoices / sales history' },
					{ name: 'Sales Order', value: 'salesOrder', description: 'Orders and quotes with their lines' },
					{ name: 'User', value: 'user' },
					{ name: 'Value List', value: 'valueList' },
				],
				default: 'account',
			},
			...account.description,
			...contact.description,
			...product.description,
			...sale.description,
			...salesOrder.description,
			...user.description,
			...valueList.description,
		],
	};

	methods = { loadOptions };

	async execute(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
		return await router.call(this);
	}
}
