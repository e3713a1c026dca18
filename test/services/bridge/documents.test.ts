import { type Harness, startHarness } from './harness';

let h: Harness;
beforeAll(async () => {
	h = await startHarness();
});
afterAll(() => h.bridge.close());

describe('O1 sales orders and quotations are priced, taxed and numbered by Sage', () => {
	it('computes VAT per line from the tax code (2 dp) and header totals', async () => {
		const res = await h.api.post(
			'/sales-orders',
			{
				ACCOUNT_REF: 'kin001',
				CUST_ORDER_NUMBER: 'FM-QUOTE-77',
				CARR_NET: 9.99,
				ITEMS: [
					{ STOCK_CODE: 'BOARD001', QTY_ORDER: 3 }, // 134.97 @ 20% -> 26.994 -> 26.99
					{ STOCK_CODE: 'ENERGY01', QTY_ORDER: 333 }, // 0.28 x 333 = 93.24 @ T5 5% -> 4.662 -> 4.66
					{ STOCK_CODE: 'BOOK001', QTY_ORDER: 2, UNIT_PRICE: 10.005 }, // 20.01 @ T0
					{ STOCK_CODE: 'INSTALL', QTY_ORDER: 1.5, DISCOUNT_RATE: 10 }, // 97.50 - 9.75 = 87.75 @ 20% -> 17.55
				],
			},
			h.key(),
		);
		expect(res.status).toBe(201);
		const o = res.data;
		expect(o).toMatchObject({ ACCOUNT_REF: 'KIN001', ORDER_TYPE: 0, ORDER_TYPE_NAME: 'Sales Order', QUOTE_STATUS: 0, NAME: 'Kinnerton Cafe', ADDRESS_1: '3 Kinnerton Street' });
		expect(o.ITEMS.map((l: Record<string, number>) => [l.NET_AMOUNT, l.TAX_CODE, l.TAX_AMOUNT, l.GROSS_AMOUNT])).toEqual([
			[134.97, 'T1', 26.99, 161.96],
			[93.24, 'T5', 4.66, 97.9],
			[20.01, 'T0', 0, 20.01],
			[87.75, 'T1', 17.55, 105.3],
		]);
		expect(o.ITEMS[3]).toMatchObject({ FULL_NET_AMOUNT: 97.5, DISCOUNT_AMOUNT: 9.75, SERVICE_FLAG: 1, UNIT_PRICE: 65 });
		expect(o).toMatchObject({
			ITEMS_NET: 335.97,
			ITEMS_TAX: 49.2,
			ITEMS_GROSS: 385.17,
			CARR_NET: 9.99,
			CARR_TAX: 2,
			CARR_GROSS: 11.99,
			INVOICE_NET: 345.96,
			INVOICE_TAX: 51.2,
			INVOICE_GROSS: 397.16,
		});
	});

	it('allocates the next order number and refuses a manual number already used', async () => {
		const a = await h.api.post('/sales-orders', { ACCOUNT_REF: 'ABS001', ITEMS: [{ STOCK_CODE: 'PAPER001' }] }, h.key());
		const b = await h.api.post('/sales-orders', { ACCOUNT_REF: 'ABS001', ITEMS: [{ STOCK_CODE: 'PAPER001' }] }, h.key());
		expect(b.data.ORDER_NUMBER).toBe(a.data.ORDER_NUMBER + 1);
		const manual = await h.api.post('/sales-orders', { ACCOUNT_REF: 'ABS001', ORDER_NUMBER: 5000, ITEMS: [{ STOCK_CODE: 'PAPER001' }] }, h.key());
		expect(manual.data.ORDER_NUMBER).toBe(5000);
		const dup = await h.api.post('/sales-orders', { ACCOUNT_REF: 'ABS001', ORDER_NUMBER: 5000, ITEMS: [{ STOCK_CODE: 'PAPER001' }] }, h.key());
		expect(dup.status).toBe(409);
		expect(dup.data.code).toBe('ORDER_NUMBER_EXISTS');
	});

	it('creates quotations open and lets an open quote be won once', async () => {
		const q = await h.api.post('/sales-orders', { ACCOUNT_REF: 'BRO001', ORDER_TYPE: 9, ITEMS: [{ STOCK_CODE: 'SUPPORT1' }] }, h.key());
		expect(q.data).toMatchObject({ ORDER_TYPE: 9, ORDER_TYPE_NAME: 'Quotation', QUOTE_STATUS: 1, QUOTE_STATUS_NAME: 'Open' });
		const won = await h.api.patch(`/sales-orders/${q.data.ORDER_NUMBER}`, { QUOTE_STATUS: 2 }, h.key());
		expect(won.data).toMatchObject({ QUOTE_STATUS: 2, QUOTE_STATUS_NAME: 'Won' });
		const lost = await h.api.patch(`/sales-orders/${q.data.ORDER_NUMBER}`, { QUOTE_STATUS: 3 }, h.key());
		expect(lost.status).toBe(422);
		expect(lost.data.code).toBe('INVALID_QUOTE_STATUS');
		const notQuote = await h.api.patch('/sales-orders/1', { QUOTE_STATUS: 2 }, h.key());
		expect(notQuote.data.code).toBe('INVALID_QUOTE_STATUS');
		const quotes = await h.api.get('/sales-orders', { params: { orderType: 9, limit: 1000 } });
		expect(quotes.data.items.every((o: { ORDER_TYPE: number }) => o.ORDER_TYPE === 9)).toBe(true);
	});

	it('copies the delivery address chosen by DEL_ADDRESS_REF', async () => {
		const res = await h.api.post('/sales-orders', { ACCOUNT_REF: 'KIN001', DEL_ADDRESS_REF: 2, ITEMS: [{ STOCK_CODE: 'PAPER001' }] }, h.key());
		expect(res.data).toMatchObject({ DEL_NAME: 'Kinnerton Cafe (rear)', DEL_ADDRESS_1: 'Motcomb Street' });
		const bad = await h.api.post('/sales-orders', { ACCOUNT_REF: 'KIN001', DEL_ADDRESS_REF: 99, ITEMS: [{ STOCK_CODE: 'PAPER001' }] }, h.key());
		expect(bad.data).toMatchObject({ code: 'UNKNOWN_ADDRESS', field: 'DEL_ADDRESS_REF' });
	});

	it.each([
		['BUS001', 'ACCOUNT_ON_HOLD', 70],
		['COM001', 'ACCOUNT_INACTIVE', 71],
		['NOSUCH', 'UNKNOWN_ACCOUNT', 17],
	])('rejects orders for %s with %s', async (ref, code, sageErrorCode) => {
		const res = await h.api.post('/sales-orders', { ACCOUNT_REF: ref, ITEMS: [{ STOCK_CODE: 'PAPER001' }] }, h.key());
		expect(res.status).toBe(422);
		expect(res.data).toMatchObject({ code, sageErrorCode, field: 'ACCOUNT_REF', retryable: false });
	});

	it('names the failing line for unknown stock and tax codes and over-long descriptions', async () => {
		const stock = await h.api.post('/sales-orders', { ACCOUNT_REF: 'ABS001', ITEMS: [{ STOCK_CODE: 'PAPER001' }, { STOCK_CODE: 'NOPE' }] }, h.key());
		expect(stock.data).toMatchObject({ code: 'UNKNOWN_STOCK_CODE', field: 'ITEMS[1].STOCK_CODE', record: 'ABS001' });
		const tax = await h.api.post('/sales-orders', { ACCOUNT_REF: 'ABS001', ITEMS: [{ STOCK_CODE: 'PAPER001', TAX_CODE: 'T42' }] }, h.key());
		expect(tax.data).toMatchObject({ code: 'UNKNOWN_TAX_CODE', field: 'ITEMS[0].TAX_CODE' });
		const long = await h.api.post('/sales-orders', { ACCOUNT_REF: 'ABS001', ITEMS: [{ STOCK_CODE: 'S1', DESCRIPTION: 'd'.repeat(61), UNIT_PRICE: 1 }] }, h.key());
		expect(long.data).toMatchObject({ code: 'FIELD_TOO_LONG', field: 'ITEMS[0].DESCRIPTION' });
		const none = await h.api.post('/sales-orders', { ACCOUNT_REF: 'ABS001', ITEMS: [] }, h.key());
		expect(none.data).toMatchObject({ code: 'REQUIRED_FIELD', field: 'ITEMS' });
	});

	it("raises a document in its customer's currency only: CURRENCY_CODE of another currency is refused naming both; quantities must be above 0, quoted", async () => {
		const euro = await h.api.post('/sales-orders', { ACCOUNT_REF: 'KIN001', CURRENCY_CODE: 'EUR', ITEMS: [{ STOCK_CODE: 'PAPER001' }] }, h.key());
		expect(euro.status).toBe(400);
		expect(euro.data).toMatchObject({ code: 'VALIDATION_FAILED', field: 'CURRENCY_CODE', record: 'KIN001', message: 'CURRENCY_CODE "EUR": customer KIN001 trades in GBP, and Sage raises its documents in that currency only' });
		const unknown = await h.api.post('/sales-orders', { ACCOUNT_REF: 'KIN001', CURRENCY_CODE: 'JPY', ITEMS: [{ STOCK_CODE: 'PAPER001' }] }, h.key());
		expect(unknown.data).toMatchObject({ code: 'VALIDATION_FAILED', field: 'CURRENCY_CODE', message: 'CURRENCY_CODE "JPY" is not a currency of this company' });
		const dublin = await h.api.post('/sales-orders', { ACCOUNT_REF: 'DUB001', CURRENCY_CODE: 'eur', ITEMS: [{ STOCK_CODE: 'PAPER001' }] }, h.key());
		expect(dublin.status).toBe(201);
		expect(dublin.data).toMatchObject({ ACCOUNT_REF: 'DUB001', CURRENCY: 2 });
		expect(dublin.data).not.toHaveProperty('CURRENCY_CODE');
		const zero = await h.api.post('/sales-orders', { ACCOUNT_REF: 'KIN001', ITEMS: [{ STOCK_CODE: 'PAPER001', QTY_ORDER: -2 }] }, h.key());
		expect(zero.data).toMatchObject({ code: 'VALIDATION_FAILED', field: 'ITEMS[0].QTY_ORDER', message: 'ITEMS[0].QTY_ORDER is -2; it must be greater than 0' });
	});

	it('replaying an order with its Idempotency-Key creates one order only', async () => {
		const headers = { 'Idempotency-Key': 'order-replay-1' };
		const payload = { ACCOUNT_REF: 'STE001', ORDER_TYPE: 9, ITEMS: [{ STOCK_CODE: 'FAX001' }] };
		const first = await h.api.post('/sales-orders', payload, { headers });
		const count = (await h.admin.get('/tables/SALES_ORDER')).data.rows.length;
		const second = await h.api.post('/sales-orders', { ITEMS: [{ STOCK_CODE: 'FAX001' }], ORDER_TYPE: 9, ACCOUNT_REF: 'STE001' }, { headers });
		expect(second.data.ORDER_NUMBER).toBe(first.data.ORDER_NUMBER);
		expect((await h.admin.get('/tables/SALES_ORDER')).data.rows.length).toBe(count);
	});
});

