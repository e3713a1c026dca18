// Every rule the Mapper carries, on trigger-shaped input (fixtures.ts).
import { defaultFieldMap, describeFieldMap, mapRecord, MappingError, settingsWith } from '../../../nodes/shared/mapping';
import type { MapperSettings } from '../../../nodes/shared/mapping';
import type { SyncDirection, SyncEntity } from '../../../nodes/shared/sync/envelope';
import * as f from './fixtures';

const s2f = (entity: SyncEntity, extra: Partial<MapperSettings> = {}) => settingsWith({ entity, direction: 'sageToForceManager', adminUserId: 7, branchId: 2, ...extra });
const f2s = (entity: SyncEntity, extra: Partial<MapperSettings> = {}) => settingsWith({ entity, direction: 'forceManagerToSage', ...extra });

describe('accounts', () => {
	const mapped = mapRecord(f.sageChange('customers', 'ABS001', f.customer), s2f('account'));

	test('A2/A3: Sage customer → FM account keyed by ACCOUNT_REF, read-only, with the address and contact fields', () => {
		expect(mapped.sync).toEqual({
			entity: 'account', direction: 'sageToForceManager', action: 'upsert', rules: ['A1', 'A2', 'A3', 'U2'], key: 'ABS001',
			source: { system: 'sage50', entity: 'customer', id: 'ABS001', changedAt: '2025-07-01T09:15:00Z' },
			label: 'Customer ABS001 "ABS Garages Ltd"',
			// The source side of the pair's next last-synced state: every sync-relevant column.
			snapshot: expect.objectContaining({ ACCOUNT_REF: 'ABS001', NAME: 'ABS Garages Ltd', FAX: null, COUNTRY_CODE: 'GB' }),
		});
		expect(mapped.fields).toEqual({
			extId: 'ABS001', readOnly: true, name: 'ABS Garages Ltd', address1: 'Mile Road', address2: 'Unit 4', city: 'Bridgend',
			region: 'Mid Glamorgan', postcode: 'CF31 4EP', countryId: 1, phone: '01656 767 890', phone2: null, fax: null,
			email: 'mike@absgarages.example', website: 'www.absgarages.example', vatNumber: 'GB123456789',
		});
		expect(mapped.createOnly).toEqual({ branchId: 2 });
	});

	test('U2: the admin user is only a fill-if-empty sales rep, never a plain field', () => {
		expect(mapped.fillIfEmpty).toEqual({ salesRepId1: 7 });
		expect(mapped.fields).not.toHaveProperty('salesRepId1');
	});

	test('A1: a country the Countries option does not list is neither guessed nor left out: the record fails alone, naming field and value; the table is configurable', () => {
		const de = mapRecord(f.sageChange('customers', 'ABS001', { ...f.customer, COUNTRY_CODE: 'DE' }), s2f('account'));
		expect(de.sync).toMatchObject({ action: 'fail', field: 'COUNTRY_CODE', key: 'ABS001', label: 'Customer ABS001 "ABS Garages Ltd"' });
		expect(de.sync.reason).toBe('COUNTRY_CODE "DE" is not in the Mapper\'s Countries option (GB=1, IE=2, FR=3, ES=4): add DE=<ForceManager country ID> to it');
		expect(de.sync.delivery).toBeUndefined();
		const custom = mapRecord(f.sageChange('customers', 'ABS001', { ...f.customer, COUNTRY_CODE: 'de' }), s2f('account', { countries: { DE: 44 } }));
		expect(custom.fields.countryId).toBe(44);
		// No country at all is no bad value: the account simply has none.
		expect(mapRecord(f.sageChange('customers', 'ABS001', { ...f.customer, COUNTRY_CODE: '' }), s2f('account')).sync.action).toBe('upsert');
		const fm = mapRecord(f.fmChange('accounts', { ...f.fmAccount, countryId: { id: 5, value: 'Germany' } }), f2s('account'));
		expect(fm.sync).toMatchObject({ action: 'fail', field: 'countryId', label: 'ForceManager account 17 "Acme Widgets"' });
		expect(fm.sync.reason).toBe('countryId 5 "Germany" is not in the Mapper\'s Countries option (GB=1, IE=2, FR=3, ES=4): add <Sage COUNTRY_CODE>=5 to it');
		expect(mapRecord(f.fmChange('accounts', { ...f.fmAccount, countryId: null }), f2s('account')).sync.action).toBe('upsert');
	});

	test('A2: without changedAtUtc the source time is RECORD_MODIFY_DATE with its offset', () => {
		const item = { ...f.sageChange('customers', 'ABS001', f.customer), changedAtUtc: null };
		expect(mapRecord(item, s2f('account')).sync.source.changedAt).toBe('2025-07-01T10:15:00+01:00');
	});

	test('A6: a customer deleted in Sage → delete by its extId (tombstone with or without its last state)', () => {
		for (const record of [{ ...f.customer, RECORD_DELETED: 1 }, null]) {
			const out = mapRecord(f.sageChange('customers', 'ABS001', record, 'deleted'), s2f('account'));
			expect(out.sync).toMatchObject({ action: 'delete', key: 'ABS001', rules: ['A6'] });
			expect(out.fields).toEqual({});
		}
	});

	test('A4: an FM account that is not read-only → Sage customer, new (key ""), write-back sets readOnly', () => {
		const out = mapRecord(f.fmChange('accounts', f.fmAccount), f2s('account'));
		expect(out.sync).toMatchObject({
			action: 'upsert', key: '', rules: ['A1', 'A4'], label: 'ForceManager account 17 "Acme Widgets"',
			source: { system: 'forceManager', entity: 'account', id: '17', changedAt: '2025-07-02T08:00:00Z' },
			writeBack: { resource: 'account', id: 17, fields: { readOnly: true } },
		});
		expect(out.fields).toEqual({
			NAME: 'Acme Widgets', ADDRESS_1: '1 High St', ADDRESS_2: '', ADDRESS_3: 'Leeds', ADDRESS_4: 'West Yorkshire', ADDRESS_5: 'LS1 1AA',
			COUNTRY_CODE: 'GB', TELEPHONE: '0113 000 000', TELEPHONE_2: '', FAX: '', E_MAIL: 'sales@acme.example', WEB_ADDRESS: '', VAT_REG_NUMBER: 'GB999',
		});
	});

	test('A4: an over-long name is passed on untruncated so the bridge rejects that record alone', () => {
		const name = 'N'.repeat(80);
		expect(mapRecord(f.fmChange('accounts', { ...f.fmAccount, name }), f2s('account')).fields.NAME).toBe(name);
	});

	test('A4: an FM account that already has its Sage reference is matched by it', () => {
		expect(mapRecord(f.fmChange('accounts', { ...f.fmAccount, extId: 'ACME01' }), f2s('account')).sync.key).toBe('ACME01');
	});

	test('A3: a read-only FM account (Sage-owned) is skipped', () => {
		const out = mapRecord(f.fmChange('accounts', { ...f.fmAccount, extId: 'ABS001', readOnly: true }), f2s('account'));
		expect(out.sync.action).toBe('skip');
		expect(out.sync.reason).toMatch(/^A3/);
	});

	test('A5: an FM account deletion never reaches Sage', () => {
		const out = mapRecord(f.fmChange('accounts', { ...f.fmAccount, deleted: true, dateDeleted: '2025-07-03T00:00:00Z' }, {}, 'deleted'), f2s('account'));
		expect(out.sync).toMatchObject({ action: 'skip', reason: 'A5/C2: deletions in ForceManager never reach Sage' });
		expect(out.sync.source.changedAt).toBe('2025-07-03T00:00:00Z');
	});

	test('A2: a plain FM record (Get Many output) is an update; a plain deleted one is a deletion', () => {
		expect(mapRecord(f.fmAccount, f2s('account')).sync.action).toBe('upsert');
		expect(mapRecord({ ...f.fmAccount, deleted: true }, f2s('account')).sync.action).toBe('skip');
		expect(mapRecord(f.customer, s2f('account')).sync).toMatchObject({ action: 'upsert', key: 'ABS001' });
	});
});

