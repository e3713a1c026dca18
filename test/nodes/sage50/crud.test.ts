import type { RunningBridge } from '../../../bridge/src';
import { Sage50UkiApi } from '../../../credentials/Sage50UkiApi.credentials';
import { getCountries, getTaxCodes } from '../../../nodes/Sage50Uki/methods/loadOptions';
import { createLoadOptionsContext, testCredential } from '../../support/n8nContext';
import { admin, API_KEY, count, credentials, items, run, start } from './helpers';

let bridge: RunningBridge;
let sage: ReturnType<typeof admin>;
beforeAll(async () => {
	bridge = await start();
	sage = admin(bridge);
});
afterAll(async () => await bridge.close());
beforeEach(async () => await sage.reset());

describe('Sage 50 UKI credential', () => {
	it('tests with an authenticated call and fails on a wrong key', async () => {
		const type = new Sage50UkiApi();
		expect(await testCredential(type, { bridgeUrl: `${bridge.url}/`, apiKey: API_KEY })).toMatchObject({ ok: true });
		const bad = await testCredential(type, { bridgeUrl: bridge.url, apiKey: 'wrong' });
		expect(bad).toMatchObject({ ok: false, status: 401 });
	});

	it('refuses to work against a bridge serving another company, and never echoes the API key', async () => {
		const err = await run(bridge, { resource: 'customer', operation: 'get', accountRef: 'ABS001' }, undefined, { creds: { company: 'Another Ltd' } }).catch((e) => e);
		expect(err.message).toMatch(/serves the Sage company ".+", not "Another Ltd"/);
		const health = (await (await import('axios')).default.get(`${bridge.url}/health`)).data;
		const ok = await run(bridge, { resource: 'customer', operation: 'get', accountRef: 'abs001' }, undefined, { creds: { company: health.company } });
		expect(ok.json[0].NAME).toBe('ABS Garages Ltd');
		const denied = await run(bridge, { resource: 'customer', operation: 'get', accountRef: 'ABS001' }, undefined, { creds: { apiKey: 'super-secret-wrong' } }).catch((e) => e);
		expect(JSON.stringify({ m: denied.message, d: denied.description, x: denied.context })).not.toContain('super-secret-wrong');
	});
});