describe('O2 invoices', () => {
	it('filters posted and unposted invoices and moves the balance when Sage posts one', async () => {
		const posted = await h.api.get('/invoices', { params: { posted: 1 } });
		const unposted = await h.api.get('/invoices', { params: { posted: 0 } });
		expect(posted.data.items.length).toBeGreaterThan(0);
		expect(unposted.data.items.length).toBeGreaterThan(0);
		expect(posted.data.items.every((i: { POSTED: number }) => i.POSTED === 1)).toBe(true);
		const invoice = unposted.data.items.find((i: { INVOICE_TYPE: number }) => i.INVOICE_TYPE === 0);
		const before = (await h.api.get(`/customers/${invoice.ACCOUNT_REF}`)).data.BALANCE;
		await h.admin.post(`/invoices/${invoice.INVOICE_NUMBER}/post`);
		expect((await h.api.get(`/invoices/${invoice.INVOICE_NUMBER}`)).data.POSTED).toBe(1);
		expect((await h.api.get(`/customers/${invoice.ACCOUNT_REF}`)).data.BALANCE).toBeCloseTo(before + invoice.INVOICE_GROSS, 2);
	});

	it('an order invoiced in Sage links both ways and refuses on-hold accounts', async () => {
		const order = await h.api.post('/sales-orders', { ACCOUNT_REF: 'ABS001', ITEMS: [{ STOCK_CODE: 'BOOK001', QTY_ORDER: 2 }] }, h.key());
		const inv = await h.admin.post('/invoices', { ORDER_NUMBER: order.data.ORDER_NUMBER });
		expect(inv.status).toBe(201);
		const got = await h.api.get(`/invoices/${inv.data.INVOICE_NUMBER}`);
		expect(got.data).toMatchObject({ ORDER_NUMBER: order.data.ORDER_NUMBER, INVOICE_GROSS: order.data.INVOICE_GROSS, POSTED: 0, INVOICE_TYPE: 1 });
		expect((await h.api.get(`/sales-orders/${order.data.ORDER_NUMBER}`)).data).toMatchObject({ INVOICE_NUMBER: inv.data.INVOICE_NUMBER, DESPATCH_STATUS_CODE: 2 });
		const held = await h.admin.post('/invoices', { ACCOUNT_REF: 'BUS001', ITEMS: [{ STOCK_CODE: 'BOOK001' }] });
		expect(held.data.code).toBe('ACCOUNT_ON_HOLD');
	});
});

