// The end-to-end sync bench: the ForceManager simulator and the Sage 50 bridge in-process, one real
// n8n 2.40.7 with the package installed, the credentials the templates name (`sfmForceManagerDemo`,
// `sfmSage50Bridge`), the templates imported unchanged, an owner session on the editor's REST API,
// and one-call sync cycles (`sandbox/n8n/cycle.ts`). Admin clients read and edit both systems as a
// person would (and read their counters).
import * as path from 'node:path';
import axios, { type AxiosInstance } from 'axios';
import type { IDataObject } from 'n8n-workflow';

import { startBridge, type RunningBridge, type RunningService } from '../../bridge/src';
import { bridgeAdminHttp, BRIDGE_ADMIN } from './bridgeAdmin';
import { DEMO_KEYS, startForceManagerSimulator, type ForceManagerSimulator } from '../../sandbox/forcemanager';
import { demoSeed } from '../../sandbox/forcemanager/seed';
import {
	N8nRestSession,
	loadTemplates,
	ownerEnv,
	prepareN8nRuntime,
	nodeItems,
	runCycle,
	waitForNextPoll,
	type CycleOptions,
	type CycleResult,
	type N8nCredential,
	type N8nInstance,
	type N8nServer,
	type N8nWorkflow,
} from '../../sandbox/n8n';
import { forceManagerAdminClient } from '../../sandbox/forcemanager/adminClient';
import { setupN8nSuite } from './e2e';
import { startSageBridge } from './sageBridge';
import { sagePeople } from './sagePeople';
import { type Counters, type SageSide, workflowDeadLetters } from './sageSide';

export const SYNC_OWNER = { email: 'owner@sfm-sync.local', password: 'Sync-Owner-2026' };
export const FM_CREDENTIAL_ID = 'sfmForceManagerDemo';
export const SAGE_CREDENTIAL_ID = 'sfmSage50Bridge';
export const BRIDGE_KEY = 'sync-e2e-bridge-key';

export type { Counters } from './sageSide';

/** Requests per (method, route) in a counter dump, optionally only those with a matching status. */
export function countRoute(counters: Counters, method: string, route: string, status?: (s: number) => boolean): number {
	return counters.byRoute
		.filter((r) => r.method === method && r.route === route && (status === undefined || status(r.status)))
		.reduce((n, r) => n + r.count, 0);
}

/** The simulator's admin API: UI edits are stamped with the admin user, never the sync's. */
export function forceManagerAdmin(sim: ForceManagerSimulator) {
	return forceManagerAdminClient(sim.origin, 'empty');
}

/** The bridge's admin API: tables, Sage-side edits (as a person in Sage), counters, clock. */
export function sageAdmin(bridge: RunningBridge): SageSide {
	const http: AxiosInstance = bridgeAdminHttp(bridge);
	return {
		reset: async (seed: 'demo' | 'empty' = 'empty') => void (await http.post('/reset', { seed })),
		seed: async (payload: IDataObject) => (await http.post('/seed', payload)).data as { created: Record<string, string[]> },
		table: async (name: string) => ((await http.get(`/tables/${name}`)).data as { rows: IDataObject[] }).rows,
		createCustomer: async (body: IDataObject) => (await http.post('/customers', body)).data as IDataObject,
		editCustomer: async (ref: string, body: IDataObject) => (await http.patch(`/customers/${ref}`, body)).data as IDataObject,
		deleteCustomer: async (ref: string) => (await http.delete(`/customers/${ref}`)).data as IDataObject,
		addAddress: async (ref: string, body: IDataObject) =>
			(await http.post(`/customers/${ref}/addresses`, body)).data as IDataObject,
		editAddress: async (ref: string, n: number, body: IDataObject) =>
			(await http.patch(`/customers/${ref}/addresses/${n}`, body)).data as IDataObject,
		deleteAddress: async (ref: string, n: number) =>
			(await http.delete(`/customers/${ref}/addresses/${n}`)).data as IDataObject,
		createProduct: async (body: IDataObject) => (await http.post('/products', body)).data as IDataObject,
		editProduct: async (code: string, body: IDataObject) => (await http.patch(`/products/${code}`, body)).data as IDataObject,
		deleteProduct: async (code: string) => (await http.delete(`/products/${code}`)).data as IDataObject,
		createSalesOrder: async (body: IDataObject) => (await http.post('/sales-orders', body)).data as IDataObject,
		editSalesOrder: async (n: number, body: IDataObject) => (await http.patch(`/sales-orders/${n}`, body)).data as IDataObject,
		createInvoice: async (body: IDataObject) => (await http.post('/invoices', body)).data as IDataObject,
		createUser: async (body: IDataObject) => (await http.post('/users', body)).data as IDataObject,
		counters: async () => (await http.get('/counters')).data as Counters,
		resetCounters: async () => void (await http.post('/counters/reset')),
		clock: async (body: IDataObject) => void (await http.post('/clock', body)),
		deadLetters: (workflow: string) => workflowDeadLetters(bridge.url, BRIDGE_KEY, workflow),
		fault: async (body: IDataObject) => void (await http.post('/faults', body)),
		clearFaults: async () => void (await http.delete('/faults')),
	};
}

