// Customers by ACCOUNT_REF (A2). The contract has no multi-key lookup, so a small batch costs one
// GET per reference and a large one a single paged scan of the ledger, whichever is fewer calls.
import type { IDataObject, IExecuteFunctions, INodeExecutionData, INodeProperties, JsonObject } from 'n8n-workflow';
import { NodeApiError } from 'n8n-workflow';

import { sageList } from '../../../shared/sage50/paging';
import { failureOf, sageRequest, segment } from '../../../shared/sage50/transport';
import { CUSTOMER_FIELDS } from '../common/fields';
import { inputProperties, keyProperty, readInput, readWriteOptions, show, writeOptions } from '../common/params';
import { dataModeProperties, executeMapped, isMappedMode } from '../common/mapped';
import { mappedCustomers } from '../common/mappedResources';
import { executeUpsert, type UpsertResource } from '../common/upsert';

/** Above this many references one scan (1000 per page) beats one GET per reference. */
export const SCAN_THRESHOLD = 25;

export const description: INodeProperties[] = show(
	'customer',
	'upsert',
	dataModeProperties(
		[
			keyProperty('accountRef', 'Account Reference', 'Match key: the customer with this ACCOUNT_REF is updated, or created with it', {
				placeholder: 'e.g. ABS001',
			}),
			...inputProperties(CUSTOMER_FIELDS, 'customer'),
			writeOptions,
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
		const keys = [...new Set(items.map((i) => i.key))];
		if (keys.length > SCAN_THRESHOLD) {
			const wanted = new Set(keys);
			const all = await sageList.call(this, '/customers', { includeDeleted: true });
			return all.filter((r) => wanted.has(String(r.ACCOUNT_REF))).map((record) => ({ key: String(record.ACCOUNT_REF), record }));
		}
		const out: Array<{ key: string; record: IDataObject }> = [];
		for (const key of keys) {
			try {
				const record = (await sageRequest.call(this, { method: 'GET', path: `/customers/${segment(key)}`, label: 'Customer', record: key })) as IDataObject;
				out.push({ key, record });
			} catch (error) {
				if (failureOf(error)?.status !== 404) throw new NodeApiError(this.getNode(), error as JsonObject);
			}
		}
		return out;
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
