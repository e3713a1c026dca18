// Sage 50 UKI node, credential and trigger inside a real n8n 2.40.7 (nothing of n8n mocked): the
// packed package installed like a community package, a plaintext `sage50UkiApi` credential pointed
// at the bridge started in-process (simulated company, demo seed), workflows run by `n8n execute`
// and, for the trigger, published and polled by `n8n start`. Sage-side edits go through the
// bridge's admin API, as a person working in Sage would make them.
import * as path from 'node:path';
import axios from 'axios';
import type { IDataObject } from 'n8n-workflow';

import { startBridge, type RunningBridge } from '../../bridge/src';
import { bridgeAdminHttp, BRIDGE_ADMIN } from '../support/bridgeAdmin';
import { nodeItems, runError, type N8nInstance, type N8nServer } from '../../sandbox/n8n';
import { loadWorkflow, setupN8nSuite, startRequestSink, type RequestSink } from '../support/e2e';

// jest ignores `testTimeout` inside a `projects` entry, so the suite sets its own.
jest.setTimeout(600_000);

const fixtures = path.join(__dirname, 'fixtures', 'sage50');
const API_KEY = 'sage50-e2e-key';
const CREDENTIAL = { id: 'sgE2eCred', name: 'Sage 50 bridge (simulator)' };
const UPSERT = 'sgE2eUpsertCustomers';
const QUOTATION = 'sgE2eCreateQuotation';
const GET_MANY = 'sgE2eGetManyCustomers';
const TRIGGER = 'sgE2eTriggerCustomers';

// Get Many: the bridge clock is frozen in July 2030 (BST) for the paging seed, then moved on an
// hour for three Sage edits. The filter is given with its +01:00 offset and is inclusive, so it
// selects exactly the edits made at that instant.
const SEED_AT = '2030-07-16T08:00:00Z';
const EDITS_AT_UK = '2030-07-16T10:00:00+01:00';
const PAGING_CUSTOMERS = 2100; // + the demo company's customers: three pages of 1000

interface Counters {
	total: number;
	writes: number;
	byRoute: Array<{ method: string; route: string; status: number; count: number }>;
}

/** The bridge's admin API (simulator only): tables, Sage-side edits, counters, faults, clock. */
function bridgeAdmin(bridge: RunningBridge) {
	const http = bridgeAdminHttp(bridge);
	return {
		table: async (name: string) => ((await http.get(`/tables/${name}`)).data as { rows: IDataObject[] }).rows,
		seed: async (payload: IDataObject) => (await http.post('/seed', payload)).data as { created: Record<string, string[]> },
		createCustomer: async (body: IDataObject) => (await http.post('/customers', body)).data as IDataObject,
		editCustomer: async (ref: string, body: IDataObject) => (await http.patch(`/customers/${ref}`, body)).data as IDataObject,
		deleteCustomer: async (ref: string) => (await http.delete(`/customers/${ref}`)).data as IDataObject,
		counters: async () => (await http.get('/counters')).data as Counters,
		resetCounters: async () => void (await http.post('/counters/reset')),
		fault: async (body: IDataObject) => void (await http.post('/faults', body)),
		clock: async (body: IDataObject) => void (await http.post('/clock', body)),
	};
}

function count(counters: Counters, method: string, route: string, status?: (s: number) => boolean): number {
	return counters.byRoute
		.filter((r) => r.method === method && r.route === route && (status === undefined || status(r.status)))
		.reduce((n, r) => n + r.count, 0);
}
const ok2xx = (s: number) => s >= 200 && s < 300;
const client4xx = (s: number) => s >= 400 && s < 500;