describe('contacts', () => {
	test('C1: a Sage contact-type address → FM contact keyed "<ACCOUNT_REF>/<ADDRESS_REF>" under its account', () => {
		const out = mapRecord(f.sageChange('addresses', 'ABS001  0003', f.address(1)), s2f('contact'));
		expect(out.sync).toMatchObject({ action: 'upsert', key: 'ABS001/3', label: 'Address ABS001/3 "Mary Ann Hall"', rules: ['C1', 'C3', 'U2'] });
		expect(out.fields).toMatchObject({ extId: 'ABS001/3', firstName: 'Mary Ann', lastName: 'Hall', email: 'mary@absgarages.example', phone1: '01656 767 891', comment: 'Prefers e-mail' });
		expect(out.references).toEqual({ account: 'ABS001' });
		expect(out.fillIfEmpty).toEqual({ salesRepId: 7 });
		expect(out.createOnly).toEqual({ branchId: 2 });
	});

	test('C1: a one-word contact name is the last name (FM requires a first name: "-")', () => {
		const out = mapRecord(f.sageChange('addresses', 'ABS001  0003', { ...f.address(1), CONTACT_NAME: 'Reception' }), s2f('contact'));
		expect(out.fields).toMatchObject({ firstName: '-', lastName: 'Reception' });
	});

	test('C3: delivery and registered addresses are skipped', () => {
		for (const type of [0, 2]) {
			const out = mapRecord(f.sageChange('addresses', 'ABS001  0003', f.address(type)), s2f('contact'));
			expect(out.sync.action).toBe('skip');
			expect(out.sync.reason).toMatch(/^C3/);
		}
	});

	test('C3: a synced contact whose address became a delivery or registered address → its FM contact is deleted (soft)', () => {
		const synced = { entity: 'contact', sageKey: 'ABS001/3', forceManagerId: '9', sage: {}, forceManager: {} };
		for (const type of [0, 2]) {
			const out = mapRecord({ ...f.sageChange('addresses', 'ABS001  0003', f.address(type)), synced }, s2f('contact'));
			expect([out.sync.action, out.sync.key, out.sync.rules]).toEqual(['delete', 'ABS001/3', ['C3', 'C2']]);
			expect(out.sync.reason).toMatch(/^C3: no longer a contact-type address/);
		}
	});

	test('C1: a contact moved in ForceManager to another account fails with the action that resolves it (never reverted, never a second address)', () => {
		const moved = mapRecord(f.fmChange('contacts', { ...f.fmContact, extId: 'ABS001/3' }, { related: f.acmeRelated }), f2s('contact'));
		expect([moved.sync.action, moved.sync.field]).toEqual(['fail', 'accountId']);
		expect(moved.sync.reason).toMatch(/^C1: the contact was moved in ForceManager from account ABS001 to ACME01; .*add the contact under ACME01 in Sage/);
		const same = mapRecord(f.fmChange('contacts', { ...f.fmContact, extId: 'ACME01/3' }, { related: f.acmeRelated }), f2s('contact'));
		expect([same.sync.action, same.sync.key]).toEqual(['upsert', 'ACME01/3']);
	});

	test('C2: a contact deleted in Sage → delete; a bare tombstone is keyed from its REFERENCE', () => {
		expect(mapRecord(f.sageChange('addresses', 'ABS001  0003', f.address(1), 'deleted'), s2f('contact')).sync).toMatchObject({ action: 'delete', key: 'ABS001/3' });
		expect(mapRecord(f.sageChange('addresses', 'ABS001  0012', null, 'deleted'), s2f('contact')).sync).toMatchObject({ action: 'delete', key: 'ABS001/12' });
	});

	test('C1/C3: an FM contact → Sage contact-type address under its account extId, with write-back', () => {
		const out = mapRecord(f.fmChange('contacts', f.fmContact, { related: f.acmeRelated }), f2s('contact'));
		expect(out.sync).toMatchObject({ action: 'upsert', key: '', writeBack: { resource: 'contact', id: 9, fields: {} }, label: 'ForceManager contact 9 "Jane Doe"' });
		expect(out.fields).toMatchObject({ CONTACT_NAME: 'Jane Doe', E_MAIL: 'jane@acme.example', TELEPHONE: '0113 1', TELEPHONE_2: '' });
		expect(out.createOnly).toEqual({ ADDRESS_TYPE: 1 });
		expect(out.references).toEqual({ account: 'ACME01' });
	});

	test('C1: the "-" placeholder first name does not come back into Sage', () => {
		const out = mapRecord(f.fmChange('contacts', { ...f.fmContact, firstName: '-', lastName: 'Reception', extId: 'ACME01/3' }, { related: f.acmeRelated }), f2s('contact'));
		expect(out.fields.CONTACT_NAME).toBe('Reception');
		expect(out.sync.key).toBe('ACME01/3');
	});

	test('C3: an FM contact whose account has no Sage reference waits, naming the account', () => {
		const related = { account: { id: 17, name: 'Acme', extId: null, readOnly: false } };
		const out = mapRecord(f.fmChange('contacts', f.fmContact, { related }), f2s('contact'));
		expect(out.sync.action).toBe('wait');
		expect(out.sync.reason).toContain('account 17 "Acme"');
	});

	test('C1: a held FM contact waits with the trigger\'s reason', () => {
		const out = mapRecord(f.fmChange('contacts', f.fmContact, { related: f.acmeRelated, hold: { reason: 'Contact 9 waits: x' } }), f2s('contact'));
		expect(out.sync).toMatchObject({ action: 'wait', reason: 'Contact 9 waits: x' });
	});

	test('C2: an FM contact deletion never reaches Sage', () => {
		const out = mapRecord(f.fmChange('contacts', f.fmContact, { related: f.acmeRelated }, 'deleted'), f2s('contact'));
		expect(out.sync).toMatchObject({ action: 'skip', reason: 'A5/C2: deletions in ForceManager never reach Sage' });
	});
});

