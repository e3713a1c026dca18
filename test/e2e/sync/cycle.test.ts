// The cycle driver (sandbox/n8n/cycle.ts) in a real n8n 2.40.7: one sync cycle = deactivate +
// activate through the editor's REST API (n8n only queues it), then the driver waits on n8n's own
// account of the activation poll and of the execution it started (none when nothing changed). The
// same stored cursor then serves a scheduled (cron) poll, so cycles in the suite behave like the
// workflow running on its own. Polls the test makes slow or quiet: cycle-polls.test.ts.
import * as path from 'node:path';
import type { IDataObject } from 'n8n-workflow';

import { waitForNextExecution } from '../../../sandbox/n8n';
import { loadWorkflow } from '../../support/e2e';
import { startSyncBench, type SyncBench } from '../../support/sync';

jest.setTimeout(600_000);

const PROBE = 'sfmE2eCycleCustomers';
const TRIGGER = 'Sage 50 UKI Trigger';

describe('sync cycle driver in a real n8n 2.40.7', () => {
	let bench: SyncBench;

	beforeAll(async () => {
		bench = await startSyncBench({
			name: 'sync-cycle',
			templates: [],
			workflows: [loadWorkflow(path.join(__dirname, '..', 'fixtures', 'sync', 'cycle-sage-customers.json'))],
		});
	});

	afterAll(async () => {
		await bench?.dispose();
	});

	const keys = (items: IDataObject[]) => items.map((i) => [i.event, i.key]);

	test('a cycle returns the activation poll execution with per-node items, a quiet cycle none; the cron poll continues from the same cursor', async () => {
		const customers = (await bench.sage.table('SALES_LEDGER')).filter((r) => !r.RECORD_DELETED);
		expect(customers.length).toBeGreaterThan(0);

		// Initial load: every customer once, through to the downstream node.
		const first = await bench.cycle(PROBE);
		expect(first.executions).toHaveLength(1);
		expect(first.execution?.status).toBe('success');
		expect(first.execution?.mode).toBe('trigger');
		expect(first.nodes()).toEqual([TRIGGER, 'Received']);
		expect(first.items('Received')).toHaveLength(customers.length);
		expect(new Set(first.items(TRIGGER).map((i) => i.event))).toEqual(new Set(['created']));
		expect((await bench.session.workflow(PROBE)).active).toBe(false);

		// Nothing changed: the poll returns null, no execution starts.
		const quiet = await bench.cycle(PROBE);
		expect(quiet.executions).toEqual([]);
		expect(quiet.execution).toBeUndefined();
		expect(quiet.items('Received')).toEqual([]);

		// One Sage edit: exactly that change.
		const ref = String(customers[0].ACCOUNT_REF);
		await bench.sage.editCustomer(ref, { TELEPHONE: '0117 496 0999' });
		const edited = await bench.cycle(PROBE);
		expect(keys(edited.items('Received'))).toEqual([['updated', ref]]);

		// Scheduled: activated and left running, the cron (≤ 60 s) picks up the next edit from the
		// cursor the activation stored.
		const idle = await bench.cycle(PROBE, { keepActive: true });
		expect(idle.executions).toEqual([]);
		const ref2 = String(customers[1].ACCOUNT_REF);
		await bench.sage.editCustomer(ref2, { TELEPHONE: '0117 496 0998' });
		const lastId = edited.execution!.id;
		const scheduled = await waitForNextExecution(bench.instance, PROBE, lastId, 90_000);
		await bench.session.deactivate(PROBE);
		expect(scheduled.execution?.mode).toBe('trigger');
		expect(keys(scheduled.items('Received'))).toEqual([['updated', ref2]]);

		// And a cycle after the scheduled poll repeats nothing.
		const after = await bench.cycle(PROBE);
		expect(after.executions).toEqual([]);
	});
});