describe('Sage 50 UKI in a real n8n 2.40.7', () => {
	let bridge: RunningBridge;
	let sage: ReturnType<typeof bridgeAdmin>;
	let sink: RequestSink;
	let instance: N8nInstance;
	let server: N8nServer | undefined;

	beforeAll(async () => {
		bridge = await startBridge({ apiKey: API_KEY, seed: 'demo', admin: BRIDGE_ADMIN });
		sage = bridgeAdmin(bridge);
		sink = await startRequestSink();
		// The credential names the company the bridge serves, so every run also passes the node's
		// wrong-company guard.
		const health = (await axios.get(`${bridge.url}/health`)).data as { company: string };
		({ instance } = await setupN8nSuite({
			name: 'sage50',
			credentials: [
				{
					...CREDENTIAL,
					type: 'sage50UkiApi',
					data: { bridgeUrl: bridge.url, apiKey: API_KEY, company: health.company, maxRetries: 3 },
				},
			],
			workflows: [
				loadWorkflow(path.join(fixtures, 'upsert-customers.json')),
				loadWorkflow(path.join(fixtures, 'create-quotation.json')),
				loadWorkflow(path.join(fixtures, 'get-many-customers.json'), { MODIFIED_SINCE: EDITS_AT_UK }),
				loadWorkflow(path.join(fixtures, 'trigger-customers.json'), { SINK_URL: sink.url }),
			],
			publish: [TRIGGER],
		}));
	});

	afterAll(async () => {
		await server?.stop();
		await instance?.dispose();
		await sink?.close();
		await bridge?.close();
	});

	test('A1 A2: upsert by ACCOUNT_REF creates, updates and skips; Sage generates a missing reference; an over-long NAME fails alone, named; a rerun writes nothing', async () => {
		const before = new Map((await sage.table('SALES_LEDGER')).map((r) => [String(r.ACCOUNT_REF), r]));
		await sage.resetCounters();

		const first = await instance.execute(UPSERT);
		expect({ ok: first.ok, error: runError(first.run)?.message }).toEqual({ ok: true, error: undefined });

		const upserted = nodeItems(first.run, 'Upsert Customers');
		expect(upserted.map((r) => [r.key, r.status])).toEqual([
			['ABS001', 'unchanged'],
			['KIN001', 'updated'],
			['NORTH01', 'created'],
			['LONG01', 'failed'],
		]);
		expect(upserted[1].changedFields).toEqual(['TELEPHONE']);
		// The failure names the record and the field, in the words of the bridge (FIELD_TOO_LONG).
		expect(String(upserted[3].reason)).toContain('LONG01');
		expect(String(upserted[3].reason)).toMatch(/\bNAME\b/);
		expect(String(upserted[3].reason)).toMatch(/60/);

		const created = nodeItems(first.run, 'Create Customers');
		expect(created).toHaveLength(1);
		const generatedRef = String(created[0].ACCOUNT_REF);
		expect(generatedRef).toMatch(/^HARBOU\d{2}$/);

		// What Sage now holds.
		const after = new Map((await sage.table('SALES_LEDGER')).map((r) => [String(r.ACCOUNT_REF), r]));
		expect(after.get('KIN001')).toMatchObject({ TELEPHONE: '020 7946 0001', NAME: 'Kinnerton Cafe' });
		expect(after.get('NORTH01')).toMatchObject({ NAME: 'Northwind Stationers', ADDRESS_1: '1 Stonegate', ADDRESS_2: 'York' });
		expect(after.get(generatedRef)).toMatchObject({ NAME: 'Harbour View Café', ADDRESS_1: '2 Quay Street' });
		expect(after.has('LONG01')).toBe(false);
		// unchanged means untouched: not even RECORD_MODIFY_DATE moved
		expect(after.get('ABS001')).toEqual(before.get('ABS001'));
		expect(after.size).toBe(before.size + 2);

		const writes1 = await sage.counters();
		expect(count(writes1, 'POST', '/customers', ok2xx)).toBe(2); // NORTH01, the generated one
		expect(count(writes1, 'POST', '/customers', client4xx)).toBe(1); // LONG01 rejected by Sage's rules
		expect(count(writes1, 'PATCH', '/customers/{accountRef}')).toBe(1); // KIN001 only

		// Second identical run: nothing new reaches Sage. The upsert finds everything unchanged (no
		// PATCH, no POST); the create without a reference has a Source Record ID (the FM account), so
		// its key is the same in every execution and the bridge replays it instead of creating a second
		// customer; LONG01 is rejected again.
		const feedBefore = await sage.table('BRIDGE_CHANGES');
		await sage.resetCounters();
		const second = await instance.execute(UPSERT);
		expect(second.ok).toBe(true);
		expect(nodeItems(second.run, 'Upsert Customers').map((r) => [r.key, r.status])).toEqual([
			['ABS001', 'unchanged'],
			['KIN001', 'unchanged'],
			['NORTH01', 'unchanged'],
			['LONG01', 'failed'],
		]);
		expect(nodeItems(second.run, 'Create Customers').map((r) => r.ACCOUNT_REF)).toEqual([generatedRef]);
		const writes2 = await sage.counters();
		expect(count(writes2, 'PATCH', '/customers/{accountRef}')).toBe(0);
		expect(count(writes2, 'POST', '/customers', ok2xx)).toBe(1); // the replay
		expect(count(writes2, 'POST', '/customers', client4xx)).toBe(1);
		expect(writes2.writes).toBe(2);
		expect(await sage.table('SALES_LEDGER')).toEqual([...after.values()]);
		expect(await sage.table('BRIDGE_CHANGES')).toEqual(feedBefore);
	});

	test('O1: a retried quotation create from the same ForceManager quote makes one Sage quotation (idempotency key), priced by Sage', async () => {
		const quotations = async () => (await sage.table('SALES_ORDER')).filter((r) => Number(r.ORDER_TYPE) === 9);
		const before = await quotations();
		await sage.resetCounters();
		// Sage is busy once: the node retries the POST with the same key.
		await sage.fault({ mode: 'SAGE_BUSY', count: 1, method: 'POST', route: '/sales-orders' });

		const first = await instance.execute(QUOTATION);
		expect({ ok: first.ok, error: runError(first.run)?.message }).toEqual({ ok: true, error: undefined });
		const [quote] = nodeItems(first.run, 'Create Quotation');
		expect(quote).toMatchObject({ ORDER_TYPE: 9, ACCOUNT_REF: 'ABS001', CUST_ORDER_NUMBER: 'FM-Q-4711', QUOTE_STATUS: 1 });
		expect(Number(quote.ITEMS_NET)).toBeGreaterThan(0); // Sage's prices, not ours

		// The whole workflow runs again (e.g. n8n retried the execution): same source record, same key.
		const retry = await instance.execute(QUOTATION);
		expect(retry.ok).toBe(true);
		expect(nodeItems(retry.run, 'Create Quotation')[0].ORDER_NUMBER).toBe(quote.ORDER_NUMBER);

		const after = await quotations();
		expect(after).toHaveLength(before.length + 1);
		expect(after.filter((r) => r.CUST_ORDER_NUMBER === 'FM-Q-4711').map((r) => r.ORDER_NUMBER)).toEqual([quote.ORDER_NUMBER]);
		const counters = await sage.counters();
		expect(count(counters, 'POST', '/sales-orders', (s) => s === 503)).toBe(1);
		expect(count(counters, 'POST', '/sales-orders', ok2xx)).toBe(2); // created, then replayed
	});

	test('Get Many pages through the ledger with the key cursor, and Modified Since (BST offset, inclusive) returns only the later Sage edits', async () => {
		await sage.clock({ frozenAt: SEED_AT });
		const customers = Array.from({ length: PAGING_CUSTOMERS }, (_, i) => ({
			ACCOUNT_REF: `PG${String(i + 1).padStart(4, '0')}`,
			NAME: `Paging Customer ${i + 1}`,
		}));
		await sage.seed({ customers });
		await sage.clock({ advanceSeconds: 3600 });
		for (const ref of ['PG0007', 'PG1500', 'KIN001']) await sage.editCustomer(ref, { ANALYSIS_1: 'edited in Sage' });
		await sage.clock({ frozenAt: null });

		const live = (await sage.table('SALES_LEDGER')).filter((r) => Number(r.RECORD_DELETED) !== 1);
		expect(live.length).toBeGreaterThan(2000);
		await sage.resetCounters();

		const result = await instance.execute(GET_MANY);
		expect({ ok: result.ok, error: runError(result.run)?.message }).toEqual({ ok: true, error: undefined });

		const all = nodeItems(result.run, 'All Customers').map((r) => String(r.ACCOUNT_REF));
		expect(all).toHaveLength(live.length);
		expect(new Set(all).size).toBe(all.length); // no record twice across page boundaries
		expect([...all].sort()).toEqual(live.map((r) => String(r.ACCOUNT_REF)).sort());

		const changed = nodeItems(result.run, 'Changed Customers').map((r) => String(r.ACCOUNT_REF));
		expect(changed.sort()).toEqual(['KIN001', 'PG0007', 'PG1500']);

		// Pages of 1000 for the full read, one page for the filtered one.
		const counters = await sage.counters();
		expect(count(counters, 'GET', '/customers')).toBe(Math.ceil(live.length / 1000) + 1);
	});

	test('Trigger: Sage creates, edits and deletes reach the downstream node exactly once each; a write by another program through the bridge is a real change; the bridge\'s delivery ledger keeps the position across restarts', async () => {
		const received = () => sink.requests.map((r) => r.body as IDataObject);
		const ledger = async () =>
			((await axios.get(`${bridge.url}/deliveries`, { params: { workflow: TRIGGER }, headers: { 'X-API-Key': API_KEY } })).data as { items: IDataObject[] }).items;
		// A small, known company and change feed for this test.
		await bridgeAdminHttp(bridge).post('/reset', { seed: 'demo' });
		const demoRefs = (await sage.table('SALES_LEDGER')).map((r) => String(r.ACCOUNT_REF)).sort();

		// Activation polls once. "Emit all existing records" makes that first poll an initial load.
		server = await instance.start();
		await sink.waitFor(demoRefs.length, 90_000);
		await instance.waitForExecutions(TRIGGER, 1);
		expect(received().map((c) => c.key).sort()).toEqual(demoRefs);
		expect(received().every((c) => c.event === 'created')).toBe(true);
		const loaded = sink.requests.length;
		// The trigger's consumer lives in the bridge (not in n8n's static data), nothing left to deliver.
		expect(await ledger()).toEqual([expect.objectContaining({ workflow: TRIGGER, entity: 'customers', pending: 0, leased: 0, dead: 0 })]);

		// In Sage: create, edit, delete; and another program writes a customer through the bridge's
		// API. Echoes are told by content against what the sync last agreed on: with no sync state for
		// DUB001, that write is a real change and goes out (issue 8, point 3).
		await sage.createCustomer({ ACCOUNT_REF: 'TRIG01', NAME: 'Trigger Test Ltd', COUNTRY_CODE: 'GB' });
		await sage.editCustomer('ABS001', { TELEPHONE: '01656 000 111' });
		await sage.deleteCustomer('STE001');
		await axios.patch(
			`${bridge.url}/customers/DUB001`,
			{ ANALYSIS_1: 'written by another program' },
			{ headers: { 'X-API-Key': API_KEY, 'Idempotency-Key': 'e2e-other-program-1' } },
		);

		// A restart polls at activation again, from the ledger's position: only the four changes.
		await server.stop();
		server = await instance.start();
		await sink.waitFor(loaded + 4, 90_000);
		await instance.waitForExecutions(TRIGGER, 2);

		// One more Sage edit, another restart: only it arrives, nothing earlier repeats.
		await sage.editCustomer('TRIG01', { NAME: 'Trigger Test Ltd (renamed)' });
		await server.stop();
		server = await instance.start();
		await sink.waitFor(loaded + 5, 90_000);
		const executions = await instance.waitForExecutions(TRIGGER, 3);
		await server.stop();
		server = undefined;

		const changes = received().slice(loaded);
		expect(changes.slice(0, 4).map((c) => [c.event, c.key]).sort()).toEqual(
			[
				['created', 'TRIG01'],
				['updated', 'ABS001'],
				['deleted', 'STE001'],
				['updated', 'DUB001'],
			].sort(),
		);
		expect(changes.slice(4).map((c) => [c.event, c.key])).toEqual([['updated', 'TRIG01']]);
		expect(changes.find((c) => c.key === 'STE001')).toMatchObject({ deleted: 1 });
		expect(changes[4]).toMatchObject({ name: 'Trigger Test Ltd (renamed)' });
		expect(executions.map((e) => e.status)).toEqual(['success', 'success', 'success']);
		expect(sink.requests).toHaveLength(loaded + 5);
		expect(await ledger()).toEqual([expect.objectContaining({ pending: 0, leased: 0, dead: 0 })]);
	});
});
