// ForceManager Trigger sync features against the simulator (and, for the delivery ledger, the Sage 50
// bridge) over real HTTP: echoes by content, enrichment (batched), contacts/orders waiting for a Sage
// reference (kept by the ledger), Confirm through the Sage 50 UKI node's Sync Delivery step.
import axios from 'axios';
import type { IDataObject, INodeExecutionData } from 'n8n-workflow';

import { startBridge, type RunningBridge } from '../../../bridge/src';
import { bridgeAdminHttp, BRIDGE_ADMIN } from '../../support/bridgeAdmin';
import { Sage50UkiApi } from '../../../credentials/Sage50UkiApi.credentials';
import { Sage50Uki } from '../../../nodes/Sage50Uki/Sage50Uki.node';
import { project } from '../../../nodes/shared/sync/snapshot';
import { createExecuteContext } from '../../support/n8nContext';
import { account, BRIDGE_KEY, startSimulator, TriggerHarness, type SimulatorClients } from './harness';

let clients: SimulatorClients;
let bridge: RunningBridge;

beforeAll(async () => {
	clients = await startSimulator();
	bridge = await startBridge({ apiKey: BRIDGE_KEY, admin: BRIDGE_ADMIN });
});
afterAll(async () => {
	await clients.sim.close();
	await bridge.close();
});
beforeEach(async () => {
	await clients.admin.post('/reset', { seed: 'demo' });
	await clients.admin.post('/config', { rateLimitPerSecond: 0 });
	await bridgeAdminHttp(bridge).post('/reset', { seed: 'demo' });
});

/** Runs Sync Delivery → Confirm (the Sage 50 UKI node) on results: held items as waiting, others applied. */
async function confirm(items: INodeExecutionData[], status: (i: INodeExecutionData) => string = (i) => (i.json.hold ? 'waiting' : 'unchanged')) {
	const results = items.map((i) => ({ json: { status: status(i), key: String(i.json.id), label: `item ${String(i.json.id)}`, reason: (i.json.hold as IDataObject | undefined)?.reason, delivery: i.json.delivery } }));
	const ctx = createExecuteContext({
		parameters: { resource: 'syncDelivery', operation: 'confirm', failRun: true },
		items: results as unknown as INodeExecutionData[],
		credentials: { sage50UkiApi: { bridgeUrl: bridge.url, apiKey: BRIDGE_KEY, company: '', maxRetries: 0 } },
		credentialTypes: [new Sage50UkiApi()],
	});
	return (await new Sage50Uki().execute.call(ctx))[0];
}

/** What a confirmed Sage → FM run saves for a contact pair: its ForceManager side agreed on `record`. */
async function agree(id: number, sageKey: string, record: IDataObject) {
	const api = axios.create({ baseURL: bridge.url, headers: { 'X-API-Key': BRIDGE_KEY } });
	await api.post('/sync-state', { items: [{ entity: 'contact', sageKey, forceManagerId: String(id), forceManager: project('contact', 'forceManager', record) }] });
}

/** Demo account 4 "Greenfield Garden Centre": a prospect born in ForceManager, no Sage reference. */
const PROSPECT = 4;

const ui = {
	contact: async (firstName: string, lastName: string, accountId: number): Promise<number> =>
		(await clients.admin.post('/records/contacts', { firstName, lastName, accountId, salesRepId: 3, branchId: 1 })).data.id as number,
	account: async (name: string): Promise<number> => (await clients.admin.post('/records/accounts', account(name))).data.id as number,
	product: async (model: string): Promise<number> => (await clients.admin.post('/records/products', { model, price: 10 })).data.id as number,
	order: async (reference: string, accountId: number, productIds: number[]): Promise<number> => {
		const id = (await clients.admin.post('/records/salesorders', { reference, accountId, salesRepId: 3, branchId: 1 })).data.id as number;
		for (const productId of productIds) {
			await clients.admin.post('/records/salesordersLines', { salesorderId: id, productId, quantity: 1, price: 10 });
		}
		return id;
	},
};

/** The sync's write-back: the account gets its Sage reference through the API (user 2). */
async function giveSageRef(resource: 'accounts' | 'products', id: number, extId: string) {
	const api = await clients.api();
	await api.put(`/${resource}/${id}`, { extId, readOnly: true });
}

