// The cycle driver (sandbox/n8n/cycle.ts) against polls whose length and result the test controls:
// n8n's built-in RSS Feed Read Trigger reading a local feed that answers as late as the test says
// (independent of this package's triggers). n8n 2.40.7 answers the activate call before the poll
// has even started; the driver must still return each poll's own execution in its own cycle, return
// promptly when a poll emits nothing, and await a cron poll whether it emits or not.
import type { IDataObject } from 'n8n-workflow';

import type { N8nWorkflow } from '../../../sandbox/n8n';
import { startRssFeed, type RssFeed } from '../../support/e2e';
import { startSyncBench, type SyncBench } from '../../support/sync';

jest.setTimeout(600_000);

const RSS = 'sfmE2eCycleRss';

const rssWorkflow = (feedUrl: string): N8nWorkflow => ({
	id: RSS,
	name: 'E2E cycle RSS probe',
	nodes: [
		{
			id: 'rss-trigger',
			name: 'RSS Feed Trigger',
			type: 'n8n-nodes-base.rssFeedReadTrigger',
			typeVersion: 1,
			position: [0, 0],
			parameters: { pollTimes: { item: [{ mode: 'everyMinute' }] }, feedUrl },
		},
		{ id: 'received', name: 'Received', type: 'n8n-nodes-base.noOp', typeVersion: 1, position: [240, 0], parameters: {} },
	],
	connections: { 'RSS Feed Trigger': { main: [[{ node: 'Received', type: 'main', index: 0 }]] } },
	settings: {},
});

const titles = (items: IDataObject[]) => items.map((i) => i.title);

async function timed<T>(run: () => Promise<T>): Promise<[T, number]> {
	const started = Date.now();
	const value = await run();
	return [value, Date.now() - started];
}

describe('cycle driver: every poll is awaited on what n8n reports (real n8n 2.40.7)', () => {
	let bench: SyncBench;
	let feed: RssFeed;

	beforeAll(async () => {
		feed = await startRssFeed();
		bench = await startSyncBench({ name: 'sync-cycle-polls', templates: [], workflows: [rssWorkflow(feed.url)] });
	});

	afterAll(async () => {
		await bench?.dispose();
		await feed?.close();
	});

	test('a poll that takes 12 s yields its own execution in the same cycle', async () => {
		const published = feed.publish(3);
		feed.delayMs = 12_000;
		const before = feed.requests;

		const [slow, ms] = await timed(() => bench.cycle(RSS));

		expect(feed.requests - before).toBe(1);
		expect(ms).toBeGreaterThanOrEqual(12_000);
		expect(slow.executions).toHaveLength(1);
		expect(slow.execution?.status).toBe('success');
		expect(slow.execution?.mode).toBe('trigger');
		expect(titles(slow.items('Received'))).toEqual(expect.arrayContaining(published));
		expect(slow.items('Received')).toHaveLength(3);
		expect(slow.error()).toBeUndefined();
		expect((await bench.session.workflow(RSS)).active).toBe(false);
	});

	test('a poll that emits nothing returns without an execution: promptly when fast, right after it when slow', async () => {
		feed.delayMs = 0;
		const [quiet, quietMs] = await timed(() => bench.cycle(RSS));
		expect(quiet.executions).toEqual([]);
		expect(quiet.execution).toBeUndefined();
		expect(quietMs).toBeLessThan(10_000);

		feed.delayMs = 8_000;
		const before = feed.requests;
		const [slowQuiet, slowMs] = await timed(() => bench.cycle(RSS));
		expect(feed.requests - before).toBe(1);
		expect(slowQuiet.executions).toEqual([]);
		expect(slowMs).toBeGreaterThanOrEqual(8_000);
		expect(slowMs).toBeLessThan(8_000 + 10_000);
	});

	test('cycles in a row never mix executions: each slow poll its own items, the quiet cycle after it none', async () => {
		const seen = new Set(bench.instance.executions(RSS).map((e) => e.id));
		const started: string[] = [];
		for (const delayMs of [9_000, 3_000]) {
			const published = feed.publish(1);
			feed.delayMs = delayMs;
			const busy = await bench.cycle(RSS);
			expect(busy.executions).toHaveLength(1);
			expect(titles(busy.items('Received'))).toEqual(published);
			started.push(busy.execution!.id);

			feed.delayMs = 0;
			const quiet = await bench.cycle(RSS);
			expect(quiet.executions).toEqual([]);
		}
		// n8n ran exactly the executions the cycles returned, and nothing landed later.
		const later = bench.instance.executions(RSS).filter((e) => !seen.has(e.id));
		expect(later.map((e) => e.id)).toEqual(started);
	});

	test("a poll that throws on every attempt is reported as the cycle's error, and the next cycle polls normally", async () => {
		feed.delayMs = 0;
		feed.status = 500;
		const before = feed.requests;
		const failed = await bench.cycle(RSS);
		// n8n 2.40.7 tries the activation poll 5 times (1, 2, 4, 8 s apart), then fails the activation.
		expect(feed.requests - before).toBe(5);
		expect(failed.executions).toEqual([]);
		expect(failed.activationError).toMatch(/problem activating the workflow/i);
		expect(failed.error()?.message).toBe(failed.activationError);

		feed.status = 200;
		const published = feed.publish(1);
		const recovered = await bench.cycle(RSS);
		expect(recovered.activationError).toBeUndefined();
		expect(titles(recovered.items('Received'))).toEqual(published);
	});

	test('the next cron poll is awaited whether it emits nothing or a slow result', async () => {
		feed.delayMs = 0;
		const idle = await bench.cycle(RSS, { keepActive: true });
		expect(idle.executions).toEqual([]);
		try {
			const before = feed.requests;
			const quietPoll = await bench.nextPoll(RSS, { timeoutMs: 90_000 });
			expect(feed.requests - before).toBe(1);
			expect(quietPoll.execution).toBeUndefined();
			expect(quietPoll.executions).toEqual([]);

			const published = feed.publish(2);
			feed.delayMs = 5_000;
			const busyPoll = await bench.nextPoll(RSS, { timeoutMs: 90_000 });
			expect(busyPoll.execution?.mode).toBe('trigger');
			expect(titles(busyPoll.items('Received'))).toEqual(expect.arrayContaining(published));
			expect(busyPoll.items('Received')).toHaveLength(2);
		} finally {
			await bench.session.deactivate(RSS);
		}
		// A cycle right after the deactivation still polls once (the two are not merged by n8n) and repeats nothing.
		feed.delayMs = 0;
		const before = feed.requests;
		const after = await bench.cycle(RSS);
		expect(feed.requests - before).toBe(1);
		expect(after.executions).toEqual([]);
	});
});
