// Idempotency records are kept for a configured time (openapi.yaml, "Writes"; default 24 h), then the
// same key is a fresh request and the record is purged. Time is the bridge's injectable clock, moved
// through the admin API (`/__admin/clock`), so no test waits.
import { startBridge } from '../../../bridge/src/index';
import { API_KEY, type Harness, startHarness } from './harness';

const DAY = 24 * 60 * 60;
const FROZEN_AT = '2030-01-15T09:00:00Z';

/** A bridge (empty company, clock frozen) per describe block, reset before each test. */
function useBridge(idempotencyTtlSeconds?: number): { h: Harness } {
	const holder = {} as { h: Harness };
	beforeAll(async () => {
		holder.h = await startHarness('empty', { idempotencyTtlSeconds });
	});
	afterAll(() => holder.h.bridge.close());
	beforeEach(async () => {
		await holder.h.admin.post('/reset', { seed: 'empty' });
		await holder.h.admin.post('/clock', { frozenAt: FROZEN_AT });
	});
	return holder;
}

const key = (k: string) => ({ headers: { 'Idempotency-Key': k } });

async function customers(b: Harness, name: string): Promise<string[]> {
	const rows = (await b.admin.get('/tables/SALES_LEDGER')).data.rows as Array<{ NAME: string; ACCOUNT_REF: string }>;
	return rows.filter((r) => r.NAME === name).map((r) => r.ACCOUNT_REF).sort();
}

async function storedKeys(b: Harness): Promise<string[]> {
	const rows = (await b.admin.get('/tables/BRIDGE_IDEMPOTENCY')).data.rows as Array<{ IDEMPOTENCY_KEY: string }>;
	return rows.map((r) => r.IDEMPOTENCY_KEY).sort();
}

const advance = async (b: Harness, seconds: number) => void (await b.admin.post('/clock', { advanceSeconds: seconds }));

describe('idempotency records expire (default 24 h)', () => {
	const bench = useBridge();
	let b: Harness;
	beforeEach(() => (b = bench.h));

	it('replays the first response up to the last second of the window, with nothing written', async () => {
		const first = await b.api.post('/customers', { NAME: 'Window Ltd' }, key('ttl-replay'));
		expect(first.status).toBe(201);
		await advance(b, DAY - 1);
		const again = await b.api.post('/customers', { NAME: 'Window Ltd' }, key('ttl-replay'));
		expect(again.status).toBe(201);
		expect(again.headers['idempotency-replayed']).toBe('true');
		expect(again.data).toEqual(first.data);
		// Inside the window another body under the key is still refused.
		const other = await b.api.post('/customers', { NAME: 'Window Limited' }, key('ttl-replay'));
		expect(other.status).toBe(409);
		expect(other.data).toMatchObject({ code: 'IDEMPOTENCY_KEY_REUSED', record: first.data.ACCOUNT_REF });
		expect(await customers(b, 'Window Ltd')).toEqual([first.data.ACCOUNT_REF]);
	});

	it('24 h after the stored response the same key and body is a fresh write: a second record, no replay header', async () => {
		const first = await b.api.post('/customers', { NAME: 'Monthly Ltd' }, key('ttl-fresh'));
		await advance(b, DAY);
		const again = await b.api.post('/customers', { NAME: 'Monthly Ltd' }, key('ttl-fresh'));
		expect(again.status).toBe(201);
		expect(again.headers['idempotency-replayed']).toBeUndefined();
		expect(again.data.ACCOUNT_REF).not.toBe(first.data.ACCOUNT_REF);
		expect(await customers(b, 'Monthly Ltd')).toHaveLength(2);
		// The fresh write is remembered anew: replayed from now on.
		const third = await b.api.post('/customers', { NAME: 'Monthly Ltd' }, key('ttl-fresh'));
		expect(third.headers['idempotency-replayed']).toBe('true');
		expect(third.data).toEqual(again.data);
		expect(await customers(b, 'Monthly Ltd')).toHaveLength(2);
	});

	it('an expired key with another body is a fresh write, not IDEMPOTENCY_KEY_REUSED', async () => {
		await b.api.post('/customers', { NAME: 'Before Ltd' }, key('ttl-other'));
		await advance(b, DAY + 60);
		const res = await b.api.post('/customers', { NAME: 'After Ltd' }, key('ttl-other'));
		expect(res.status).toBe(201);
		expect(await customers(b, 'After Ltd')).toEqual([res.data.ACCOUNT_REF]);
	});

	it('a write purges the expired records and keeps the live ones; reads purge nothing', async () => {
		const old = await b.api.post('/customers', { NAME: 'Old Ltd' }, key('ttl-old'));
		await advance(b, 3600);
		expect((await b.api.patch(`/customers/${old.data.ACCOUNT_REF}`, { TELEPHONE: '01234 567890' }, key('ttl-younger'))).status).toBe(200);
		await advance(b, DAY - 3600);
		// ttl-old is 24 h old now: expired, but nothing has written since.
		await b.api.get('/customers');
		expect(await storedKeys(b)).toEqual(['ttl-old', 'ttl-younger']);
		await b.api.post('/customers', { NAME: 'New Ltd' }, key('ttl-new'));
		expect(await storedKeys(b)).toEqual(['ttl-new', 'ttl-younger']);
		await advance(b, 3600);
		await b.api.post('/customers', { NAME: 'Newer Ltd' }, key('ttl-newer'));
		expect(await storedKeys(b)).toEqual(['ttl-new', 'ttl-newer']);
	});

	it('a rejection is not stored: once its cause is fixed the same key writes (same body, or a corrected one)', async () => {
		await b.admin.post('/seed', { customers: [{ ACCOUNT_REF: 'HOLD01', NAME: 'Held Ltd', ACCOUNT_ON_HOLD: 1 }], products: [{ STOCK_CODE: 'P1', DESCRIPTION: 'Part', SALES_PRICE: 5 }] });
		const order = { ACCOUNT_REF: 'HOLD01', ORDER_TYPE: 0, ITEMS: [{ STOCK_CODE: 'P1', QTY_ORDER: 1 }] };
		const held = await b.api.post('/sales-orders', order, key('ttl-held'));
		expect(held.data.code).toBe('ACCOUNT_ON_HOLD');
		await b.admin.patch('/customers/HOLD01', { ACCOUNT_ON_HOLD: 0 });
		const released = await b.api.post('/sales-orders', order, key('ttl-held'));
		expect(released.status).toBe(201);
		expect(released.headers['idempotency-replayed']).toBeUndefined();
		expect((await b.api.post('/sales-orders', order, key('ttl-held'))).headers['idempotency-replayed']).toBe('true');

		const tooLong = await b.api.post('/customers', { NAME: 'N'.repeat(61) }, key('ttl-fixed'));
		expect(tooLong.data).toMatchObject({ code: 'FIELD_TOO_LONG', field: 'NAME' });
		const fixed = await b.api.post('/customers', { NAME: 'Fixed Ltd' }, key('ttl-fixed'));
		expect(fixed.status).toBe(201);
		expect(await storedKeys(b)).toEqual(['ttl-fixed', 'ttl-held']);
	});
});

