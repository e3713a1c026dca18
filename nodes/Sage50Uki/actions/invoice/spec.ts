import { readOnlyOperations } from '../common/readOnly';

export const operations = readOnlyOperations({
	resource: 'invoice',
	label: 'Invoice',
	path: '/invoices',
	key: { displayName: 'Invoice Number', name: 'invoiceNumber', type: 'number', typeOptions: { minValue: 1 }, required: true, default: 1, description: 'INVOICE_NUMBER in Sage' },
	filters: [
		{ displayName: 'Account Reference', name: 'accountRef', type: 'string', default: '', description: 'Only the invoices of this customer' },
		{
			displayName: 'Posted',
			name: 'posted',
			type: 'options',
			options: [
				{ name: 'Posted Only', value: 1, description: 'Updated to the ledger' },
				{ name: 'Unposted Only', value: 0 },
			],
			default: 1,
		},
	],
	query: (filters) => ({
		...(filters.accountRef ? { accountRef: String(filters.accountRef).trim().toUpperCase() } : {}),
		...(filters.posted === undefined || filters.posted === '' ? {} : { posted: Number(filters.posted) }),
	}),
});
