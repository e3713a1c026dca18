// Customers by ACCOUNT_REF (A2), looked up with the bridge's multi-key `refs=` (≤ 100 per call).
import type { IDataObject, IExecuteFunctions, INodeExecutionData, INodeProperties } from 'n8n-workflow';

import { parametersRecord } from '../../../shared/sync/parameters';
import type { RecordInput } from '../common/engine';
import { CUSTOMER_FIELDS } from '../common/fields';
import { inputProperties, keyProperty, readInput, readWriteOptions, show, upsertWriteOptions } from '../common/params';
import { dataModeProperties, executeDefine, executeMapped, isMappedMode } from '../common/mapped';
import { mappedCustomers } from '../common/mappedResources';

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

/** Define Below: the customer this item's parameters describe, keyed by its ACCOUNT_REF (A2). */
function readCustomer(this: IExecuteFunctions, itemIndex: number): RecordInput {
	const key = String(this.getNodeParameter('accountRef', itemIndex, '') ?? '').trim().toUpperCase();
	if (key === '') throw new Error('Account Reference is empty');
	const fields = readInput.call(this, itemIndex, CUSTOMER_FIELDS);
	delete fields.ACCOUNT_REF;
	const createOnly: IDataObject = {};
	for (const f of CREATE_ONLY) {
		if (fields[f] !== undefined) createOnly[f] = fields[f];
		delete fields[f];
	}
	const record = parametersRecord({ entity: 'account', direction: 'forceManagerToSage', key, label: `Customer "${key}"`, id: key, scope: 'customer', fields, createOnly });
	return { record, idempotencyKey: readWriteOptions.call(this, itemIndex).idempotencyKey };
}

export async function executeBatch(this: IExecuteFunctions, items: INodeExecutionData[]): Promise<INodeExecutionData[]> {
	if (isMappedMode.call(this)) return await executeMapped.call(this, mappedCustomers, items);
	return await executeDefine.call(this, mappedCustomers, readCustomer, items);
}
