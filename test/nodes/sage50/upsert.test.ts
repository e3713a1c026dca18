import type { RunningBridge } from '../../../bridge/src';
import { admin, count, items, run, start } from './helpers';

let bridge: RunningBridge;
let sage: ReturnType<typeof admin>;
beforeAll(async () => {
	bridge = await start();
	sage = admin(bridge);
});
afterAll(async () => await bridge.close());
beforeEach(async () => await sage.reset());

const customerRows = [
	{ accountRef: 'NEW001', fields: { NAME: 'New Co', COUNTRY_CODE: 'GB' } }, // new
	{ accountRef: 'ABS001', fields: { NAME: 'ABS Garages Ltd', TELEPHONE: '01656 000 000' } }, // changed
	{ accountRef: 'KIN001', fields: { NAME: 'Kinnerton Cafe', CONTACT_NAME: 'Anna Kinnerton' } }, // unchanged
	{ accountRef: 'BAD001', fields: { NAME: 'Bad', ADDRESS_1: 'y'.repeat(61) } }, // invalid
];
const customerParams = (i: number) => ({ resource: 'customer', operation: 'upsert', accountRef: customerRows[i].accountRef, inputMode: 'fields', fields: customerRows[i].fields });

describe('Sage 50 UKI upsert', () => {
	it('A1/A2: a mixed batch of customers: created, updated, unchanged, failed (named with its field); no write for unchanged', async () => {
		await sage.resetCounters();
		const out = await run(bridge, customerParams, items(4), { continueOnFail: true });
		expect(out.json.map((r) => r.status)).toEqual(['created', 'updated', 'unchanged', 'failed']);
		expect(out.json[1].changedFields).toEqual(['TELEPHONE']);
		expect(out.json[3].reason).toMatch(/Customer "BAD001", field ADDRESS_1: .*FIELD_TOO_LONG/);
		const c = await sage.counters();
		expect(count(c, 'POST', '/customers')).toBe(2); // NEW001 and the failing BAD001
		expect(count(c, 'PATCH', '/customers/{accountRef}')).toBe(1); // only ABS001
		expect(c.writes).toBe(3);

		// Idempotent: the same batch again writes nothing but the still-invalid record.
		await sage.resetCounters();
		const again = await run(bridge, customerParams, items(4), { continueOnFail: true });
		expect(again.json.map((r) => r.status)).toEqual(['unchanged', 'unchanged', 'unchanged', 'failed']);
		expect((await sage.counters()).writes).toBe(1);
	});

	it('without continueOnFail the failures are thrown after the others were written', async () => {
		const err = await run(bridge, customerParams, items(4)).catch((e) => e);
		expect(err.message).toMatch(/1 of 4 customer upserts failed: Customer "BAD001", field ADDRESS_1/);
		expect((await sage.table('SALES_LEDGER')).some((r) => r.ACCOUNT_REF === 'NEW001')).toBe(true);
	});

	it('A6: a customer deleted in Sage is not recreated', async () => {
		await sage.del('/customers/STE001');
		const out = await run(bridge, { resource: 'customer', operation: 'upsert', accountRef: 'STE001', inputMode: 'fields', fields: { NAME: 'Back again' } }, undefined, { continueOnFail: true });
		expect(out.json[0]).toMatchObject({ status: 'failed' });
		expect(out.json[0].reason).toMatch(/deleted in Sage/);
	});

	it('A2: a batch of customers is looked up with refs= (one call per 100 references) instead of one call each', async () => {
		const n = 30;
		await sage.resetCounters();
		const out = await run(bridge, (i) => ({ resource: 'customer', operation: 'upsert', accountRef: `BULK${String(i).padStart(2, '0')}`, inputMode: 'fields', fields: { NAME: `Bulk ${i}` } }), items(n));
		expect(out.json.every((r) => r.status === 'created')).toBe(true);
		const c = await sage.counters();
		expect(count(c, 'GET', '/customers')).toBe(1);
		expect(count(c, 'GET', '/customers/{accountRef}')).toBe(0);
	});

	it('C3: contacts upsert by account + external key, one list call per customer', async () => {
		const rows = [
			{ account: 'ABS001', key: 'FM-C-1', fields: { CONTACT_NAME: 'Pat New', E_MAIL: 'pat@abs.example' } },
			{ account: 'ABS001', key: 'FM-C-2', fields: { CONTACT_NAME: 'Sam New' } },
			{ account: 'KIN001', key: 'FM-C-3', fields: { CONTACT_NAME: 'Kim New' } },
		];
		const params = (i: number) => ({ resource: 'customerAddress', operation: 'upsert', accountRef: rows[i].account, addressType: 1, matchField: 'DESCRIPTION', matchValue: rows[i].key, inputMode: 'fields', fields: rows[i].fields });
		await sage.resetCounters();
		const first = await run(bridge, params, items(3));
		expect(first.json.map((r) => r.status)).toEqual(['created', 'created', 'created']);
		expect(first.json[0].record).toMatchObject({ ADDRESS_TYPE: 1, DESCRIPTION: 'FM-C-1', ACCOUNT_REF: 'ABS001' });
		expect(count(await sage.counters(), 'GET', '/customers/{accountRef}/addresses')).toBe(2);
		rows[1].fields = { CONTACT_NAME: 'Sam Changed' };
		const second = await run(bridge, params, items(3));
		expect(second.json.map((r) => r.status)).toEqual(['unchanged', 'updated', 'unchanged']);
	});

	it('O1: a quotation upsert by external key creates once, then updates the header only', async () => {
		const params = (extra: object = {}) => ({
			resource: 'quotation',
			operation: 'upsert',
			accountRef: 'KIN001',
			externalKey: 'FM-Q-77',
			matchField: 'CUST_ORDER_NUMBER',
			lines: { line: [{ STOCK_CODE: 'FAX001', QTY_ORDER: 1, UNIT_PRICE: '' }] },
			inputMode: 'fields',
			fields: { TAKEN_BY: 'Sales', ...extra },
		});
		const first = await run(bridge, params());
		expect(first.json[0]).toMatchObject({ status: 'created' });
		const number = first.json[0].id;
		const again = await run(bridge, params());
		expect(again.json[0]).toMatchObject({ status: 'unchanged', id: number });
		const changed = await run(bridge, params({ NOTES_1: 'Call first' }));
		expect(changed.json[0]).toMatchObject({ status: 'updated', id: number, changedFields: ['NOTES_1'] });
		const quotes = (await sage.table('SALES_ORDER')).filter((o) => o.CUST_ORDER_NUMBER === 'FM-Q-77');
		expect(quotes).toHaveLength(1);
	});
});

