// People's edits in Sage for the Sage adapter's end-to-end runs (test/support/sagePeople.ts): written
// straight into the Sage-shaped tables as Sage's program would, found by the bridge's change capture
// and served in the change feed as Sage's (not the bridge's); tables read back in the contract's
// names; Sage's refusals (exclusive mode, the bridge's user logged on by a person) answered by the
// fake SDO with their SDO numbers. The same calls the sync suite makes on the simulated company.
import axios from 'axios';
import type { IDataObject } from 'n8n-workflow';
import { type SageBridge, startSageBridge } from '../../support/sageBridge';
import { sagePeople } from '../../support/sagePeople';
import type { SageSide } from '../../support/sageSide';

const KEY = 'sage-people-test-key-01';
let bridge: SageBridge;
let sage: SageSide;
const api = () => axios.create({ baseURL: bridge.url, headers: { 'X-API-Key': KEY }, validateStatus: () => true });
/** The feed's entries after a cursor: [change, key, source]. */
const feed = async (entity: string, after: string) => {
	const page = (await api().get(`/changes/${entity}`, { params: { after, limit: 500 } })).data as { items: IDataObject[]; cursor: string };
	return { cursor: page.cursor, items: page.items.map((i) => [i.change, i.key, i.source]) };
};
const head = async (entity: string) => {
	let cursor = '0';
	for (;;) {
		const page = await feed(entity, cursor);
		if (page.cursor === cursor) return cursor;
		cursor = page.cursor;
	}
};

beforeAll(async () => {
	bridge = await startSageBridge({ apiKey: KEY });
	sage = sagePeople(bridge, KEY);
});
afterAll(() => bridge?.close());

