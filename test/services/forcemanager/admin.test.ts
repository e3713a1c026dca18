// Admin API: health, reset/seed, records, edits as the UI user, counters, fault injection, clock.
import axios, { type AxiosInstance } from 'axios';
import { DEMO_KEYS, DEMO_USERS } from '../../../sandbox/forcemanager';
import { type Harness, ids, startHarness } from './helpers';

describe('admin API', () => {
	let h: Harness;
	let api: AxiosInstance;
	beforeEach(async () => {
		h = await startHarness();
		api = await h.login();
	});
	afterEach(() => h.sim.close());

	it('GET /__admin/health', async () => {
		expect((await h.admin.get('/health')).data).toEqual({ status: 'ok' });
	});

	it('the demo seed is a small UK company: API user, admin, two reps; Sage accounts read-only with extId; one FM prospect', async () => {
		const users = (await h.admin.get('/records/users')).data;
		expect(users.map((u: { id: number }) => u.id)).toEqual([DEMO_USERS.admin, DEMO_KEYS.userId, ...DEMO_USERS.salesReps]);
		expect(users.filter((u: { email: string }) => u.email).length).toBe(4);
		const accounts = (await h.admin.get('/records/accounts')).data;
		expect(accounts.filter((a: { readOnly: boolean; extId: string | null }) => a.readOnly && a.extId).length).toBeGreaterThanOrEqual(2);
		expect(accounts.find((a: { readOnly: boolean }) => !a.readOnly)).toMatchObject({ extId: null, statusId: { value: 'Prospect' } });
		const countries = (await api.get('/countries', { params: { getFullList: true } })).data.map((c: { iso2: string }) => c.iso2);
		expect(countries).toEqual(expect.arrayContaining(['GB', 'IE']));
		const currencies = (await api.get('/currencies', { params: { getFullList: true } })).data.map((c: { isoCode: string }) => c.isoCode);
		expect(currencies).toEqual(expect.arrayContaining(['GBP', 'EUR']));
		expect((await h.admin.get('/records/salesordersLines')).data.length).toBeGreaterThan(0);
		expect((await h.admin.get('/records/sales')).data.length).toBeGreaterThan(0);
	});

	it('reset brings data, sessions, counters, faults and clock back; seed "empty" starts blank', async () => {
		await api.post('/accounts', { name: 'Temp', branchId: 1, salesRepId1: 3 });
		await h.admin.post('/faults', { mode: 'error500', count: 5 });
		await h.admin.post('/clock', { frozenAt: '2030-01-01T00:00:00Z' });
		expect((await h.admin.post('/reset', {})).status).toBe(200);
		expect((await h.admin.get('/records/accounts')).data).toHaveLength(4);
		expect((await h.admin.get('/counters')).data.total).toBe(0);
		expect((await h.admin.get('/faults')).data).toEqual([]);
		expect((await api.get('/accounts')).status).toBe(401); // sessions cleared
		expect((await h.admin.get('/clock')).data.frozen).toBe(false);
		await h.admin.post('/reset', { seed: 'empty' });
		expect((await h.admin.get('/records/accounts')).data).toEqual([]);
		expect((await h.admin.post('/reset', { seed: 'other' })).status).toBe(400);
	});

	it('POST /__admin/seed inserts read- or write-shape records and returns their ids', async () => {
		const res = await h.admin.post('/seed', {
			accounts: [
				{ name: 'Seeded Read Shape', branchId: { id: 1, value: 'Head Office' }, salesRepId1: { id: 3, value: 'Ben Carter' }, extId: 'SEED01', readOnly: true },
				{ id: 50, name: 'Seeded Write Shape', branchId: 1, salesRepId1: 4, deleted: true, dateDeleted: '2025-01-01T00:00:00Z' },
			],
			contacts: [{ firstName: 'Sam', lastName: 'Seed', accountId: 50, branchId: 1, salesRepId: 4 }],
		});
		expect(res.status).toBe(200);
		expect(res.data.ids).toEqual({ accounts: [5, 50], contacts: [5] });
		expect((await api.get('/accounts/5')).data).toMatchObject({ extId: 'SEED01', readOnly: true, salesRepId1: { id: 3, value: 'Ben Carter' }, salesRepIdCreated: DEMO_USERS.admin });
		expect((await api.get('/accounts/50')).data).toMatchObject({ deleted: true, dateDeleted: '2025-01-01T00:00:00Z' });
		expect((await api.post('/accounts', { name: 'Next', branchId: 1, salesRepId1: 3 })).data.id).toBe(51);
		const bad = await h.admin.post('/seed', { accounts: [{ name: 'x', nosuch: 1 }] });
		expect(bad.status).toBe(400);
		expect(bad.data.message).toContain('nosuch');
		expect((await h.admin.post('/seed', { widgets: [] })).status).toBe(400);
	});

	it('edits through the admin API act as a UI user: audit fields stamp the admin user, not the API key user (echo detection)', async () => {
		await h.admin.post('/clock', { frozenAt: '2025-05-05T10:00:00Z' });
		const created = await h.admin.post('/records/accounts', { name: 'Typed In UI', branchId: 1, salesRepId1: 4 });
		expect(created.data.record).toMatchObject({ salesRepIdCreated: DEMO_USERS.admin, dateCreated: '2025-05-05T10:00:00Z' });
		const patched = await h.admin.patch('/records/accounts/1', { phone: '0117 999' });
		expect(patched.data).toMatchObject({ phone: '0117 999', salesRepIdUpdated: DEMO_USERS.admin, dateUpdated: '2025-05-05T10:00:00Z' });
		await api.put('/accounts/4', { phone: '01632 1' });
		expect((await api.get('/accounts/4')).data.salesRepIdUpdated).toBe(DEMO_KEYS.userId);
		const deleted = await h.admin.delete('/records/contacts/2');
		expect(deleted.data).toMatchObject({ deleted: true, salesRepIdDeleted: DEMO_USERS.admin });
		// A UI edit of a read-only record is possible even when the API enforces readOnly.
		await h.admin.post('/config', { enforceReadOnly: true });
		expect((await h.admin.patch('/records/accounts/2', { phone: '1' })).status).toBe(200);
		expect((await h.admin.get('/records/accounts/999')).status).toBe(404);
		expect((await h.admin.get('/records/widgets')).status).toBe(404);
		const invalid = await h.admin.patch('/records/accounts/1', { countryId: 99 });
		expect(invalid.status).toBe(400);
		expect(invalid.data.field).toBe('countryId');
	});

	it('clock freeze lets several records share one timestamp; advance moves it on', async () => {
		await h.admin.post('/clock', { frozenAt: '2025-06-01T09:00:00.500Z' });
		const a = await api.post('/accounts', { name: 'Same Time A', branchId: 1, salesRepId1: 3 });
		const b = await api.post('/accounts', { name: 'Same Time B', branchId: 1, salesRepId1: 3 });
		const rows = (await api.get('/accounts', { params: { where: `id IN (${a.data.id}, ${b.data.id})` } })).data;
		expect(rows.map((r: { dateCreated: string }) => r.dateCreated)).toEqual(['2025-06-01T09:00:00.5Z', '2025-06-01T09:00:00.5Z']);
		await h.admin.post('/clock', { advanceSeconds: 90 });
		await api.put(`/accounts/${a.data.id}`, { phone: '1' });
		expect((await api.get(`/accounts/${a.data.id}`)).data.dateUpdated).toBe('2025-06-01T09:01:30.5Z');
		expect((await h.admin.post('/clock', { frozenAt: null })).data.frozen).toBe(false);
		expect((await h.admin.post('/clock', { frozenAt: 'soon' })).status).toBe(400);
	});

	it('counters count requests by method, route template and status; writes exclude /login', async () => {
		await h.admin.post('/counters/reset');
		await api.get('/accounts');
		await api.get('/accounts/1');
		await api.get('/accounts/999');
		await api.put('/accounts/4', { phone: '1' });
		await api.post('/accounts/bulk', []);
		await h.login();
		const c = (await h.admin.get('/counters')).data;
		expect(c.total).toBe(6);
		expect(c.writes).toBe(2);
		expect(c.byRoute).toEqual(
			expect.arrayContaining([
				{ method: 'GET', route: '/api/v4/accounts', status: 200, count: 1 },
				{ method: 'GET', route: '/api/v4/accounts/{id}', status: 200, count: 1 },
				{ method: 'GET', route: '/api/v4/accounts/{id}', status: 400, count: 1 },
				{ method: 'PUT', route: '/api/v4/accounts/{id}', status: 200, count: 1 },
				{ method: 'POST', route: '/api/v4/accounts/bulk', status: 200, count: 1 },
				{ method: 'POST', route: '/api/v4/login', status: 200, count: 1 },
			]),
		);
		await h.admin.post('/counters/reset');
		expect((await h.admin.get('/counters')).data).toEqual({ total: 0, writes: 0, byRoute: [] });
	});

	it('fault error500 fails the next N matching requests, then the API answers again', async () => {
		await h.admin.post('/faults', { mode: 'error500', count: 2, method: 'GET', path: '/api/v4/accounts' });
		expect((await api.get('/accounts/1')).status).toBe(200); // other route unaffected
		expect((await api.post('/accounts', { name: 'During fault', branchId: 1, salesRepId1: 3 })).status).toBe(200); // other method
		const first = await api.get('/accounts');
		expect(first.status).toBe(500);
		expect((await api.get('/accounts')).status).toBe(500);
		expect((await api.get('/accounts')).status).toBe(200);
	});

	it('fault rateLimit answers 429 with Retry-After; templates and prefixes match', async () => {
		await h.admin.post('/faults', { mode: 'rateLimit', count: 1, path: '/accounts/{id}' });
		const res = await api.put('/accounts/4', { phone: '2' });
		expect(res.status).toBe(429);
		expect(res.headers['retry-after']).toBe('1');
		expect((await api.get('/accounts/4')).data.phone).not.toBe('2'); // the faulted write did not happen
		await h.admin.post('/faults', { mode: 'error500', count: 1, path: '/api/v4/contacts*' });
		expect((await api.get('/contacts/1')).status).toBe(500);
		expect((await h.admin.post('/faults', { mode: 'explode', count: 1 })).status).toBe(400);
		await h.admin.post('/faults', { mode: 'error500', count: 3 });
		expect((await h.admin.delete('/faults')).data).toEqual([]);
		expect((await api.get('/contacts/1')).status).toBe(200);
	});

	it('fault hang never answers: the client times out, and the simulator still closes cleanly', async () => {
		await h.admin.post('/faults', { mode: 'hang', count: 1, path: '/api/v4/users' });
		const slow = axios.create({ baseURL: h.sim.baseUrl, timeout: 300, proxy: false, headers: api.defaults.headers.common });
		const token = (api.defaults.headers as unknown as Record<string, string>)['X-Session-Key'];
		await expect(slow.get('/users', { headers: { 'X-Session-Key': token } })).rejects.toThrow(/timeout/);
		expect((await api.get('/users')).status).toBe(200);
		const c = (await h.admin.get('/counters')).data;
		expect(c.byRoute).toContainEqual({ method: 'GET', route: '/api/v4/users', status: 0, count: 1 });
	});

	it('POST /__admin/config changes limits at run time', async () => {
		const res = await h.admin.post('/config', { pageSizeMax: 2, sessionTtlSeconds: 10 });
		expect(res.data).toMatchObject({ pageSizeMax: 2, sessionTtlSeconds: 10 });
		expect((await api.get('/accounts', { headers: { count: 50 } })).data).toHaveLength(2);
		const fresh = await h.login();
		await h.admin.post('/clock', { advanceSeconds: 11 });
		expect((await fresh.get('/accounts')).status).toBe(401);
		expect((await h.admin.post('/config', { colour: 'blue' })).status).toBe(400);
	});

	it('webhooks registered through the API are visible to the admin', async () => {
		await api.post('/hooks', { name: 'n8n', action: 'insert', entity: 'contact', url: 'http://127.0.0.1:9/x' });
		expect((await h.admin.get('/hooks')).data).toEqual([expect.objectContaining({ entity: 'contact', action: 'insert', user_created: DEMO_KEYS.userId })]);
		expect(ids((await api.get('/hooks')).data)).toEqual([1]);
	});
});