describe('products', () => {
	test('P1/P5: Sage product → FM product keyed by STOCK_CODE, read-only, availability from INACTIVE_FLAG', () => {
		const out = mapRecord(f.sageChange('products', 'PAP-A4-80', f.product()), s2f('product'));
		expect(out.sync).toMatchObject({ action: 'upsert', key: 'PAP-A4-80', rules: ['P1', 'P2', 'P5'], label: 'Product PAP-A4-80 "A4 paper"' });
		expect(out.fields).toEqual({ extId: 'PAP-A4-80', readOnly: true, model: 'A4 paper', description: 'Box of 5 reams', price: 24.99, stock: 300, notAvailable: false });
		expect(mapRecord(f.sageChange('products', 'X', f.product({ INACTIVE_FLAG: 1 })), s2f('product')).fields.notAvailable).toBe(true);
	});

	test('P2: non-stock and service items get stock null (a dash), never 0; stock items can use QTY_IN_STOCK', () => {
		for (const ITEM_TYPE of [1, 2]) {
			const out = mapRecord(f.sageChange('products', 'SRV', f.product({ ITEM_TYPE, QTY_IN_STOCK: null, FREE_STOCK: null })), s2f('product'));
			expect(out.fields).toHaveProperty('stock', null);
		}
		const zeroFree = mapRecord(f.sageChange('products', 'X', f.product({ ITEM_TYPE: 1, FREE_STOCK: 0, QTY_IN_STOCK: 0 })), s2f('product'));
		expect(zeroFree.fields.stock).toBeNull();
		expect(mapRecord(f.sageChange('products', 'X', f.product()), s2f('product', { stockFigure: 'qtyInStock' })).fields.stock).toBe(340);
	});

	test('P3: with an image binary the item names P3; without, it does not', () => {
		expect(mapRecord(f.sageChange('products', 'X', f.product()), s2f('product'), { hasImage: true }).sync.rules).toContain('P3');
		expect(mapRecord(f.sageChange('products', 'X', f.product()), s2f('product')).sync.rules).not.toContain('P3');
	});

	test('P4: a product deleted in Sage → delete by STOCK_CODE', () => {
		const out = mapRecord(f.sageChange('products', 'PAP-A4-80', f.product({ RECORD_DELETED: 1 }), 'deleted'), s2f('product'));
		expect(out.sync).toMatchObject({ action: 'delete', key: 'PAP-A4-80', rules: ['P4'] });
	});

	test('P1: products cannot be mapped ForceManager → Sage', () => {
		expect(() => mapRecord(f.product(), f2s('product'))).toThrow(MappingError);
	});
});

