// The contract test command (npm run bridge:contract): checks any running bridge against openapi.yaml;
// read-only unless asked to write. Here against bridges this test starts (simulated company).
import { spawn } from 'node:child_process';
import { type AddressInfo, createServer } from 'node:net';
import { runContractChecks } from '../../../bridge/src/contract/checks';
import { type Harness, startHarness, API_KEY } from './harness';

let h: Harness;
beforeAll(async () => (h = await startHarness()));
afterAll(() => h.bridge.close());
afterEach(() => h.admin.delete('/faults'));

const rowCount = async (table: string) => ((await h.admin.get(`/tables/${table}`)).data.rows as unknown[]).length;

describe('contract test command', () => {
	it('read-only by default: every check passes and nothing is written', async () => {
		await h.admin.post('/counters/reset');
		const before = await Promise.all(['SALES_LEDGER', 'SALES_DEL_ADDR', 'SALES_ORDER', 'BRIDGE_CONSUMERS', 'BRIDGE_SYNC_STATE'].map(rowCount));
		const run = await runContractChecks({ url: h.bridge.url, key: API_KEY });
		expect(run.results.filter((r) => !r.ok)).toEqual([]);
		expect(run.passed).toBeGreaterThanOrEqual(30);
		expect(run.skipped).toBe(0);
		// the only write route it calls is a PATCH without Idempotency-Key, refused before Sage
		const writes = ((await h.admin.get('/counters')).data.byRoute as Array<{ method: string; route: string; status: number }>).filter((r) => r.method !== 'GET');
		expect(writes).toEqual([expect.objectContaining({ method: 'PATCH', route: '/customers/{accountRef}', status: 400 })]);
		expect(await Promise.all(['SALES_LEDGER', 'SALES_DEL_ADDR', 'SALES_ORDER', 'BRIDGE_CONSUMERS', 'BRIDGE_SYNC_STATE'].map(rowCount))).toEqual(before);
	});

	it('--write (a test company): creates a customer, a contact, a quotation and uses the ledger, all in the contract', async () => {
		const run = await runContractChecks({ url: h.bridge.url, key: API_KEY, write: true });
		expect(run.results.filter((r) => !r.ok)).toEqual([]);
		const customers = (await h.admin.get('/tables/SALES_LEDGER')).data.rows as Array<{ NAME: string }>;
		expect(customers.filter((c) => c.NAME.startsWith('Contract Check '))).toHaveLength(1); // the replay wrote nothing
		expect(run.results.map((r) => r.name)).toEqual(expect.arrayContaining(['POST and PATCH a quotation', 'delivery ledger: lease, ack, sync state']));
	});

	it('fails, naming the check, when an answer breaks the contract', async () => {
		await h.admin.post('/faults', { mode: 'htmlError', count: 1, route: '/lookups/currencies' });
		await h.admin.post('/faults', { mode: 'truncatedJson', count: 1, route: '/customers/{accountRef}', processed: true });
		const run = await runContractChecks({ url: h.bridge.url, key: API_KEY });
		expect(run.failed).toBe(2);
		expect(run.results.filter((r) => !r.ok).map((r) => r.name)).toEqual(['GET /customers/A1D001', 'GET /lookups/currencies']);
	});

	it('fails at once when the key is wrong, and when nothing answers', async () => {
		const wrongKey = await runContractChecks({ url: h.bridge.url, key: 'not-the-key' });
		expect(wrongKey.failed).toBeGreaterThan(10);
		const closed = createServer();
		await new Promise<void>((resolve) => closed.listen(0, '127.0.0.1', resolve));
		const port = (closed.address() as AddressInfo).port;
		await new Promise((resolve) => closed.close(resolve));
		const nothing = await runContractChecks({ url: `http://127.0.0.1:${port}`, key: API_KEY });
		expect(nothing.results).toEqual([expect.objectContaining({ ok: false, detail: expect.stringMatching(/fetch failed.*ECONNREFUSED/) })]);
	});

	it('the CLI prints a line per check and "N passed, 0 failed", exit 0 (1 on failures)', async () => {
		const cli = async (args: string[]) =>
			await new Promise<{ code: number | null; out: string }>((resolve) => {
				const child = spawn(process.execPath, [require.resolve('tsx/cli'), 'bridge/src/contract/cli.ts', ...args], { stdio: ['ignore', 'pipe', 'pipe'] });
				let out = '';
				child.stdout.on('data', (d: Buffer) => (out += d.toString()));
				child.stderr.on('data', (d: Buffer) => (out += d.toString()));
				child.on('exit', (code) => resolve({ code, out }));
			});
		const good = await cli(['--url', h.bridge.url, '--key', API_KEY]);
		expect(good.code).toBe(0);
		expect(good.out).toMatch(/^ok {4}GET \/health without a key — adapter simulated/m);
		expect(good.out).toMatch(/^\d+ passed, 0 failed, 0 skipped$/m);
		const bad = await cli(['--url', h.bridge.url, '--key', 'wrong']);
		expect(bad.code).toBe(1);
		expect(bad.out).toMatch(/^FAIL {2}GET \/customers pages by key cursor/m);
	});
});