async function listCalls(route: string): Promise<number> {
	const { data } = await clients.admin.get('/counters');
	return (data.byRoute as Array<{ method: string; route: string; count: number }>)
		.filter((r) => r.method === 'GET' && r.route === `/api/v4/${route}`)
		.reduce((n, r) => n + r.count, 0);
}

/** A contacts trigger with Delivery "Confirmed by the Workflow" (its ledger in the bridge). */
const contactsTrigger = (extra: IDataObject = {}, nodeId = 'fm-trigger') =>
	new TriggerHarness(clients.sim, { entity: 'contacts', options: { delivery: 'confirmed', ...extra } }, bridge, nodeId);

describe('ForceManager Trigger: echoes by content (Delivery "Confirmed by the Workflow")', () => {
	test('C1 no echo: the sync\'s own write (equal to the last-synced state) is settled; a person\'s edit goes out, even when the sync wrote the record after it', async () => {
		const trigger = contactsTrigger();
		expect(await trigger.poll()).toBeNull();
		const api = await clients.api();
		await api.put('/contacts/1', { phone1: '0117 000 0000' }); // the sync writes …
		await agree(1, 'BRI001/1', (await clients.admin.get('/records/contacts/1')).data); // … and its Confirm saves the pair
		expect(await trigger.poll()).toBeNull();
		await clients.admin.patch('/records/contacts/1', { email: 'person@bristolprint.co.uk' }); // a person edits
		await api.put('/contacts/1', { phone1: '0117 000 1111' }); // then the sync writes the phone again
		await agree(1, 'BRI001/1', { ...(await clients.admin.get('/records/contacts/1')).data, email: 'harriet.shaw@bristolprint.co.uk' });
		const [item] = (await trigger.poll()) ?? [];
		expect(item.json).toMatchObject({ event: 'updated', id: 1, record: { email: 'person@bristolprint.co.uk', phone1: '0117 000 1111' } });
		expect(item.json.delivery).toMatchObject({ key: '1', attempts: 0 });
		expect(item.json.synced).toMatchObject({ sageKey: 'BRI001/1', forceManagerId: '1' });
	});

	test('with Skip Echoes off, or when Delivery is "When Emitted", the sync\'s writes go out like any change', async () => {
		const off = contactsTrigger({ skipEchoes: false }, 'no-echo-skip');
		const direct = new TriggerHarness(clients.sim, { entity: 'contacts' });
		expect(await off.poll()).toBeNull();
		expect(await direct.poll()).toBeNull();
		const api = await clients.api();
		await api.put('/contacts/1', { phone1: '0117 000 0000' });
		await agree(1, 'BRI001/1', (await clients.admin.get('/records/contacts/1')).data);
		expect(await off.pollEvents()).toEqual(['updated:1']);
		expect(await direct.pollEvents()).toEqual(['updated:1']);
	});

	test('without a Sage 50 UKI credential, Confirmed delivery fails with a clear message', async () => {
		const noBridge = new TriggerHarness(clients.sim, { entity: 'contacts', options: { delivery: 'confirmed' } });
		await expect(noBridge.poll()).rejects.toThrow(/needs a Sage 50 UKI credential/);
	});
});

