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

const createInUi = async (name: string): Promise<number> =>
	(await clients.admin.post('/records/accounts', account(name))).data.id as number;

describe('ForceManager Trigger against the simulator', () => {
	test('C1/A6: created, updated and soft-deleted accounts are emitted once each across polls', async () => {
		const trigger = new TriggerHarness(clients.sim);
		expect(await trigger.poll()).toBeNull(); // activation: start from now, nothing emitted

		const id = await createInUi('Leeds Stationers');
		const created = await trigger.poll();
		expect(created).toHaveLength(1);
		expect(created?.[0].json).toMatchObject({
			event: 'created',
			entity: 'accounts',
			id,
			record: { id, name: 'Leeds Stationers', deleted: false },
		});
		expect(typeof created?.[0].json.changedAt).toBe('string');

		await clients.admin.patch(`/records/accounts/${id}`, { phone: '0113 496 0000' });
		expect(await trigger.pollEvents()).toEqual([`updated:${id}`]);

		await clients.admin.delete(`/records/accounts/${id}`);
		const deleted = await trigger.poll();
		expect(deleted?.map((i) => i.json.event)).toEqual(['deleted']);
		expect(deleted?.[0].json.record).toMatchObject({ id, deleted: true });

		// Work is proportional to change: a quiet poll is one list call (§5).
		const requestsBefore = trigger.requests;
		expect(await trigger.poll()).toBeNull();
		expect(trigger.requests - requestsBefore).toBe(1);
	});

	test('records sharing one timestamp, split across a page boundary and two polls: none skipped, none repeated', async () => {
		const frozenAt = new Date(Date.now() - 5_000).toISOString();
		await clients.admin.post('/clock', { frozenAt });
		const trigger = new TriggerHarness(clients.sim, { options: { pageSize: 2 } });
		expect(await trigger.poll()).toBeNull();

		const first = await Promise.all(['Tie A', 'Tie B', 'Tie C'].map(createInUi));
		const poll1 = await trigger.poll();
		expect(poll1?.map((i) => i.json.id).sort()).toEqual([...first].sort());
		expect(new Set(poll1?.map((i) => i.json.changedAt))).toEqual(
			new Set([new Date(frozenAt).toISOString()]),
		);

		// Two more rows with the very same stamp, committed after the first poll.
		const second = await Promise.all(['Tie D', 'Tie E'].map(createInUi));
		const poll2 = await trigger.poll();
		expect(poll2?.map((i) => i.json.id).sort()).toEqual([...second].sort());
		expect(await trigger.poll()).toBeNull();
	});

	test('first run "emit all existing records" pages through the initial load, then only changes', async () => {
		const { data: all } = await clients.admin.get('/records/accounts');
		const trigger = new TriggerHarness(clients.sim, { options: { firstRun: 'all', pageSize: 2 } });
		const initial = await trigger.poll();
		expect(initial?.map((i) => i.json.id).sort()).toEqual(
			(all as Array<{ id: number }>).map((row) => row.id).sort(),
		);
		expect(await trigger.poll()).toBeNull();
		const id = await createInUi('After Load Ltd');
		expect(await trigger.pollEvents()).toEqual([`created:${id}`]);
	});

	test('echo filter: changes by the integration user are passed over, UI changes are emitted', async () => {
		const trigger = new TriggerHarness(clients.sim, {
			options: { ignoreUsers: [DEMO_KEYS.userId] },
		});
		expect(await trigger.poll()).toBeNull();
		const api = await clients.api();
		const { data: byApi } = await api.post('/accounts', account('Written By Sync'));
		await api.put('/accounts/1', { phone: '0117 496 0999' });
		const byUi = await createInUi('Typed In The UI');
		await clients.admin.patch('/records/accounts/2', { phone: '0117 496 0002' });
		expect((await trigger.pollEvents()).sort()).toEqual([`created:${byUi}`, 'updated:2'].sort());

		// The ignored changes moved the cursor: without the filter they do not come back.
		trigger.params = { options: {} };
		expect(await trigger.poll()).toBeNull();
		expect(byApi.id).toEqual(expect.any(Number));
	});

	test('echo filter: an API delete is ignored, a UI delete is emitted as deleted', async () => {
		const trigger = new TriggerHarness(clients.sim, {
			events: ['deleted'],
			options: { ignoreUsers: [DEMO_KEYS.userId] },
		});
		expect(await trigger.poll()).toBeNull();
		const api = await clients.api();
		await api.delete('/accounts/1');
		await clients.admin.delete('/records/accounts/2');
		await clients.admin.patch('/records/accounts/3', { phone: '0117 496 0003' }); // not a watched event
		const items = await trigger.poll();
		expect(items?.map((i) => [i.json.event, i.json.id, i.json.changedBy])).toEqual([
			['deleted', 2, expect.any(Number)],
		]);
		expect(items?.[0].json.changedBy).not.toBe(DEMO_KEYS.userId);
	});

	test('an expired session and a 429 burst during a poll still complete the poll', async () => {
		const trigger = new TriggerHarness(clients.sim, { options: { pageSize: 1 } });
		expect(await trigger.poll()).toBeNull();
		const ids = await Promise.all(['Burst 1', 'Burst 2', 'Burst 3'].map(createInUi));
		await clients.admin.post('/sessions/expire');
		await clients.admin.post('/faults', { mode: 'rateLimit', count: 2, method: 'GET' });
		const loginsBefore = trigger.logins;
		const items = await trigger.poll();
		expect(items?.map((i) => i.json.id).sort()).toEqual([...ids].sort());
		expect(trigger.logins).toBe(loginsBefore + 1);
		const { data: counters } = await clients.admin.get('/counters');
		const limited = (counters.byRoute as Array<{ status: number; count: number }>)
			.filter((r) => r.status === 429)
			.reduce((sum, r) => sum + r.count, 0);
		expect(limited).toBe(2);
	});

	test('a failed poll (500s, retries exhausted) does not move the cursor; the next poll catches up', async () => {
		const trigger = new TriggerHarness(clients.sim);
		expect(await trigger.poll()).toBeNull();
		const id = await createInUi('Caught Up Ltd');
		const before = JSON.parse(JSON.stringify(trigger.staticData));
		await clients.admin.post('/faults', { mode: 'error500', count: 10, method: 'GET' });
		await expect(trigger.poll()).rejects.toThrow();
		expect(trigger.staticData).toEqual(before);
		await clients.admin.delete('/faults');
		expect(await trigger.pollEvents()).toEqual([`created:${id}`]);
	});

	test('manual mode returns the most recent change without reading or moving the cursor', async () => {
		const trigger = new TriggerHarness(clients.sim);
		const id = await createInUi('Newest Ltd');
		await clients.admin.post('/clock', { advanceSeconds: 1 });
		await clients.admin.patch(`/records/accounts/${id}`, { phone: '0000' });
		const sample = await trigger.poll('manual');
		expect(sample).toHaveLength(1);
		expect(sample?.[0].json).toMatchObject({ event: 'updated', entity: 'accounts', id });
		expect(trigger.staticData).toEqual({});

		await clients.admin.post('/reset', { seed: 'empty' });
		expect(await trigger.poll('manual')).toEqual([]); // no data: an empty sample, not an error
	});

	test('other entities: a sale (deleted read as 0/1) and a contact behind an additional filter', async () => {
		const sales = new TriggerHarness(clients.sim, { entity: 'sales' });
		expect(await sales.poll()).toBeNull();
		const { data: sale } = await clients.admin.post('/records/sales', { accountId: 1, date: '2025-03-01', total: 120.5 });
		await clients.admin.post('/clock', { advanceSeconds: 1 });
		await clients.admin.delete(`/records/sales/${sale.id}`);
		const items = await sales.poll();
		expect(items?.map((i) => [i.json.event, i.json.entity, i.json.id])).toEqual([['deleted', 'sales', sale.id]]);
		expect(items?.[0].json.record).toMatchObject({ deleted: 1 });

		const contacts = new TriggerHarness(clients.sim, {
			entity: 'contacts',
			options: { where: "lastName = 'O''Neill'" },
		});
		expect(await contacts.poll()).toBeNull();
		const contact = (lastName: string) => ({ firstName: 'Sam', lastName, accountId: 1, salesRepId: 3, branchId: 1 });
		const { data: oneill } = await clients.admin.post('/records/contacts', contact("O'Neill"));
		await clients.admin.post('/records/contacts', contact('Smith'));
		expect(await contacts.pollEvents()).toEqual([`created:${oneill.id}`]);
	});

	test('the user list for the echo filter comes from ForceManager', async () => {
		const users = await new TriggerHarness(clients.sim).loadUsers();
		expect(users.map((u) => u.value)).toContain(DEMO_KEYS.userId);
		expect(users.every((u) => typeof u.name === 'string' && u.name.length > 0)).toBe(true);
	});
});
