import type { INodePropertyOptions } from 'n8n-workflow';

// Every ForceManager resource the client library reads that carries the audit fields
// (dateCreated/Updated/Deleted, salesRepIdCreated/Updated/Deleted; notes §3 and §7).
// Paths are the v4 names with their odd casing (`salesordersLines`, notes §7.5).
export const TRIGGER_ENTITIES: INodePropertyOptions[] = [
	{ name: 'Account', value: 'accounts' },
	{ name: 'Contact', value: 'contacts' },
	{ name: 'Opportunity', value: 'opportunities' },
	{ name: 'Product', value: 'products' },
	{ name: 'Product Category', value: 'productCategories' },
	{ name: 'Product Family', value: 'productFamilies' },
	{ name: 'Sale', value: 'sales' },
	{ name: 'Sales Order', value: 'salesorders' },
	{ name: 'Sales Order Line', value: 'salesordersLines' },
	{ name: 'User', value: 'users' },
];

export function entityPath(entity: string): string {
	if (!TRIGGER_ENTITIES.some((option) => option.value === entity)) {
		throw new Error(`Unknown ForceManager entity "${entity}"`);
	}
	return `/${entity}`;
}