describe('ForceManager Trigger: enrichment', () => {
	test('C1: contacts carry related.account {id, name, extId, readOnly}', async () => {
		const trigger = contactsTrigger();
		await trigger.poll();
		await clients.admin.patch('/records/contacts/1', { phone1: '1' });
		const [item] = (await trigger.poll()) ?? [];
		expect(item.json.related).toEqual({ account: { id: 1, name: 'Bristol Print & Copy Ltd', extId: 'BRI001', readOnly: true } });
		expect(item.json.hold).toBeUndefined();
	});

	test('O1: sales orders carry record.lines with related.product {id, model, extId}', async () => {
		const trigger = new TriggerHarness(clients.sim, { entity: 'salesorders', options: { firstRun: 'all' } });
		const items = (await trigger.poll()) ?? [];
		const so = items.find((i) => i.json.id === 1);
		const lines = (so?.json.record as IDataObject).lines as IDataObject[];
		expect(lines).toHaveLength(2);
		expect(lines[0]).toMatchObject({ salesorderId: { id: 1 }, related: { product: { id: 2, extId: expect.any(String) } } });
		expect(so?.json.related).toMatchObject({ account: { id: 1, extId: 'BRI001' } });
	});

	test('§5: enrichment is batched — list calls do not grow with the number of records', async () => {
		const callsFor = async (n: number) => {
			await clients.admin.post('/reset', { seed: 'demo' });
			await clients.admin.post('/config', { rateLimitPerSecond: 0 });
			const trigger = new TriggerHarness(clients.sim, { entity: 'salesorders', options: { pageSize: 100 } });
			await trigger.poll();
			const products = await Promise.all(Array.from({ length: n }, (_, i) => ui.product(`Widget ${i}`)));
			for (const id of products) await giveSageRef('products', id, `W${id}`);
			const accounts = await Promise.all(Array.from({ length: n }, (_, i) => ui.account(`Shop ${i}`)));
			for (let i = 0; i < n; i++) await ui.order(`R-${i}`, accounts[i], [products[i], products[(i + 1) % n]]);
			await clients.admin.post('/counters/reset');
			const items = (await trigger.poll()) ?? [];
			expect(items).toHaveLength(n);
			for (const item of items) expect(((item.json.record as IDataObject).lines as IDataObject[]).length).toBe(2);
			return { accounts: await listCalls('accounts'), lines: await listCalls('salesordersLines'), products: await listCalls('products') };
		};
		const small = await callsFor(3);
		const large = await callsFor(40);
		expect(small).toEqual({ accounts: 1, lines: 1, products: 1 });
		expect(large).toEqual(small);
	});

	test('with "Enrich" off, records go out as ForceManager returns them and nothing is held', async () => {
		const trigger = contactsTrigger({ enrich: false });
		await trigger.poll();
		const id = await ui.contact('Jane', 'Doe', PROSPECT);
		const [item] = (await trigger.poll()) ?? [];
		expect(item.json).toMatchObject({ event: 'created', id });
		expect(item.json.related).toBeUndefined();
		expect(item.json.hold).toBeUndefined();
	});
});