describe('Sage 50 UKI upsert, Define Below: no sync bookkeeping for records of the node\'s parameters', () => {
	const contactParams = (fields: object) => ({ resource: 'customerAddress', operation: 'upsert', accountRef: 'BRO001', addressType: 1, matchField: 'DESCRIPTION', matchValue: 'FM-C-9', inputMode: 'fields', fields });

	it('C1: an address edited in Sage is overwritten as given (no merge, no conflict); the sync-state endpoints are never called', async () => {
		await sage.resetCounters();
		const [created] = (await run(bridge, contactParams({ CONTACT_NAME: 'Pat Nine', TELEPHONE: '0161 111 1111' }))).json;
		expect(created).toMatchObject({ status: 'created', entity: 'contact', label: 'Address "FM-C-9"', replayed: false });
		await sage.patch(`/customers/BRO001/addresses/${String(created.key).split('/')[1]}`, { TELEPHONE: '0161 000 0000' });
		const [updated] = (await run(bridge, contactParams({ CONTACT_NAME: 'Pat Nine', TELEPHONE: '0161 222 2222' }))).json;
		// A sync record never synced would see Sage's non-empty phone as a same-field conflict.
		expect(updated).toMatchObject({ status: 'updated', key: created.key, changedFields: ['TELEPHONE'], record: { TELEPHONE: '0161 222 2222' } });
		for (const r of [created, updated]) for (const f of ['state', 'conflicts', 'writeBack', 'delivery']) expect(r).not.toHaveProperty(f);
		const c = await sage.counters();
		expect(c.byRoute.filter((r) => r.route.startsWith('/sync-state'))).toEqual([]);
	});

	it('O1: an external key two live quotations hold fails naming both; an item repeated in the batch fails, nothing doubled', async () => {
		const quote = { resource: 'quotation', accountRef: 'KIN001', lines: { line: [{ STOCK_CODE: 'FAX001', QTY_ORDER: 1 }] }, inputMode: 'fields', fields: { CUST_ORDER_NUMBER: 'FM-Q-2X' } };
		const made = await run(bridge, { ...quote, operation: 'create' }, [{ json: {} }, { json: {} }]);
		const numbers = made.json.map((q) => q.ORDER_NUMBER);
		const upsert = (key: string) => ({ ...quote, operation: 'upsert', externalKey: key, matchField: 'CUST_ORDER_NUMBER', fields: { TAKEN_BY: 'Sales' } });
		const out = await run(bridge, (i) => upsert(['FM-Q-2X', 'FM-Q-NEW', 'FM-Q-NEW'][i]), items(3), { continueOnFail: true });
		expect(out.json.map((r) => r.status)).toEqual(['failed', 'created', 'failed']);
		expect(out.json[0].reason).toBe(`Quotation "FM-Q-2X": 2 Sage records (QU:${numbers[0]}, QU:${numbers[1]}) hold "FM-Q-2X" in CUST_ORDER_NUMBER`);
		expect(out.json[2].reason).toMatch(/^Quotation "FM-Q-NEW": the record appears more than once in this batch \(first at item 1\)$/);
		expect((await sage.table('SALES_ORDER')).filter((o) => o.CUST_ORDER_NUMBER === 'FM-Q-NEW')).toHaveLength(1);
	});
});

