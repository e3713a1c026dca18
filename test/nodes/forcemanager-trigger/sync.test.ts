// ForceManager Trigger sync features against the simulator over real HTTP: own-change filter,
// enrichment (batched), hold list of contacts/orders waiting for a Sage reference.
import type { IDataObject } from 'n8n-workflow';

import { DEMO_KEYS } from '../../../sandbox/forcemanager';
import { account, startSimulator, TriggerHarness, type SimulatorClients } from './harness';

let clients: SimulatorClients;

beforeAll(async () => {
	clients = await startSimulator();
});
afterAll(async () => {
	await clients.sim.close();
});
beforeEach(async () => {
	await clients.admin.post('/reset', { seed: 'demo' });
	await clients.admin.post('/config', { rateLimitPerSecond: 0 });
});

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

const contactsTrigger = (extra: IDataObject = {}) => {
	const trigger = new TriggerHarness(clients.sim, { entity: 'contacts', options: extra });
	trigger.credentials.apiUserId = DEMO_KEYS.userId;
	return trigger;
};

describe('ForceManager Trigger: own changes (echo loops)', () => {
	test('C1 no echo: changes by the credential API user are ignored, UI changes are emitted', async () => {
		const trigger = contactsTrigger();
		expect(await trigger.poll()).toBeNull();
		const api = await clients.api();
		await api.put('/contacts/1', { phone1: '0117 000 0000' }); // the sync writes (user 2)
		expect(await trigger.poll()).toBeNull();
		await clients.admin.patch('/records/contacts/1', { phone1: '0117 111 1111' }); // a person edits
		expect(await trigger.pollEvents()).toEqual(['updated:1']);
	});

	test('with "Ignore Changes Made by This Sync" off, or no API User ID, the sync\'s writes are emitted', async () => {
		const off = contactsTrigger({ ignoreOwnChanges: false });
		const unknown = new TriggerHarness(clients.sim, { entity: 'contacts' }); // credential without apiUserId
		expect(await off.poll()).toBeNull();
		expect(await unknown.poll()).toBeNull();
		const api = await clients.api();
		await api.put('/contacts/1', { phone1: '0117 000 0000' });
		expect(await off.pollEvents()).toEqual(['updated:1']);
		expect(await unknown.pollEvents()).toEqual(['updated:1']);
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
		expect(trigger.staticData.holds).toBeUndefined();
	});
});

describe('ForceManager Trigger: hold list (waiting records)', () => {
	test('C1 waiting: a contact of an account without Sage reference is emitted once with hold, re-emitted once with retry after the account gets its reference, across a restart', async () => {
		const trigger = contactsTrigger();
		await trigger.poll();
		const id = await ui.contact('Jane', 'Doe', PROSPECT);
		const held = (await trigger.poll()) ?? [];
		expect(held.map((i) => i.json.event)).toEqual(['created']);
		expect(held[0].json.hold).toEqual({
			reason: `Contact ${id} "Jane Doe" waits: account ${PROSPECT} "Greenfield Garden Centre" has no Sage reference yet`,
		});
		expect(await trigger.poll()).toBeNull(); // still waiting: not emitted again

		// n8n restarts: a new poller starts from the static data saved after the emitting poll.
		const restarted = contactsTrigger();
		restarted.staticData = JSON.parse(JSON.stringify(trigger.staticData)) as IDataObject;
		expect(await restarted.poll()).toBeNull();

		await giveSageRef('accounts', PROSPECT, 'GRE001'); // A4 write-back
		const retried = (await restarted.poll()) ?? [];
		expect(retried).toHaveLength(1);
		expect(retried[0].json).toMatchObject({ event: 'created', id, retry: true, related: { account: { id: PROSPECT, extId: 'GRE001' } } });
		expect(retried[0].json.hold).toBeUndefined();
		expect(await restarted.poll()).toBeNull();
		expect((restarted.staticData.holds as IDataObject).entries).toEqual([]);
	});

	test('C1: a held contact changed again is emitted normally (still held); once resolved by its own edit it leaves the list', async () => {
		const trigger = contactsTrigger();
		await trigger.poll();
		const id = await ui.contact('Jane', 'Doe', PROSPECT);
		expect((await trigger.poll())?.[0].json.hold).toBeDefined();
		await clients.admin.patch(`/records/contacts/${id}`, { phone1: '07700 900000' });
		const again = (await trigger.poll()) ?? [];
		expect(again.map((i) => `${String(i.json.event)}:${String(i.json.id)}`)).toEqual([`updated:${id}`]);
		expect(again[0].json.hold).toBeDefined();
		await clients.admin.patch(`/records/contacts/${id}`, { accountId: 1 }); // moved to a Sage account
		const moved = (await trigger.poll()) ?? [];
		expect(moved[0].json).toMatchObject({ event: 'updated', related: { account: { extId: 'BRI001' } } });
		expect(moved[0].json.hold).toBeUndefined();
		expect(moved[0].json.retry).toBeUndefined();
		expect((trigger.staticData.holds as IDataObject).entries).toEqual([]);
		expect(await trigger.poll()).toBeNull();
	});

	test('C2: a held contact deleted in ForceManager leaves the list and is never retried', async () => {
		const trigger = contactsTrigger({ firstRun: 'now' });
		trigger.params.events = ['created', 'updated']; // deletions not watched: the re-check notices it
		await trigger.poll();
		const id = await ui.contact('Gone', 'Soon', PROSPECT);
		expect((await trigger.poll())?.[0].json.hold).toBeDefined();
		await clients.admin.delete(`/records/contacts/${id}`);
		expect(await trigger.poll()).toBeNull();
		await giveSageRef('accounts', PROSPECT, 'GRE001');
		expect(await trigger.poll()).toBeNull();
		expect((trigger.staticData.holds as IDataObject | undefined)?.entries ?? []).toEqual([]);
	});

	test('O1 waiting: an order with a product without Sage stock code waits, then goes once with retry', async () => {
		const trigger = new TriggerHarness(clients.sim, { entity: 'salesorders' });
		trigger.credentials.apiUserId = DEMO_KEYS.userId;
		await trigger.poll();
		const productId = await ui.product('Bespoke shelving');
		const id = await ui.order('Q-77', 1, [1, productId]);
		const held = (await trigger.poll()) ?? [];
		expect(held).toHaveLength(1);
		expect(held[0].json.hold).toEqual({
			reason: `Sales order ${id} "Q-77" waits: line 2 product ${productId} "Bespoke shelving" has no Sage stock code yet`,
		});
		expect(await trigger.poll()).toBeNull();
		await giveSageRef('products', productId, 'SHELF-01');
		const retried = (await trigger.poll()) ?? [];
		expect(retried.map((i) => [i.json.event, i.json.id, i.json.retry])).toEqual([['created', id, true]]);
		const lines = (retried[0].json.record as IDataObject).lines as IDataObject[];
		expect(lines.map((l) => (l.related as IDataObject).product)).toMatchObject([{ id: 1 }, { id: productId, extId: 'SHELF-01' }]);
		expect(await trigger.poll()).toBeNull();
	});
});