describe('ForceManager Trigger: waiting records (kept by the delivery ledger)', () => {
	const waiting = async () => ((await axios.get(`${bridge.url}/deliveries`, { headers: { 'X-API-Key': BRIDGE_KEY } })).data.items as Array<{ waiting: number }>).reduce((n, c) => n + c.waiting, 0);

	test('C1 waiting: a contact of an account without Sage reference is emitted once with hold, re-emitted once with retry after the account gets its reference, across a restart', async () => {
		const trigger = contactsTrigger();
		await trigger.poll();
		const id = await ui.contact('Jane', 'Doe', PROSPECT);
		const held = (await trigger.poll()) ?? [];
		expect(held.map((i) => i.json.event)).toEqual(['created']);
		expect(held[0].json.hold).toEqual({
			reason: `Contact ${id} "Jane Doe" waits: account ${PROSPECT} "Greenfield Garden Centre" has no Sage reference yet`,
		});
		await confirm(held); // the run reports it waiting
		expect(await waiting()).toBe(1);
		expect(await trigger.poll()).toBeNull(); // still waiting: not emitted again

		// n8n restarts: a new poller (same node) with the static data saved after the emitting poll.
		const restarted = contactsTrigger();
		restarted.staticData = JSON.parse(JSON.stringify(trigger.staticData)) as IDataObject;
		expect(await restarted.poll()).toBeNull();

		await giveSageRef('accounts', PROSPECT, 'GRE001'); // A4 write-back
		const retried = (await restarted.poll()) ?? [];
		expect(retried).toHaveLength(1);
		expect(retried[0].json).toMatchObject({ event: 'created', id, retry: true, related: { account: { id: PROSPECT, extId: 'GRE001' } } });
		expect(retried[0].json.hold).toBeUndefined();
		await confirm(retried);
		expect(await restarted.poll()).toBeNull();
		expect(await waiting()).toBe(0);
	});

	test('C1: a held contact changed again is emitted again (still held); once resolved by its own edit it stops waiting', async () => {
		const trigger = contactsTrigger();
		await trigger.poll();
		const id = await ui.contact('Jane', 'Doe', PROSPECT);
		await confirm((await trigger.poll()) ?? []);
		await clients.admin.patch(`/records/contacts/${id}`, { phone1: '07700 900000' });
		const again = (await trigger.poll()) ?? [];
		expect(again.map((i) => `${String(i.json.event)}:${String(i.json.id)}`)).toEqual([`created:${id}`]);
		expect(again[0].json.hold).toBeDefined();
		await confirm(again);
		await clients.admin.patch(`/records/contacts/${id}`, { accountId: 1 }); // moved to a Sage account
		const moved = (await trigger.poll()) ?? [];
		expect(moved[0].json).toMatchObject({ event: 'created', related: { account: { extId: 'BRI001' } } });
		expect(moved[0].json.hold).toBeUndefined();
		await confirm(moved);
		expect(await waiting()).toBe(0);
		expect(await trigger.poll()).toBeNull();
	});

	test('C2: a held contact deleted in ForceManager stops waiting and is never retried', async () => {
		const trigger = contactsTrigger({ firstRun: 'now' });
		trigger.params.events = ['created', 'updated']; // deletions not watched: settled by the trigger
		await trigger.poll();
		const id = await ui.contact('Gone', 'Soon', PROSPECT);
		await confirm((await trigger.poll()) ?? []);
		await clients.admin.delete(`/records/contacts/${id}`);
		expect(await trigger.poll()).toBeNull();
		await giveSageRef('accounts', PROSPECT, 'GRE001');
		expect(await trigger.poll()).toBeNull();
		expect(await waiting()).toBe(0);
	});

	test('O1 waiting: an order with a product without Sage stock code waits, then goes once with retry', async () => {
		const trigger = new TriggerHarness(clients.sim, { entity: 'salesorders', options: { delivery: 'confirmed' } }, bridge, 'orders');
		await trigger.poll();
		const productId = await ui.product('Bespoke shelving');
		const id = await ui.order('Q-77', 1, [1, productId]);
		const held = (await trigger.poll()) ?? [];
		expect(held).toHaveLength(1);
		expect(held[0].json.hold).toEqual({
			reason: `Sales order ${id} "Q-77" waits: line 2 product ${productId} "Bespoke shelving" has no Sage stock code yet`,
		});
		await confirm(held);
		expect(await trigger.poll()).toBeNull();
		await giveSageRef('products', productId, 'SHELF-01');
		const retried = (await trigger.poll()) ?? [];
		expect(retried.map((i) => [i.json.event, i.json.id, i.json.retry])).toEqual([['created', id, true]]);
		const lines = (retried[0].json.record as IDataObject).lines as IDataObject[];
		expect(lines.map((l) => (l.related as IDataObject).product)).toMatchObject([{ id: 1 }, { id: productId, extId: 'SHELF-01' }]);
		await confirm(retried);
		expect(await trigger.poll()).toBeNull();
	});

	test('I-delivery: a record whose run failed is offered again with back-off, then a dead letter; Confirm fails the run naming it', async () => {
		const trigger = contactsTrigger({ maxAttempts: 2 });
		await trigger.poll();
		await clients.admin.patch('/records/contacts/1', { phone1: '1' });
		const first = (await trigger.poll()) ?? [];
		await expect(confirm(first, () => 'failed')).rejects.toThrow(/1 of 1 records failed: item 1 — attempt 1, retried from/);
		expect(await trigger.poll()).toBeNull(); // back-off: 1 minute
		await bridgeAdminHttp(bridge).post('/clock', { advanceSeconds: 61 });
		const second = (await trigger.poll()) ?? [];
		expect(second.map((i) => [i.json.id, i.json.retry, i.json.attempts])).toEqual([[1, true, 1]]);
		await expect(confirm(second, () => 'failed')).rejects.toThrow(/it is now a dead letter/);
		await bridgeAdminHttp(bridge).post('/clock', { advanceSeconds: 3600 });
		expect(await trigger.poll()).toBeNull();
		const dead = (await axios.get(`${bridge.url}/deliveries/dead-letters`, { headers: { 'X-API-Key': BRIDGE_KEY } })).data.items;
		expect(dead).toEqual([expect.objectContaining({ key: '1', attempts: 2, label: 'item 1' })]);
	});
});