describe('Sage 50 UKI node: reads', () => {
	it('customer get / get many with paging across several pages and limit', async () => {
		await sage.resetCounters();
		const all = await run(bridge, { resource: 'customer', operation: 'getAll', returnAll: true });
		expect(all.json.map((c) => c.ACCOUNT_REF)).toEqual(['A1D001', 'ABS001', 'BRO001', 'BUS001', 'COM001', 'DUB001', 'KIN001', 'STE001']);
		const limited = await run(bridge, { resource: 'customer', operation: 'getAll', returnAll: false, limit: 3 });
		expect(limited.json.map((c) => c.ACCOUNT_REF)).toEqual(['A1D001', 'ABS001', 'BRO001']);
		// 3 per page: the limit is spread over key-cursor pages.
		await sage.resetCounters();
		const paged = await run(bridge, { resource: 'customer', operation: 'getAll', returnAll: false, limit: 7 });
		expect(paged.json).toHaveLength(7);
		const many = await run(bridge, { resource: 'product', operation: 'getAll', returnAll: true });
		expect(many.json.length).toBe(9);
	});

	it('pages with a small page size: every record once, in key order', async () => {
		const { sagePages } = await import('../../../nodes/shared/sage50/paging');
		const { createExecuteContext } = await import('../../support/n8nContext');
		const ctx = createExecuteContext({ credentials: credentials(bridge), credentialTypes: [new Sage50UkiApi()] });
		const pages: string[][] = [];
		for await (const page of sagePages.call(ctx, '/customers', {}, 3)) pages.push(page.map((c) => String(c.ACCOUNT_REF)));
		expect(pages).toEqual([['A1D001', 'ABS001', 'BRO001'], ['BUS001', 'COM001', 'DUB001'], ['KIN001', 'STE001']]);
	});

	it('Modified Since returns only records changed at or after the instant', async () => {
		await sage.clock({ frozenAt: '2030-07-01T09:00:00Z' });
		await sage.patch('/customers/KIN001', { TELEPHONE: '020 7000 0000' });
		const changed = await run(bridge, { resource: 'customer', operation: 'getAll', returnAll: true, filters: { modifiedSince: '2030-07-01T10:00:00' } });
		expect(changed.json.map((c) => c.ACCOUNT_REF)).toEqual(['KIN001']);
		const later = await run(bridge, { resource: 'customer', operation: 'getAll', returnAll: true, filters: { modifiedSince: '2030-07-01T10:00:01' } });
		expect(later.json).toEqual([]);
	});

	it('addresses, products, orders, quotations, invoices, users and look-ups', async () => {
		const contacts = await run(bridge, { resource: 'customerAddress', operation: 'getAll', returnAll: true, filters: { accountRef: 'a1d001', addressType: 1 } });
		expect(contacts.json.map((a) => a.CONTACT_NAME)).toEqual(['Jim Thompson', 'Lucy Hart']);
		const one = await run(bridge, { resource: 'customerAddress', operation: 'get', accountRef: 'A1D001', addressRef: 2 });
		expect(one.json[0].ADDRESS_TYPE_NAME).toBe('Delivery');
		const product = await run(bridge, { resource: 'product', operation: 'get', stockCode: 'INSTALL' });
		expect(product.json[0].QTY_IN_STOCK).toBeNull();
		const cat = await run(bridge, { resource: 'product', operation: 'getAll', returnAll: true, filters: { stockCategory: 4 } });
		expect(cat.json.map((p) => p.STOCK_CODE).sort()).toEqual(['INSTALL', 'SUPPORT1']);
		const quotes = await run(bridge, { resource: 'quotation', operation: 'getAll', returnAll: true });
		expect(quotes.json.every((q) => q.ORDER_TYPE === 9)).toBe(true);
		expect(quotes.json).toHaveLength(2);
		const orders = await run(bridge, { resource: 'salesOrder', operation: 'getAll', returnAll: true, filters: { accountRef: 'ABS001' } });
		expect(orders.json.map((o) => o.ACCOUNT_REF)).toEqual(['ABS001']);
		const order = await run(bridge, { resource: 'salesOrder', operation: 'get', orderNumber: orders.json[0].ORDER_NUMBER });
		expect(order.json[0].ITEMS).toHaveLength(2);
		const notAQuote = await run(bridge, { resource: 'quotation', operation: 'get', orderNumber: orders.json[0].ORDER_NUMBER }).catch((e) => e);
		expect(notAQuote.message).toMatch(/not a quotation/);
		const invoices = await run(bridge, { resource: 'invoice', operation: 'getAll', returnAll: true, filters: { posted: 0 } });
		expect(invoices.json.every((i) => i.POSTED === 0)).toBe(true);
		const invoice = await run(bridge, { resource: 'invoice', operation: 'get', invoiceNumber: invoices.json[0].INVOICE_NUMBER });
		expect(invoice.json[0].INVOICE_NUMBER).toBe(invoices.json[0].INVOICE_NUMBER);
		const user = await run(bridge, { resource: 'user', operation: 'get', userName: 'Sarah Jones' });
		expect(user.json[0].E_MAIL).toBe('sarah.jones@democompany.example');
		expect((await run(bridge, { resource: 'user', operation: 'getAll', returnAll: true })).json.length).toBe(4);
		const lookups = await run(bridge, { resource: 'lookup', operation: 'getAll', list: 'currencies' });
		expect(lookups.json.some((c) => c.BASE_CURRENCY === 1)).toBe(true);
	});

	it('load options come from the look-ups', async () => {
		const ctx = createLoadOptionsContext({ credentials: credentials(bridge), credentialTypes: [new Sage50UkiApi()] });
		const tax = await getTaxCodes.call(ctx);
		expect(tax.map((t) => t.value)).toContain('T1');
		const countries = await getCountries.call(ctx);
		expect(countries.map((c) => c.value)).toEqual(expect.arrayContaining(['GB', 'IE']));
	});

	it('a missing record is a clear error naming it', async () => {
		const err = await run(bridge, { resource: 'customer', operation: 'get', accountRef: 'NOPE01' }).catch((e) => e);
		expect(err.message).toMatch(/Customer "NOPE01".*NOT_FOUND/);
	});
});

