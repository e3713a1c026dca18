// The bridge as a configured service: adapter selection by the configuration file, TLS, the CLI.
import { execFileSync, spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { Agent } from 'node:https';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import axios from 'axios';
import { startFromConfig } from '../../../bridge/src';
import { parseConfig } from '../../../bridge/src/config';
import { bridgeClient } from './contract';

const KEY = 'service-test-api-key-01';
const ADMIN = 'service-test-admin-key-01';

describe('adapter selection by configuration', () => {
	it('"simulated" (the default) serves the demo company; admin only when enabled', async () => {
		const bridge = await startFromConfig(parseConfig({ apiKey: KEY, listen: { port: 0 }, admin: { enabled: true, apiKey: ADMIN }, log: { level: 'warn' } }, {}));
		try {
			expect(bridge.adapterName).toBe('simulated');
			// /health: no key, minimal, in the contract's shape; the simulated company reports ODBC and SDO as simulated
			const health = await bridgeClient(bridge.url).get('/health');
			expect(health.data).toMatchObject({ adapter: 'simulated', status: 'ok', sageVersion: expect.any(String), odbc: { state: 'simulated' }, sdo: { state: 'simulated' } });
			expect((await axios.get(`${bridge.url}/customers/ABS001`, { headers: { 'X-API-Key': KEY } })).data.ACCOUNT_REF).toBe('ABS001');
			expect((await axios.get(`${bridge.admin!.url}/health`, { headers: bridge.admin!.headers })).status).toBe(200);
		} finally {
			await bridge.close();
		}
	});

	it('sage.textEncoding reaches the simulated company: "transliterate" stores Łódź as Lódz (ó is in Windows-1252), the default refuses it naming the field', async () => {
		const write = async (onUnsupported?: 'fail' | 'transliterate') => {
			const bridge = await startFromConfig(parseConfig({ apiKey: KEY, listen: { port: 0 }, log: { level: 'silent' }, ...(onUnsupported ? { sage: { textEncoding: { onUnsupported } } } : {}) }, {}));
			try {
				const res = await axios.post(`${bridge.url}/customers`, { NAME: 'Łódź Imports' }, { headers: { 'X-API-Key': KEY, 'Idempotency-Key': 'cp-1' }, validateStatus: () => true });
				return [res.status, res.data.NAME ?? res.data.code, res.data.field];
			} finally {
				await bridge.close();
			}
		};
		expect(await write('transliterate')).toEqual([201, 'Lódz Imports', undefined]);
		expect(await write()).toEqual([400, 'VALIDATION_FAILED', 'NAME']);
	});

	it('"sage" builds the Sage adapter from the file (a wrong ODBC connection stops nothing: health says so), never with the admin API', async () => {
		const dir = mkdtempSync(join(tmpdir(), 'bridge-sage-'));
		const config = parseConfig(
			{
				apiKey: KEY,
				adapter: 'sage',
				listen: { port: 0 },
				log: { level: 'silent' },
				sage: { odbc: { connectionString: 'DSN=SageLine50v32' }, localDb: join(dir, 'bridge.db'), sdo: { enabled: false } },
			},
			{},
		);
		const bridge = await startFromConfig(config);
		try {
			expect(bridge.adapterName).toBe('sage');
			// No DSN SageLine50v32 on this machine: reads fail, the bridge runs and reports it.
			expect((await bridgeClient(bridge.url).get('/health')).data).toMatchObject({ status: 'degraded', adapter: 'sage (read-only)', odbc: { state: 'unavailable' }, sdo: { state: 'read-only' } });
			const customers = await axios.get(`${bridge.url}/customers`, { headers: { 'X-API-Key': KEY }, validateStatus: () => true });
			expect([customers.status, customers.data.code]).toEqual([503, 'SAGE_BUSY']);
		} finally {
			await bridge.close();
		}
		// and never with the admin API, even if a caller skips parseConfig
		await expect(startFromConfig({ ...config, admin: { enabled: true, apiKey: ADMIN } })).rejects.toThrow(/admin\.enabled must be false/);
	});
});

describe('TLS (listen.tls)', () => {
	it('serves HTTPS with the configured certificate and key', async () => {
		const dir = mkdtempSync(join(tmpdir(), 'bridge-tls-'));
		const [cert, key] = [join(dir, 'cert.pem'), join(dir, 'key.pem')];
		// A throwaway self-signed certificate for 127.0.0.1 (the openssl command of the machine image).
		execFileSync('openssl', ['req', '-x509', '-newkey', 'rsa:2048', '-nodes', '-keyout', key, '-out', cert, '-days', '1', '-subj', '/CN=127.0.0.1', '-addext', 'subjectAltName=IP:127.0.0.1'], { stdio: 'ignore' });
		const bridge = await startFromConfig(parseConfig({ apiKey: KEY, listen: { port: 0, tls: { cert, key } }, log: { level: 'warn' } }, {}));
		try {
			expect(bridge.url).toMatch(/^https:\/\/127\.0\.0\.1:\d+$/);
			const ca = readFileSync(cert);
			const res = await axios.get(`${bridge.url}/customers/ABS001`, { headers: { 'X-API-Key': KEY }, httpsAgent: new Agent({ ca }) });
			expect(res.data.ACCOUNT_REF).toBe('ABS001');
			// plain HTTP on the TLS port gets no answer from the API
			await expect(axios.get(bridge.url.replace('https:', 'http:') + '/health', { timeout: 5000 })).rejects.toBeTruthy();
		} finally {
			await bridge.close();
		}
	});
});

describe('CLI (--config)', () => {
	const run = (args: string[], env: NodeJS.ProcessEnv = {}) => {
		const child = spawn(process.execPath, [require.resolve('tsx/cli'), 'bridge/src/cli.ts', ...args], { env: { ...process.env, ...env }, stdio: ['ignore', 'pipe', 'pipe'] });
		let out = '';
		child.stdout.on('data', (d: Buffer) => (out += d.toString()));
		child.stderr.on('data', (d: Buffer) => (out += d.toString()));
		const exit = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));
		const line = (pattern: RegExp) =>
			new Promise<RegExpMatchArray>((resolve, reject) => {
				const timer = setTimeout(() => reject(new Error(`no ${pattern} in: ${out}`)), 30_000);
				const check = () => {
					const m = out.match(pattern);
					if (m) {
						clearTimeout(timer);
						resolve(m);
					}
				};
				child.stdout.on('data', check);
				child.stderr.on('data', check);
				void exit.then(() => setTimeout(check, 10));
			});
		return { child, exit, line, output: () => out };
	};

	it('starts the service from a file, the API key from the environment', async () => {
		const dir = mkdtempSync(join(tmpdir(), 'bridge-cli-'));
		const file = join(dir, 'bridge.json');
		writeFileSync(file, JSON.stringify({ listen: { port: 0 }, simulated: { seed: 'empty' } }));
		const cli = run(['--config', file], { BRIDGE_API_KEY: KEY });
		try {
			const [, url] = await cli.line(/listening on (http:\/\/\S+)/);
			expect((await axios.get(`${url}/customers`, { headers: { 'X-API-Key': KEY } })).data.items).toEqual([]);
			expect(cli.output()).not.toContain(KEY);
		} finally {
			cli.child.kill('SIGTERM');
			await cli.exit;
		}
	});

	it('exits 1 naming the bad key', async () => {
		const dir = mkdtempSync(join(tmpdir(), 'bridge-cli-'));
		const file = join(dir, 'bridge.json');
		writeFileSync(file, JSON.stringify({ apiKey: KEY, adapter: 'simulated', listen: { prot: 1 } }));
		const cli = run(['--config', file], { BRIDGE_API_KEY: '' });
		expect(await cli.exit).toBe(1);
		expect(cli.output()).toContain('listen.prot is not a known key');
	});
});
