// Customers by ACCOUNT_REF (A2), looked up with the bridge's multi-key `refs=` (≤ 100 per call).
import type { IDataObject, IExecuteFunctions, INodeExecutionData, INodeProperties } from 'n8n-workflow';

import { segment } from '../../../shared/sage50/transport';
import { CUSTOMER_FIELDS } from '../common/fields';
import { inputProperties, keyProperty, readInput, readWriteOptions, show, upsertWriteOptions } from '../common/params';
import { dataModeProperties, executeMapped, isMappedMode } from '../common/mapped';
import { mappedCustomers } from '../common/mappedResources';
import { executeUpsert, type UpsertResource } from '../common/upsert';

export const description: INodeProperties[] = show(
	'customer',
	'upsert',
	dataModeProperties(
		[
			keyProperty('accountRef', 'Account Reference', 'Match key: the customer with this ACCOUNT_REF is updated, or created with it', {
				placeholder: 'e.g. ABS001',
			}),
			...inputProperties(CUSTOMER_FIELDS, 'customer'),
			upsertWriteOptions,
		],
		'a prospect account',
	),
);

const CREATE_ONLY = ['CURRENCY'];

export const customers: UpsertResource = {
	label: 'Customer',
	entity: 'customers',
	readItem(itemIndex) {
		const key = String(this.getNodeParameter('accountRef', itemIndex, '') ?? '').trim().toUpperCase();
		if (key === '') throw new Error('Account Reference is empty');
		const input = readInput.call(this, itemIndex, CUSTOMER_FIELDS);
		delete input.ACCOUNT_REF;
		const createOnly: IDataObject = {};
		for (const f of CREATE_ONLY) {
			if (input[f] !== undefined) createOnly[f] = input[f];
			delete input[f];
		}
		return { key, group: '', fields: input, createOnly, explicitKey: readWriteOptions.call(this, itemIndex).idempotencyKey };
	},
	async lookup(items) {
		// refs= finds up to 100 customers per call (deleted ones too, so they are not recreated).
		const found = await mappedCustomers.findByKeys.call(this, [...new Set(items.map((i) => i.key))]);
		return [...found].map(([key, record]) => ({ key, record }));
	},
	idOf: (record) => String(record.ACCOUNT_REF ?? ''),
	createPath: () => '/customers',
	createBody: (item) => ({ ...item.createOnly, ...item.fields, ACCOUNT_REF: item.key }),
	updatePath: (record) => `/customers/${segment(String(record.ACCOUNT_REF))}`,
};

export async function executeBatch(this: IExecuteFunctions, items: INodeExecutionData[]): Promise<INodeExecutionData[]> {
	if (isMappedMode.call(this)) return await executeMapped.call(this, mappedCustomers, items);
	return await executeUpsert.call(this, customers, items);
}
