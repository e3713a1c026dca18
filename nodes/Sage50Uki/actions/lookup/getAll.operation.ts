import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';

import { sageList } from '../../../shared/sage50/paging';
import { show } from '../common/params';

export const LOOKUPS = [
	{ name: 'Account Statuses', value: 'account-statuses' },
	{ name: 'Countries', value: 'countries' },
	{ name: 'Currencies', value: 'currencies' },
	{ name: 'Stock Categories', value: 'stock-categories' },
	{ name: 'Tax Codes', value: 'tax-codes' },
];

export const description: INodeProperties[] = show('lookup', 'getAll', [
	{ displayName: 'List', name: 'list', type: 'options', options: LOOKUPS, default: 'tax-codes', description: 'Which Sage look-up list to read' },
]);

export async function execute(this: IExecuteFunctions, itemIndex: number): Promise<IDataObject[]> {
	const list = String(this.getNodeParameter('list', itemIndex, 'tax-codes'));
	if (!LOOKUPS.some((l) => l.value === list)) throw new Error(`Unknown look-up list "${list}"`);
	return await sageList.call(this, `/lookups/${list}`);
}
