// The delivery ledger over HTTP (openapi.yaml tag "delivery"): at-least-once delivery with
// confirmation, retries with back-off, dead letters and replay, offers of ForceManager changes,
// and the last-synced state of two-way pairs. Time passes through the bridge's injectable clock.
import { type Harness, startHarness } from './harness';

let h: Harness;
beforeEach(async () => {
	h = await startHarness();
	h.bridge.clock.freeze(new Date('2026-03-02T09:00:00Z'));
});
afterEach(() => h.bridge.close());

interface Leased {
	key: string;
	event: string;
	version: { order: number; tag: string };
	attempts: number;
	state: string;
	reason: string | null;
	lease: string;
	record?: Record<string, unknown> | null;
}

const C = encodeURIComponent('n8n:wf1:node1:customers');

async function lease(consumer = C, extra: Record<string, unknown> = {}): Promise<{ lease: string; items: Leased[]; remaining: number }> {
	const res = await h.api.post(`/deliveries/${consumer}/lease`, { source: 'sage', entity: 'customers', leaseSeconds: 600, ...extra });
	expect(res.status).toBe(200);
	return res.data;
}

async function ack(items: Array<Record<string, unknown>>, consumer = C) {
	const res = await h.api.post(`/deliveries/${consumer}/acks`, { items });
	expect(res.status).toBe(200);
	return res.data.items as Array<{ key: string; state: string; attempts: number; due?: string }>;
}

const advance = (seconds: number) => h.bridge.clock.advance(seconds);
const editInSage = (ref: string, body: Record<string, unknown>) => h.admin.patch(`/customers/${ref}`, body);
const delivered = (item: Leased) => ({ key: item.key, version: item.version, lease: item.lease, outcome: 'delivered' });

