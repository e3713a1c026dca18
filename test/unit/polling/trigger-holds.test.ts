// Pure parts of the triggers' hold decisions: what a record needs, and the reason text.
import { holdReason } from '../../../nodes/ForceManagerTrigger/enrich';
import { sageHoldReason, sageLabel, sageNeeds } from '../../../nodes/Sage50UkiTrigger/hold';

describe('ForceManager Trigger hold reasons (C1, O1)', () => {
	const account = (extId: string | null) => ({ id: 4, name: 'Greenfield', extId, readOnly: false });

	test('C1: a contact waits for its account\'s Sage reference, names both', () => {
		const contact = { id: 12, firstName: 'Jane', lastName: 'Doe', accountId: { id: 4, value: 'Greenfield' } };
		expect(holdReason('contacts', contact, { related: { account: account(null) } })).toBe(
			'Contact 12 "Jane Doe" waits: account 4 "Greenfield" has no Sage reference yet',
		);
		expect(holdReason('contacts', contact, { related: { account: account('GRE001') } })).toBeUndefined();
		expect(holdReason('contacts', { id: 13, accountId: null }, { related: { account: null } })).toBe('Contact 13 waits: it has no account');
	});

	test('O1: an order waits for products without stock code; free-text lines do not count', () => {
		const order = { id: 7, reference: 'Q-1', accountId: 4 };
		const lines = [
			{ id: 1, related: { product: { id: 2, model: 'Desk', extId: 'DESK' } } },
			{ id: 2, related: { product: null } },
			{ id: 3, related: { product: { id: 9, model: 'Shelf', extId: null } } },
		];
		expect(holdReason('salesorders', order, { related: { account: account('GRE001') }, lines })).toBe(
			'Sales order 7 "Q-1" waits: line 3 product 9 "Shelf" has no Sage stock code yet',
		);
		expect(holdReason('accounts', order, { related: { account: null } })).toBeUndefined();
	});

});

describe('Sage 50 UKI Trigger hold needs (C1, C3, O2)', () => {
	test('C3: only contact addresses wait, for their account', () => {
		expect(sageNeeds('addresses', { ACCOUNT_REF: 'ABS001', ADDRESS_TYPE: 1 })).toEqual({ accounts: ['ABS001'] });
		expect(sageNeeds('addresses', { ACCOUNT_REF: 'ABS001', ADDRESS_TYPE: 0 })).toBeUndefined();
		expect(sageNeeds('customers', { ACCOUNT_REF: 'ABS001' })).toBeUndefined();
	});

	test('O2: orders and invoices need their account and each product once; S1/S2/S3/M lines name none', () => {
		const record = { ACCOUNT_REF: 'KIN001', ITEMS: [{ STOCK_CODE: 'FAX001' }, { STOCK_CODE: 'M' }, { STOCK_CODE: 's1' }, { STOCK_CODE: 'FAX001' }, { STOCK_CODE: 'SUPPORT1' }] };
		expect(sageNeeds('sales-orders', record)).toEqual({ accounts: ['KIN001'], products: ['FAX001', 'SUPPORT1'] });
		expect(sageNeeds('invoices', { ...record, ITEMS: [] })).toEqual({ accounts: ['KIN001'] });
	});

	test('labels and reasons name the Sage record', () => {
		const quote = { ORDER_NUMBER: 12, ORDER_TYPE: 9 };
		expect(sageLabel('sales-orders', '12', quote)).toBe('Quotation 12');
		expect(sageHoldReason('Quotation 12', { accounts: ['KIN001'], products: ['FAX001'] })).toBe(
			'Quotation 12 waits: account KIN001 is not in ForceManager yet; product FAX001 is not in ForceManager yet',
		);
		expect(sageHoldReason('Quotation 12', { accounts: [], products: [] })).toBeUndefined();
	});
});