describe('sales orders and quotations', () => {
	test('O2: a Sage sales order → FM sales order "SO:<n>", read-only, product lines with their stock codes', () => {
		const out = mapRecord(f.sageChange('sales-orders', '123', f.sageOrder()), s2f('salesOrder'));
		expect(out.sync).toMatchObject({ entity: 'salesOrder', action: 'upsert', key: 'SO:123', label: 'Sales order 123 "ABS Garages Ltd"' });
		expect(out.fields).toEqual({ extId: 'SO:123', readOnly: true, reference: 'Sales Order 123', number: 123, total: 94.98, statusId: 2 });
		expect(out.references).toEqual({ account: 'ABS001', lineProducts: ['PAP-A4-80', 'SRV-INSTALL'] });
		expect(out.lines).toEqual([
			{ quantity: 2, price: 24.99, description: 'Line 1', discount1: 0, total: 49.98, order: 1 },
			{ quantity: 1, price: 45, description: 'Line 3', discount1: 0, total: 45, order: 2 },
		]);
		expect(out.fillIfEmpty).toEqual({ salesRepId: 7 });
		expect(out.createOnly).toEqual({ branchId: 2 });
	});

	test('O1: a Sage quotation → "QU:<n>" with its quote status; an FM-born one keeps its FM reference and is not made read-only', () => {
		const quote = f.sageOrder({ ORDER_TYPE: 9, ORDER_TYPE_NAME: 'Quotation', QUOTE_STATUS: 1 });
		const out = mapRecord(f.sageChange('sales-orders', '123', quote), s2f('salesOrder'));
		expect(out.sync).toMatchObject({ entity: 'quotation', key: 'QU:123' });
		expect(out.fields).toMatchObject({ statusId: 1, readOnly: true });
		const won = mapRecord(f.sageChange('sales-orders', '123', { ...quote, QUOTE_STATUS: 2 }), s2f('quotation'));
		expect(won.fields.statusId).toBe(2);
		const fmBorn = mapRecord(f.sageChange('sales-orders', '123', { ...quote, CUST_ORDER_NUMBER: 'Q-ACME-7', EXTERNAL_REF: 'forceManager:salesOrder:5' }), s2f('quotation'));
		expect(fmBorn.fields).not.toHaveProperty('readOnly');
		expect(fmBorn.fields.reference).toBe('Q-ACME-7');
	});

	test('O2: an invoiced order gets the invoiced status; proformas are skipped; deletions delete', () => {
		expect(mapRecord(f.sageChange('sales-orders', '123', f.sageOrder({ INVOICE_NUMBER: 5001 })), s2f('salesOrder')).fields.statusId).toBe(3);
		expect(mapRecord(f.sageChange('sales-orders', '123', f.sageOrder({ ORDER_TYPE: 11 })), s2f('salesOrder')).sync.action).toBe('skip');
		expect(mapRecord(f.sageChange('sales-orders', '123', f.sageOrder(), 'deleted'), s2f('salesOrder')).sync).toMatchObject({ action: 'delete', key: 'SO:123' });
	});

	test('O1: an FM order → Sage quotation with stock codes and quantities, no prices, CUST_ORDER_NUMBER = reference, write-back', () => {
		const out = mapRecord(f.fmChange('salesorders', f.fmOrder(), { related: f.acmeRelated }), f2s('quotation'));
		expect(out.sync).toMatchObject({ entity: 'quotation', action: 'upsert', key: '', writeBack: { resource: 'salesOrder', id: 5, fields: {} }, label: 'ForceManager sales order 5 "Q-ACME-7"' });
		expect(out.fields).toEqual({ CUST_ORDER_NUMBER: 'Q-ACME-7' });
		expect(out.createOnly).toEqual({ ACCOUNT_REF: 'ACME01', ORDER_TYPE: 9, ORDER_DATE: '2025-07-02' });
		expect(out.lines).toEqual([{ STOCK_CODE: 'PAP-A4-80', QTY_ORDER: 2 }, { STOCK_CODE: 'SRV-INSTALL', QTY_ORDER: 1 }]);
		const priced = mapRecord(f.fmChange('salesorders', f.fmOrder(), { related: f.acmeRelated }), f2s('salesOrder', { sendLinePrices: true }));
		expect(priced.lines?.[0]).toEqual({ STOCK_CODE: 'PAP-A4-80', QTY_ORDER: 2, UNIT_PRICE: 24.99, DISCOUNT_RATE: 5 });
		expect(priced.createOnly?.ORDER_TYPE).toBe(0);
	});

	test('O1: the order\'s currency goes to Sage as CURRENCY_CODE by the Currencies option (Sage refuses one other than the customer\'s); an unlisted one fails the record, naming it', () => {
		const euro = mapRecord(f.fmChange('salesorders', f.fmOrder({ currencyId: { id: 2, value: 'Euro' } }), { related: f.acmeRelated }), f2s('quotation'));
		expect(euro.createOnly).toMatchObject({ CURRENCY_CODE: 'EUR' });
		const none = mapRecord(f.fmChange('salesorders', f.fmOrder(), { related: f.acmeRelated }), f2s('quotation'));
		expect(none.createOnly).not.toHaveProperty('CURRENCY_CODE');
		const yen = mapRecord(f.fmChange('salesorders', f.fmOrder({ currencyId: { id: 9, value: 'Yen' } }), { related: f.acmeRelated }), f2s('quotation'));
		expect(yen.sync).toMatchObject({ action: 'fail', field: 'currencyId', label: 'ForceManager sales order 5 "Q-ACME-7"' });
		expect(yen.sync.reason).toBe('currencyId 9 "Yen" is not in the Mapper\'s Currencies option (GBP=1, EUR=2, USD=3): add <Sage currency CODE>=9 to it');
		const custom = mapRecord(f.fmChange('salesorders', f.fmOrder({ currencyId: 9 }), { related: f.acmeRelated }), f2s('quotation', { currencies: { JPY: 9 } }));
		expect(custom.createOnly).toMatchObject({ CURRENCY_CODE: 'JPY' });
	});

	test('A1/A4/O1: a country or currency the user skips or overrides is the user\'s to decide: an unlisted value does not fail the record', () => {
		const skipped = mapRecord(f.sageChange('customers', 'ABS001', { ...f.customer, COUNTRY_CODE: 'DE' }), s2f('account', { skipFields: ['countryId'] }));
		expect(skipped.sync.action).toBe('upsert');
		expect(skipped.fields).not.toHaveProperty('countryId');
		const overridden = mapRecord(f.fmChange('accounts', { ...f.fmAccount, countryId: { id: 5, value: 'Germany' } }), f2s('account', { overrides: [{ field: 'COUNTRY_CODE', value: 'DE' }] }));
		expect(overridden.sync.action).toBe('upsert');
		expect(overridden.fields.COUNTRY_CODE).toBe('DE');
		const yen = mapRecord(f.fmChange('salesorders', f.fmOrder({ currencyId: { id: 9, value: 'Yen' } }), { related: f.acmeRelated }), f2s('quotation', { overrides: [{ field: 'CURRENCY_CODE', value: 'JPY' }] }));
		expect(yen.sync.action).toBe('upsert');
		expect(yen.createOnly).toMatchObject({ CURRENCY_CODE: 'JPY' });
	});

	test('O1: the currency is create-only, so a document Sage already holds is not refused for an unlisted one (its other edits still flow)', () => {
		const held = mapRecord(f.fmChange('salesorders', f.fmOrder({ currencyId: { id: 9, value: 'Yen' }, extId: 'QU:45' }), { related: f.acmeRelated }), f2s('quotation'));
		expect(held.sync).toMatchObject({ action: 'upsert', key: 'QU:45' });
		expect(held.createOnly ?? {}).not.toHaveProperty('CURRENCY_CODE');
	});

	test('O1: missing account reference or product stock code → wait naming them', () => {
		const noAccount = mapRecord(f.fmChange('salesorders', f.fmOrder(), { related: { account: { id: 17, name: 'Acme', extId: null } } }), f2s('quotation'));
		expect(noAccount.sync.action).toBe('wait');
		expect(noAccount.sync.reason).toContain('account 17 "Acme"');
		const order = f.fmOrder();
		order.lines[1].related.product.extId = null as unknown as string;
		const noProduct = mapRecord(f.fmChange('salesorders', order, { related: f.acmeRelated }), f2s('quotation'));
		expect(noProduct.sync.action).toBe('wait');
		expect(noProduct.sync.reason).toContain('line 2 product 3 "Install"');
	});

	test('O1: an FM order deletion never reaches Sage (A5); a read-only (Sage-owned) FM order is skipped', () => {
		expect(mapRecord(f.fmChange('salesorders', f.fmOrder(), { related: f.acmeRelated }, 'deleted'), f2s('quotation')).sync.action).toBe('skip');
		const ro = mapRecord(f.fmChange('salesorders', f.fmOrder({ readOnly: true, extId: 'SO:123' }), { related: f.acmeRelated }), f2s('salesOrder'));
		expect(ro.sync).toMatchObject({ action: 'skip', key: 'SO:123' });
		expect(ro.sync.reason).toMatch(/^O2/);
	});
});

