// External references: the bridge's own mapping from a caller's identity for a record
// (`forceManager:account:17`) to the Sage key it got, so FM-born records are found again (A4, C1, O1).
// Every response goes through the openapi contract check (bridgeClient).
import { type Harness, startHarness } from './harness';

let h: Harness;
beforeAll(async () => {
	h = await startHarness();
});
afterAll(() => h.bridge.close());
beforeEach(async () => {
	await h.admin.post('/reset', { seed: 'demo' });
});

describe('external references on customers (A4)', () => {
	it('stores externalRef on create, exposes EXTERNAL_REF, finds the record by it; demo records carry null', async () => {
		const created = await h.api.post('/customers', { NAME: 'Field Sales Ltd', externalRef: 'forceManager:account:17' }, h.key());
		expect(created.status).toBe(201);
		expect(created.data).toMatchObject({ NAME: 'Field Sales Ltd', EXTERNAL_REF: 'forceManager:account:17' });
		const ref = created.data.ACCOUNT_REF as string;
		expect((await h.api.get(`/customers/${ref}`)).data.EXTERNAL_REF).toBe('forceManager:account:17');
		expect((await h.api.get('/customers/ABS001')).data.EXTERNAL_REF).toBeNull();

		const found = await h.api.get('/customers', { params: { externalRef: 'forceManager:account:17,forceManager:account:99' } });
		expect(found.data.items.map((c: { ACCOUNT_REF: string }) => c.ACCOUNT_REF)).toEqual([ref]);
		const none = await h.api.get('/customers', { params: { externalRef: 'forceManager:account:99' } });
		expect(none.data).toEqual({ items: [], nextCursor: null });
		// The reference is not a Sage column: SALES_LEDGER has no such field.
		const ledger = (await h.admin.get('/tables/SALES_LEDGER')).data.rows as Array<Record<string, unknown>>;
		expect(Object.keys(ledger[0])).not.toContain('EXTERNAL_REF');
		const map = (await h.admin.get('/tables/BRIDGE_EXTERNAL_REFS')).data.rows;
		expect(map).toEqual([expect.objectContaining({ ENTITY: 'customers', EXTERNAL_REF: 'forceManager:account:17', RECORD_KEY: ref })]);
	});

	it('A4: a second create with the same externalRef (new Idempotency-Key, edited body) creates nothing and names the first record', async () => {
		const first = await h.api.post('/customers', { NAME: 'Field Sales Ltd', externalRef: 'forceManager:account:17' }, h.key());
		const again = await h.api.post('/customers', { NAME: 'Field Sales Limited', externalRef: 'forceManager:account:17' }, h.key());
		expect(again.status).toBe(409);
		expect(again.data).toMatchObject({ code: 'EXTERNAL_REF_EXISTS', field: 'externalRef', record: first.data.ACCOUNT_REF, retryable: false });
		const all = await h.api.get('/customers', { params: { limit: 1000 } });
		expect(all.data.items.filter((c: { NAME: string }) => c.NAME.startsWith('Field Sales'))).toHaveLength(1);
	});

	it('a reused create key with a different body is refused naming the record the first request created', async () => {
		const key = { headers: { 'Idempotency-Key': 'n8n:customers:create:forceManager:account:18' } };
		const first = await h.api.post('/customers', { NAME: 'Quiet Ltd', externalRef: 'forceManager:account:18' }, key);
		expect(first.status).toBe(201);
		const edited = await h.api.post('/customers', { NAME: 'Quiet Limited', externalRef: 'forceManager:account:18' }, key);
		expect(edited.status).toBe(409);
		expect(edited.data).toMatchObject({ code: 'IDEMPOTENCY_KEY_REUSED', record: first.data.ACCOUNT_REF });
		expect(edited.data.message).toContain(`it created ${first.data.ACCOUNT_REF}`);
	});

	it('refs= looks several customers up in one call (upper-cased, unknown left out), combinable with externalRef', async () => {
		const res = await h.api.get('/customers', { params: { refs: 'abs001,BRO001,NOPE01' } });
		expect(res.data.items.map((c: { ACCOUNT_REF: string }) => c.ACCOUNT_REF)).toEqual(['ABS001', 'BRO001']);
		const mapped = (await h.api.post('/customers', { NAME: 'Mapped Ltd', externalRef: 'forceManager:account:5' }, h.key())).data.ACCOUNT_REF;
		const both = await h.api.get('/customers', { params: { refs: `ABS001,${mapped}`, externalRef: 'forceManager:account:5' } });
		expect(both.data.items.map((c: { ACCOUNT_REF: string }) => c.ACCOUNT_REF)).toEqual([mapped]);
		const neither = await h.api.get('/customers', { params: { refs: 'ABS001', externalRef: 'forceManager:account:5' } });
		expect(neither.data.items).toEqual([]);
	});

	it.each([
		['externalRef too long', { NAME: 'X Ltd', externalRef: 'x'.repeat(101) }],
		['externalRef not a string', { NAME: 'X Ltd', externalRef: 17 }],
		['externalRef empty', { NAME: 'X Ltd', externalRef: '  ' }],
	])('rejects %s naming the field', async (_why, body) => {
		const res = await h.api.post('/customers', body, h.key());
		expect(res.status).toBe(400);
		expect(res.data).toMatchObject({ code: 'VALIDATION_FAILED', field: 'externalRef' });
	});

	it('rejects more than 100 values in refs / externalRef', async () => {
		const many = Array.from({ length: 101 }, (_, i) => `R${i}`).join(',');
		expect((await h.api.get('/customers', { params: { refs: many } })).data).toMatchObject({ code: 'VALIDATION_FAILED', field: 'refs' });
		expect((await h.api.get('/sales-orders', { params: { externalRef: many } })).data).toMatchObject({ code: 'VALIDATION_FAILED', field: 'externalRef' });
	});
});