describe('Sage 50 UKI faults', () => {
	it('SAGE_BUSY and RECORD_LOCKED are retried, then the call succeeds', async () => {
		await sage.fault({ mode: 'SAGE_BUSY', count: 1, method: 'GET' });
		await sage.fault({ mode: 'RECORD_LOCKED', count: 1, method: 'PATCH' });
		const read = await run(bridge, { resource: 'customer', operation: 'get', accountRef: 'ABS001' });
		expect(read.json[0].ACCOUNT_REF).toBe('ABS001');
		const write = await run(bridge, { resource: 'customer', operation: 'update', accountRef: 'ABS001', inputMode: 'fields', fields: { TELEPHONE: '1' } });
		expect(write.json[0].TELEPHONE).toBe('1');
		expect(write.ctx.fake.requests).toHaveLength(2);
		const c = await sage.counters();
		expect(count(c, 'PATCH', '/customers/{accountRef}', 503)).toBe(1);
		expect(count(c, 'PATCH', '/customers/{accountRef}', 200)).toBe(1);
	});

	it('a create retried after SAGE_BUSY still creates exactly one record', async () => {
		await sage.fault({ mode: 'SAGE_BUSY', count: 2, method: 'POST', route: '/customers' });
		const before = (await sage.table('SALES_LEDGER')).length;
		const out = await run(bridge, { resource: 'customer', operation: 'create', inputMode: 'fields', fields: { ACCOUNT_REF: 'ONCE01', NAME: 'Once' } });
		expect(out.json[0].ACCOUNT_REF).toBe('ONCE01');
		expect((await sage.table('SALES_LEDGER')).length).toBe(before + 1);
	});

	it('USER_IN_USE is reported clearly when the retries are exhausted', async () => {
		await sage.fault({ mode: 'USER_IN_USE', count: 10 });
		const err = await run(bridge, { resource: 'customer', operation: 'get', accountRef: 'ABS001' }, undefined, { creds: { maxRetries: 1 } }).catch((e) => e);
		expect(err.message).toMatch(/USER_IN_USE/);
		expect(err.description).toMatch(/dedicated Sage user.*Still failing after the retries/);
		expect(err.context.itemIndex).toBe(0);
	});

	it('EXCLUSIVE_MODE in an upsert fails the items with a clear reason', async () => {
		await sage.fault({ mode: 'EXCLUSIVE_MODE', count: 10, method: 'POST' });
		const out = await run(bridge, { resource: 'customer', operation: 'upsert', accountRef: 'EXC001', inputMode: 'fields', fields: { NAME: 'Exclusive' } }, undefined, { continueOnFail: true, creds: { maxRetries: 1 } });
		expect(out.json[0]).toMatchObject({ status: 'failed' });
		expect(out.json[0].reason).toMatch(/exclusive mode.*EXCLUSIVE_MODE/i);
	});

	it('an offline bridge is retried and then reported as unreachable', async () => {
		await sage.fault({ mode: 'offline', count: 1 });
		const ok = await run(bridge, { resource: 'customer', operation: 'get', accountRef: 'ABS001' });
		expect(ok.json[0].ACCOUNT_REF).toBe('ABS001');
		await sage.fault({ mode: 'offline', count: 10 });
		const err = await run(bridge, { resource: 'customer', operation: 'get', accountRef: 'ABS001' }, undefined, { creds: { maxRetries: 1 } }).catch((e) => e);
		expect(err.message).toMatch(/could not be reached/);
	});
});
