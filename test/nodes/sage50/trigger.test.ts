import type { ICredentialDataDecryptedObject, IDataObject, INodeExecutionData } from 'n8n-workflow';

import axios, { type AxiosInstance } from 'axios';

import type { RunningBridge } from '../../../bridge/src';
import { ForceManagerApi } from '../../../credentials/ForceManagerApi.credentials';
import { Sage50UkiApi } from '../../../credentials/Sage50UkiApi.credentials';
import { Sage50UkiTrigger } from '../../../nodes/Sage50UkiTrigger/Sage50UkiTrigger.node';
import { DEMO_KEYS, startForceManagerSimulator, type ForceManagerSimulator } from '../../../sandbox/forcemanager';
import { bridgeAdminHttp } from '../../support/bridgeAdmin';
import { createPollContext } from '../../support/n8nContext';
import { admin, API_KEY, credentials, run, start, trigger } from './helpers';

let bridge: RunningBridge;
let sage: ReturnType<typeof admin>;
beforeAll(async () => {
	bridge = await start();
	sage = admin(bridge);
});
afterAll(async () => await bridge.close());
beforeEach(async () => await sage.reset());

/** What a confirmed sync run saves for a pair (Sync Delivery → Confirm): its Sage side agreed on `record`. */
async function agree(entity: string, sageKey: string, record: IDataObject) {
	const { project } = await import('../../../nodes/shared/sync/snapshot');
	const api = axios.create({ baseURL: bridge.url, headers: { 'X-API-Key': API_KEY } });
	const consumer = encodeURIComponent('test:prior-run');
	await api.post(`/deliveries/${consumer}/offers`, { entity: 'accounts', items: [{ key: sageKey, event: 'updated', version: { order: Date.now() } }] });
	const { items } = (await api.post(`/deliveries/${consumer}/lease`, { source: 'forceManager', entity: 'accounts' })).data;
	const state = { entity, sageKey, sage: project(entity as 'account', 'sage50', record) };
	await api.post(`/deliveries/${consumer}/acks`, { items: items.map((i: IDataObject) => ({ key: i.key, version: i.version, lease: i.lease, outcome: 'delivered', state })) });
}

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
		expect(updated![0][0].json).toMatchObject({ record: { TELEPHONE: '999' } });
		// "When Emitted" settled the change already: no token for a Confirm step to settle again.
		expect(updated![0][0].json).not.toHaveProperty('delivery');
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

	it('Max Changes per Poll bounds each poll; the rest follows on the next polls, nothing lost or repeated', async () => {
		const t = trigger(bridge, params('customers', { firstRun: 'all', maxPerPoll: 3 }), {});
		const polls = [events(await t.poll()), events(await t.poll()), events(await t.poll())];
		expect(polls.map((p) => p.length)).toEqual([3, 3, 2]);
		expect(new Set(polls.flat()).size).toBe(8);
		expect(await t.poll()).toBeNull();
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

	it('echoes by content: a change equal to the last-synced state is settled, not emitted; a person\'s edit made before the sync\'s write still goes out', async () => {
		const t = trigger(bridge, params('customers'), {});
		await t.poll();
		// A confirmed sync of ABS001 agreed on TELEPHONE "sync" (what the Confirm step saves) …
		await run(bridge, { resource: 'customer', operation: 'update', accountRef: 'ABS001', inputMode: 'fields', fields: { TELEPHONE: 'sync' } });
		const record = (await sage.table('SALES_LEDGER')).find((r) => r.ACCOUNT_REF === 'ABS001')!;
		await agree('account', 'ABS001', { ...record, TELEPHONE: 'sync' });
		// … so the sync's own write is an echo: nothing to send back.
		expect(await t.poll()).toBeNull();
		// A person edits the e-mail, then the sync writes the phone again before the next poll.
		await sage.patch('/customers/ABS001', { E_MAIL: 'person@abs.example' });
		await run(bridge, { resource: 'customer', operation: 'update', accountRef: 'ABS001', inputMode: 'fields', fields: { TELEPHONE: 'sync 2' } });
		await agree('account', 'ABS001', { ...record, TELEPHONE: 'sync 2' });
		const out = await t.poll();
		expect(events(out)).toEqual(['updated:ABS001']);
		expect(out![0][0].json.record).toMatchObject({ E_MAIL: 'person@abs.example', TELEPHONE: 'sync 2' });
		// A write through the bridge by another workflow (no sync state for it) is a change too.
		await run(bridge, { resource: 'customer', operation: 'update', accountRef: 'BRO001', inputMode: 'fields', fields: { TELEPHONE: 'other workflow' } });
		expect(events(await t.poll())).toEqual(['updated:BRO001']);
		// With Skip Echoes off, the echo goes out like any change.
		const all = trigger(bridge, params('customers', { skipEchoes: false }), {}, 'trigger', 'no-echo-filter');
		await all.poll();
		await run(bridge, { resource: 'customer', operation: 'update', accountRef: 'ABS001', inputMode: 'fields', fields: { TELEPHONE: 'sync 3' } });
		await agree('account', 'ABS001', { ...record, E_MAIL: 'person@abs.example', TELEPHONE: 'sync 3' });
		expect(events(await all.poll())).toEqual(['updated:ABS001']);
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

	it('manual mode returns a sample without leasing anything', async () => {
		const t = trigger(bridge, params('customers'), {});
		await t.poll();
		await sage.patch('/customers/ABS001', { TELEPHONE: 'sample' });
		const manual = trigger(bridge, params('customers'), {}, 'manual');
		const sample = await manual.poll();
		expect(sample![0]).toHaveLength(1);
		expect(sample![0][0].json).toHaveProperty('record');
		expect(events(await t.poll())).toEqual(['updated:ABS001']);
	});

	it('a failed poll loses nothing: the change is reported by the next poll', async () => {
		const t = trigger(bridge, params('customers'), {});
		await t.poll();
		await sage.patch('/customers/ABS001', { TELEPHONE: 'x' });
		await sage.fault({ mode: 'USER_IN_USE', count: 10, route: '/deliveries/{consumer}/lease' });
		const failing = trigger(bridge, params('customers'), {});
		(failing.ctx as unknown as { fake: { credentials: { sage50UkiApi: IDataObject } } }).fake.credentials.sage50UkiApi.maxRetries = 0;
		await expect(failing.poll()).rejects.toThrow(/USER_IN_USE/);
		await bridgeAdminHttp(bridge).delete('/faults');
		expect(events(await t.poll())).toEqual(['updated:ABS001']);
	});

	it('I-delivery: with Delivery "Confirmed by the Workflow" a change waits for its confirmation; unconfirmed (failed run, n8n stopped) it comes back after the timeout', async () => {
		const confirmed = params('customers', { delivery: 'confirmed', confirmTimeoutMinutes: 2 });
		const t = trigger(bridge, confirmed, {});
		await t.poll();
		await sage.patch('/customers/KIN001', { TELEPHONE: 'lost run' });
		const first = await t.poll();
		expect(events(first)).toEqual(['updated:KIN001']);
		expect(first![0][0].json).toMatchObject({ delivery: { key: 'KIN001', attempts: 0 } });
		// The run that carried it never confirms it; later polls do not hand it out twice meanwhile.
		expect(await t.poll()).toBeNull();
		await sage.clock({ advanceSeconds: 121 });
		const again = await t.poll();
		expect(events(again)).toEqual(['updated:KIN001']);
		expect(again![0][0].json).toMatchObject({ retry: true, attempts: 1, record: { TELEPHONE: 'lost run' } });
		expect(String(again![0][0].json.lastFailure)).toMatch(/not confirmed/);
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
				node: { id: 'hold-trigger', name: 'Sage 50 UKI Trigger', type: 'n8n-nodes-sage50-forcemanager.sage50UkiTrigger' },
			});
			const out = await new Sage50UkiTrigger().poll.call(ctx);
			return out ? out[0] : null;
		};
		return { poll };
	};
	/** The Sage → FM account sync has run for `ref` (A2: extId = ACCOUNT_REF). */
	const fmAccount = async (ref: string) => (await fmAdmin.post('/seed', { accounts: [{ name: ref, extId: ref, readOnly: true, branchId: 1, salesRepId1: 3 }] })).data;
	const fmProduct = async (code: string) => (await fmAdmin.post('/seed', { products: [{ model: code, extId: code, readOnly: true }] })).data;
	/** Changes waiting for ForceManager in the bridge's delivery ledger. */
	const waiting = async () => ((await axios.get(`${bridge.url}/deliveries`, { headers: { 'X-API-Key': API_KEY } })).data.items as Array<{ waiting: number }>).reduce((n, c) => n + c.waiting, 0);
	const fmGets = async (route: string) => {
		const { data } = await fmAdmin.get('/counters');
		return (data.byRoute as Array<{ method: string; route: string; count: number }>).filter((r) => r.method === 'GET' && r.route === `/api/v4/${route}`).reduce((n, r) => n + r.count, 0);
	};

	it('C1 waiting: a Sage contact whose account is not in ForceManager is held once, then re-emitted once with retry, across a restart (the ledger keeps it)', async () => {
		const state: IDataObject = {};
		const t = holdTrigger('addresses', state);
		expect(await t.poll()).toBeNull();
		const created = await sage.post('/customers/ABS001/addresses', { ADDRESS_TYPE: 1, CONTACT_NAME: 'Jane Doe' });
		const held = (await t.poll()) ?? [];
		expect(held).toHaveLength(1);
		expect(held[0].json.hold).toEqual({ reason: `Contact ABS001/${String(created.ADDRESS_REF)} "Jane Doe" waits: account ABS001 is not in ForceManager yet` });
		expect(await t.poll()).toBeNull();

		expect(await waiting()).toBe(1);
		const restarted = holdTrigger('addresses', {});
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
		expect(await waiting()).toBe(0);
	});

	it('C2: a held contact deleted in Sage stops waiting (goes out as a deletion once)', async () => {
		const state: IDataObject = {};
		const t = holdTrigger('addresses', state, {});
		await t.poll();
		const created = await sage.post('/customers/ABS001/addresses', { ADDRESS_TYPE: 1, CONTACT_NAME: 'Short Lived' });
		expect((await t.poll())?.[0].json.hold).toBeDefined();
		await sage.del(`/customers/ABS001/addresses/${String(created.ADDRESS_REF)}`);
		const out = (await t.poll()) ?? [];
		expect(out.map((i) => i.json.event)).toEqual(['deleted']);
		expect(await waiting()).toBe(0);
		await fmAccount('ABS001');
		expect(await t.poll()).toBeNull();
	});

	it('without a ForceManager credential the hold option fails with a clear message; the change is not held back', async () => {
		const ctx = (creds: IDataObject) =>
			createPollContext({
				parameters: params('addresses', { holdForForceManager: true }),
				staticData: { node: {} },
				credentials: creds as Record<string, ICredentialDataDecryptedObject>,
				credentialTypes: [new Sage50UkiApi(), new ForceManagerApi()],
				node: { id: 'sage-trigger', name: 'Sage 50 UKI Trigger', type: 'n8n-nodes-sage50-forcemanager.sage50UkiTrigger' },
			});
		expect(await new Sage50UkiTrigger().poll.call(ctx(credentials(bridge)))).toBeNull();
		await sage.post('/customers/ABS001/addresses', { ADDRESS_TYPE: 1, CONTACT_NAME: 'No Credential' });
		await expect(new Sage50UkiTrigger().poll.call(ctx(credentials(bridge)))).rejects.toThrow(/needs a ForceManager credential/);
		// The leased change was given back: the next poll (credential fixed) has it at once.
		const fixed = { ...credentials(bridge), forceManagerApi: { baseUrl: fm.baseUrl, publicKey: DEMO_KEYS.publicKey, privateKey: DEMO_KEYS.privateKey, requestsPerSecond: 0, sessionToken: '' } };
		const out = await new Sage50UkiTrigger().poll.call(ctx(fixed));
		expect(out![0].map((i) => (i.json.record as IDataObject).CONTACT_NAME)).toEqual(['No Credential']);
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
