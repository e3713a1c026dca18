// What a person does in Sage's own program (admin API), and what the sync then reads through the
// contract: an address's type changed, a deleted customer's reference used again, the invoicing
// module's proformas and quotations, a product made inactive and active again.
import { type Harness, startHarness } from './harness';

let h: Harness;
beforeEach(async () => {
	h = await startHarness();
});
afterEach(() => h.bridge.close());

type Change = { seq: string; key: string; change: string; source: string; record: Record<string, unknown> };

async function changesSince(entity: string, after: string): Promise<{ items: Change[]; cursor: string }> {
	const items: Change[] = [];
	let cursor = after;
	for (;;) {
		const page = await h.api.get(`/changes/${entity}`, { params: { after: cursor, limit: 1000 } });
		expect(page.status).toBe(200);
		items.push(...page.data.items);
		cursor = page.data.cursor;
		if (!page.data.nextCursor) return { items, cursor };
	}
}

const head = async (entity: string) => (await changesSince(entity, '0')).cursor;

describe('C3 an address type changed in Sage', () => {
	it('a contact becomes a delivery address: one update in the feed, gone from the contact list', async () => {
		const start = await head('addresses');
		const res = await h.admin.patch('/customers/A1D001/addresses/4', { ADDRESS_TYPE: 0, DESCRIPTION: 'Goods in' });
		expect(res.status).toBe(200);
		expect(res.data).toMatchObject({ REFERENCE: 'A1D001  0004', ADDRESS_TYPE: 0, ADDRESS_TYPE_NAME: 'Delivery', CONTACT_NAME: 'Lucy Hart', DESCRIPTION: 'Goods in' });
		const { items } = await changesSince('addresses', start);
		expect(items.map((c) => [c.key, c.change, c.source, c.record.ADDRESS_TYPE, c.record.ADDRESS_TYPE_NAME])).toEqual([
			['A1D001  0004', 'updated', 'sage', 0, 'Delivery'],
		]);
		const contacts = await h.api.get('/customers/A1D001/addresses', { params: { type: 1 } });
		expect(contacts.data.items.map((a: { ADDRESS_REF: number }) => a.ADDRESS_REF)).toEqual([3]);
	});

	it('the registered address stays unique per customer; it can move once the old one is retyped', async () => {
		const taken = await h.admin.patch('/customers/A1D001/addresses/3', { ADDRESS_TYPE: 2 });
		expect(taken.status).toBe(409);
		expect(taken.data).toMatchObject({ code: 'REGISTERED_ADDRESS_EXISTS', field: 'ADDRESS_TYPE', sageErrorCode: 45 });
		expect((await h.api.get('/customers/A1D001/addresses/3')).data.ADDRESS_TYPE).toBe(1);

		expect((await h.admin.patch('/customers/A1D001/addresses/1', { ADDRESS_TYPE: 0 })).status).toBe(200);
		expect((await h.admin.patch('/customers/A1D001/addresses/3', { ADDRESS_TYPE: 2 })).data).toMatchObject({ ADDRESS_TYPE: 2, ADDRESS_TYPE_NAME: 'Registered' });
		// Saving the registered address as registered again is no change, not a second registered one.
		expect((await h.admin.patch('/customers/A1D001/addresses/3', { ADDRESS_TYPE: 2 })).status).toBe(200);
		expect((await h.admin.patch('/customers/A1D001/addresses/2', { ADDRESS_TYPE: 2 })).data.code).toBe('REGISTERED_ADDRESS_EXISTS');
		const registered = await h.api.get('/customers/A1D001/addresses', { params: { type: 2 } });
		expect(registered.data.items.map((a: { ADDRESS_REF: number }) => a.ADDRESS_REF)).toEqual([3]);
		// A customer without a registered address (ABS001) may get one by retyping.
		expect((await h.admin.patch('/customers/ABS001/addresses/1', { ADDRESS_TYPE: 2 })).status).toBe(200);
	});

	it('a delivery address becomes a contact only with a contact name; unknown types are refused', async () => {
		const noName = await h.admin.patch('/customers/KIN001/addresses/2', { ADDRESS_TYPE: 1 });
		expect(noName.status).toBe(400);
		expect(noName.data).toMatchObject({ code: 'REQUIRED_FIELD', field: 'CONTACT_NAME' });
		const withName = await h.admin.patch('/customers/KIN001/addresses/2', { ADDRESS_TYPE: 1, CONTACT_NAME: 'Chef Marco' });
		expect(withName.data).toMatchObject({ ADDRESS_TYPE: 1, ADDRESS_TYPE_NAME: 'Contact', CONTACT_NAME: 'Chef Marco' });
		const bad = await h.admin.patch('/customers/KIN001/addresses/2', { ADDRESS_TYPE: 3 });
		expect(bad.data).toMatchObject({ code: 'VALIDATION_FAILED', field: 'ADDRESS_TYPE' });
	});

	it('the contract still refuses a type change', async () => {
		const res = await h.api.patch('/customers/A1D001/addresses/4', { ADDRESS_TYPE: 0 }, h.key());
		expect(res.status).toBe(400);
		expect(res.data).toMatchObject({ code: 'VALIDATION_FAILED', field: 'ADDRESS_TYPE' });
		expect((await h.api.get('/customers/A1D001/addresses/4')).data.ADDRESS_TYPE).toBe(1);
	});
});

