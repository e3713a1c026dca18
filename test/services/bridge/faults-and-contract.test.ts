import { assertContract, contractStats, documentedOperations } from './contract';
import { type Harness, startHarness } from './harness';

let h: Harness;
beforeAll(async () => {
	h = await startHarness();
});
afterAll(() => h.bridge.close());
afterEach(() => h.admin.delete('/faults'));

describe('addresses and contacts', () => {
	it('C3 allows one registered address per customer but any number of delivery and contact addresses', async () => {
		const second = await h.api.post('/customers/KIN001/addresses', { ADDRESS_TYPE: 2, ADDRESS_1: 'Elsewhere' }, h.key());
		expect(second.status).toBe(409);
		expect(second.data).toMatchObject({ code: 'REGISTERED_ADDRESS_EXISTS', sageErrorCode: 45, record: 'KIN001' });
		const first = await h.api.post('/customers/BRO001/addresses', { ADDRESS_TYPE: 2, ADDRESS_1: "12 O'Connell Street" }, h.key());
		expect(first.status).toBe(201);
		for (let i = 0; i < 3; i++) {
			expect((await h.api.post('/customers/BRO001/addresses', { ADDRESS_TYPE: 0, ADDRESS_1: `Dock ${i}` }, h.key())).status).toBe(201);
			expect((await h.api.post('/customers/BRO001/addresses', { ADDRESS_TYPE: 1, CONTACT_NAME: `Person ${i}` }, h.key())).status).toBe(201);
		}
		const contacts = await h.api.get('/customers/BRO001/addresses', { params: { type: 1 } });
		expect(contacts.data.items).toHaveLength(4);
		expect(contacts.data.items.every((a: { ADDRESS_TYPE_NAME: string }) => a.ADDRESS_TYPE_NAME === 'Contact')).toBe(true);
	});

	it('C3 contact addresses need a contact name; lengths are Sage lengths; type cannot change', async () => {
		const noName = await h.api.post('/customers/ABS001/addresses', { ADDRESS_TYPE: 1, E_MAIL: 'x@y.example' }, h.key());
		expect(noName.data).toMatchObject({ code: 'REQUIRED_FIELD', field: 'CONTACT_NAME' });
		const long = await h.api.post('/customers/ABS001/addresses', { ADDRESS_TYPE: 1, CONTACT_NAME: 'c'.repeat(31) }, h.key());
		expect(long.data).toMatchObject({ code: 'FIELD_TOO_LONG', field: 'CONTACT_NAME' });
		const type = await h.api.patch('/customers/ABS001/addresses/1', { ADDRESS_TYPE: 1 }, h.key());
		expect(type.data).toMatchObject({ code: 'VALIDATION_FAILED', field: 'ADDRESS_TYPE' });
		expect((await h.api.post('/customers/NOPE/addresses', { ADDRESS_TYPE: 0 }, h.key())).status).toBe(404);
	});

	it('pages contact addresses of all customers by REFERENCE', async () => {
		const seen: string[] = [];
		let after: string | null = null;
		do {
			const res: { data: { items: Array<{ REFERENCE: string }>; nextCursor: string | null } } = await h.api.get('/addresses', { params: { type: 1, limit: 2, ...(after ? { after } : {}) } });
			seen.push(...res.data.items.map((a) => a.REFERENCE));
			after = res.data.nextCursor;
		} while (after);
		expect(seen.length).toBeGreaterThan(4);
		expect(new Set(seen).size).toBe(seen.length);
		expect([...seen].sort()).toEqual(seen);
	});
});

describe('fault injection', () => {
	it.each(['USER_IN_USE', 'EXCLUSIVE_MODE', 'RECORD_LOCKED', 'SAGE_BUSY'])('%s is a retryable 503 with Retry-After, then the bridge recovers', async (mode) => {
		await h.admin.post('/faults', { mode, count: 2, route: '/customers/{accountRef}' });
		for (let i = 0; i < 2; i++) {
			const res = await h.api.get('/customers/ABS001');
			expect(res.status).toBe(503);
			expect(res.data).toMatchObject({ code: mode, retryable: true });
			expect(typeof res.data.sageErrorCode).toBe('number');
			expect(res.headers['retry-after']).toBe('1');
		}
		expect((await h.api.get('/customers/ABS001')).status).toBe(200);
	});

	it('faults target a method and route only', async () => {
		await h.admin.post('/faults', { mode: 'SAGE_BUSY', count: 1, method: 'POST', route: '/sales-orders' });
		expect((await h.api.get('/sales-orders')).status).toBe(200);
		expect((await h.api.post('/sales-orders', { ACCOUNT_REF: 'ABS001', ITEMS: [{ STOCK_CODE: 'BOOK001' }] }, h.key())).status).toBe(503);
	});

	it('a retry after a retryable failure with the same Idempotency-Key writes exactly once', async () => {
		await h.admin.post('/faults', { mode: 'RECORD_LOCKED', count: 1, method: 'POST', route: '/customers' });
		const headers = { 'Idempotency-Key': 'retry-after-lock' };
		const failed = await h.api.post('/customers', { NAME: 'Locked Out Ltd' }, { headers });
		expect(failed.status).toBe(503);
		const retried = await h.api.post('/customers', { NAME: 'Locked Out Ltd' }, { headers });
		expect(retried.status).toBe(201);
		const replay = await h.api.post('/customers', { NAME: 'Locked Out Ltd' }, { headers });
		expect(replay.data.ACCOUNT_REF).toBe(retried.data.ACCOUNT_REF);
		const rows = (await h.admin.get('/tables/SALES_LEDGER')).data.rows.filter((r: { NAME: string }) => r.NAME === 'Locked Out Ltd');
		expect(rows).toHaveLength(1);
	});

	it('offline closes the connection; slow delays the answer', async () => {
		await h.admin.post('/faults', { mode: 'offline', count: 1 });
		await expect(h.api.get('/customers')).rejects.toMatchObject({ code: expect.stringMatching(/ECONNRESET|ERR_BAD_RESPONSE|ECONNABORTED|socket hang up/) });
		await h.admin.post('/faults', { mode: 'slow', count: 1, delayMs: 300 });
		await expect(h.api.get('/customers', { timeout: 100 })).rejects.toMatchObject({ code: 'ECONNABORTED' });
		expect((await h.api.get('/customers')).status).toBe(200);
	});

	it('counts requests by method, route template and status, writes separately', async () => {
		await h.admin.post('/counters/reset');
		await h.api.get('/customers/ABS001');
		await h.api.get('/customers/KIN001');
		await h.api.patch('/customers/KIN001', { ANALYSIS_3: 'counted' }, h.key());
		await h.api.get('/customers/NOPE');
		const counters = (await h.admin.get('/counters')).data;
		expect(counters.total).toBe(4);
		expect(counters.writes).toBe(1);
		expect(counters.byRoute).toEqual(
			expect.arrayContaining([
				{ method: 'GET', route: '/customers/{accountRef}', status: 200, count: 2 },
				{ method: 'GET', route: '/customers/{accountRef}', status: 404, count: 1 },
				{ method: 'PATCH', route: '/customers/{accountRef}', status: 200, count: 1 },
			]),
		);
	});
});