describe('delivery ledger: Sage changes', () => {
	it('a consumer starting at the beginning gets every customer once, with the record; delivered changes are not offered again', async () => {
		const customers = (await h.api.get('/customers', { params: { limit: 1000, includeDeleted: true } })).data.items as Array<{ ACCOUNT_REF: string }>;
		const first = await lease();
		expect(first.items.map((i) => i.key).sort()).toEqual(customers.map((c) => c.ACCOUNT_REF).sort());
		expect(first.items.every((i) => i.event === 'created' && i.attempts === 0 && i.record !== null)).toBe(true);
		expect(first.items.find((i) => i.key === 'ABS001')!.record!.NAME).toBeTruthy();
		// Leased: the next lease (an overlapping poll) gets none of them.
		expect((await lease()).items).toEqual([]);
		await ack(first.items.map(delivered));
		advance(3600);
		expect((await lease()).items).toEqual([]);
	});

	it('start "now" skips what happened before; a change made later is leased as an update, one created and edited before delivery stays "created"', async () => {
		expect((await lease(C, { start: 'now' })).items).toEqual([]);
		await editInSage('ABS001', { TELEPHONE: '0113 000 0001' });
		await h.admin.post('/customers', { ACCOUNT_REF: 'NEW001', NAME: 'New Ltd' });
		await editInSage('NEW001', { TELEPHONE: '0113 000 0002' });
		const { items } = await lease();
		expect(items.map((i) => [i.key, i.event]).sort()).toEqual([
			['ABS001', 'updated'],
			['NEW001', 'created'],
		]);
		expect(items.find((i) => i.key === 'NEW001')!.record!.TELEPHONE).toBe('0113 000 0002');
	});

	it('I-delivery: an unconfirmed lease (the run failed or n8n died) is offered again once it runs out, counted as an attempt', async () => {
		await lease(C, { start: 'now' });
		await editInSage('ABS001', { TELEPHONE: '1' });
		const first = await lease(C, { leaseSeconds: 60 });
		expect(first.items.map((i) => i.key)).toEqual(['ABS001']);
		advance(59);
		expect((await lease(C, { leaseSeconds: 60 })).items).toEqual([]);
		advance(1);
		const again = await lease(C, { leaseSeconds: 60 });
		expect(again.items.map((i) => [i.key, i.attempts])).toEqual([['ABS001', 1]]);
		expect(again.items[0].reason).toMatch(/not confirmed/);
		expect(again.lease).not.toBe(first.lease);
		// The first run's late confirmation still settles it (same version).
		expect((await ack([delivered(first.items[0])]))[0].state).toBe('delivered');
		expect((await ack([delivered(again.items[0])]))[0].state).toBe('delivered');
	});

	it('a failed record is retried after 1, 2, 4 … minutes, then parks as a dead letter with its reason and field; replay puts it back', async () => {
		await lease(C, { start: 'now', maxAttempts: 3, label: 'Sage → FM accounts / trigger', workflow: 'wf1' });
		await editInSage('BRO001', { TELEPHONE: '2' });
		const fail = (item: Leased) => ({ key: item.key, version: item.version, lease: item.lease, outcome: 'failed', reason: 'name too long', field: 'name', label: 'Customer BRO001' });
		let item = (await lease()).items[0];
		expect((await ack([fail(item)]))[0]).toMatchObject({ state: 'pending', attempts: 1, due: '2026-03-02T09:01:00.000Z' });
		// Reporting the same failure again (a retried Confirm step) does not count twice.
		expect((await ack([fail(item)]))[0]).toMatchObject({ state: 'pending', attempts: 1 });
		expect((await lease()).items).toEqual([]);
		advance(60);
		item = (await lease()).items[0];
		expect([item.key, item.attempts, item.reason]).toEqual(['BRO001', 1, 'name too long']);
		expect((await ack([fail(item)]))[0]).toMatchObject({ state: 'pending', attempts: 2, due: '2026-03-02T09:03:00.000Z' });
		advance(120);
		item = (await lease()).items[0];
		expect((await ack([fail(item)]))[0]).toMatchObject({ state: 'dead', attempts: 3 });
		advance(7200);
		expect((await lease()).items).toEqual([]);

		const dead = (await h.api.get('/deliveries/dead-letters', { params: { workflow: 'wf1' } })).data.items;
		expect(dead).toEqual([
			expect.objectContaining({ consumer: 'n8n:wf1:node1:customers', consumerLabel: 'Sage → FM accounts / trigger', key: 'BRO001', label: 'Customer BRO001', attempts: 3, reason: 'name too long', field: 'name' }),
		]);
		const status = (await h.api.get('/deliveries', { params: { workflow: 'wf1' } })).data.items;
		expect(status).toEqual([expect.objectContaining({ consumer: 'n8n:wf1:node1:customers', dead: 1, pending: 0, leased: 0 })]);

		expect((await h.api.post('/deliveries/dead-letters/replay', { workflow: 'wf1' })).data).toEqual({ replayed: 1 });
		item = (await lease()).items[0];
		expect([item.key, item.attempts]).toEqual(['BRO001', 0]);
		expect((await h.api.get('/deliveries/dead-letters', { params: { workflow: 'wf1' } })).data.items).toEqual([]);
	});

	it('a person fixing a dead-lettered record in Sage restarts it: the new version is pending with a clean count', async () => {
		await lease(C, { start: 'now', maxAttempts: 1 });
		await editInSage('KIN001', { TELEPHONE: 'bad' });
		const item = (await lease()).items[0];
		expect((await ack([{ ...delivered(item), outcome: 'failed', reason: 'bad phone' }]))[0].state).toBe('dead');
		await editInSage('KIN001', { TELEPHONE: '0113 496 0000' });
		const again = (await lease()).items;
		expect(again.map((i) => [i.key, i.attempts, i.record!.TELEPHONE])).toEqual([['KIN001', 0, '0113 496 0000']]);
	});

	it('a change that arrives while its older version is in flight is not lost: the older ack is "superseded" and the newer one is offered', async () => {
		await lease(C, { start: 'now' });
		await editInSage('STE001', { TELEPHONE: 'v1' });
		const inFlight = (await lease()).items[0];
		await editInSage('STE001', { TELEPHONE: 'v2' });
		// The second poll does not lease it twice while the first run holds it ...
		expect((await lease()).items).toEqual([]);
		// ... and the first run's confirmation only frees it.
		expect((await ack([delivered(inFlight)]))[0].state).toBe('superseded');
		const next = (await lease()).items;
		expect(next.map((i) => [i.key, i.record!.TELEPHONE])).toEqual([['STE001', 'v2']]);
		expect(next[0].version.order).toBeGreaterThan(inFlight.version.order);
	});

	it('waiting records come back on every lease after the pending ones, without counting attempts', async () => {
		await lease(C, { start: 'now' });
		await editInSage('DUB001', { TELEPHONE: '3' });
		const item = (await lease()).items[0];
		expect((await ack([{ ...delivered(item), outcome: 'waiting', reason: 'account not in ForceManager yet' }]))[0].state).toBe('waiting');
		await editInSage('ABS001', { TELEPHONE: '4' });
		const next = await lease(C, { limit: 1 });
		expect(next.items.map((i) => [i.key, i.state])).toEqual([['ABS001', 'pending']]);
		expect(next.remaining).toBe(1);
		const waiting = (await lease()).items;
		expect(waiting.map((i) => [i.key, i.state, i.attempts, i.reason])).toEqual([['DUB001', 'waiting', 0, 'account not in ForceManager yet']]);
	});

	it('a deletion in Sage is leased as "deleted" with the last state of the record', async () => {
		await lease(C, { start: 'now' });
		await h.admin.delete('/customers/STE001');
		const items = (await lease()).items;
		expect(items.map((i) => [i.key, i.event, i.record!.RECORD_DELETED])).toEqual([['STE001', 'deleted', 1]]);
	});

	it('rejects a consumer reused for another entity, and bad bodies', async () => {
		await lease();
		const other = await h.api.post(`/deliveries/${C}/lease`, { source: 'sage', entity: 'products' });
		expect([other.status, other.data.code]).toEqual([400, 'VALIDATION_FAILED']);
		const noEntity = await h.api.post(`/deliveries/${C}/lease`, { source: 'sage', entity: 'nothing' });
		expect(noEntity.status).toBe(400);
		const badAck = await h.api.post(`/deliveries/${C}/acks`, { items: [{ key: 'A', version: { order: 1 }, outcome: 'maybe' }] });
		expect([badAck.status, badAck.data.field]).toEqual([400, 'items[0].outcome']);
		const unknown = await h.api.post(`/deliveries/${encodeURIComponent('nobody')}/acks`, { items: [] });
		expect(unknown.status).toBe(404);
	});
});

