// The simulator's garbage fault modes (README "Admin API"): answers a proxy, a load balancer or a
// crashing server gives in the API's place. Raw HTTP, since none of them is a valid ForceManager answer.
import axios, { type AxiosInstance } from 'axios';

import { isJsonText, rawTextClient } from '../../support/raw';

import { type Harness, startHarness } from './helpers';

describe('ForceManager simulator garbage faults', () => {
	let h: Harness;
	let raw: AxiosInstance;
	beforeAll(async () => {
		h = await startHarness();
		const api = await h.login();
		raw = rawTextClient(h.sim.baseUrl, { 'X-Session-Key': String(api.defaults.headers['X-Session-Key']) });
	});
	afterAll(() => h.sim.close());
	afterEach(() => h.admin.delete('/faults'));

	const fault = async (body: Record<string, unknown>) => expect((await h.admin.post('/faults', body)).status).toBe(200);

	it('htmlError: an nginx-style page with text/html, 502 unless told; the next call is served', async () => {
		await fault({ mode: 'htmlError', count: 1, path: '/accounts' });
		await fault({ mode: 'htmlError', count: 1, status: 503, path: '/contacts' });
		const page = await raw.get('/accounts');
		expect([page.status, page.headers['content-type']]).toEqual([502, 'text/html']);
		expect(page.data).toContain('<title>502 Bad Gateway</title>');
		expect((await raw.get('/contacts')).data).toContain('503 Service Unavailable');
		expect(JSON.parse((await raw.get('/accounts')).data)).toHaveLength(4);
	});

	it('truncatedJson, emptyBody, nonJson500 and hugePayload are never valid JSON', async () => {
		await fault({ mode: 'truncatedJson', count: 1 });
		const cut = await raw.get('/accounts');
		expect([cut.status, cut.headers['content-type']]).toEqual([200, 'application/json; charset=utf-8']);
		expect(cut.data.startsWith('[{')).toBe(true);
		expect(isJsonText(cut.data)).toBe(false);

		await fault({ mode: 'emptyBody', count: 1 });
		const empty = await raw.get('/accounts');
		expect([empty.status, empty.data, empty.headers['content-length']]).toEqual([200, '', '0']);

		await fault({ mode: 'nonJson500', count: 1 });
		const crash = await raw.get('/accounts');
		expect([crash.status, crash.headers['content-type']]).toEqual([500, 'text/plain']);
		expect(isJsonText(crash.data)).toBe(false);

		await fault({ mode: 'hugePayload', count: 1, sizeBytes: 3 * 2 ** 20 });
		const huge = await raw.get('/accounts');
		expect(huge.status).toBe(200);
		expect(huge.data.length).toBe(3 * 2 ** 20);
		expect(isJsonText(huge.data)).toBe(false);
	});

	it('garbage acts before the session check; an unprocessed write never happens, a processed one does', async () => {
		await fault({ mode: 'htmlError', count: 1 });
		expect((await axios.get(`${h.sim.baseUrl}/accounts`, { validateStatus: () => true })).status).toBe(502);

		const names = async () => ((await h.admin.get('/records/accounts')).data as Array<{ name: string }>).map((a) => a.name);
		const create = (name: string) => raw.post('/accounts', JSON.stringify({ name, branchId: 1, salesRepId1: 3 }), { headers: { 'Content-Type': 'application/json' } });
		await fault({ mode: 'emptyBody', count: 1, method: 'POST' });
		expect((await create('Never Written Ltd')).status).toBe(200);
		expect(await names()).not.toContain('Never Written Ltd');

		await fault({ mode: 'truncatedJson', count: 1, method: 'POST', processed: true });
		const cut = await create('Written Anyway Ltd');
		expect(cut.status).toBe(200);
		expect(cut.data).toMatch(/^{"Message":"entit/);
		expect(isJsonText(cut.data)).toBe(false);
		expect(await names()).toContain('Written Anyway Ltd');
		const counters = (await h.admin.get('/counters')).data as { byRoute: Array<{ method: string; route: string; status: number }> };
		expect(counters.byRoute).toEqual(expect.arrayContaining([expect.objectContaining({ method: 'POST', route: '/api/v4/accounts', status: 200 })]));
	});

	it('rejects unknown modes and bad options with 400', async () => {
		expect((await h.admin.post('/faults', { mode: 'gibberish' })).status).toBe(400);
		expect((await h.admin.post('/faults', { mode: 'htmlError', status: 302 })).status).toBe(400);
		expect((await h.admin.post('/faults', { mode: 'hugePayload', sizeBytes: 0 })).status).toBe(400);
		expect((await h.admin.post('/faults', { mode: 'emptyBody', processed: 'yes' })).status).toBe(400);
	});
});
