import type { IDataObject, INodeExecutionData } from 'n8n-workflow';

import axios, { type AxiosInstance } from 'axios';

import type { RunningBridge } from '../../../bridge/src';
import { ForceManagerApi } from '../../../credentials/ForceManagerApi.credentials';
import { Sage50UkiApi } from '../../../credentials/Sage50UkiApi.credentials';
import { Sage50UkiTrigger } from '../../../nodes/Sage50UkiTrigger/Sage50UkiTrigger.node';
import { DEMO_KEYS, startForceManagerSimulator, type ForceManagerSimulator } from '../../../sandbox/forcemanager';
import { createPollContext } from '../../support/n8nContext';
import { admin, credentials, run, start, trigger } from './helpers';

let bridge: RunningBridge;
let sage: ReturnType<typeof admin>;
beforeAll(async () => {
	bridge = await start();
	sage = admin(bridge);
});
afterAll(async () => await bridge.close());
beforeEach(async () => await sage.reset());

const events = (out: INodeExecutionData[][] | null) => (out ? out[0].map((i) => `${i.json.event}:${i.json.key}`) : []);
const params = (entity: string, options: IDataObject = {}) => ({ entity, events: ['created', 'updated', 'deleted'], options });

describe('Sage 50 UKI Trigger', () => {
	it('A1/A6: created, updated and deleted customers across consecutive polls; null when quiet', async () => {
		const state: IDataObject = {};
		const t = trigger(bridge, params('customers'), state);
		expect(await t.poll()).toBeNull(); // first run "from now": nothing, cursor at the end
		expect(await t.poll()).toBeNull();
		await sage.post('/customers', { ACCOUNT_REF: 'TRG001', NAME: 'Trigger Ltd' });
		expect(events(await t.poll())).toEqual(['created:TRG001']);
		await sage.patch('/customers/ABS001', { TELEPHONE: '999' });
		const updated = await t.poll();
		expect(events(updated)).toEqual(['updated:ABS001']);
		expect(updated![0][0].json).toMatchObject({ source: 'sage', record: { TELEPHONE: '999' } });
		await sage.del('/customers/KIN001');
		const deleted = await t.poll();
		expect(events(deleted)).toEqual(['deleted:KIN001']);
		expect(deleted![0][0].json.record).toMatchObject({ RECORD_DELETED: 1 });
		expect(await t.poll()).toBeNull();
	});

	it('first run "all existing" emits every record once, then only changes', async () => {
		const t = trigger(bridge, params('products', { firstRun: 'all' }), {});
		const first = await t.poll();
		expect(first![0]).toHaveLength(9);
		expect(await t.poll()).toBeNull();
	});

	it('pages through the feed: several pages in one poll, nothing lost or repeated', async () => {
		const t = trigger(bridge, params('customers', { firstRun: 'all', pageSize: 3 }), {});
		const keys = events(await t.poll());
		expect(keys).toHaveLength(8);
		expect(new Set(keys).size).toBe(8);
	});

	it('records changed within the same second are all reported, and only once', async () => {
		await sage.clock({ frozenAt: '2030-05-01T12:00:00Z' });
		const t = trigger(bridge, params('customers'), {});
		await t.poll();
		await sage.patch('/customers/ABS001', { TELEPHONE: '1' });
		await sage.patch('/customers/BRO001', { TELEPHONE: '2' });
		const first = await t.poll();
		expect(events(first).sort()).toEqual(['updated:ABS001', 'updated:BRO001']);
		await sage.patch('/customers/COM001', { TELEPHONE: '3' }); // same second again
		expect(events(await t.poll())).toEqual(['updated:COM001']);
	});

	it('the autumn fall-back hour: a change at 01:10 GMT after one at 01:50 BST is still reported', async () => {
		await sage.clock({ frozenAt: '2030-10-27T00:50:00Z' }); // 01:50 BST
		const t = trigger(bridge, params('customers'), {});
		await t.poll();
		await sage.patch('/customers/ABS001', { TELEPHONE: 'bst' });
		const bst = await t.poll();
		expect(bst![0][0].json.changedAt).toBe('2030-10-27T01:50:00+01:00');
		await sage.clock({ frozenAt: '2030-10-27T01:10:00Z' }); // 01:10 GMT: earlier wall clock
		await sage.patch('/customers/BRO001', { TELEPHONE: 'gmt' });
		const gmt = await t.poll();
		expect(events(gmt)).toEqual(['updated:BRO001']);
		expect(gmt![0][0].json).toMatchObject({ changedAt: '2030-10-27T01:10:00+00:00', changedAtUtc: '2030-10-27T01:10:00Z' });
	});

	it('echo filter: changes written through the bridge (by the sync) are skipped by default', async () => {
		const t = trigger(bridge, params('customers'), {});
		await t.poll();
		await run(bridge, { resource: 'customer', operation: 'update', accountRef: 'ABS001', inputMode: 'fields', fields: { TELEPHONE: 'sync' } });
		expect(await t.poll()).toBeNull();
		const all = trigger(bridge, params('customers', { ignoreBridgeChanges: false, firstRun: 'all' }), {});
		const out = await all.poll();
		expect(out![0].find((i) => i.json.key === 'ABS001')?.json.source).toBe('bridge');
	});

	it('C3: address changes can be limited to contact addresses', async () => {
		const t = trigger(bridge, params('addresses', { addressTypes: [1] }), {});
		await t.poll();
		await sage.post('/customers/ABS001/addresses', { ADDRESS_TYPE: 0, NAME: 'Depot', ADDRESS_1: 'x' });
		await sage.post('/customers/ABS001/addresses', { ADDRESS_TYPE: 1, CONTACT_NAME: 'New Contact' });
		const out = await t.poll();
		expect(out![0]).toHaveLength(1);
		expect(out![0][0].json.record).toMatchObject({ ADDRESS_TYPE: 1, CONTACT_NAME: 'New Contact' });
	});

	it('manual mode returns a sample without moving the cursor', async () => {
		const state: IDataObject = {};
		const t = trigger(bridge, params('customers'), state);
		await t.poll();
		const cursor = JSON.stringify(state);
		const manual = trigger(bridge, params('customers'), state, 'manual');
		const sample = await manual.poll();
		expect(sample![0]).toHaveLength(1);
		expect(sample![0][0].json).toHaveProperty('record');
		expect(JSON.stringify(state)).toBe(cursor);
	});

	it('a failed poll keeps the cursor, so the change is reported by the next poll', async () => {
		const state: IDataObject = {};
		const t = trigger(bridge, params('customers'), state);
		await t.poll();
		await sage.patch('/customers/ABS001', { TELEPHONE: 'x' });
		await sage.fault({ mode: 'USER_IN_USE', count: 10, route: '/changes/{entity}' });
		const failing = trigger(bridge, params('customers'), state);
		(failing.ctx as unknown as { fake: { credentials: { sage50UkiApi: IDataObject } } }).fake.credentials.sage50UkiApi.maxRetries = 0;
		await expect(failing.poll()).rejects.toThrow(/USER_IN_USE/);
		await (await import('axios')).default.delete(`${bridge.url}/__admin/faults`);
		expect(events(await t.poll())).toEqual(['updated:ABS001']);
	});
});

