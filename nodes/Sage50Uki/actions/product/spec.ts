import { readOnlyOperations } from '../common/readOnly';

export const operations = readOnlyOperations({
	resource: 'product',
	label: 'Product',
	path: '/products',
	key: { displayName: 'Stock Code', name: 'stockCode', type: 'string', required: true, default: '', description: 'STOCK_CODE of the product' },
	filters: [
		{
			displayName: 'Stock Category Name or ID',
			name: 'stockCategory',
			type: 'options',
			typeOptions: { loadOptionsMethod: 'getStockCategories' },
			default: '',
			description: 'Only products of this category (STOCK_CAT). Choose from the list, or specify an ID using an <a href="https://docs.n8n.io/code/expressions/">expression</a>.',
		},
	],
	// The contract has no category filter on /products.
	keep: (row, filters) => filters.stockCategory === undefined || filters.stockCategory === '' || Number(row.STOCK_CAT) === Number(filters.stockCategory),
});
