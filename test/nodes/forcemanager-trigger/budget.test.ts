// A poll that runs out of its time budget (n8n 2.36+ `getPollBudgetMs()`; the durable scheduler gives
// about 36 s) stops reading after a page and the next poll continues the same window after the last
// id read (lists come newest id first): a first load of any size progresses, every change is reported once, and a record changed
// while the read is split over polls is reported again in its newest version.
import { account, startSimulator, TriggerHarness, type SimulatorClients } from './harness';

let clients: SimulatorClients;
beforeAll(async () => {
	clients = await startSimulator();
});
afterAll(async () => await clients.sim.close());
beforeEach(async () => {
	await clients.admin.post('/reset', { seed: 'demo' });
	await clients.admin.post('/config', { rateLimitPerSecond: 0 });
});

test('point 6: a read split over polls by the poll budget reports each change once, in its newest version, and then continues from the mark', async () => {
	const ids: number[] = [];
	for (let i = 0; i < 25; i++) ids.push((await clients.admin.post('/records/accounts', account(`Budget ${i}`))).data.id as number);
	const total = ((await clients.admin.get('/records/accounts')).data as unknown[]).length;
	const trigger = new TriggerHarness(clients.sim, { options: { firstRun: 'all', pageSize: 10 } });
	trigger.pollBudgetMs = 1; // every page outlasts it: one page per poll
	const seen: string[] = [];
	const first = await trigger.pollEvents();
	expect(first).toHaveLength(10);
	seen.push(...first);
	// Changed while the read is split: the newest id was read first (lists come newest first), so it is
	// reported again, in its newest version, once the scan is done.
	const last = ids[ids.length - 1];
	expect(first).toContain(`created:${last}`);
	await clients.admin.patch(`/records/accounts/${last}`, { phone: '0113 000 0000' });
	while (seen.length < total) {
		const more = await trigger.pollEvents();
		expect(more.length).toBeGreaterThan(0);
		seen.push(...more);
	}
	expect(seen).toHaveLength(total);
	expect(new Set(seen).size).toBe(total);
	expect(trigger.staticData.scan).toBeUndefined(); // the read is complete
	trigger.pollBudgetMs = undefined; // n8n 1.x: no budget, one read per poll
	expect(await trigger.pollEvents()).toEqual([`updated:${last}`]);
	expect(await trigger.pollEvents()).toEqual([]);
});