describe('Sage 50 UKI node: writes', () => {
	it('creates and updates a customer, address, sales order and quotation', async () => {
		const created = await run(bridge, { resource: 'customer', operation: 'create', inputMode: 'fields', fields: { NAME: 'Zeta Widgets', COUNTRY_CODE: 'GB', INACTIVE_FLAG: false } });
		const ref = String(created.json[0].ACCOUNT_REF);
		expect(ref).toMatch(/^[A-Z0-9]{1,8}$/);
		const updated = await run(bridge, { resource: 'customer', operation: 'update', accountRef: ref, inputMode: 'json', payload: '{"TELEPHONE":"0113 000 0000"}' });
		expect(updated.json[0].TELEPHONE).toBe('0113 000 0000');

		const address = await run(bridge, { resource: 'customerAddress', operation: 'create', accountRef: ref, addressType: 1, inputMode: 'fields', fields: { CONTACT_NAME: 'Zed', E_MAIL: 'zed@zeta.example' } });
		expect(address.json[0]).toMatchObject({ ACCOUNT_REF: ref, ADDRESS_TYPE: 1 });
		const changed = await run(bridge, { resource: 'customerAddress', operation: 'update', accountRef: ref, addressRef: address.json[0].ADDRESS_REF, inputMode: 'fields', fields: { CONTACT_ROLE: 'Buyer' } });
		expect(changed.json[0].CONTACT_ROLE).toBe('Buyer');

		const order = await run(bridge, {
			resource: 'salesOrder',
			operation: 'create',
			accountRef: 'ABS001',
			lines: { line: [{ STOCK_CODE: 'PAPER001', QTY_ORDER: 2, UNIT_PRICE: '' }] },
			inputMode: 'fields',
			fields: { CUST_ORDER_NUMBER: 'PO-1' },
		});
		expect(order.json[0]).toMatchObject({ ORDER_TYPE: 0, ACCOUNT_REF: 'ABS001' });
		expect((order.json[0].ITEMS as Array<{ UNIT_PRICE: number }>)[0].UNIT_PRICE).toBe(21.5); // Sage priced it (O1)
		const orderUpdate = await run(bridge, { resource: 'salesOrder', operation: 'update', orderNumber: order.json[0].ORDER_NUMBER, inputMode: 'fields', fields: { NOTES_1: 'Deliver am' } });
		expect(orderUpdate.json[0].NOTES_1).toBe('Deliver am');

		const quote = await run(bridge, { resource: 'quotation', operation: 'create', accountRef: 'KIN001', inputMode: 'json', payload: { ITEMS: [{ STOCK_CODE: 'FAX001' }] } });
		expect(quote.json[0]).toMatchObject({ ORDER_TYPE: 9, QUOTE_STATUS: 1 });
		const won = await run(bridge, { resource: 'quotation', operation: 'update', orderNumber: quote.json[0].ORDER_NUMBER, inputMode: 'fields', fields: { QUOTE_STATUS: 2 } });
		expect(won.json[0].QUOTE_STATUS_NAME).toBe('Won');
	});

	it('O1: a retried create with the same idempotency key creates one record', async () => {
		const params = { resource: 'quotation', operation: 'create', accountRef: 'KIN001', inputMode: 'json', payload: { ITEMS: [{ STOCK_CODE: 'FAX001' }] }, writeOptions: { sourceKey: 'FM-900' } };
		const before = (await sage.table('SALES_ORDER')).length;
		const first = await run(bridge, params);
		const second = await run(bridge, params);
		expect(second.json[0].ORDER_NUMBER).toBe(first.json[0].ORDER_NUMBER);
		expect((await sage.table('SALES_ORDER')).length).toBe(before + 1);
		const keys = second.ctx.fake.requests.map((r) => r.headers?.['Idempotency-Key']);
		expect(keys[0]).toMatch(/^n8n:sales-orders:create-quotation:FM-900:/);
		// An explicit key is sent as given.
		const explicit = await run(bridge, { ...params, writeOptions: { idempotencyKey: 'my-key-1' } });
		expect(explicit.ctx.fake.requests[0].headers?.['Idempotency-Key']).toBe('my-key-1');
	});

	it('every write carries an Idempotency-Key; a bad field is reported with record and field', async () => {
		const err = await run(bridge, { resource: 'customer', operation: 'update', accountRef: 'ABS001', inputMode: 'fields', fields: { ADDRESS_1: 'x'.repeat(61) } }).catch((e) => e);
		expect(err.message).toMatch(/Customer "ABS001", field ADDRESS_1: .*\(FIELD_TOO_LONG/);
		const c = await sage.counters();
		expect(count(c, 'PATCH', '/customers/{accountRef}', 400)).toBe(1);
	});

	it('continueOnFail turns a failing item into an error item and goes on', async () => {
		const out = await run(
			bridge,
			(i) => ({ resource: 'customer', operation: 'get', accountRef: i === 0 ? 'NOPE' : 'ABS001' }),
			items(2),
			{ continueOnFail: true },
		);
		expect(out.json[0].error).toMatch(/NOPE/);
		expect(out.json[1].ACCOUNT_REF).toBe('ABS001');
	});
});
