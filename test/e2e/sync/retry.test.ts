// No record lost after a hard failure (architecture §4: the next run converges), in a real n8n
// 2.40.7 with the shipped templates. Two recovery paths:
// - FM → Sage: n8n has already saved the ForceManager Trigger's advanced cursor when the run fails,
//   so the trigger's "Re-Send Records Not Yet in Sage" (on in the templates) sends the record again
//   at the next poll; the Sage node finds-or-creates it once (externalRef, source-identity key).
// - Sage → FM: no re-send; the failed execution is retried through n8n's REST API, as the editor's
//   "Retry" button does (POST /rest/executions/:id/retry, n8n 2.40.7 executions.controller).
// The tests form one story (cursors carry over), so they run in file order.
import axios from 'axios';
import type { IDataObject } from 'n8n-workflow';

import { BRIDGE_KEY, startSyncBench, type SyncBench } from '../../support/sync';

jest.setTimeout(600_000);

const S2F = 'sfmSageToFmAccounts';
const F2S = 'sfmFmToSageAccounts';
const F2S_CONTACTS = 'sfmFmToSageContacts';
const SAGE_UPSERT = 'Upsert Customers in Sage 50';
const SAGE_ADDRESS_UPSERT = 'Upsert Contact Addresses in Sage 50';
const FM_UPSERT = 'Upsert Accounts in ForceManager';
const TRIGGER = 'ForceManager Trigger';

const live = (rows: IDataObject[]) => rows.filter((r) => !r.deleted && !r.RECORD_DELETED);