describe('products', () => {
	it('P2 non-stock and service items carry no stock figure; stock items do', async () => {
		const all = await h.api.get('/products', { params: { limit: 1000 } });
		const byCode = Object.fromEntries(all.data.items.map((p: { STOCK_CODE: string }) => [p.STOCK_CODE, p]));
		expect(byCode.BOARD001).toMatchObject({ ITEM_TYPE: 0, ITEM_TYPE_NAME: 'Stock', QTY_IN_STOCK: 27, QTY_ALLOCATED: 2, FREE_STOCK: 25 });
		expect(byCode.ENERGY01).toMatchObject({ ITEM_TYPE: 1, ITEM_TYPE_NAME: 'NonStock', QTY_IN_STOCK: null, FREE_STOCK: null });
		expect(byCode.INSTALL).toMatchObject({ ITEM_TYPE: 2, ITEM_TYPE_NAME: 'Service', QTY_IN_STOCK: null, FREE_STOCK: null });
		expect(byCode.TONER01.INACTIVE_FLAG).toBe(1);
	});

	it('P3 serves the product image bytes named by WEB_IMAGE_FILE', async () => {
		const product = await h.api.get('/products/BOARD001');
		expect(product.data.WEB_IMAGE_FILE).toBe('board001.png');
		const image = await h.api.get('/products/BOARD001/image', { responseType: 'arraybuffer' });
		expect(image.status).toBe(200);
		expect(image.headers['content-type']).toBe('image/png');
		expect(Buffer.from(image.data).subarray(1, 4).toString('ascii')).toBe('PNG');
		const none = await h.api.get('/products/PAPER001/image');
		expect(none.status).toBe(404);
	});
});

