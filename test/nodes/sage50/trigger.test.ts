import type { IDataObject, INodeExecutionData } from 'n8n-workflow';

import type { RunningBridge } from '../../../bridge/src';
import { admin, run, start, trigger } from './helpers';

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
