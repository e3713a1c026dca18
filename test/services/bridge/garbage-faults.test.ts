// The bridge's garbage fault modes: what a reverse proxy in front of the bridge, or a crashing host,
// answers in its place (README "Admin API"). Raw HTTP, since none of these answers is in the contract.
import type { AxiosInstance } from 'axios';

import { isJsonText, rawTextClient } from '../../support/raw';

import { API_KEY, type Harness, startHarness } from './harness';

describe('bridge garbage faults', () => {
	let h: Harness;
	let raw: AxiosInstance;
	beforeAll(async () => {
		h = await startHarness();
		raw = rawTextClient(h.bridge.url, { 'X-API-Key': API_KEY });
	});
	afterAll(() => h.bridge.close());
	afterEach(() => h.admin.delete('/faults'));

	const fault = async (body: Record<string, unknown>) => expect((await h.admin.post('/faults', body)).status).toBe(201);

	it('htmlError: a proxy page with text/html (502 unless told), then the real answer again', async () => {
		await fault({ mode: 'htmlError', count: 1, route: '/customers/{accountRef}' });
		await fault({ mode: 'htmlError', count: 1, status: 504, method: 'GET', route: '/products' });
		const page = await raw.get('/customers/ABS001');
		expect(page.status).toBe(502);
		expect(page.headers['content-type']).toMatch(/^text\/html/);
		expect(page.data).toMatch(/^<!DOCTYPE html>.*502/);
		expect((await raw.get('/products')).status).toBe(504);
		const next = await raw.get('/customers/ABS001');
		expect(next.status).toBe(200);
		expect(JSON.parse(next.data).ACCOUNT_REF).toBe('ABS001');
	});

	it('truncatedJson, emptyBody, nonJson500 and hugePayload are never valid JSON', async () => {
		await fault({ mode: 'truncatedJson', count: 1 });
		const cut = await raw.get('/customers/ABS001');
		expect([cut.status, cut.headers['content-type']]).toEqual([200, 'application/json; charset=utf-8']);
		expect(cut.data.length).toBeGreaterThan(0);
		expect(isJsonText(cut.data)).toBe(false);

		await fault({ mode: 'emptyBody', count: 1 });
		const empty = await raw.get('/customers/ABS001');
		expect([empty.status, empty.data]).toEqual([200, '']);

		await fault({ mode: 'nonJson500', count: 1 });
		const crash = await raw.get('/customers/ABS001');
		expect([crash.status, crash.headers['content-type']]).toEqual([500, 'text/plain']);
		expect(isJsonText(crash.data)).toBe(false);

		await fault({ mode: 'hugePayload', count: 1, sizeBytes: 3 * 2 ** 20 });
		const huge = await raw.get('/customers/ABS001');
		expect(huge.status).toBe(200);
		expect(huge.data.length).toBe(3 * 2 ** 20);
		expect(isJsonText(huge.data)).toBe(false);
	});

	it('a write under an unprocessed fault never happens; a processed one happens and its key replays the result', async () => {
		const tables = async () => (await h.admin.get('/tables/SALES_LEDGER')).data.rows as Array<{ ACCOUNT_REF: string }>;
		const create = (ref: string, key: string) =>
			raw.post('/customers', JSON.stringify({ ACCOUNT_REF: ref, NAME: `${ref} Ltd` }), {
				headers: { 'Idempotency-Key': key, 'Content-Type': 'application/json' },
			});
		await fault({ mode: 'htmlError', count: 1, method: 'POST' });
		expect((await create('GARB01', 'garbage-1')).status).toBe(502);
		expect((await tables()).some((r) => r.ACCOUNT_REF === 'GARB01')).toBe(false);

		await fault({ mode: 'truncatedJson', count: 1, method: 'POST', processed: true });
		const cut = await create('GARB02', 'garbage-2');
		expect(cut.status).toBe(201);
		expect(isJsonText(cut.data)).toBe(false);
		expect(cut.data.startsWith('{')).toBe(true);
		expect((await tables()).some((r) => r.ACCOUNT_REF === 'GARB02')).toBe(true);
		const replay = await create('GARB02', 'garbage-2');
		expect([replay.status, replay.headers['idempotency-replayed']]).toEqual([201, 'true']);
		expect(JSON.parse(replay.data).ACCOUNT_REF).toBe('GARB02');
	});

	it('rejects unknown modes and bad options', async () => {
		expect((await h.admin.post('/faults', { mode: 'gibberish' })).status).toBe(400);
		expect((await h.admin.post('/faults', { mode: 'htmlError', status: 200 })).status).toBe(400);
		expect((await h.admin.post('/faults', { mode: 'hugePayload', sizeBytes: -1 })).status).toBe(400);
	});
});
