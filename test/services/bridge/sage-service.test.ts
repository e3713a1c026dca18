// The bridge as a service on the Sage adapter (issue 9): started from a configuration with
// `adapter: "sage"` through the service's own path — ODBC over unixODBC + the SQLite ODBC driver with
// the Sage dialect guard on, writes through the SDO writer over the fake SDO, one Sage-shaped company
// file — it serves the whole contract: the contract test command passes against it, read-only and
// with --write, and /health reports the adapter, the SDO version, ODBC and SDO. Read-only mode
// (`sage.sdo.enabled: false`) serves every read and refuses writes naming what to install.
import { spawn } from 'node:child_process';
import axios from 'axios';
import { runContractChecks } from '../../../bridge/src/contract/checks';
import { type SageBridge, startSageBridge } from '../../support/sageBridge';

const KEY = 'sage-service-test-key-01';

describe('adapter "sage": ODBC reads + SDO writes (fake SDO), from a configuration', () => {
	let bridge: SageBridge;
	beforeAll(async () => (bridge = await startSageBridge({ apiKey: KEY })));
	afterAll(() => bridge?.close());

	it('/health reports the Sage adapter, the SDO version and the state of ODBC and SDO; no admin API', async () => {
		expect(bridge.adapterName).toBe('sage');
		const health = (await axios.get(`${bridge.url}/health`)).data;
		expect(health).toMatchObject({
			status: 'ok',
			adapter: 'sage',
			sageVersion: '32.0.0.0',
			company: 'Sage 50 Demo Company Ltd',
			odbc: { state: 'connected' },
			sdo: { state: 'connected', version: '32.0.0.0' },
		});
		expect(bridge.admin).toBeUndefined();
		expect((await axios.get(`${bridge.url}/__admin/health`, { headers: { 'X-API-Key': KEY }, validateStatus: () => true })).status).toBe(404);
	});

	it('the contract command passes read-only; every statement the adapter sent passed the Sage dialect guard', async () => {
		const before = bridge.statements.length;
		const run = await runContractChecks({ url: bridge.url, key: KEY });
		expect(run.results.filter((r) => !r.ok)).toEqual([]);
		expect(run.passed).toBeGreaterThanOrEqual(30);
		// users: the configuration's users directory (the demo company's users with an e-mail), checked against the contract
		expect(run.results.find((r) => r.name === 'GET /users pages by key cursor')?.detail).toBe('3 items over two pages');
		expect(run.results.find((r) => r.name === 'GET /users/MANAGER')?.ok).toBe(true);
		expect(run.results.filter((r) => r.skipped).map((r) => r.name)).toEqual([]);
		const sent = bridge.statements.slice(before);
		expect(sent.length).toBeGreaterThan(20);
		expect(sent.filter((s) => !/^SELECT /.test(s))).toEqual([]);
		expect(sent.some((s) => /^SELECT TOP \d+ /.test(s))).toBe(true);
		// nothing written: no SDO call beyond the logon health made
		expect(bridge.sdo!.calls.filter((c) => /\.(Update|AddNew|Edit)$/.test(c))).toEqual([]);
	});

	it('the contract command passes with --write: the customer, contact and quotation land in the Sage tables through SDO, once', async () => {
		const run = await runContractChecks({ url: bridge.url, key: KEY, write: true });
		expect(run.results.filter((r) => !r.ok)).toEqual([]);
		const customers = bridge.sage.prepare("SELECT ACCOUNT_REF, TELEPHONE FROM SALES_LEDGER WHERE NAME LIKE 'Contract Check %'").all();
		expect(customers).toEqual([expect.objectContaining({ TELEPHONE: '01632 960000' })]); // the replay wrote nothing
		const ref = String(customers[0].ACCOUNT_REF);
		expect(bridge.sage.prepare('SELECT CONTACT_NAME, E_MAIL, ADDRESS_TYPE FROM SALES_DEL_ADDR WHERE ACCOUNT_REF = ?').all(ref)).toEqual([
			{ CONTACT_NAME: 'Contract Check', E_MAIL: 'contract.check@example.com', ADDRESS_TYPE: 1 },
		]);
		expect(bridge.sage.prepare('SELECT ORDER_TYPE_CODE, NOTES_1 FROM SALES_ORDER WHERE ACCOUNT_REF = ?').all(ref)).toEqual([{ ORDER_TYPE_CODE: 9, NOTES_1: 'contract check' }]);
		expect(bridge.sdo!.calls.filter((c) => c === 'SalesRecord.Update')).toHaveLength(2); // create + patch, not the replay
		expect(bridge.sdo!.calls).toContain('SopPost.Update');
		// the writes are in the change feed (one entry per record, its latest change) as the bridge's own
		const feed = (await axios.get(`${bridge.url}/changes/customers`, { params: { limit: 500 }, headers: { 'X-API-Key': KEY } })).data;
		expect(feed.items.filter((c: { key: string }) => c.key === ref).map((c: { source: string; change: string }) => [c.change, c.source])).toEqual([['created', 'bridge']]);
	});

	it('the contract command\'s CLI passes against it (exit 0)', async () => {
		const out = await new Promise<{ code: number | null; text: string }>((resolve) => {
			const child = spawn(process.execPath, [require.resolve('tsx/cli'), 'bridge/src/contract/cli.ts', '--url', bridge.url, '--key', KEY], { stdio: ['ignore', 'pipe', 'pipe'] });
			let text = '';
			child.stdout.on('data', (d: Buffer) => (text += d.toString()));
			child.stderr.on('data', (d: Buffer) => (text += d.toString()));
			child.on('exit', (code) => resolve({ code, text }));
		});
		expect(out.text).toMatch(/^ok {4}GET \/health without a key — adapter sage, Sage 32\.0\.0\.0, company "Sage 50 Demo Company Ltd", status ok, ODBC connected, SDO connected$/m);
		expect(out.text).toMatch(/^\d+ passed, 0 failed, 0 skipped$/m);
		expect(out.code).toBe(0);
	});
});

describe('adapter "sage" read-only (sage.sdo.enabled: false)', () => {
	let bridge: SageBridge;
	beforeAll(async () => (bridge = await startSageBridge({ apiKey: KEY, sdo: false })));
	afterAll(() => bridge?.close());

	it('serves every read of the contract; each write fails READ_ONLY (501) naming SDO and the key to set', async () => {
		const health = (await axios.get(`${bridge.url}/health`)).data;
		expect(health).toMatchObject({ status: 'ok', adapter: 'sage (read-only)', odbc: { state: 'connected' }, sdo: { state: 'read-only' } });
		const read = await runContractChecks({ url: bridge.url, key: KEY });
		expect(read.results.filter((r) => !r.ok)).toEqual([]);
		const write = await runContractChecks({ url: bridge.url, key: KEY, write: true });
		const failed = write.results.filter((r) => !r.ok);
		expect(failed.map((r) => r.name)).toEqual(['POST /customers, replayed with the same Idempotency-Key']);
		expect(failed[0].detail).toMatch(/answered 501.*READ_ONLY.*Sage Data Objects.*sage\.sdo\.enabled/);
	});
});