describe('A6 a customer deleted in Sage and created again under its reference', () => {
	it('comes back to life: live under the same ACCOUNT_REF, a new record, a created change (not a tombstone)', async () => {
		expect((await h.admin.delete('/customers/ABS001')).status).toBe(200);
		const afterDelete = await head('customers');
		const addressesAfterDelete = await head('addresses');

		const res = await h.admin.post('/customers', { ACCOUNT_REF: 'abs001', NAME: 'ABS Garages (2026) Ltd', ADDRESS_1: 'New Road' });
		expect(res.status).toBe(201);
		expect(res.data).toMatchObject({ ACCOUNT_REF: 'ABS001', NAME: 'ABS Garages (2026) Ltd', ADDRESS_1: 'New Road', RECORD_DELETED: 0 });
		// A new record: nothing of the deleted one carries over.
		expect(res.data).toMatchObject({ CONTACT_NAME: '', VAT_REG_NUMBER: '', CREDIT_LIMIT: 0 });

		const { items } = await changesSince('customers', afterDelete);
		expect(items.map((c) => [c.key, c.change, c.source, c.record.RECORD_DELETED, c.record.NAME])).toEqual([
			['ABS001', 'created', 'sage', 0, 'ABS Garages (2026) Ltd'],
		]);
		// A reader that never saw the deletion also sees a creation, never the tombstone.
		const fromStart = (await changesSince('customers', '0')).items.filter((c) => c.key === 'ABS001');
		expect(fromStart.map((c) => c.change)).toEqual(['created']);

		const live = await h.api.get('/customers', { params: { refs: 'ABS001' } });
		expect(live.data.items).toEqual([expect.objectContaining({ ACCOUNT_REF: 'ABS001', RECORD_DELETED: 0 })]);
		// The old addresses stay deleted; new ones get new numbers, so no key is reused.
		expect((await h.api.get('/customers/ABS001/addresses')).data.items).toEqual([]);
		const contact = await h.api.post('/customers/ABS001/addresses', { ADDRESS_TYPE: 1, CONTACT_NAME: 'Nia Hall' }, h.key());
		expect(contact.data.REFERENCE).toBe('ABS001  0003');
		expect((await changesSince('addresses', addressesAfterDelete)).items.map((c) => [c.key, c.change])).toEqual([['ABS001  0003', 'created']]);
		// Documents may be raised for it again; the deletion stays in Sage's log.
		expect((await h.api.post('/sales-orders', { ACCOUNT_REF: 'ABS001', ITEMS: [{ STOCK_CODE: 'PAPER001' }] }, h.key())).status).toBe(201);
		const log = (await h.admin.get('/tables/DELETED_RECORDS')).data.rows;
		expect(log).toEqual(expect.arrayContaining([expect.objectContaining({ TABLE_NAME: 'SALES_LEDGER', FOREIGN_REF: 'ABS001' })]));
	});

	it('a live reference is still taken, and through the contract a deleted one is too (A4: never reused by the sync)', async () => {
		expect((await h.admin.post('/customers', { ACCOUNT_REF: 'KIN001', NAME: 'Another' })).data.code).toBe('ACCOUNT_REF_EXISTS');
		await h.admin.delete('/customers/STE001');
		const viaApi = await h.api.post('/customers', { ACCOUNT_REF: 'STE001', NAME: 'Steven Stationery' }, h.key());
		expect(viaApi.status).toBe(409);
		expect(viaApi.data).toMatchObject({ code: 'ACCOUNT_REF_EXISTS', record: 'STE001' });
		expect((await h.api.get('/customers/STE001')).data.RECORD_DELETED).toBe(1);
	});
});