describe('delivery ledger: ForceManager changes offered by the trigger', () => {
	const F = encodeURIComponent('n8n:wf2:node9:accounts');
	const offer = async (items: Array<Record<string, unknown>>) => (await h.api.post(`/deliveries/${F}/offers`, { entity: 'accounts', items })).data;
	const leaseFm = () => lease(F, { source: 'forceManager', entity: 'accounts' });

	it('an offered change is pending until confirmed; the same version offered again is ignored; a newer one replaces it', async () => {
		expect(await offer([{ key: '17', event: 'created', version: { order: 1000, tag: 'h1' } }])).toEqual({ accepted: 1, ignored: 0 });
		expect(await offer([{ key: '17', event: 'created', version: { order: 1000, tag: 'h1' } }])).toEqual({ accepted: 0, ignored: 1 });
		expect(await offer([{ key: '17', event: 'updated', version: { order: 2000, tag: 'h2' } }])).toEqual({ accepted: 1, ignored: 0 });
		const items = (await leaseFm()).items;
		expect(items.map((i) => [i.key, i.event, i.version])).toEqual([['17', 'created', { order: 2000, tag: 'h2' }]]);
		expect(items[0]).not.toHaveProperty('record');
		await ack([delivered(items[0])], F);
		// A poller that lost its cursor reads the window again: nothing comes back.
		expect(await offer([{ key: '17', event: 'updated', version: { order: 2000, tag: 'h2' } }])).toEqual({ accepted: 0, ignored: 1 });
		expect((await leaseFm()).items).toEqual([]);
	});

	it('two changes in the same millisecond with different content are both versions; an echo ack settles like a delivery', async () => {
		await offer([{ key: '5', event: 'updated', version: { order: 3000, tag: 'a' } }]);
		const first = (await leaseFm()).items[0];
		await offer([{ key: '5', event: 'updated', version: { order: 3000, tag: 'b' } }]);
		expect((await ack([{ ...delivered(first), outcome: 'echo' }], F))[0].state).toBe('superseded');
		const second = (await leaseFm()).items[0];
		expect(second.version).toEqual({ order: 3000, tag: 'b' });
		expect((await ack([{ ...delivered(second), outcome: 'echo' }], F))[0].state).toBe('delivered');
	});
});

describe('sync state of two-way pairs', () => {
	const F = encodeURIComponent('n8n:wf3:node1:contacts');
	const query = async (body: Record<string, unknown>) => (await h.api.post('/sync-state/query', body)).data.items;

	it('a delivered ack saves the pair; a pair learns its second key; lookups by either key find it', async () => {
		await h.api.post(`/deliveries/${F}/offers`, { entity: 'contacts', items: [{ key: '40', event: 'created', version: { order: 1 } }] });
		const item = (await lease(F, { source: 'forceManager', entity: 'contacts' })).items[0];
		// FM-born contact: first known by its ForceManager id only …
		await h.api.post(`/deliveries/${F}/acks`, {
			items: [{ ...delivered(item), state: { entity: 'contact', forceManagerId: 40, forceManager: { firstName: 'Ann', email: null } } }],
		});
		expect(await query({ entity: 'contact', forceManagerIds: ['40'] })).toEqual([
			expect.objectContaining({ sageKey: null, forceManagerId: '40', forceManager: { firstName: 'Ann', email: null }, sage: null }),
		]);
		// … then Sage gives it a key.
		await h.api.post(`/deliveries/${F}/offers`, { entity: 'contacts', items: [{ key: '40', event: 'updated', version: { order: 2 } }] });
		const next = (await lease(F, { source: 'forceManager', entity: 'contacts' })).items[0];
		await h.api.post(`/deliveries/${F}/acks`, {
			items: [{ ...delivered(next), state: { entity: 'contact', sageKey: 'ABS001/4', forceManagerId: '40', sage: { CONTACT_NAME: 'Ann' } } }],
		});
		const bySage = await query({ entity: 'contact', sageKeys: ['ABS001/4'] });
		expect(bySage).toEqual([expect.objectContaining({ sageKey: 'ABS001/4', forceManagerId: '40', sage: { CONTACT_NAME: 'Ann' }, forceManager: { firstName: 'Ann', email: null } })]);
		expect(await query({ entity: 'contact', forceManagerIds: ['40'], sageKeys: ['ABS001/4'] })).toHaveLength(1);
		// Failed and waiting outcomes never change the state.
		expect((await h.api.post('/sync-state/query', { entity: 'widgets' })).status).toBe(400);
	});
});