describe('external references on addresses (C1) and sales orders / quotations (O1)', () => {
	it('address: created with externalRef, found by it per customer and across customers, change feed carries it', async () => {
		const created = await h.api.post(
			'/customers/ABS001/addresses',
			{ ADDRESS_TYPE: 1, CONTACT_NAME: 'Jo Field', externalRef: 'forceManager:contact:4' },
			h.key(),
		);
		expect(created.status).toBe(201);
		expect(created.data.EXTERNAL_REF).toBe('forceManager:contact:4');
		const one = await h.api.get('/customers/ABS001/addresses', { params: { externalRef: 'forceManager:contact:4' } });
		expect(one.data.items.map((a: { REFERENCE: string }) => a.REFERENCE)).toEqual([created.data.REFERENCE]);
		const across = await h.api.get('/addresses', { params: { externalRef: 'forceManager:contact:4' } });
		expect(across.data.items).toHaveLength(1);
		const dup = await h.api.post('/customers/ABS001/addresses', { ADDRESS_TYPE: 1, CONTACT_NAME: 'Jo', externalRef: 'forceManager:contact:4' }, h.key());
		expect(dup.data).toMatchObject({ code: 'EXTERNAL_REF_EXISTS', record: created.data.REFERENCE });
		const feed = await h.api.get('/changes/addresses', { params: { after: '0', limit: 1000 } });
		const change = feed.data.items.find((c: { key: string }) => c.key === created.data.REFERENCE);
		expect(change.record.EXTERNAL_REF).toBe('forceManager:contact:4');
	});

	it('quotation: created with externalRef, priced by Sage, found by it; a retried create is refused naming the number', async () => {
		const body = { ACCOUNT_REF: 'ABS001', ORDER_TYPE: 9, ITEMS: [{ STOCK_CODE: 'PAPER001', QTY_ORDER: 2 }], externalRef: 'forceManager:salesOrder:45' };
		const created = await h.api.post('/sales-orders', body, h.key());
		expect(created.status).toBe(201);
		expect(created.data).toMatchObject({ ORDER_TYPE: 9, EXTERNAL_REF: 'forceManager:salesOrder:45' });
		expect(created.data.ITEMS[0].UNIT_PRICE).toBe(21.5);
		const found = await h.api.get('/sales-orders', { params: { externalRef: 'forceManager:salesOrder:45', orderType: 9 } });
		expect(found.data.items.map((o: { ORDER_NUMBER: number }) => o.ORDER_NUMBER)).toEqual([created.data.ORDER_NUMBER]);
		const again = await h.api.post('/sales-orders', { ...body, ITEMS: [{ STOCK_CODE: 'PAPER001', QTY_ORDER: 3 }] }, h.key());
		expect(again.data).toMatchObject({ code: 'EXTERNAL_REF_EXISTS', record: String(created.data.ORDER_NUMBER) });
		// Same reference on another entity is another identity.
		const cust = await h.api.post('/customers', { NAME: 'Other Entity Ltd', externalRef: 'forceManager:salesOrder:45' }, h.key());
		expect(cust.status).toBe(201);
	});

	it('a failed create stores no reference (the record can still be created under it)', async () => {
		const bad = await h.api.post('/sales-orders', { ACCOUNT_REF: 'ABS001', ITEMS: [{ STOCK_CODE: 'NOSUCH' }], externalRef: 'forceManager:salesOrder:46' }, h.key());
		expect(bad.data.code).toBe('UNKNOWN_STOCK_CODE');
		const good = await h.api.post('/sales-orders', { ACCOUNT_REF: 'ABS001', ITEMS: [{ STOCK_CODE: 'PAPER001' }], externalRef: 'forceManager:salesOrder:46' }, h.key());
		expect(good.status).toBe(201);
	});
});