describe('invoices and users', () => {
	test('O2: a Sage invoice → FM sale "INV:<n>" with date, gross total and account reference', () => {
		const out = mapRecord(f.sageChange('invoices', '5001', f.invoice()), s2f('invoice'));
		expect(out.sync).toMatchObject({ entity: 'invoice', action: 'upsert', key: 'INV:5001', label: 'Invoice 5001' });
		expect(out.fields).toEqual({ extId: 'INV:5001', date: '2025-02-14T00:00:00Z', total: 1263.6, accountExtId: 'BRI001' });
		expect(out.references).toEqual({ account: 'BRI001' });
		expect(mapRecord(f.invoice({ INVOICE_TYPE: 3 }), s2f('invoice', { saleTotal: 'net' })).fields.total).toBe(-1053);
	});

	test('O2: proformas and quotations in the invoice list (INVOICE_TYPE 5–8) never become sales', () => {
		for (const type of [5, 6, 7, 8]) {
			const out = mapRecord(f.sageChange('invoices', '5002', f.invoice({ INVOICE_TYPE: type, INVOICE_TYPE_NAME: 'Product Proforma' })), s2f('invoice'));
			expect([type, out.sync.action]).toEqual([type, 'skip']);
			expect(out.sync.reason).toMatch(/^O2: only invoices and credit notes become ForceManager sales \(this is a product proforma\)/);
		}
		for (const type of [0, 1, 2, 3, 4]) expect(mapRecord(f.invoice({ INVOICE_TYPE: type }), s2f('invoice')).sync.action).toBe('upsert');
	});

	test('U1: a Sage user → match key = lower-case e-mail; inactive, deleted and e-mail-less users are skipped', () => {
		const out = mapRecord(f.sageChange('users', 'MANAGER', f.user()), s2f('user'));
		expect(out.sync).toMatchObject({ entity: 'user', action: 'upsert', key: 'chloe.davies@wellsoffice.co.uk', label: 'User MANAGER "Chloe Davies"' });
		expect(out.fields).toEqual({ email: 'chloe.davies@wellsoffice.co.uk' });
		expect(mapRecord(f.sageChange('users', 'MANAGER', f.user({ INACTIVE_FLAG: 1 })), s2f('user')).sync.action).toBe('skip');
		expect(mapRecord(f.sageChange('users', 'MANAGER', f.user(), 'deleted'), s2f('user')).sync.action).toBe('skip');
		expect(mapRecord(f.sageChange('users', 'MANAGER', f.user({ E_MAIL: null })), s2f('user')).sync.reason).toMatch(/no e-mail/);
	});
});

