// At-least-once delivery with confirmation (issue point 1), in a real n8n 2.40.7 with the shipped
// templates: a run that fails hard confirms nothing, and the changes it carried — creates and updates,
// both directions — come back by themselves once the Confirmation Timeout (10 min) has passed; nobody
// presses Retry. Time passes through the bridge's clock, which drives the delivery ledger. Each change
// lands exactly once. n8n's own Retry of a failed execution is safe too (it confirms what it applied).
// The tests form one story, so they run in file order.
import axios from 'axios';
import type { IDataObject } from 'n8n-workflow';

import { BRIDGE_KEY, startSyncBench, type SyncBench } from '../../support/sync';

jest.setTimeout(600_000);

const S2F = 'sfmSageToFmAccounts';
const F2S = 'sfmFmToSageAccounts';
const F2S_CONTACTS = 'sfmFmToSageContacts';
const S2F_CONTACTS = 'sfmSageToFmContacts';
const SAGE_UPSERT = 'Upsert Customers in Sage 50';
const SAGE_ADDRESS_UPSERT = 'Upsert Contact Addresses in Sage 50';
const FM_UPSERT = 'Upsert Accounts in ForceManager';
const FM_CONTACTS_UPSERT = 'Upsert Contacts in ForceManager';
const TRIGGER = 'ForceManager Trigger';
/** The templates' Confirmation Timeout (10 minutes), plus a second. */
const LEASE_RUNS_OUT = 601;

const live = (rows: IDataObject[]) => rows.filter((r) => !r.deleted && !r.RECORD_DELETED);

