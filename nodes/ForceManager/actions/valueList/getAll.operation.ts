import type { IExecuteFunctions, INodeProperties } from 'n8n-workflow';

import { executeGetMany, getManyProperties, show } from '../common/crud';

// Value lists (notes §7.8, §8.11). Paths exactly as in the swagger / notes.
export const VALUE_LISTS: Array<{ name: string; value: string }> = [
	{ name: 'Account Segments', value: 'accountSegments' },
	{ name: 'Account Statuses', value: 'accountStatuses' },
	{ name: 'Account Types', value: 'accountTypes' },
	{ name: 'Activity Types', value: 'activityTypes' },
	{ name: 'Branches', value: 'branches' },
	{ name: 'Contact Types', value: 'contactTypes' },
	{ name: 'Countries', value: 'countries' },
	{ name: 'Currencies', value: 'currencies' },
	{ name: 'Opportunity Statuses', value: 'opportunityStatuses' },
	{ name: 'Opportunity Types', value: 'opportunityTypes' },
	{ name: 'Product Categories', value: 'productCategories' },
	{ name: 'Product Families', value: 'productFamilies' },
	{ name: 'Rates', value: 'rates' },
	{ name: 'Sales Order Statuses', value: 'salesorderStatuses' },
	{ name: 'Timezones', value: 'timezones' },
];

const listProperty: INodeProperties = {
	displayName: 'List',
	name: 'list',
	type: 'options',
	noDataExpression: true,
	required: true,
	options: VALUE_LISTS,
	default: 'accountTypes',
	description: 'Which ForceManager value list to read',
};

export const description = [...show('valueList', 'getAll', [listProperty]), ...getManyProperties('valueList')];

export async function execute(this: IExecuteFunctions, itemIndex: number) {
	const list = this.getNodeParameter('list', itemIndex) as string;
	return await executeGetMany.call(this, `/${list}`, itemIndex);
}