export type ForceManagerAdmin = ReturnType<typeof forceManagerAdmin>;
export type SageAdmin = SageSide;

/**
 * The adapter the sync bench starts the bridge on: `simulated` (default), or `sage` with
 * SFM_BRIDGE_ADAPTER=sage — ODBC reads over unixODBC + the SQLite ODBC driver behind the Sage dialect
 * guard and SDO writes through the fake SDO, on a Sage-shaped file holding the same demo company.
 */
export function bridgeAdapterUnderTest(): 'simulated' | 'sage' {
	const value = process.env.SFM_BRIDGE_ADAPTER ?? 'simulated';
	if (value !== 'simulated' && value !== 'sage') throw new Error(`SFM_BRIDGE_ADAPTER must be "simulated" or "sage", not "${value}"`);
	return value;
}

export interface SyncBench {
	sim: ForceManagerSimulator;
	/** The bridge: the simulated company, or the Sage adapter (SFM_BRIDGE_ADAPTER=sage). */
	bridge: RunningService;
	/** Which adapter the bridge runs. */
	adapter: 'simulated' | 'sage';
	fm: ForceManagerAdmin;
	sage: SageAdmin;
	instance: N8nInstance;
	/** The running n8n (replaced by `restartN8n`). */
	server: N8nServer;
	/** Owner session on that n8n (replaced by `restartN8n`). */
	session: N8nRestSession;
	credentials: N8nCredential[];
	/** Template workflow ids by file name (`sage-to-fm-accounts` → `sfmSageToFmAccounts`). */
	templateIds: Record<string, string>;
	/** One poll + execution of a workflow (left deactivated afterwards). */
	cycle(workflowId: string, options?: CycleOptions): Promise<CycleResult>;
	/** Runs a workflow by hand (`n8n execute`, as "Execute workflow" in the editor): items per node. */
	run(workflowId: string): Promise<{ ok: boolean; items(node: string): IDataObject[] }>;
	/** The next poll of an active workflow (e.g. the cron's after `cycle(id, { keepActive: true })`) and its execution, if any. */
	nextPoll(workflowId: string, options?: { timeoutMs?: number }): Promise<CycleResult>;
	/** Both systems' write counters, summed since their last reset. */
	writes(): Promise<{ forceManager: number; sage: number }>;
	resetCounters(): Promise<void>;
	/** SIGKILL n8n (whole process group) now, as a crash would; the user folder and database stay. */
	killN8n(): Promise<void>;
	/** Starts n8n again on the same user folder and port after `killN8n` (or a stop), and logs in again. */
	restartN8n(): Promise<void>;
	dispose(): Promise<void>;
}

export interface SyncBenchOptions {
	name: string;
	/** Template file names (without .json) to import; default: all. */
	templates?: string[];
	/** Extra workflows (test probes) imported next to the templates. */
	workflows?: N8nWorkflow[];
	/**
	 * Simulator seed at start (default 'empty'); 'reference' = the demo tenant's users and value lists
	 * (branches, countries, statuses …) without business records, i.e. a tenant before its first sync.
	 */
	forceManagerSeed?: 'demo' | 'empty' | 'reference';
	/** SQLite file of the Sage company (e.g. made by `bridge/src/seed/generate.ts`); default: the demo company in memory. */
	bridgeDbPath?: string;
}

/** The demo tenant's users and value lists without accounts, contacts, products, orders or sales. */
export function forceManagerReferenceData(): IDataObject {
	const business = ['accounts', 'contacts', 'opportunities', 'products', 'salesorders', 'salesordersLines', 'sales'];
	return Object.fromEntries(Object.entries(demoSeed()).filter(([entity]) => !business.includes(entity))) as IDataObject;
}

/**
 * Starts both simulators and n8n (owner account, credentials, templates imported unchanged except
 * for credential binding by type — the ids already match). Templates are imported inactive; a
 * cycle activates, awaits one poll and its execution, and deactivates again.
 */
