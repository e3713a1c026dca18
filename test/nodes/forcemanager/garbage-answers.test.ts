// Servers that answer garbage (issue point 11: bad input never corrupts or blocks), over real HTTP against
// the simulator's garbage faults: a proxy's HTML page, a cut or empty 200, a crash text, a huge cut-off
// page. A read, an upsert batch and a trigger poll each fail with a message naming the request, or
// recover when the garbage was transient; a write whose answer is garbage is never reported as done.
import axios from 'axios';
import type { IDataObject, INodeExecutionData } from 'n8n-workflow';

import type { ForceManagerSimulator } from '../../../sandbox/forcemanager';
import { failure } from '../../support/failure';
import { TriggerHarness } from '../forcemanager-trigger/harness';
import { admin, count, json, runNode, startSim } from './helpers';

let sim: ForceManagerSimulator;
let fm: ReturnType<typeof admin>;

beforeAll(async () => {
	sim = await startSim();
	fm = admin(sim);
});
afterAll(async () => sim.close());
beforeEach(async () => {
	await fm.reset('empty');
	await fm.seed({
		branches: [{ id: 1, descriptionEN: 'Head Office' }],
		users: [{ id: 1, name: 'Alice', lastName: 'Admin', email: 'a@x.test' }],
		accounts: [
			{ id: 1, name: 'Bristol Stationers', extId: 'BRI001', branchId: 1, salesRepId1: 1 },
			{ id: 2, name: 'Cambridge Supplies', extId: 'CAM001', branchId: 1, salesRepId1: 1 },
		],
	});
	await fm.resetCounters();
});

/** Each garbage mode: its status and how the error describes the body (never the body itself). */
const MODES: Array<[mode: string, status: number, said: string, extra?: IDataObject]> = [
	['htmlError', 502, 'an HTML page \\("502 Bad Gateway"\\) of \\d+ bytes'],
	['truncatedJson', 200, 'JSON cut off after \\d+ bytes'],
	['nonJson500', 500, 'text \\("Internal Server Error System\\.NullReferenceException: .*"\\) of \\d+ bytes'],
	['emptyBody', 200, 'an empty body'],
	['hugePayload', 200, 'JSON cut off after 2\\.0 MB', { sizeBytes: 2 * 2 ** 20 }],
];

const getMany = { resource: 'account', operation: 'getAll', returnAll: true };

const upsertItems: INodeExecutionData[] = [
	{ json: { extId: 'NEW001', name: 'New One Ltd', branchId: 1, salesRepId1: 1 } },
	{ json: { extId: 'NEW002', name: 'New Two Ltd', branchId: 1, salesRepId1: 1 } },
	{ json: { extId: 'BRI001', name: 'Bristol Stationers Ltd' } },
];
const upsertParams = (i: number) => {
	const { extId, ...fields } = upsertItems[i].json;
	return { resource: 'account', operation: 'upsert', extId, fields };
};
const clearFaults = async () => await axios.delete(`${sim.origin}/__admin/faults`);
const extIds = async () => (await fm.records('accounts')).map((r) => r.extId).sort();

describe.each(MODES)('%s', (mode, status, said, extra = {}) => {
	test('a read that keeps getting it fails after the retries with a message naming the request; a single one is retried away', async () => {
		await fm.fault({ mode, count: 10, method: 'GET', path: '/accounts', ...extra });
		const error = await failure(runNode(sim, getMany));
		expect(error.message).toMatch(new RegExp(`^ForceManager answered GET /accounts with HTTP ${status} and ${said} instead of JSON$`));
		expect(error.description).toMatch(/still failing after 3 retries/);
		expect(count(await fm.counters(), 'GET', '/api/v4/accounts')).toBe(4);

		await clearFaults();
		await fm.resetCounters();
		await fm.fault({ mode, count: 1, method: 'GET', path: '/accounts', ...extra });
		const { output } = await runNode(sim, getMany);
		expect(json(output).map((r) => r.extId)).toEqual(['BRI001', 'CAM001']);
		expect(count(await fm.counters(), 'GET', '/api/v4/accounts')).toBe(2);
	});

	test('an upsert batch whose bulk create gets it fails naming the records, and reports none of them as written', async () => {
		await fm.fault({ mode, count: 1, method: 'POST', path: '/accounts/bulk', ...extra });
		const error = await failure(runNode(sim, upsertParams, { items: upsertItems }));
		expect(error.message).toMatch(
			new RegExp(`^ForceManager answered POST /accounts/bulk \\(2 records: "NEW001", "NEW002"\\) with HTTP ${status} and ${said} instead of JSON$`),
		);
		expect(await extIds()).toEqual(['BRI001', 'CAM001']);

		// Continue On Fail: the two creates are failed items (never "created"), the update goes through.
		await fm.fault({ mode, count: 1, method: 'POST', path: '/accounts/bulk', ...extra });
		const { output } = await runNode(sim, upsertParams, { items: upsertItems, continueOnFail: true });
		const out = json(output);
		expect(out.map((r) => r.status)).toEqual(['failed', 'failed', 'updated']);
		expect(String(out[0].reason)).toMatch(/^Account "NEW001": ForceManager answered POST \/accounts\/bulk .* instead of JSON: The write may or may not have been carried out/);
		expect(await extIds()).toEqual(['BRI001', 'CAM001']);
	});

	test('a write carried out but answered with it is not reported as written; the next run converges without duplicates', async () => {
		await fm.fault({ mode, count: 1, method: 'POST', path: '/accounts/bulk', processed: true, ...extra });
		const first = json((await runNode(sim, upsertParams, { items: upsertItems, continueOnFail: true })).output);
		expect(first.map((r) => r.status)).toEqual(['failed', 'failed', 'updated']);
		expect(await extIds()).toEqual(['BRI001', 'CAM001', 'NEW001', 'NEW002']); // it did land

		const again = json((await runNode(sim, upsertParams, { items: upsertItems })).output);
		expect(again.map((r) => r.status)).toEqual(['unchanged', 'unchanged', 'unchanged']);
		expect(await extIds()).toEqual(['BRI001', 'CAM001', 'NEW001', 'NEW002']);
	});

	test('a trigger poll recovers from a single one, and fails clearly on a persistent one without losing the change', async () => {
		const trigger = new TriggerHarness(sim, { entity: 'accounts' });
		expect(await trigger.poll()).toBeNull(); // starts from now
		await fm.clock({ advanceSeconds: 5 });
		const first = await fm.uiCreate('accounts', { name: 'Polled Ltd', branchId: 1, salesRepId1: 1 });
		await fm.fault({ mode, count: 1, method: 'GET', path: '/accounts', ...extra });
		expect(await trigger.pollEvents()).toEqual([`created:${first.id}`]);

		if (mode !== 'htmlError' && mode !== 'truncatedJson') return; // persistent: two modes suffice (3.5 s each)
		await fm.clock({ advanceSeconds: 5 });
		const second = await fm.uiCreate('accounts', { name: 'Polled Later Ltd', branchId: 1, salesRepId1: 1 });
		await fm.fault({ mode, count: 4, method: 'GET', path: '/accounts', ...extra });
		await expect(trigger.poll()).rejects.toThrow(new RegExp(`^ForceManager answered GET /accounts with HTTP ${status} and ${said}`));
		expect(await trigger.pollEvents()).toEqual([`created:${second.id}`]);
	});
});