describe('users and look-ups', () => {
	it('U1 lists users with name and e-mail', async () => {
		const res = await h.api.get('/users');
		expect(res.data.items).toEqual(expect.arrayContaining([expect.objectContaining({ USER_NAME: 'Sarah Jones', NAME: 'Sarah Jones', E_MAIL: 'sarah.jones@democompany.example' })]));
		expect((await h.api.get(`/users/${encodeURIComponent('Sarah Jones')}`)).data.USER_TYPE).toBe('Standard');
	});

	it('lists UK tax codes, GBP base currency, countries, account statuses and stock categories', async () => {
		const tax = (await h.api.get('/lookups/tax-codes')).data.items;
		expect(tax.map((t: { TAX_CODE: string; TAX_RATE: number }) => [t.TAX_CODE, t.TAX_RATE])).toEqual(
			expect.arrayContaining([['T0', 0], ['T1', 20], ['T2', 0], ['T5', 5], ['T9', 0]]),
		);
		const currencies = (await h.api.get('/lookups/currencies')).data.items;
		expect(currencies.find((c: { BASE_CURRENCY: number }) => c.BASE_CURRENCY === 1).CODE).toBe('GBP');
		expect((await h.api.get('/lookups/countries')).data.items.length).toBeGreaterThan(0);
		expect((await h.api.get('/lookups/account-statuses')).data.items.length).toBeGreaterThan(0);
		expect((await h.api.get('/lookups/stock-categories')).data.items.length).toBeGreaterThan(0);
	});
});