describe('retry after a hard failure: the next run converges', () => {
	let bench: SyncBench;

	/** Bridge API read by external reference (the bridge's own mapping table, openapi.yaml). */
	async function byExternalRef(path: string, ref: string): Promise<IDataObject[]> {
		const { data } = await axios.get(`${bench.bridge.url}${path}`, {
			params: { externalRef: ref },
			headers: { 'X-API-Key': BRIDGE_KEY },
		});
		return (data as { items: IDataObject[] }).items;
	}

	/** The error workflow ran once more than `before` (it is published in beforeAll). */
	async function errorHandlerRan(before: number) {
		const runs = await bench.instance.waitForExecutions('sfmErrorHandler', before + 1, { timeoutMs: 30_000 });
		expect(runs.length).toBeGreaterThan(before);
	}

	beforeAll(async () => {
		bench = await startSyncBench({
			name: 'sync-retry',
			templates: ['sage-to-fm-accounts', 'fm-to-sage-accounts', 'fm-to-sage-contacts', 'error-handler'],
			forceManagerSeed: 'demo',
		});
		await bench.session.activate('sfmErrorHandler');
		// Initial load both ways, so FM has the Sage customers (with extIds) and Sage the FM prospects.
		for (const id of [S2F, F2S, F2S_CONTACTS]) expect((await bench.cycle(id)).error()).toBeUndefined();
	});

	afterAll(async () => {
		await bench?.dispose();
	});

	test('A4: an account whose Sage create failed hard (exclusive mode) is created once by the next cycle, with its key written back', async () => {
		const handlerRuns = bench.instance.executions('sfmErrorHandler').length;
		await bench.sage.fault({ mode: 'EXCLUSIVE_MODE', count: 50, method: 'POST', route: '/customers' });
		const { id } = await bench.fm.uiCreate('accounts', { name: 'Locked Out Ltd', branchId: 1, salesRepId1: 3 });
		try {
			const failed = await bench.cycle(F2S);
			expect(failed.execution?.status).toBe('error');
			expect(failed.error()?.node).toBe(SAGE_UPSERT);
		} finally {
			await bench.sage.clearFaults();
		}
		await errorHandlerRan(handlerRuns);
		expect(live(await bench.sage.table('SALES_LEDGER')).filter((c) => c.NAME === 'Locked Out Ltd')).toHaveLength(0);

		const retry = await bench.cycle(F2S);
		expect(retry.error()).toBeUndefined();
		expect(retry.items(TRIGGER)).toEqual([
			expect.objectContaining({ id, event: 'created', retry: true, resent: { attempt: 1, reason: 'not in Sage yet' } }),
		]);
		expect(retry.items(SAGE_UPSERT).map((r) => r.status)).toEqual(['created']);
		const rows = live(await bench.sage.table('SALES_LEDGER')).filter((c) => c.NAME === 'Locked Out Ltd');
		expect(rows).toHaveLength(1);
		const ref = String(rows[0].ACCOUNT_REF);
		expect((await byExternalRef('/customers', `forceManager:account:${id}`)).map((c) => c.ACCOUNT_REF)).toEqual([ref]);
		expect(await bench.fm.record('accounts', id)).toMatchObject({ extId: ref, readOnly: true });

		await bench.resetCounters();
		const quiet = await bench.cycle(F2S);
		expect(quiet.error()).toBeUndefined();
		expect(await bench.writes()).toEqual({ forceManager: 0, sage: 0 });
	});

	test('C1: a contact whose Sage address create failed hard is created once by the next cycle, with its key written back', async () => {
		const handlerRuns = bench.instance.executions('sfmErrorHandler').length;
		const [account] = live(await bench.fm.records('accounts')).filter((a) => a.extId === 'A1D001');
		const before = live(await bench.sage.table('SALES_DEL_ADDR')).filter((a) => a.ACCOUNT_REF === 'A1D001');
		await bench.sage.fault({ mode: 'EXCLUSIVE_MODE', count: 50, method: 'POST', route: '/customers/{accountRef}/addresses' });
		const { id } = await bench.fm.uiCreate('contacts', {
			firstName: 'Rhea',
			lastName: 'Locked',
			accountId: account.id as number,
			salesRepId: 3,
			branchId: 1,
		});
		try {
			const failed = await bench.cycle(F2S_CONTACTS);
			expect(failed.execution?.status).toBe('error');
			expect(failed.error()?.node).toBe(SAGE_ADDRESS_UPSERT);
		} finally {
			await bench.sage.clearFaults();
		}
		await errorHandlerRan(handlerRuns);

		const retry = await bench.cycle(F2S_CONTACTS);
		expect(retry.error()).toBeUndefined();
		expect(retry.items(TRIGGER)).toEqual([expect.objectContaining({ id, retry: true, resent: expect.objectContaining({ attempt: 1 }) })]);
		expect(retry.items(SAGE_ADDRESS_UPSERT).map((r) => r.status)).toEqual(['created']);
		const added = live(await bench.sage.table('SALES_DEL_ADDR')).filter(
			(a) => a.ACCOUNT_REF === 'A1D001' && !before.some((b) => b.ADDRESS_REF === a.ADDRESS_REF),
		);
		expect(added).toHaveLength(1);
		expect(added[0]).toMatchObject({ CONTACT_NAME: 'Rhea Locked', ADDRESS_TYPE: 1 });
		expect(await bench.fm.record('contacts', id)).toMatchObject({ extId: expect.stringMatching(/^A1D001\//) });

		await bench.resetCounters();
		expect((await bench.cycle(F2S_CONTACTS)).error()).toBeUndefined();
		expect(await bench.writes()).toEqual({ forceManager: 0, sage: 0 });
	});

	test('A1 (Sage → FM): a run failed hard by ForceManager 500s is retried through n8n\'s REST API and lands the account once', async () => {
		const handlerRuns = bench.instance.executions('sfmErrorHandler').length;
		await bench.sage.createCustomer({ ACCOUNT_REF: 'RTY001', NAME: 'Retry Roofing Ltd', COUNTRY_CODE: 'GB' });
		// 500s on the upsert's extId lookup beyond the transport's retries fail the node hard. (A 500
		// on POST /accounts/bulk does not: the node reports each item of that call as `failed`.)
		await axios.post(`${bench.sim.origin}/__admin/faults`, { mode: 'error500', count: 50, method: 'GET', path: '/accounts' });
		let failedId: string;
		try {
			const failed = await bench.cycle(S2F);
			expect(failed.execution?.status).toBe('error');
			expect(failed.error()?.node).toBe(FM_UPSERT);
			failedId = failed.execution!.id;
		} finally {
			await axios.delete(`${bench.sim.origin}/__admin/faults`);
		}
		await errorHandlerRan(handlerRuns);
		expect(live(await bench.fm.records('accounts')).filter((a) => a.extId === 'RTY001')).toHaveLength(0);

		// The editor's "Retry" (with the original workflow): resumes at the failed node with its input.
		const retried = await bench.session.request<IDataObject>('POST', `/executions/${failedId}/retry`, { loadWorkflow: false });
		expect(retried).toMatchObject({ retryOf: failedId, status: 'success' });
		const accounts = live(await bench.fm.records('accounts')).filter((a) => a.extId === 'RTY001');
		expect(accounts).toHaveLength(1);
		expect(accounts[0]).toMatchObject({ name: 'Retry Roofing Ltd', readOnly: true });

		await bench.resetCounters();
		expect((await bench.cycle(S2F)).error()).toBeUndefined();
		expect(await bench.writes()).toEqual({ forceManager: 0, sage: 0 });
	});
});
