// Security of the bridge in production (issue 9 §5): the admin API is off unless given its own key,
// answers only callers on this machine, and unknown routes are answered only after authentication.
import { Agent } from 'node:http';
import type { Socket } from 'node:net';
import axios from 'axios';
import crypto = require('node:crypto');
import { type RunningBridge, startBridge } from '../../../bridge/src/index';
import { BRIDGE_ADMIN } from '../../support/bridgeAdmin';

const API_KEY = 'security-api-key-0001';
// A new connection per request, so each one passes the server's 'connection' hook below.
const raw = (bridge: RunningBridge) => axios.create({ baseURL: bridge.url, validateStatus: () => true, httpAgent: new Agent({ keepAlive: false }) });
const apiKey = { 'X-API-Key': API_KEY };
const adminKey = { 'X-Admin-Key': BRIDGE_ADMIN.apiKey };

describe('admin API off unless enabled', () => {
	let bridge: RunningBridge;
	beforeAll(async () => (bridge = await startBridge({ apiKey: API_KEY })));
	afterAll(() => bridge.close());

	it('without admin options /__admin does not exist: 401 without the API key, 404 with it', async () => {
		expect(bridge.admin).toBeUndefined();
		const anon = await raw(bridge).post('/__admin/reset', {}, { headers: adminKey });
		expect(anon.status).toBe(401);
		expect(anon.data.code).toBe('UNAUTHORIZED');
		const authed = await raw(bridge).post('/__admin/reset', {}, { headers: { ...apiKey, ...adminKey } });
		expect(authed.status).toBe(404);
		expect(authed.data.code).toBe('NOT_FOUND');
	});

	it('startBridge refuses an admin key that is empty or the API key itself', async () => {
		await expect(startBridge({ apiKey: API_KEY, admin: { apiKey: '' } })).rejects.toThrow(/own key/);
		await expect(startBridge({ apiKey: API_KEY, admin: { apiKey: API_KEY } })).rejects.toThrow(/own key/);
	});
});

describe('admin API enabled: own key, loopback only', () => {
	let bridge: RunningBridge;
	/** Remote address the next connections pretend to come from (undefined = the real one). */
	let pretend: string | undefined;
	beforeAll(async () => {
		bridge = await startBridge({ apiKey: API_KEY, admin: BRIDGE_ADMIN });
		// A real HTTP request whose socket reports another address, as a LAN caller's would.
		bridge.server.prependListener('connection', (socket: Socket) => {
			if (pretend) Object.defineProperty(socket, 'remoteAddress', { value: pretend });
		});
	});
	afterEach(() => (pretend = undefined));
	afterAll(() => bridge.close());

	it('answers with its own key (X-Admin-Key), never with the API key', async () => {
		expect((await raw(bridge).get('/__admin/health', { headers: adminKey })).status).toBe(200);
		for (const headers of [{}, apiKey, { 'X-Admin-Key': 'wrong' }, { 'X-Admin-Key': API_KEY }]) {
			const res = await raw(bridge).get('/__admin/health', { headers });
			expect(res.status).toBe(401);
			expect(res.data).toMatchObject({ code: 'UNAUTHORIZED', message: expect.stringMatching(/X-Admin-Key/) });
		}
		// …and the admin key opens no API route
		expect((await raw(bridge).get('/customers', { headers: { 'X-API-Key': BRIDGE_ADMIN.apiKey } })).status).toBe(401);
	});

	it('a caller from another address gets what an absent admin API answers (401 anonymous, 404 with the API key)', async () => {
		pretend = '192.0.2.10';
		const anon = await raw(bridge).post('/__admin/reset', {}, { headers: { ...adminKey} });
		expect(anon.status).toBe(401);
		const authed = await raw(bridge).post('/__admin/reset', {}, { headers: { ...adminKey, ...apiKey} });
		expect(authed.status).toBe(404);
		expect(authed.data).toMatchObject({ code: 'NOT_FOUND' });
		// the API itself still answers that caller
		expect((await raw(bridge).get('/customers/ABS001', { headers: { ...apiKey} })).status).toBe(200);
	});

	it('a request relayed by a proxy on this machine (Forwarded / X-Forwarded-For) is not a loopback caller', async () => {
		for (const relay of [{ 'X-Forwarded-For': '203.0.113.5' }, { Forwarded: 'for=203.0.113.5' }]) {
			const res = await raw(bridge).get('/__admin/health', { headers: { ...adminKey, ...apiKey, ...relay } });
			expect(res.status).toBe(404);
		}
	});
});

describe('unknown routes only after authentication; constant-time keys over HTTP', () => {
	let bridge: RunningBridge;
	beforeAll(async () => (bridge = await startBridge({ apiKey: API_KEY })));
	afterAll(() => bridge.close());
	afterEach(() => jest.restoreAllMocks());

	it.each([
		['GET', '/nowhere'],
		['GET', '/customers/ABS001/secret'],
		['DELETE', '/customers/ABS001'],
		['POST', '/health'],
		['PUT', '/lookups/tax-codes'],
	])('%s %s: 401 without the key, 404 with it', async (method, url) => {
		const anon = await raw(bridge).request({ method, url });
		expect(anon.status).toBe(401);
		expect(anon.data).toMatchObject({ code: 'UNAUTHORIZED' });
		const authed = await raw(bridge).request({ method, url, headers: apiKey });
		expect(authed.status).toBe(404);
		expect(authed.data).toMatchObject({ code: 'NOT_FOUND' });
	});

	it('/health stays open without a key', async () => {
		expect((await raw(bridge).get('/health')).status).toBe(200);
	});

	it('short, long, near-miss and missing keys all take one 32-byte digest comparison and get the same answer', async () => {
		const equal = jest.spyOn(crypto, 'timingSafeEqual');
		const answers = new Set<string>();
		for (const key of [undefined, 's', 'x'.repeat(4000), `${API_KEY.slice(0, -1)}2`, `${API_KEY}1`]) {
			equal.mockClear();
			const res = await raw(bridge).get('/customers', { headers: key === undefined ? {} : { 'X-API-Key': key } });
			expect(res.status).toBe(401);
			answers.add(JSON.stringify(res.data));
			expect(equal).toHaveBeenCalledTimes(1);
			expect(equal.mock.calls[0].map((b) => b.byteLength)).toEqual([32, 32]);
		}
		expect(answers.size).toBe(1);
	});
});