describe('a write whose answer was lost', () => {
	const bench = useBridge();
	let b: Harness;
	beforeEach(() => (b = bench.h));

	it('lostResponse commits the write and closes the connection; the retry with the same key gets the replay', async () => {
		await b.admin.post('/faults', { mode: 'lostResponse', count: 1, method: 'POST', route: '/customers' });
		await expect(b.api.post('/customers', { NAME: 'Lost Answer Ltd' }, key('lost-1'))).rejects.toMatchObject({
			code: expect.stringMatching(/ECONNRESET|ERR_BAD_RESPONSE|socket hang up/),
		});
		expect(await customers(b, 'Lost Answer Ltd')).toHaveLength(1);
		const retry = await b.api.post('/customers', { NAME: 'Lost Answer Ltd' }, key('lost-1'));
		expect(retry.headers['idempotency-replayed']).toBe('true');
		expect(await customers(b, 'Lost Answer Ltd')).toEqual([retry.data.ACCOUNT_REF]);
		const counters = (await b.admin.get('/counters')).data as { byRoute: Array<{ method: string; route: string; status: number; count: number }> };
		expect(counters.byRoute.filter((r) => r.method === 'POST' && r.route === '/customers')).toEqual([
			{ method: 'POST', route: '/customers', status: 0, count: 1 },
			{ method: 'POST', route: '/customers', status: 201, count: 1 },
		]);
	});
});

describe('idempotency retention is configurable', () => {
	const bench = useBridge(60);
	let b: Harness;
	beforeEach(() => (b = bench.h));

	it('startBridge({ idempotencyTtlSeconds: 60 }): replayed at 59 s, fresh at 60 s', async () => {
		const first = await b.api.post('/customers', { NAME: 'Minute Ltd' }, key('ttl-60'));
		await advance(b, 59);
		expect((await b.api.post('/customers', { NAME: 'Minute Ltd' }, key('ttl-60'))).headers['idempotency-replayed']).toBe('true');
		await advance(b, 1);
		const fresh = await b.api.post('/customers', { NAME: 'Minute Ltd' }, key('ttl-60'));
		expect(fresh.headers['idempotency-replayed']).toBeUndefined();
		expect(await customers(b, 'Minute Ltd')).toEqual([first.data.ACCOUNT_REF, fresh.data.ACCOUNT_REF].sort());
	});

	it('refuses a retention that is not a whole number of seconds ≥ 1', async () => {
		await expect(startBridge({ apiKey: API_KEY, idempotencyTtlSeconds: 0 })).rejects.toThrow(/idempotencyTtlSeconds/);
		await expect(startBridge({ apiKey: API_KEY, idempotencyTtlSeconds: 1.5 })).rejects.toThrow(/idempotencyTtlSeconds/);
	});
});