// Hold list for ForceManager (waiting records) and product images: the bridge and the ForceManager
// simulator, both over real HTTP.
describe('Sage 50 UKI Trigger: hold for ForceManager, product images', () => {
	let fm: ForceManagerSimulator;
	let fmAdmin: AxiosInstance;
	beforeAll(async () => {
		fm = await startForceManagerSimulator({ rateLimitPerSecond: 0 });
		fmAdmin = axios.create({ baseURL: `${fm.origin}/__admin` });
	});
	afterAll(async () => await fm.close());
	beforeEach(async () => {
		await fmAdmin.post('/reset', { seed: 'demo' });
		await fmAdmin.post('/config', { rateLimitPerSecond: 0 });
	});

	/** A poller whose static data survives polls (and can be handed to a "restarted" one). */
	const holdTrigger = (entity: string, state: IDataObject, options: IDataObject = {}) => {
		const poll = async () => {
			const ctx = createPollContext({
				parameters: params(entity, { holdForForceManager: true, ...options }),
				staticData: { node: state },
				credentials: {
					...credentials(bridge),
					forceManagerApi: { baseUrl: fm.baseUrl, publicKey: DEMO_KEYS.publicKey, privateKey: DEMO_KEYS.privateKey, requestsPerSecond: 0, sessionToken: '' },
				},
				credentialTypes: [new Sage50UkiApi(), new ForceManagerApi()],
				node: { name: 'Sage 50 UKI Trigger', type: 'n8n-nodes-sage50-forcemanager.sage50UkiTrigger' },
			});
			const out = await new Sage50UkiTrigger().poll.call(ctx);
			return out ? out[0] : null;
		};
		return { poll };
	};
	/** The Sage → FM account sync has run for `ref` (A2: extId = ACCOUNT_REF). */
	const fmAccount = async (ref: string) => (await fmAdmin.post('/seed', { accounts: [{ name: ref, extId: ref, readOnly: true, branchId: 1, salesRepId1: 3 }] })).data;
	const fmProduct = async (code: string) => (await fmAdmin.post('/seed', { products: [{ model: code, extId: code, readOnly: true }] })).data;
	const fmGets = async (route: string) => {
		const { data } = await fmAdmin.get('/counters');
		return (data.byRoute as Array<{ method: string; route: string; count: number }>).filter((r) => r.method === 'GET' && r.route === `/api/v4/${route}`).reduce((n, r) => n + r.count, 0);
	};

	it('C1 waiting: a Sage contact whose account is not in ForceManager is held once, then re-emitted once with retry, across a restart', async () => {
		const state: IDataObject = {};
		const t = holdTrigger('addresses', state);
		expect(await t.poll()).toBeNull();
		const created = await sage.post('/customers/ABS001/addresses', { ADDRESS_TYPE: 1, CONTACT_NAME: 'Jane Doe' });
		const held = (await t.poll()) ?? [];
		expect(held).toHaveLength(1);
		expect(held[0].json.hold).toEqual({ reason: `Contact ABS001/${String(created.ADDRESS_REF)} "Jane Doe" waits: account ABS001 is not in ForceManager yet` });
		expect(await t.poll()).toBeNull();

		const restarted = holdTrigger('addresses', JSON.parse(JSON.stringify(state)) as IDataObject);
		expect(await restarted.poll()).toBeNull();
		await fmAccount('ABS001');
		const retried = (await restarted.poll()) ?? [];
		expect(retried).toHaveLength(1);
		expect(retried[0].json).toMatchObject({ event: 'created', key: held[0].json.key, retry: true, record: { ACCOUNT_REF: 'ABS001', CONTACT_NAME: 'Jane Doe' } });
		expect(retried[0].json.hold).toBeUndefined();
		expect(await restarted.poll()).toBeNull();
	});

	it('C3: delivery addresses never wait; a contact under an account ForceManager has goes out without hold', async () => {
		await fmAccount('ABS001');
		const t = holdTrigger('addresses', {});
		await t.poll();
		await sage.post('/customers/BRO001/addresses', { ADDRESS_TYPE: 0, NAME: 'Depot', ADDRESS_1: 'x' });
		await sage.post('/customers/ABS001/addresses', { ADDRESS_TYPE: 1, CONTACT_NAME: 'Known Account' });
		const out = (await t.poll()) ?? [];
		expect(out).toHaveLength(2);
		expect(out.map((i) => i.json.hold)).toEqual([undefined, undefined]);
	});

	it('O2 waiting: an order waits for its account and products (not for message lines), checked in batches, then goes once with retry', async () => {
		const state: IDataObject = {};
		const t = holdTrigger('sales-orders', state);
		await t.poll();
		const refs = ['ABS001', 'BRO001', 'DUB001'];
		for (const ref of refs) await sage.post('/sales-orders', { ACCOUNT_REF: ref, ITEMS: [{ STOCK_CODE: 'BOARD001' }, { STOCK_CODE: 'M', DESCRIPTION: 'Note' }] });
		await fmAccount('ABS001');
		await fmAdmin.post('/counters/reset');
		const held = (await t.poll()) ?? [];
		expect(held).toHaveLength(3);
		const abs = held.find((i) => (i.json.record as IDataObject).ACCOUNT_REF === 'ABS001')!;
		expect((abs.json.hold as IDataObject).reason).toBe(`Sales order ${String(abs.json.key)} waits: product BOARD001 is not in ForceManager yet`);
		const bro = held.find((i) => (i.json.record as IDataObject).ACCOUNT_REF === 'BRO001')!;
		expect((bro.json.hold as IDataObject).reason).toContain('account BRO001 is not in ForceManager yet; product BOARD001');
		// One batched extId IN (…) call per kind, however many records.
		expect(await fmGets('accounts')).toBe(1);
		expect(await fmGets('products')).toBe(1);

		await fmProduct('BOARD001');
		const partly = (await t.poll()) ?? [];
		expect(partly.map((i) => [i.json.key, i.json.retry])).toEqual([[abs.json.key, true]]);
		expect(await t.poll()).toBeNull();
		await fmAccount('BRO001');
		await fmAccount('DUB001');
		expect(((await t.poll()) ?? []).map((i) => i.json.key).sort()).toEqual(held.filter((i) => i !== abs).map((i) => i.json.key).sort());
		expect(await t.poll()).toBeNull();
		expect((state.holds as IDataObject).entries).toEqual([]);
	});

	it('C2: a held contact deleted in Sage leaves the hold list', async () => {
		const state: IDataObject = {};
		const t = holdTrigger('addresses', state, {});
		await t.poll();
		const created = await sage.post('/customers/ABS001/addresses', { ADDRESS_TYPE: 1, CONTACT_NAME: 'Short Lived' });
		expect((await t.poll())?.[0].json.hold).toBeDefined();
		await sage.del(`/customers/ABS001/addresses/${String(created.ADDRESS_REF)}`);
		const out = (await t.poll()) ?? [];
		expect(out.map((i) => i.json.event)).toEqual(['deleted']);
		expect((state.holds as IDataObject).entries).toEqual([]);
		await fmAccount('ABS001');
		expect(await t.poll()).toBeNull();
	});

	it('without a ForceManager credential the hold option fails with a clear message (cursor kept)', async () => {
		const state: IDataObject = {};
		const ctx = () =>
			createPollContext({
				parameters: params('addresses', { holdForForceManager: true }),
				staticData: { node: state },
				credentials: credentials(bridge),
				credentialTypes: [new Sage50UkiApi()],
				node: { name: 'Sage 50 UKI Trigger', type: 'n8n-nodes-sage50-forcemanager.sage50UkiTrigger' },
			});
		expect(await new Sage50UkiTrigger().poll.call(ctx())).toBeNull();
		const cursor = JSON.stringify(state.sage50);
		await sage.post('/customers/ABS001/addresses', { ADDRESS_TYPE: 1, CONTACT_NAME: 'No Credential' });
		await expect(new Sage50UkiTrigger().poll.call(ctx())).rejects.toThrow(/needs a ForceManager credential/);
		expect(JSON.stringify(state.sage50)).toBe(cursor);
	});

	it('P3: product items carry the Sage image as binary "image"; products without image get none', async () => {
		const t = trigger(bridge, params('products', { includeImage: true }), {});
		await t.poll();
		await sage.patch('/products/BOARD001', { SALES_PRICE: 45.5 });
		const out = (await t.poll())![0];
		expect(out).toHaveLength(1);
		expect(out[0].binary?.image).toMatchObject({ mimeType: 'image/png', fileName: 'BOARD001.png' });
		expect(Buffer.from(out[0].binary!.image.data, 'base64').subarray(1, 4).toString()).toBe('PNG');

		const products = await sage.table('STOCK');
		const plain = products.find((p) => !p.WEB_IMAGE_FILE)!;
		await sage.patch(`/products/${String(plain.STOCK_CODE)}`, { SALES_PRICE: 1 });
		const none = (await t.poll())![0];
		expect(none[0].binary).toBeUndefined();
		const off = trigger(bridge, params('products'), {});
		await off.poll();
		await sage.patch('/products/BOARD001', { SALES_PRICE: 46 });
		expect((await off.poll())![0][0].binary).toBeUndefined();
	});
});