describe('overrides, field map, determinism', () => {
	test('overrides replace defaults (also create-only ones), an empty value drops the field, skipFields drop fields', () => {
		const out = mapRecord(f.sageChange('customers', 'ABS001', f.customer), s2f('account', {
			overrides: [{ field: 'comment', value: 'VIP' }, { field: 'branchId', value: 5 }, { field: 'fax', value: '' }],
			skipFields: ['website'],
		}));
		expect(out.fields.comment).toBe('VIP');
		expect(out.createOnly).toEqual({ branchId: 5 });
		expect(out.fields).not.toHaveProperty('fax');
		expect(out.fields).not.toHaveProperty('website');
	});

	test('A3/P2: rule-owned fields cannot be overridden or skipped', () => {
		expect(() => mapRecord(f.customer, s2f('account', { overrides: [{ field: 'readOnly', value: 'false' }] }))).toThrow(/"readOnly".*A3/);
		expect(() => mapRecord(f.product(), s2f('product', { skipFields: ['stock'] }))).toThrow(/"stock".*P2/);
		// The error names the field, so the Mapper's failed item carries it.
		expect(() => mapRecord(f.customer, s2f('account', { overrides: [{ field: 'readOnly', value: 'false' }] }))).toThrow(expect.objectContaining({ field: 'readOnly' }));
	});

	test('overrides do not apply to skipped or deleted items', () => {
		const out = mapRecord(f.sageChange('customers', 'ABS001', null, 'deleted'), s2f('account', { overrides: [{ field: 'comment', value: 'x' }] }));
		expect(out.fields).toEqual({});
	});

	test('every entity × direction has a default map that lists each field the engine emits', () => {
		const pairs: Array<[SyncEntity, SyncDirection]> = [
			['account', 'sageToForceManager'], ['account', 'forceManagerToSage'], ['contact', 'sageToForceManager'], ['contact', 'forceManagerToSage'],
			['product', 'sageToForceManager'], ['salesOrder', 'sageToForceManager'], ['salesOrder', 'forceManagerToSage'], ['quotation', 'forceManagerToSage'],
			['invoice', 'sageToForceManager'], ['user', 'sageToForceManager'],
		];
		for (const [entity, direction] of pairs) expect(defaultFieldMap(entity, direction).length).toBeGreaterThan(0);
		const listed = new Set(defaultFieldMap('account', 'sageToForceManager').map((e) => e.field));
		const out = mapRecord(f.customer, s2f('account'));
		for (const field of [...Object.keys(out.fields), ...Object.keys(out.createOnly ?? {}), ...Object.keys(out.fillIfEmpty ?? {})]) expect(listed).toContain(field);
		expect(describeFieldMap('product', 'sageToForceManager')).toContain('stock ← FREE_STOCK');
	});

	test('idempotency: the same input maps to the same output, and the input is not mutated', () => {
		const input = f.sageChange('sales-orders', '123', f.sageOrder());
		const copy = JSON.parse(JSON.stringify(input));
		expect(mapRecord(input, s2f('salesOrder'))).toEqual(mapRecord(input, s2f('salesOrder')));
		expect(input).toEqual(copy);
	});
});
