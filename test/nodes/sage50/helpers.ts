// Sage 50 node tests: the bridge (simulated company) in-process on an ephemeral port, the nodes in
// fake n8n contexts doing real HTTP, and the bridge's admin API to act "in Sage".
import type { IDataObject, INodeExecutionData } from 'n8n-workflow';

import { startBridge, type RunningBridge } from '../../../bridge/src';
import { bridgeAdminHttp, BRIDGE_ADMIN } from '../../support/bridgeAdmin';
import { Sage50UkiApi } from '../../../credentials/Sage50UkiApi.credentials';
import { Sage50Uki } from '../../../nodes/Sage50Uki/Sage50Uki.node';
import { Sage50UkiTrigger } from '../../../nodes/Sage50UkiTrigger/Sage50UkiTrigger.node';
import { createExecuteContext, createPollContext, type FakeContextOptions } from '../../support/n8nContext';

export const API_KEY = 'node-test-key';

export async function start(): Promise<RunningBridge> {
	return await startBridge({ apiKey: API_KEY, admin: BRIDGE_ADMIN });
}

/** One bridge per test file (or describe block), reset to the demo company before each test. */
export function useBridge(): { bridge: RunningBridge; sage: ReturnType<typeof admin> } {
	const suite = {} as { bridge: RunningBridge; sage: ReturnType<typeof admin> };
	beforeAll(async () => {
		suite.bridge = await start();
		suite.sage = admin(suite.bridge);
	});
	afterAll(async () => await suite.bridge.close());
	beforeEach(async () => await suite.sage.reset());
	return suite;
}

export function admin(bridge: RunningBridge) {
	const http = bridgeAdminHttp(bridge);
	return {
		reset: async (seed: 'demo' | 'empty' = 'demo') => (await http.post('/reset', { seed })).data,
		post: async (path: string, body: IDataObject) => (await http.post(path, body)).data as IDataObject,
		patch: async (path: string, body: IDataObject) => (await http.patch(path, body)).data as IDataObject,
		del: async (path: string) => (await http.delete(path)).data as IDataObject,
		table: async (name: string) => (await http.get(`/tables/${name}`)).data.rows as IDataObject[],
		counters: async () => (await http.get('/counters')).data as { total: number; writes: number; byRoute: Array<{ method: string; route: string; status: number; count: number }> },
		resetCounters: async () => (await http.post('/counters/reset')).data,
		fault: async (f: IDataObject) => (await http.post('/faults', f)).data,
		clock: async (c: IDataObject) => (await http.post('/clock', c)).data,
	};
}

export function credentials(bridge: RunningBridge, extra: IDataObject = {}) {
	return { sage50UkiApi: { bridgeUrl: bridge.url, apiKey: API_KEY, company: '', maxRetries: 3, ...extra } };
}

export type Params = Record<string, unknown>;

export async function run(
	bridge: RunningBridge,
	parameters: Params | ((i: number) => Params),
	items: INodeExecutionData[] = [{ json: {} }],
	extra: Partial<FakeContextOptions> & { creds?: IDataObject } = {},
) {
	const ctx = createExecuteContext({
		parameters,
		items,
		credentials: credentials(bridge, extra.creds),
		credentialTypes: [new Sage50UkiApi()],
		node: { name: 'Sage 50 UKI', type: 'n8n-nodes-sage50-forcemanager.sage50Uki' },
		...extra,
	});
	const out = await new Sage50Uki().execute.call(ctx);
	return { json: out[0].map((i) => i.json), items: out[0], ctx };
}

/**
 * A Sage 50 UKI Trigger. Its delivery consumer in the bridge is named after the workflow and the node
 * id: triggers with the same `nodeId` share it (one node polling again, or after a restart).
 */
export function trigger(bridge: RunningBridge, parameters: Params, staticNode: IDataObject, mode: 'trigger' | 'manual' = 'trigger', nodeId = 'sage-trigger') {
	const ctx = createPollContext({
		parameters,
		mode,
		staticData: { node: staticNode },
		credentials: credentials(bridge),
		credentialTypes: [new Sage50UkiApi()],
		node: { id: nodeId, name: 'Sage 50 UKI Trigger', type: 'n8n-nodes-sage50-forcemanager.sage50UkiTrigger' },
	});
	return { ctx, poll: async () => await new Sage50UkiTrigger().poll.call(ctx) };
}

export function count(c: { byRoute: Array<{ method: string; route: string; status: number; count: number }> }, method: string, route: string, status?: number) {
	return c.byRoute.filter((r) => r.method === method && r.route === route && (status === undefined || r.status === status)).reduce((n, r) => n + r.count, 0);
}

export const items = (n: number): INodeExecutionData[] => Array.from({ length: n }, (_, i) => ({ json: { i } }));