describe('I-delivery: a failed run loses nothing, with no person stepping in', () => {
	let bench: SyncBench;

	/** Bridge API read by external reference (the bridge's own mapping table, openapi.yaml). */
	async function byExternalRef(path: string, ref: string): Promise<IDataObject[]> {
		const { data } = await axios.get(`${bench.bridge.url}${path}`, { params: { externalRef: ref }, headers: { 'X-API-Key': BRIDGE_KEY } });
		return (data as { items: IDataObject[] }).items;
	}

	/** The error workflow ran once more than `before` (it is published in beforeAll). */
	async function errorHandlerRan(before: number) {
		const runs = await bench.instance.waitForExecutions('sfmErrorHandler', before + 1, { timeoutMs: 30_000 });
		expect(runs.length).toBeGreaterThan(before);
	}

	/** A cycle that fails hard on `node` while the fault is on; the error handler is told. */
	async function failingCycle(workflow: string, node: string, fault: () => Promise<void>, clear: () => Promise<void>) {
		const handlerRuns = bench.instance.executions('sfmErrorHandler').length;
		await fault();
		try {
			const failed = await bench.cycle(workflow);
			expect([failed.execution?.status, failed.error()?.node]).toEqual(['error', node]);
			return failed;
		} finally {
			await clear();
			await errorHandlerRan(handlerRuns);
		}
	}

	const sageFault = (route: string, method = 'POST') => () => bench.sage.fault({ mode: 'EXCLUSIVE_MODE', count: 50, method, route });
	const fmFault = (method: string, path: string) => async () => void (await axios.post(`${bench.sim.origin}/__admin/faults`, { mode: 'error500', count: 50, method, path }));
	const clearSage = () => bench.sage.clearFaults();
	const clearFm = async () => void (await axios.delete(`${bench.sim.origin}/__admin/faults`));

	beforeAll(async () => {
		bench = await startSyncBench({
			name: 'sync-retry',
			templates: ['sage-to-fm-accounts', 'fm-to-sage-accounts', 'fm-to-sage-contacts', 'sage-to-fm-contacts', 'error-handler'],
			forceManagerSeed: 'demo',
		});
		await bench.session.activate('sfmErrorHandler');
		// The demo tenant's contacts belong to another Sage company (keys such as "BRI001-1"): out of the story.
		for (const c of live(await bench.fm.records('contacts'))) await bench.fm.uiDelete('contacts', Number(c.id));
		// Initial load both ways, so FM has the Sage customers (with extIds) and Sage the FM prospects.
		for (const id of [S2F, F2S, S2F_CONTACTS, F2S_CONTACTS]) expect([id, (await bench.cycle(id)).error()]).toEqual([id, undefined]);
	});

	afterAll(async () => {
		await bench?.dispose();
	});

	test('A4: an account whose Sage create failed hard (exclusive mode) comes back by itself after the timeout and is created once, its key written back', async () => {
		const { id } = await bench.fm.uiCreate('accounts', { name: 'Locked Out Ltd', branchId: 1, salesRepId1: 3 });
		await failingCycle(F2S, SAGE_UPSERT, sageFault('/customers'), clearSage);
		expect(live(await bench.sage.table('SALES_LEDGER')).filter((c) => c.NAME === 'Locked Out Ltd')).toHaveLength(0);
		// Not handed out again while its lease runs (a second run never carries the same record) …
		expect((await bench.cycle(F2S)).execution).toBeUndefined();
		// … and offered again, with its attempt counted, once the run that took it never confirmed it.
		await bench.sage.clock({ advanceSeconds: LEASE_RUNS_OUT });
		const retry = await bench.cycle(F2S);
		expect(retry.error()).toBeUndefined();
		expect(retry.items(TRIGGER)).toEqual([expect.objectContaining({ id, event: 'created', retry: true, attempts: 1, lastFailure: expect.stringMatching(/not confirmed/) })]);
		expect(retry.items(SAGE_UPSERT).map((r) => r.status)).toEqual(['created']);
		const rows = live(await bench.sage.table('SALES_LEDGER')).filter((c) => c.NAME === 'Locked Out Ltd');
		expect(rows).toHaveLength(1);
		const ref = String(rows[0].ACCOUNT_REF);
		expect((await byExternalRef('/customers', `forceManager:account:${id}`)).map((c) => c.ACCOUNT_REF)).toEqual([ref]);
		expect(await bench.fm.record('accounts', id)).toMatchObject({ extId: ref, readOnly: true });

		await bench.resetCounters();
		expect((await bench.cycle(F2S)).error()).toBeUndefined();
		expect(await bench.writes()).toEqual({ forceManager: 0, sage: 0 });
	});

	test('C1: an UPDATE of a contact already in Sage, in a run that failed hard, lands after the timeout (updates are never lost)', async () => {
		const [account] = live(await bench.fm.records('accounts')).filter((a) => a.extId === 'A1D001');
		const { id } = await bench.fm.uiCreate('contacts', { firstName: 'Rhea', lastName: 'Linked', accountId: account.id as number, salesRepId: 3, branchId: 1 });
		expect((await bench.cycle(F2S_CONTACTS)).items(SAGE_ADDRESS_UPSERT).map((r) => r.status)).toEqual(['created']);
		const key = String((await bench.fm.record('contacts', id)).extId);
		expect(key).toMatch(/^A1D001\//);

		await bench.fm.uiUpdate('contacts', id, { phone1: '01632 960 001' });
		await failingCycle(F2S_CONTACTS, SAGE_ADDRESS_UPSERT, sageFault('/customers/{accountRef}/addresses/{addressRef}', 'PATCH'), clearSage);
		await bench.sage.clock({ advanceSeconds: LEASE_RUNS_OUT });
		const retry = await bench.cycle(F2S_CONTACTS);
		expect(retry.error()).toBeUndefined();
		expect(retry.items(SAGE_ADDRESS_UPSERT).map((r) => [r.status, r.key, r.changedFields])).toEqual([['updated', key, ['TELEPHONE']]]);
		const row = live(await bench.sage.table('SALES_DEL_ADDR')).find((a) => `${String(a.ACCOUNT_REF)}/${String(a.ADDRESS_REF)}` === key)!;
		expect(row.TELEPHONE).toBe('01632 960 001');
		await bench.resetCounters();
		expect((await bench.cycle(F2S_CONTACTS)).execution).toBeUndefined();
		expect(await bench.writes()).toEqual({ forceManager: 0, sage: 0 });
	});

	test('A1 (Sage → FM): a new customer and an update of a synced one, in a run failed by ForceManager 500s, land by themselves after the timeout', async () => {
		await bench.sage.createCustomer({ ACCOUNT_REF: 'RTY001', NAME: 'Retry Roofing Ltd', COUNTRY_CODE: 'GB' });
		await bench.sage.editCustomer('KIN001', { TELEPHONE: '01632 960 777' });
		// 500s on the upsert's extId lookup beyond the transport's retries fail the node hard.
		await failingCycle(S2F, FM_UPSERT, fmFault('GET', '/accounts'), clearFm);
		expect(live(await bench.fm.records('accounts')).filter((a) => a.extId === 'RTY001')).toHaveLength(0);
		await bench.sage.clock({ advanceSeconds: LEASE_RUNS_OUT });
		const retry = await bench.cycle(S2F);
		expect(retry.error()).toBeUndefined();
		// (Customers the sync created from ForceManager prospects come back once too, and change nothing.)
		const statuses = Object.fromEntries(retry.items(FM_UPSERT).map((r) => [String(r.key), r.status]));
		expect([statuses.KIN001, statuses.RTY001]).toEqual(['updated', 'created']);
		expect(Object.entries(statuses).filter(([k, st]) => !['KIN001', 'RTY001'].includes(k) && st !== 'unchanged')).toEqual([]);
		const accounts = live(await bench.fm.records('accounts'));
		expect(accounts.filter((a) => a.extId === 'RTY001')).toEqual([expect.objectContaining({ name: 'Retry Roofing Ltd', readOnly: true })]);
		expect(accounts.find((a) => a.extId === 'KIN001')?.phone).toBe('01632 960 777');

		await bench.resetCounters();
		expect((await bench.cycle(S2F)).execution).toBeUndefined();
		expect(await bench.writes()).toEqual({ forceManager: 0, sage: 0 });
	});

	test('a bulk write that may not have happened (500 on POST /contacts/bulk) fails the run; the contact lands once after the timeout', async () => {
		const created = await bench.sage.addAddress('STE001', { ADDRESS_TYPE: 1, CONTACT_NAME: 'Bulk Failure', E_MAIL: 'bulk@ste.example' });
		const key = `STE001/${String(created.ADDRESS_REF)}`;
		await failingCycle(S2F_CONTACTS, FM_CONTACTS_UPSERT, fmFault('POST', '/contacts/bulk'), clearFm);
		await bench.sage.clock({ advanceSeconds: LEASE_RUNS_OUT });
		const landed = (await bench.cycle(S2F_CONTACTS)).items(FM_CONTACTS_UPSERT);
		expect(landed.filter((r) => r.key === key).map((r) => r.status)).toEqual(['created']);
		expect(landed.filter((r) => r.key !== key && r.status !== 'unchanged')).toEqual([]);
		expect(live(await bench.fm.records('contacts')).filter((c) => c.extId === key)).toHaveLength(1);
	});

	test("n8n's own Retry of a failed execution is safe too: it confirms what it applied, and the change is not offered again", async () => {
		await bench.sage.createCustomer({ ACCOUNT_REF: 'RTY002', NAME: 'Retry Again Ltd', COUNTRY_CODE: 'GB' });
		const failed = await failingCycle(S2F, FM_UPSERT, fmFault('GET', '/accounts'), clearFm);
		// The editor's "Retry" (with the original workflow): resumes at the failed node with its input.
		const retried = await bench.session.request<IDataObject>('POST', `/executions/${failed.execution!.id}/retry`, { loadWorkflow: false });
		expect(retried).toMatchObject({ retryOf: failed.execution!.id, status: 'success' });
		expect(live(await bench.fm.records('accounts')).filter((a) => a.extId === 'RTY002')).toHaveLength(1);
		await bench.sage.clock({ advanceSeconds: LEASE_RUNS_OUT });
		await bench.resetCounters();
		expect((await bench.cycle(S2F)).execution).toBeUndefined();
		expect(await bench.writes()).toEqual({ forceManager: 0, sage: 0 });
	});
});
