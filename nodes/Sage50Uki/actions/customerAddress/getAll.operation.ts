import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';

import { sagePages } from '../../../shared/sage50/paging';
import { getManyProperties, readGetMany } from '../common/params';
import { addressPath, ADDRESS_TYPES } from './common';

export const description: INodeProperties[] = getManyProperties('customerAddress', [
	{
		displayName: 'Account Reference',
		name: 'accountRef',
		type: 'string',
		default: '',
		description: 'Only the addresses of this customer',
	},
	{
		displayName: 'Address Type',
		name: 'addressType',
		type: 'options',
		options: ADDRESS_TYPES,
		default: 1,
	},
]);

export async function execute(this: IExecuteFunctions, itemIndex: number): Promise<IDataObject[]> {
	const { limit, filters, qs } = readGetMany.call(this, itemIndex);
	if (filters.addressType !== undefined && filters.addressType !== '') qs.type = Number(filters.addressType);
	const account = String(filters.accountRef ?? '').trim().toUpperCase();
	// The per-customer list has no modifiedSince in the contract: filter those rows here instead.
	const since = account && qs.modifiedSince ? Date.parse(String(qs.modifiedSince)) : undefined;
	if (account) delete qs.modifiedSince;
	const out: IDataObject[] = [];
	for await (const page of sagePages.call(this, account ? addressPath(account) : '/addresses', qs, limit ?? 1000)) {
		for (const row of page) {
			if (since !== undefined && !(Date.parse(String(row.RECORD_MODIFY_DATE)) >= since)) continue;
			out.push(row);
			if (limit !== undefined && out.length >= limit) return out;
		}
	}
	return out;
}
