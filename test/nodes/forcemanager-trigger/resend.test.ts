// ForceManager Trigger option "Re-Send Records Not Yet in Sage" against the simulator over real
// HTTP: a record whose first delivery failed (no extId written back) goes out again, with back-off.
import type { IDataObject, INodeExecutionData } from 'n8n-workflow';

import { DEMO_KEYS } from '../../../sandbox/forcemanager';
import { account, startSimulator, TriggerHarness, type SimulatorClients } from './harness';

let clients: SimulatorClients;
let offsetMs = 0;
const realNow = Date.now.bind(Date);

beforeAll(async () => {
	clients = await startSimulator();
	// Moves the trigger's clock and the in-process simulator's audit clock together. Only ever
	// forwards: the transport's pacer remembers instants, a clock going back would stall it.
	jest.spyOn(Date, 'now').mockImplementation(() => realNow() + offsetMs);
});
afterAll(async () => {
	jest.restoreAllMocks();
	await clients.sim.close();
});
beforeEach(async () => {
	await clients.admin.post('/reset', { seed: 'demo' });
	await clients.admin.post('/config', { rateLimitPerSecond: 0 });
});

const later = (minutes: number) => {
	offsetMs += minutes * 60_000 + 1000;
};

const trigger = (entity: string, options: IDataObject = {}) => {
	const t = new TriggerHarness(clients.sim, { entity, options: { resendUnsynced: true, ...options } });
	t.credentials.apiUserId = DEMO_KEYS.userId;
	return t;
};

const ui = {
	account: async (name: string): Promise<number> => (await clients.admin.post('/records/accounts', account(name))).data.id as number,
	contact: async (firstName: string, accountId: number): Promise<number> =>
		(await clients.admin.post('/records/contacts', { firstName, lastName: 'Test', accountId, salesRepId: 3, branchId: 1 })).data.id as number,
};

/** The sync's write-back (API user 2): the record gets its Sage reference. */
async function writeBack(resource: string, id: number, extId: string, fields: IDataObject = {}) {
	const api = await clients.api();
	await api.put(`/${resource}/${id}`, { extId, ...fields });
}

async function listCalls(route: string): Promise<number> {
	const { data } = await clients.admin.get('/counters');
	return (data.byRoute as Array<{ method: string; route: string; count: number }>)
		.filter((r) => r.method === 'GET' && r.route === `/api/v4/${route}`)
		.reduce((n, r) => n + r.count, 0);
}

const summary = (items: INodeExecutionData[] | null) =>
	(items ?? []).map((i) => ({ event: i.json.event, id: i.json.id, retry: i.json.retry, resent: i.json.resent }));

describe('ForceManager Trigger: Re-Send Records Not Yet in Sage', () => {
	test('A4: an account whose first delivery failed (no extId written back) is re-sent at the next poll', async () => {
		const t = trigger('accounts');
		expect(await t.poll()).toBeNull(); // start from now
		const id = await ui.account('Locked Out Ltd');
		expect(summary(await t.poll())).toEqual([{ event: 'created', id, retry: undefined, resent: undefined }]);
		// That run failed: nothing was written back. The next poll sends it again, like a retry.
		const items = await t.poll();
		expect(summary(items)).toEqual([{ event: 'created', id, retry: true, resent: { attempt: 1, reason: 'not in Sage yet' } }]);
		expect((items?.[0].json.record as IDataObject).name).toBe('Locked Out Ltd');
	});

	test('back-off: after the n-th re-send the record waits 1, 2, 4 … minutes', async () => {
		const t = trigger('accounts');
		await t.poll();
		const id = await ui.account('Slow Sage Ltd');
		await t.poll(); // first delivery
		const attempts = async () => summary(await t.poll()).map((i) => (i.resent as IDataObject | undefined)?.attempt);
		expect(await attempts()).toEqual([1]);
		expect(await attempts()).toEqual([]); // within a minute of attempt 1
		later(1);
		expect(await attempts()).toEqual([2]);
		later(1);
		expect(await attempts()).toEqual([]); // 2 minutes after attempt 2
		later(1);
		expect(await attempts()).toEqual([3]);
		expect((t.staticData.resend as IDataObject).entries).toEqual([
			expect.objectContaining({ id: String(id), attempt: 3 }),
		]);
	});

	test('A4: a record that gets its extId (write-back), or is deleted, leaves the list and is not re-sent', async () => {
		const t = trigger('accounts');
		await t.poll();
		const synced = await ui.account('Synced Ltd');
		const deleted = await ui.account('Deleted Ltd');
		await t.poll();
		expect(summary(await t.poll()).map((i) => i.id).sort()).toEqual([synced, deleted].sort());
		await writeBack('accounts', synced, 'SYN001', { readOnly: true }); // an echo: not emitted
		await clients.admin.delete(`/records/accounts/${deleted}`);
		later(5);
		expect(summary(await t.poll())).toEqual([{ event: 'deleted', id: deleted, retry: undefined, resent: undefined }]);
		expect((t.staticData.resend as IDataObject).entries).toEqual([]);
		later(60);
		expect(await t.poll()).toBeNull();
	});

	test('C1: a contact of a synced account is re-sent enriched; a held contact (I4) is not re-sent', async () => {
		const t = trigger('contacts');
		await t.poll();
		const ready = await ui.contact('Ready', 1); // account 1 has its Sage reference
		const waiting = await ui.contact('Waiting', 4); // prospect account 4 has none: held
		const first = await t.poll();
		expect(first?.find((i) => i.json.id === waiting)?.json.hold).toBeDefined();
		const again = (await t.poll()) ?? [];
		expect(summary(again)).toEqual([{ event: 'created', id: ready, retry: true, resent: { attempt: 1, reason: 'not in Sage yet' } }]);
		expect(again[0].json.related).toMatchObject({ account: { id: 1, extId: 'BRI001' } });
		later(90);
		expect(summary(await t.poll()).map((i) => i.id)).toEqual([ready]);
	});

	test('A3 / echoes / First Run "now": read-only accounts, the sync\'s own records and records older than activation are never re-sent', async () => {
		const old = await ui.account('Before Activation Ltd');
		later(2);
		const t = trigger('accounts');
		await t.poll();
		const readOnly = (await clients.admin.post('/records/accounts', { ...account('Read Only Ltd'), readOnly: true })).data.id as number;
		const api = await clients.api();
		await api.post('/accounts', account('Made By Sync Ltd')); // an echo: never emitted
		await clients.admin.patch(`/records/accounts/${old}`, { phone: '0100' }); // now reported as updated
		// The read-only one goes out as a change (the Mapper skips it by A3) but is never re-sent.
		expect(summary(await t.poll()).map((i) => i.id).sort()).toEqual([old, readOnly].sort());
		expect(summary(await t.poll())).toEqual([{ event: 'updated', id: old, retry: true, resent: { attempt: 1, reason: 'not in Sage yet' } }]);
		later(60);
		expect(summary(await t.poll()).map((i) => i.id)).toEqual([old]);
	});

	test('§5: a quiet system costs exactly one extra list call per poll; with the option off, none', async () => {
		const on = trigger('accounts');
		const off = trigger('accounts', { resendUnsynced: false });
		await on.poll();
		await off.poll();
		for (const [t, expected] of [[on, 2], [off, 1]] as const) {
			await clients.admin.post('/counters/reset');
			expect(await t.poll()).toBeNull();
			expect(await listCalls('accounts')).toBe(expected);
		}
	});
});