describe('people editing Sage (the Sage adapter has no admin API)', () => {
	it('tables read in the contract\'s names: codes renamed, tax code ids as T1, document links numeric', async () => {
		const customers = await sage.table('SALES_LEDGER');
		expect(customers.find((c) => c.ACCOUNT_REF === 'ABS001')).toMatchObject({ NAME: 'ABS Garages Ltd', ACCOUNT_STATUS: 0, RECORD_DELETED: 0 });
		expect(customers[0]).not.toHaveProperty('STATUS_NUMBER');
		const orders = await sage.table('SALES_ORDER');
		expect(orders.find((o) => o.ORDER_NUMBER === 2)).toMatchObject({ ORDER_TYPE: 0, INVOICE_NUMBER: expect.any(Number) });
		expect((await sage.table('SALES_DEL_ADDR')).every((a) => a.TAX_CODE === '' || /^T\d+$/.test(String(a.TAX_CODE)))).toBe(true);
		// Users: the bridge's users directory (the demo company's users with an e-mail).
		expect((await sage.table('USERS')).map((u) => [u.USER_NAME, u.E_MAIL, u.RECORD_DELETED])).toEqual([
			['MANAGER', 'admin@democompany.example', 0],
			['Sarah Jones', 'sarah.jones@democompany.example', 0],
			['TOM', 'tom.baker@democompany.example', 0],
		]);
	});

	it('U1: a user added in Sage is added by the admin to the users directory (validated as the file is) and reaches the users feed', async () => {
		const users = await head('users');
		const ben = await sage.createUser({ USER_NAME: 'BEN', NAME: 'Ben Carter', E_MAIL: 'Ben.Carter@WellsOffice.co.uk', USER_TYPE: 'Standard' });
		expect(ben).toMatchObject({ USER_NAME: 'BEN', NAME: 'Ben Carter', E_MAIL: 'Ben.Carter@WellsOffice.co.uk', USER_TYPE: 'Standard', INACTIVE_FLAG: 0, RECORD_DELETED: 0 });
		expect((await feed('users', users)).items).toEqual([['created', 'BEN', 'sage']]);
		expect((await api().get('/users/BEN')).data).toEqual(ben);
		await expect(sage.createUser({ USER_NAME: 'NOMAIL', NAME: 'No e-mail', E_MAIL: '' })).rejects.toThrow(/sage\.users\[4\]\.email must match format "email"/);
		expect((await sage.table('USERS')).map((u) => u.USER_NAME)).toEqual(['BEN', 'MANAGER', 'Sarah Jones', 'TOM']);
	});

	it('A1 C1: a customer created, an address added and edited in Sage reach the feed as Sage\'s changes', async () => {
		const [customers, addresses] = [await head('customers'), await head('addresses')];
		await sage.createCustomer({ ACCOUNT_REF: 'new001', NAME: 'Newcastle Tiles Ltd', COUNTRY_CODE: 'GB' });
		const contact = await sage.addAddress('NEW001', { ADDRESS_TYPE: 1, CONTACT_NAME: 'Zoe Hill', E_MAIL: 'zoe@newcastletiles.example', TAX_CODE: 'T1' });
		expect(contact).toMatchObject({ ACCOUNT_REF: 'NEW001', ADDRESS_REF: 1, REFERENCE: 'NEW001  0001', TAX_CODE: 'T1' });
		expect((await feed('customers', customers)).items).toEqual([['created', 'NEW001', 'sage']]);
		await sage.editAddress('NEW001', 1, { TELEPHONE: '0191 496 0000' });
		expect((await feed('addresses', addresses)).items).toEqual([['created', 'NEW001  0001', 'sage']]);
		const record = (await api().get('/customers/NEW001/addresses/1')).data;
		expect(record).toMatchObject({ TELEPHONE: '0191 496 0000', CONTACT_NAME: 'Zoe Hill', TAX_CODE: 'T1', RECORD_DELETED: 0 });
	});

	it('A6 C2: a customer deleted in Sage (gone, logged in DELETED_RECORDS) is a deletion in the feed, with its addresses', async () => {
		const [customers, addresses] = [await head('customers'), await head('addresses')];
		await sage.deleteCustomer('KIN001');
		expect((await sage.table('SALES_LEDGER')).map((c) => c.ACCOUNT_REF)).not.toContain('KIN001');
		expect((await sage.table('DELETED_RECORDS')).map((d) => d.FOREIGN_REF)).toEqual(['KIN001  0001', 'KIN001  0002', 'KIN001  0003', 'KIN001']);
		expect((await feed('customers', customers)).items).toEqual([['deleted', 'KIN001', 'sage']]);
		expect((await feed('addresses', addresses)).items).toEqual([1, 2, 3].map((n) => ['deleted', `KIN001  000${n}`, 'sage']));
		// the feed still shows the record as it was (from the capture's snapshot)
		const page = (await api().get('/changes/customers', { params: { after: customers } })).data;
		expect(page.items[0].record).toMatchObject({ ACCOUNT_REF: 'KIN001', NAME: 'Kinnerton Cafe', RECORD_DELETED: 1 });
	});

	it('O2: invoicing sales order 1 in Sage: the invoice (lines and totals of the order) and the order\'s new status reach the feeds', async () => {
		const [orders, invoices] = [await head('sales-orders'), await head('invoices')];
		const order = (await api().get('/sales-orders/1')).data;
		const invoice = await sage.createInvoice({ ORDER_NUMBER: 1, POSTED: 1 });
		expect(invoice).toMatchObject({ ORDER_NUMBER: 1, INVOICE_GROSS: order.INVOICE_GROSS, POSTED: 1, ACCOUNT_REF: order.ACCOUNT_REF });
		expect((await feed('sales-orders', orders)).items).toEqual([['updated', '1', 'sage']]);
		expect((await feed('invoices', invoices)).items).toEqual([['created', String(invoice.INVOICE_NUMBER), 'sage']]);
		const read = (await api().get(`/invoices/${String(invoice.INVOICE_NUMBER)}`)).data;
		expect(read.ITEMS.map((l: IDataObject) => [l.STOCK_CODE, l.QUANTITY])).toEqual(order.ITEMS.map((l: IDataObject) => [l.STOCK_CODE, l.QTY_ORDER]));
		expect((await api().get('/sales-orders/1')).data.INVOICE_NUMBER).toBe(invoice.INVOICE_NUMBER);
	});

	it('P4 P5: a product set inactive, then one deleted (RECORD_DELETED) in Sage', async () => {
		const after = await head('products');
		await sage.editProduct('PAPER001', { INACTIVE_FLAG: 1 });
		await sage.deleteProduct('BOOK001');
		expect((await feed('products', after)).items).toEqual([
			['updated', 'PAPER001', 'sage'],
			['deleted', 'BOOK001', 'sage'],
		]);
	});

	it('exclusive mode and the bridge\'s user logged on by a person: writes refused by the fake SDO with the SDO number, until cleared', async () => {
		const write = (key: string) => api().post('/customers', { NAME: 'Locked Out Ltd' }, { headers: { 'Idempotency-Key': key } });
		await sage.fault({ mode: 'EXCLUSIVE_MODE', count: 50, method: 'POST', route: '/customers' });
		const exclusive = await write('people-1');
		expect([exclusive.status, exclusive.data.code, exclusive.data.sageErrorCode, exclusive.data.retryable]).toEqual([503, 'EXCLUSIVE_MODE', 24, true]);
		await sage.clearFaults();
		await sage.fault({ mode: 'USER_IN_USE' });
		expect((await write('people-2')).data).toMatchObject({ code: 'USER_IN_USE', sageErrorCode: 23 });
		await sage.clearFaults();
		expect((await write('people-3')).status).toBe(201);
		// garbage from a proxy is the HTTP layer's, whatever the adapter
		await sage.fault({ mode: 'htmlError', count: 1, route: '/lookups/currencies' });
		expect((await api().get('/lookups/currencies')).headers['content-type']).toMatch(/text\/html/);
		expect((await api().get('/lookups/currencies')).status).toBe(200);
	});

	it('counters and the clock are the service\'s own', async () => {
		await sage.resetCounters();
		await api().get('/customers');
		expect(await sage.counters()).toMatchObject({ total: 1, writes: 0 });
		const before = bridge.clock.nowSeconds();
		await sage.clock({ advanceSeconds: 3600 });
		expect(bridge.clock.nowSeconds() - before).toBeGreaterThanOrEqual(3600);
		await expect(sage.reset()).rejects.toThrow(/not something a person does in Sage 50/);
	});
});
