// Login, session expiry (TTL via the simulator clock, admin expire) and the per-key rate limiter.
import { DEMO_KEYS } from '../../../sandbox/forcemanager';
import { type Harness, startHarness } from './helpers';

describe('login and sessions', () => {
	let h: Harness;
	beforeAll(async () => {
		h = await startHarness({
			sessionTtlSeconds: 600,
			keys: [DEMO_KEYS, { publicKey: 'second-public', privateKey: 'second-private', userId: 3 }],
		});
	});
	afterAll(() => h.sim.close());

	it('POST /login with the key pair returns a token; wrong keys give 401 without code "2"', async () => {
		const ok = await h.http.post('/login', { username: 'demo-public', password: 'demo-private' });
		expect(ok.status).toBe(200);
		expect(typeof ok.data.token).toBe('string');
		const wrong = await h.http.post('/login', { username: 'demo-public', password: 'nope' });
		expect(wrong.status).toBe(401);
		expect(wrong.data.code).not.toBe('2');
		expect((await h.http.post('/login', { username: 'unknown', password: 'demo-private' })).status).toBe(401);
	});

	it('calls without, or with an invalid, X-Session-Key get 401 {"code":"2"}', async () => {
		const missing = await h.http.get('/accounts');
		expect(missing.status).toBe(401);
		expect(missing.data.code).toBe('2');
		const invalid = await h.http.get('/accounts', { headers: { 'X-Session-Key': 'forged' } });
		expect(invalid.status).toBe(401);
		expect(invalid.data.code).toBe('2');
	});

	it('a session expires after its TTL (simulator clock advanced past it)', async () => {
		const api = await h.login();
		expect((await api.get('/accounts')).status).toBe(200);
		await h.admin.post('/clock', { advanceSeconds: 599 });
		expect((await api.get('/accounts')).status).toBe(200);
		await h.admin.post('/clock', { advanceSeconds: 2 });
		const expired = await api.get('/accounts');
		expect(expired.status).toBe(401);
		expect(expired.data.code).toBe('2');
		const again = await h.login();
		expect((await again.get('/accounts')).status).toBe(200);
	});

	it('POST /__admin/sessions/expire invalidates every issued token', async () => {
		const a = await h.login();
		const b = await h.login({ publicKey: 'second-public', privateKey: 'second-private' });
		expect((await h.admin.post('/sessions/expire')).status).toBe(200);
		expect((await a.get('/users')).status).toBe(401);
		expect((await b.get('/users')).status).toBe(401);
	});

	it('writes are stamped with the userId of the key that logged in', async () => {
		const second = await h.login({ publicKey: 'second-public', privateKey: 'second-private' });
		const created = await second.post('/accounts', { name: 'Stamped Ltd', branchId: 1, salesRepId1: 3 });
		const row = await second.get(`/accounts/${created.data.id}`);
		expect(row.data.salesRepIdCreated).toBe(3);
	});

	it('ignores the legacy X-FM-API-Version header', async () => {
		const api = await h.login();
		expect((await api.get('/accounts', { headers: { 'X-FM-API-Version': '4' } })).status).toBe(200);
	});
});

describe('rate limiting', () => {
	let h: Harness;
	beforeAll(async () => {
		h = await startHarness({ rateLimitPerSecond: 4, keys: [DEMO_KEYS, { publicKey: 'other', privateKey: 'other-private', userId: 4 }] });
	});
	afterAll(() => h.sim.close());

	it('answers 429 with Retry-After once a key exceeds its budget, per key, and recovers', async () => {
		const api = await h.login(); // uses 1 of the 4-token burst
		const burst = await Promise.all(Array.from({ length: 10 }, () => api.get('/countries')));
		const limited = burst.filter((r) => r.status === 429);
		// 4/s bucket minus the login: about 3 of 10 pass; bounds leave room for refill on a slow machine.
		expect(limited.length).toBeGreaterThanOrEqual(3);
		expect(burst.filter((r) => r.status === 200).length).toBeLessThanOrEqual(7);
		expect(Number(limited[0].headers['retry-after'])).toBeGreaterThanOrEqual(1);
		expect(limited[0].data.code).toBe(429);

		// Another key has its own bucket.
		const other = await h.login({ publicKey: 'other', privateKey: 'other-private' });
		expect((await other.get('/countries')).status).toBe(200);

		// Recovery: honour Retry-After, then the key is served again.
		await new Promise((r) => setTimeout(r, Number(limited[0].headers['retry-after']) * 1000));
		expect((await api.get('/countries')).status).toBe(200);
	});

	it('POST /__admin/config {rateLimitPerSecond: 0} disables the limiter', async () => {
		await h.admin.post('/config', { rateLimitPerSecond: 0 });
		const api = await h.login();
		const burst = await Promise.all(Array.from({ length: 20 }, () => api.get('/countries')));
		expect(burst.every((r) => r.status === 200)).toBe(true);
	});
});