describe('contract', () => {
	it('the validator rejects bodies and routes that break openapi.yaml', () => {
		expect(() => assertContract('get', '/customers/ABS001', 200, 'application/json', { NAME: 'no key' })).toThrow(/violates/);
		expect(() => assertContract('get', '/customers', 200, 'application/json', { items: [], nextCursor: null, extra: 1 })).toThrow(/violates/);
		expect(() => assertContract('get', '/nowhere', 200, 'application/json', {})).toThrow(/no path/);
		expect(() => assertContract('delete', '/customers/ABS001', 200, 'application/json', {})).toThrow(/not documented/);
		expect(() => assertContract('get', '/customers/ABS001', 404, 'application/json', { code: 'NOPE', message: 'x', retryable: false })).toThrow(/violates/);
	});

	it('every documented operation answers in the contract shape (success and error)', async () => {
		const calls: Array<[string, string, unknown?]> = [
			['get', '/health'],
			['get', '/customers'],
			['post', '/customers', { NAME: 'Contract Ltd' }],
			['get', '/customers/ABS001'],
			['patch', '/customers/ABS001', { TERMS: 'Net 30' }],
			['get', '/customers/ABS001/addresses'],
			['post', '/customers/ABS001/addresses', { ADDRESS_TYPE: 0, ADDRESS_1: 'Somewhere' }],
			['get', '/customers/ABS001/addresses/1'],
			['patch', '/customers/ABS001/addresses/1', { NOTES: 'Ring bell' }],
			['get', '/addresses'],
			['get', '/products'],
			['get', '/products/INSTALL'],
			['get', '/products/BOARD001/image'],
			['get', '/sales-orders'],
			['post', '/sales-orders', { ACCOUNT_REF: 'ABS001', ORDER_TYPE: 9, ITEMS: [{ STOCK_CODE: 'FAX001' }] }],
			['get', '/sales-orders/3'],
			['patch', '/sales-orders/3', { NOTES_1: 'Chased' }],
			['get', '/invoices'],
			['get', '/invoices/1'],
			['get', '/users'],
			['get', '/users/MANAGER'],
			['get', '/lookups/tax-codes'],
			['get', '/lookups/currencies'],
			['get', '/lookups/countries'],
			['get', '/lookups/account-statuses'],
			['get', '/lookups/stock-categories'],
			...['customers', 'addresses', 'products', 'sales-orders', 'invoices', 'users'].map((e): [string, string] => ['get', `/changes/${e}`]),
			['post', '/deliveries/c1/lease', { source: 'sage', entity: 'customers', limit: 2 }],
			['post', '/deliveries/c2/offers', { entity: 'accounts', items: [{ key: '1', event: 'created', version: { order: 1, tag: 'a' } }] }],
			['post', '/deliveries/c1/acks', { items: [{ key: 'A1D001', version: { order: 1 }, outcome: 'failed', reason: 'x' }] }],
			['get', '/deliveries'],
			['get', '/deliveries/dead-letters'],
			['post', '/deliveries/dead-letters/replay', { consumer: 'c1' }],
			['post', '/sync-state', { items: [{ entity: 'account', sageKey: 'ABS001', sage: { NAME: 'x' } }] }],
			['post', '/sync-state/query', { entity: 'account', sageKeys: ['ABS001'] }],
		];
		for (const [method, url, data] of calls) {
			const res = await h.api.request({ method, url, data, ...(method === 'get' ? {} : h.key()), ...(url.endsWith('/image') ? { responseType: 'arraybuffer' } : {}) });
			expect([200, 201]).toContain(res.status);
			// the error side of the same operation
			const bad = await h.api.request({ method, url: url === '/health' ? url : url.replace(/ABS001|INSTALL|BOARD001|MANAGER/, 'ZZZ404'), data: method === 'get' ? undefined : { NOT_A_FIELD: 1 }, ...(method === 'get' ? {} : h.key()), headers: { 'X-API-Key': url === '/health' ? 'x' : 'wrong' } });
			expect(bad.status).toBe(url === '/health' ? 200 : 401);
		}
		for (const op of documentedOperations()) expect(contractStats.operations).toContain(op);
	});
});