export async function startSyncBench(options: SyncBenchOptions): Promise<SyncBench> {
	const adapter = bridgeAdapterUnderTest();
	if (adapter === 'sage' && options.bridgeDbPath) throw new Error('bridgeDbPath (a simulated company file) cannot run on the Sage adapter');
	// Generous rate limit: n8n shares the key with the tests' own reads.
	const fmSeed = options.forceManagerSeed ?? 'empty';
	const sim = await startForceManagerSimulator({ seed: fmSeed === 'demo' ? 'demo' : 'empty', rateLimitPerSecond: 50 });
	if (fmSeed === 'reference') await forceManagerAdmin(sim).seed(forceManagerReferenceData());
	const started = adapter === 'sage' ? await startSageBridge({ apiKey: BRIDGE_KEY }) : await startBridge({ apiKey: BRIDGE_KEY, seed: 'demo', dbPath: options.bridgeDbPath, admin: BRIDGE_ADMIN });
	const bridge: RunningService = started;
	const sideOf = () => ('sageAdapter' in started ? sagePeople(started, BRIDGE_KEY) : sageAdmin(started as RunningBridge));
	const health = (await axios.get(`${bridge.url}/health`)).data as { company?: string; adapter?: string };
	// The bench runs the adapter it was asked for, or not at all.
	if (!String(health.adapter).startsWith(adapter)) {
		await Promise.all([bridge.close(), sim.close()]);
		throw new Error(`the bridge runs adapter "${String(health.adapter)}", expected "${adapter}"`);
	}
	const company = String(health.company ?? '');
	const credentials: N8nCredential[] = [
		{
			id: FM_CREDENTIAL_ID,
			name: 'ForceManager',
			type: 'forceManagerApi',
			data: {
				baseUrl: sim.baseUrl,
				publicKey: DEMO_KEYS.publicKey,
				privateKey: DEMO_KEYS.privateKey,
				requestsPerSecond: 40,
			},
		},
		{
			id: SAGE_CREDENTIAL_ID,
			name: 'Sage 50 bridge',
			type: 'sage50UkiApi',
			data: { bridgeUrl: bridge.url, apiKey: BRIDGE_KEY, company, maxRetries: 3 },
		},
	];
	const all = loadTemplates(credentials);
	const wanted = options.templates;
	const templates = wanted ? all.filter((t) => wanted.includes(path.basename(t.file, '.json'))) : all;
	if (wanted && templates.length !== wanted.length) {
		const missing = wanted.filter((w) => !templates.some((t) => path.basename(t.file, '.json') === w));
		throw new Error(`templates not found in workflows/: ${missing.join(', ')}`);
	}
	const templateIds = Object.fromEntries(all.map((t) => [path.basename(t.file, '.json'), t.id]));
	const runtime = prepareN8nRuntime();
	let instance: N8nInstance | undefined;
	try {
		({ instance } = await setupN8nSuite({
			name: adapter === 'sage' ? `${options.name}-sage` : options.name,
			credentials,
			workflows: [...templates.map(({ file: _file, ...wf }) => wf), ...(options.workflows ?? [])],
			// debug: n8n then logs each poll that starts and each that emits, which the cycle driver waits on.
			env: { ...ownerEnv(runtime, SYNC_OWNER.email, SYNC_OWNER.password), N8N_LOG_LEVEL: 'debug' },
		}));
		const server = await instance.start();
		const session = await N8nRestSession.login(server, SYNC_OWNER);
		const fm = forceManagerAdmin(sim);
		const sage = sideOf();
		const bench: SyncBench = {
			sim,
			bridge,
			adapter,
			fm,
			sage,
			instance,
			server,
			session,
			credentials,
			templateIds,
			cycle: (workflowId, cycleOptions) => runCycle(instance!, bench.session, workflowId, cycleOptions),
			run: async (workflowId) => {
				const result = await instance!.execute(workflowId);
				return { ok: result.ok, items: (node) => (result.run.data.resultData.runData[node] ? nodeItems(result.run, node) : []) };
			},
			nextPoll: (workflowId, pollOptions) => waitForNextPoll(instance!, bench.session, workflowId, pollOptions),
			writes: async () => ({ forceManager: (await fm.counters()).writes, sage: (await sage.counters()).writes }),
			resetCounters: async () => {
				await fm.resetCounters();
				await sage.resetCounters();
			},
			killN8n: async () => await bench.server.kill(),
			restartN8n: async () => {
				bench.server = await instance!.start({ port: bench.server.port });
				bench.session = await N8nRestSession.login(bench.server, SYNC_OWNER);
			},
			dispose: async () => {
				await instance?.dispose();
				await bridge.close();
				await sim.close();
			},
		};
		return bench;
	} catch (error) {
		await instance?.dispose();
		await bridge.close();
		await sim.close();
		throw error;
	}
}
