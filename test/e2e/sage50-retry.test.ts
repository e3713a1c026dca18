// Define Below creates in a real n8n 2.40.7: keyed by execution and item, so a new execution of the
// same orders creates them again, while n8n's own Retry of a failed execution (a new execution id;
// the failed run's data, custom data included, carried over — n8n execution.service `retry`) derives
// the original run's keys and replays what that run created (nodes/Sage50Uki/README.md, "Idempotency").
// Executions are started with `n8n execute`; the Retry goes through the REST API like the editor's button.
import * as path from 'node:path';
import type { IDataObject } from 'n8n-workflow';

import { startBridge, type RunningBridge } from '../../bridge/src';
import { bridgeAdminHttp, BRIDGE_ADMIN } from '../support/bridgeAdmin';
import { asRun, N8nRestSession, nodeItems, ownerEnv, prepareN8nRuntime, runError, type N8nInstance, type N8nServer } from '../../sandbox/n8n';
import { loadWorkflow, setupN8nSuite } from '../support/e2e';

jest.setTimeout(600_000);

const API_KEY = 'sage50-retry-e2e-key';
const OWNER = { email: 'owner@sfm-retry.local', password: 'Retry-Owner-2026' };
const WORKFLOW = 'sgE2eCreateOrders';
const NODE = 'Create Orders';

describe('Sage 50 UKI Define Below creates across executions and n8n Retry (real n8n 2.40.7)', () => {
	let bridge: RunningBridge;
	let instance: N8nInstance;
	let server: N8nServer | undefined;

	const admin = () => bridgeAdminHttp(bridge);
	const orders = async (po: string) =>
		((await admin().get('/tables/SALES_ORDER')).data.rows as IDataObject[]).filter((o) => o.CUST_ORDER_NUMBER === po).map((o) => Number(o.ORDER_NUMBER));

	beforeAll(async () => {
		bridge = await startBridge({ apiKey: API_KEY, seed: 'demo', admin: BRIDGE_ADMIN });
		({ instance } = await setupN8nSuite({
			name: 'sage50-retry',
			env: ownerEnv(prepareN8nRuntime(), OWNER.email, OWNER.password),
			credentials: [{ id: 'sgE2eOrdCred', name: 'Sage 50 bridge (simulator)', type: 'sage50UkiApi', data: { bridgeUrl: bridge.url, apiKey: API_KEY, maxRetries: 0 } }],
			workflows: [loadWorkflow(path.join(__dirname, 'fixtures', 'sage50', 'create-orders.json'))],
		}));
	});

	afterAll(async () => {
		await server?.stop();
		await instance?.dispose();
		await bridge?.close();
	});

	test('O1: the same orders in a second execution are created again; Retry of each failed execution replays its created order and creates the rest', async () => {
		// Two executions while BUS001 is on hold: each creates the ABS001 order, then fails on BUS001.
		const march = await instance.execute(WORKFLOW);
		const april = await instance.execute(WORKFLOW);
		for (const run of [march, april]) {
			expect(run.ok).toBe(false);
			expect(runError(run.run)?.message).toMatch(/ACCOUNT_ON_HOLD/);
		}
		expect(await orders('STANDING-ABS')).toHaveLength(2); // a genuine repeat is a new order
		expect(await orders('STANDING-BUS')).toHaveLength(0);
		const failed = instance.executions(WORKFLOW).filter((e) => e.status === 'error');
		expect(failed).toHaveLength(2);
		// Each run recorded itself as the execution its keys derive from.
		for (const e of failed) {
			expect(instance.execution(e.id)?.run?.resultData.metadata).toMatchObject({ sage50_writes_execution: e.id });
		}

		// Fixed in Sage, then Executions › Retry (original workflow) on each failed execution.
		await admin().patch('/customers/BUS001', { ACCOUNT_ON_HOLD: 0 });
		server = await instance.start();
		const session = await N8nRestSession.login(server, OWNER);
		const absBefore = await orders('STANDING-ABS');
		for (const e of failed) {
			const retried = await session.request<IDataObject>('POST', `/executions/${e.id}/retry`, { loadWorkflow: false });
			expect(retried).toMatchObject({ retryOf: e.id, status: 'success' });
			const run = instance.execution(String(retried.id))?.run;
			expect(run?.resultData.metadata).toMatchObject({ sage50_writes_execution: e.id });
			const created = nodeItems(asRun(run!), NODE);
			expect(created.map((o) => o.ACCOUNT_REF)).toEqual(['ABS001', 'BUS001']);
		}
		// The ABS001 orders were replayed (same numbers, none added); each retry created its BUS001 order.
		expect(await orders('STANDING-ABS')).toEqual(absBefore);
		expect(await orders('STANDING-BUS')).toHaveLength(2);
	});
});
