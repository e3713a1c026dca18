// Structured logs with rotation (issue 9 §4): one JSON line per request (method, route, status, ms,
// idempotency key), adapter events, level and folder from the configuration, never a key.
import { mkdtempSync, readdirSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import axios from 'axios';
import { startFromConfig } from '../../../bridge/src';
import { parseConfig } from '../../../bridge/src/config';

const KEY = 'log-test-api-key-000001';
const ADMIN = 'log-test-admin-key-00001';
type Line = Record<string, unknown>;

const logFiles = (dir: string) => readdirSync(dir).filter((f) => /^bridge\..*\.log$/.test(f));
const lines = (dir: string): Line[] =>
	logFiles(dir)
		.flatMap((f) => readFileSync(join(dir, f), 'utf8').split('\n'))
		.filter(Boolean)
		.map((l) => JSON.parse(l) as Line);

describe('logs', () => {
	it('one line per request and the adapter events, in the configured folder; no key ever written', async () => {
		const dir = mkdtempSync(join(tmpdir(), 'bridge-logs-'));
		const bridge = await startFromConfig(parseConfig({ apiKey: KEY, listen: { port: 0 }, admin: { enabled: true, apiKey: ADMIN }, log: { dir, level: 'info' } }, {}));
		const http = axios.create({ baseURL: bridge.url, validateStatus: () => true });
		await http.get('/customers/ABS001', { headers: { 'X-API-Key': KEY } });
		await http.post('/customers', { NAME: 'Logged Ltd' }, { headers: { 'X-API-Key': KEY, 'Idempotency-Key': 'log-create-1' } });
		await http.get('/customers', { headers: { 'X-API-Key': 'not-the-key-but-secret' } });
		await http.get('/health');
		await http.get('/__admin/health', { headers: { 'X-Admin-Key': ADMIN } });
		await bridge.close();

		const all = lines(dir);
		expect(all.find((l) => l.msg === 'bridge started')).toMatchObject({ adapter: 'simulated', sageVersion: expect.any(String), url: bridge.url, level: 30 });
		expect(all.find((l) => l.msg === 'bridge stopped')).toBeDefined();
		const requests = all.filter((l) => l.msg === 'request');
		expect(requests).toEqual([
			expect.objectContaining({ method: 'GET', route: '/customers/{accountRef}', path: '/customers/ABS001', status: 200, ms: expect.any(Number) }),
			expect.objectContaining({ method: 'POST', route: '/customers', status: 201, idempotencyKey: 'log-create-1' }),
			expect.objectContaining({ method: 'GET', route: '/customers', status: 401, code: 'UNAUTHORIZED' }),
			expect.objectContaining({ method: 'GET', route: '/health', status: 200 }),
			expect.objectContaining({ method: 'GET', route: '/__admin/health', status: 200, admin: true }),
		]);
		const text = logFiles(dir).map((f) => readFileSync(join(dir, f), 'utf8')).join('');
		for (const secret of [KEY, ADMIN, 'not-the-key-but-secret']) expect(text).not.toContain(secret);
	});

	it('level from the configuration: warn drops request lines of successful calls, keeps failures to answer', async () => {
		const dir = mkdtempSync(join(tmpdir(), 'bridge-logs-'));
		const bridge = await startFromConfig(parseConfig({ apiKey: KEY, listen: { port: 0 }, admin: { enabled: true, apiKey: ADMIN }, log: { dir, level: 'warn' } }, {}));
		const http = axios.create({ baseURL: bridge.url, validateStatus: () => true });
		await http.post('/__admin/faults', { mode: 'SAGE_BUSY', count: 1, route: '/customers' }, { headers: { 'X-Admin-Key': ADMIN } });
		await http.get('/customers', { headers: { 'X-API-Key': KEY } });
		await http.get('/customers', { headers: { 'X-API-Key': KEY } });
		await bridge.close();
		const requests = lines(dir).filter((l) => l.msg === 'request');
		expect(requests).toEqual([expect.objectContaining({ route: '/customers', status: 503, code: 'SAGE_BUSY', level: 40 })]);
	});

	it('rotates by size and keeps the configured number of files', async () => {
		const dir = mkdtempSync(join(tmpdir(), 'bridge-logs-'));
		const bridge = await startFromConfig(parseConfig({ apiKey: KEY, listen: { port: 0 }, log: { dir, rotate: { size: '1k', keep: 2 } } }, {}));
		const http = axios.create({ baseURL: bridge.url, validateStatus: () => true });
		for (let i = 0; i < 40; i++) {
			await http.get(`/customers/NOPE${i}`, { headers: { 'X-API-Key': KEY } });
			await new Promise((r) => setTimeout(r, 5)); // let the transport write, so rotation sees the size grow
		}
		await bridge.close();
		const files = logFiles(dir);
		expect(files.length).toBeGreaterThan(1);
		expect(files.length).toBeLessThanOrEqual(3); // 2 kept + the active file
		for (const f of files) expect(readFileSync(join(dir, f)).length).toBeLessThan(4096);
	});
});