describe('O2 invoice-list documents that are not sales', () => {
	const types: Array<[number, string]> = [
		[5, 'Product Proforma'],
		[6, 'Product Quotation'],
		[7, 'Service Proforma'],
		[8, 'Service Quotation'],
	];

	it('proformas and quotations are raised in the invoice list, readable and in the feed with their INVOICE_TYPE', async () => {
		const start = await head('invoices');
		const numbers: number[] = [];
		for (const [type, name] of types) {
			const res = await h.admin.post('/invoices', { ACCOUNT_REF: 'KIN001', INVOICE_TYPE: type, ITEMS: [{ STOCK_CODE: 'INSTALL', QTY_ORDER: 2 }] });
			expect(res.status).toBe(201);
			expect(res.data).toMatchObject({ INVOICE_TYPE: type, INVOICE_TYPE_NAME: name, POSTED: 0, INVOICE_NET: 130, INVOICE_GROSS: 156 });
			numbers.push(res.data.INVOICE_NUMBER);
			const got = await h.api.get(`/invoices/${res.data.INVOICE_NUMBER}`);
			expect(got.data).toMatchObject({ INVOICE_TYPE: type, INVOICE_TYPE_NAME: name });
		}
		const { items } = await changesSince('invoices', start);
		expect(items.map((c) => [Number(c.key), c.change, c.source, c.record.INVOICE_TYPE])).toEqual(numbers.map((n, i) => [n, 'created', 'sage', types[i][0]]));
		const unposted = await h.api.get('/invoices', { params: { posted: 0, accountRef: 'KIN001' } });
		expect(unposted.data.items.map((i: { INVOICE_TYPE: number }) => i.INVOICE_TYPE)).toEqual([5, 6, 7, 8]);
	});

	it('they never reach the ledger and are not raised from a sales order; other types are refused', async () => {
		const balance = async () => (await h.api.get('/customers/KIN001')).data.BALANCE;
		const before = await balance();
		const proforma = await h.admin.post('/invoices', { ACCOUNT_REF: 'KIN001', INVOICE_TYPE: 5, ITEMS: [{ STOCK_CODE: 'PAPER001' }] });
		const post = await h.admin.post(`/invoices/${proforma.data.INVOICE_NUMBER}/post`);
		expect(post.status).toBe(400);
		expect(post.data.message).toMatch(/Product Proforma.*never posted/);
		expect(await balance()).toBe(before);
		expect((await h.admin.post('/invoices', { ACCOUNT_REF: 'KIN001', INVOICE_TYPE: 6, POSTED: 1, ITEMS: [{ STOCK_CODE: 'PAPER001' }] })).data).toMatchObject({ code: 'VALIDATION_FAILED', field: 'POSTED' });
		const order = await h.api.post('/sales-orders', { ACCOUNT_REF: 'KIN001', ITEMS: [{ STOCK_CODE: 'PAPER001' }] }, h.key());
		expect((await h.admin.post('/invoices', { ORDER_NUMBER: order.data.ORDER_NUMBER, INVOICE_TYPE: 5 })).data).toMatchObject({ code: 'VALIDATION_FAILED', field: 'INVOICE_TYPE' });
		for (const type of [9, 11, -1]) {
			expect((await h.admin.post('/invoices', { ACCOUNT_REF: 'KIN001', INVOICE_TYPE: type, ITEMS: [{ STOCK_CODE: 'PAPER001' }] })).data).toMatchObject({ code: 'VALIDATION_FAILED', field: 'INVOICE_TYPE' });
		}
		// An invoice still posts as before.
		const invoice = await h.admin.post('/invoices', { ACCOUNT_REF: 'KIN001', ITEMS: [{ STOCK_CODE: 'PAPER001' }], POSTED: 1 });
		expect(invoice.data).toMatchObject({ INVOICE_TYPE: 0, POSTED: 1 });
		expect(await balance()).toBeCloseTo(before + invoice.data.INVOICE_GROSS, 2);
	});
});

describe('P5 a product set inactive and active again in Sage', () => {
	it('each step is one update in the feed; inactive is not deleted; back to active it is orderable as before', async () => {
		const start = await head('products');
		expect((await h.admin.patch('/products/BOARD001', { INACTIVE_FLAG: 1 })).data).toMatchObject({ INACTIVE_FLAG: 1, RECORD_DELETED: 0 });
		const inactive = await changesSince('products', start);
		expect(inactive.items.map((c) => [c.key, c.change, c.source, c.record.INACTIVE_FLAG])).toEqual([['BOARD001', 'updated', 'sage', 1]]);
		const listed = await h.api.get('/products', { params: { limit: 1000 } });
		expect(listed.data.items.find((p: { STOCK_CODE: string }) => p.STOCK_CODE === 'BOARD001')).toMatchObject({ INACTIVE_FLAG: 1 });

		h.bridge.clock.advance(60);
		expect((await h.admin.patch('/products/BOARD001', { INACTIVE_FLAG: 0 })).data.INACTIVE_FLAG).toBe(0);
		const active = await changesSince('products', inactive.cursor);
		expect(active.items.map((c) => [c.key, c.change, c.source, c.record.INACTIVE_FLAG])).toEqual([['BOARD001', 'updated', 'sage', 0]]);
		expect(Date.parse(String(active.items[0].record.RECORD_MODIFY_DATE))).toBeGreaterThan(Date.parse(String(inactive.items[0].record.RECORD_MODIFY_DATE)));
		// A reader that missed both steps sees only the newest state.
		expect((await changesSince('products', start)).items.map((c) => [c.key, c.record.INACTIVE_FLAG])).toEqual([['BOARD001', 0]]);
		// Saving it active again is no change.
		await h.admin.patch('/products/BOARD001', { INACTIVE_FLAG: 0 });
		expect((await changesSince('products', active.cursor)).items).toEqual([]);
		const order = await h.api.post('/sales-orders', { ACCOUNT_REF: 'KIN001', ITEMS: [{ STOCK_CODE: 'BOARD001' }] }, h.key());
		expect(order.status).toBe(201);
		expect(order.data.ITEMS[0]).toMatchObject({ STOCK_CODE: 'BOARD001', UNIT_PRICE: 44.99 });
	});
});
