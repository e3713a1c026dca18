// Accounts end to end: the shipped templates sage-to-fm-accounts and fm-to-sage-accounts, imported
// unchanged into a real n8n 2.40.7, run cycle by cycle against the bridge (demo company) and the
// ForceManager simulator (demo tenant). Every test asserts the final state of BOTH systems. The
// tests form one story (n8n keeps its cursors between them), so they run in file order.
import type { IDataObject } from 'n8n-workflow';

import { startSyncBench, type SyncBench } from '../../support/sync';

jest.setTimeout(600_000);

const S2F = 'sfmSageToFmAccounts';
const F2S = 'sfmFmToSageAccounts';
const F2S_CONTACTS = 'sfmFmToSageContacts';
const FM_UPSERT = 'Upsert Accounts in ForceManager';
const SAGE_UPSERT = 'Upsert Customers in Sage 50';
const WRITE_BACK = 'Write Sage Key Back to ForceManager';
const ADMIN = 1;

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
const live = (rows: IDataObject[]) => rows.filter((r) => !r.deleted && !r.RECORD_DELETED);
/** Lookups read back as `{id, value}`. */
const idOf = (v: unknown) => (typeof v === 'object' && v !== null ? (v as { id: unknown }).id : v);
const byStatus = (items: IDataObject[]) =>
	items.reduce<Record<string, number>>((acc, i) => ({ ...acc, [String(i.status)]: (acc[String(i.status)] ?? 0) + 1 }), {});

describe('accounts: Sage 50 ⇄ ForceManager templates in a real n8n', () => {
	let bench: SyncBench;
	let presetId: number;
	let sameNameId: number;

	beforeAll(async () => {
		bench = await startSyncBench({
			name: 'sync-accounts',
			templates: ['sage-to-fm-accounts', 'fm-to-sage-accounts', 'fm-to-sage-contacts', 'error-handler'],
			forceManagerSeed: 'demo',
		});
		// A2 fixtures: an FM account already carrying a Sage code (with its own rep: U2), and one that
		// only has the name of a Sage customer (never matched by name).
		const seeded = await bench.fm.seed({
			accounts: [
				{ name: 'ABS (old name)', extId: 'ABS001', readOnly: false, branchId: 1, salesRepId1: 4, statusId: 1, typeId: 1 },
				{ name: 'Kinnerton Cafe', readOnly: true, branchId: 1, salesRepId1: 3, statusId: 1, typeId: 1 },
			],
		});
		[presetId, sameNameId] = seeded.ids.accounts;
	});

	afterAll(async () => {
		await bench?.dispose();
	});

	test('A1 A2 A3 U2: each Sage customer becomes one read-only FM account keyed by ACCOUNT_REF; the admin rep only fills an empty rep', async () => {
		const customers = live(await bench.sage.table('SALES_LEDGER'));
		const cycle = await bench.cycle(S2F);
		expect(cycle.error()).toBeUndefined();
		const results = cycle.items(FM_UPSERT);
		expect(byStatus(results)).toEqual({ created: customers.length - 1, updated: 1 });

		const accounts = await bench.fm.records('accounts');
		for (const c of customers) {
			const matches = live(accounts).filter((a) => a.extId === c.ACCOUNT_REF);
			expect([c.ACCOUNT_REF, matches.length]).toEqual([c.ACCOUNT_REF, 1]);
			expect(matches[0]).toMatchObject({ name: c.NAME, readOnly: true });
		}
		const preset = accounts.find((a) => a.id === presetId)!;
		expect(preset).toMatchObject({ extId: 'ABS001', name: 'ABS Garages Ltd', readOnly: true });
		expect(idOf(preset.salesRepId1)).toBe(4); // U2: an existing rep is kept
		const created = live(accounts).find((a) => a.extId === 'KIN001')!;
		expect(created.id).not.toBe(sameNameId); // A2: never matched by name
		expect(idOf(created.salesRepId1)).toBe(ADMIN); // U2: admin on creation
		expect(accounts.find((a) => a.id === sameNameId)).toMatchObject({ name: 'Kinnerton Cafe' });
		expect(idOf(accounts.find((a) => a.id === sameNameId)?.salesRepId1)).toBe(3);
		expect(accounts.find((a) => a.id === sameNameId)?.extId ?? null).toBeNull();
		// Sage untouched by a one-way cycle.
		expect((await bench.sage.counters()).writes).toBe(0);
	});

	test('I1 accounts Sage → FM: a second cycle with no change makes zero writes on both sides', async () => {
		await bench.resetCounters();
		const cycle = await bench.cycle(S2F);
		expect(cycle.items(FM_UPSERT).filter((i) => i.status !== 'unchanged')).toEqual([]);
		expect(await bench.writes()).toEqual({ forceManager: 0, sage: 0 });
	});

	test('A6: a customer deleted in Sage is soft-deleted in ForceManager, never hard-deleted', async () => {
		const before = await bench.fm.records('accounts');
		const target = live(before).find((a) => a.extId === 'STE001')!;
		await bench.sage.deleteCustomer('STE001');
		const cycle = await bench.cycle(S2F);
		expect(cycle.items(FM_UPSERT).map((i) => [i.status, i.key])).toEqual([['deleted', 'STE001']]);
		const after = await bench.fm.records('accounts');
		expect(after).toHaveLength(before.length);
		expect(after.find((a) => a.id === target.id)).toMatchObject({ extId: 'STE001', deleted: true });
		expect(live(await bench.sage.table('SALES_LEDGER')).map((c) => c.ACCOUNT_REF)).not.toContain('STE001');
		// and again: nothing left to do
		await bench.resetCounters();
		expect((await bench.cycle(S2F)).items(FM_UPSERT).filter((i) => i.status !== 'unchanged')).toEqual([]);
		expect((await bench.writes()).forceManager).toBe(0);
	});

	test('A4 A3: an account created in ForceManager is created once in Sage, gets its ACCOUNT_REF back and becomes read-only; Sage-born ones are skipped', async () => {
		const before = live(await bench.sage.table('SALES_LEDGER'));
		const { id } = await bench.fm.uiCreate('accounts', {
			name: 'Harbour Lights Ltd',
			branchId: 1,
			salesRepId1: 3,
			city: 'Whitby',
			phone: '01947 600 100',
		});
		const cycle = await bench.cycle(F2S);
		expect(cycle.error()).toBeUndefined();
		const sageResults = cycle.items(SAGE_UPSERT);
		const mine = sageResults.find((r) => r.label && String(r.label).includes('Harbour Lights'))!;
		expect(mine.status).toBe('created');
		// A3: the Sage-born (read-only) accounts of the initial load are skipped, naming the rule.
		const skipped = sageResults.filter((r) => r.status === 'skipped');
		expect(skipped.length).toBeGreaterThan(0);
		expect(skipped.every((r) => /A3|A5/.test(String(r.reason)))).toBe(true);

		const after = live(await bench.sage.table('SALES_LEDGER'));
		const added = after.filter((c) => !before.some((b) => b.ACCOUNT_REF === c.ACCOUNT_REF));
		const harbour = added.filter((c) => c.NAME === 'Harbour Lights Ltd');
		expect(harbour).toHaveLength(1);
		const ref = String(harbour[0].ACCOUNT_REF);
		expect(ref).toMatch(/^[A-Z0-9]{1,8}$/);
		expect(harbour[0]).toMatchObject({ TELEPHONE: '01947 600 100' });
		expect(await bench.fm.record('accounts', id)).toMatchObject({ extId: ref, readOnly: true });
		expect(cycle.items(WRITE_BACK).find((r) => r.id === id || r.key === ref)).toBeDefined();
	});

	test('I1 accounts FM → Sage: a second cycle makes zero writes (the write-back is the sync\'s own change)', async () => {
		await bench.resetCounters();
		const cycle = await bench.cycle(F2S);
		expect(cycle.items(SAGE_UPSERT).filter((i) => !['unchanged', 'skipped'].includes(String(i.status)))).toEqual([]);
		expect(await bench.writes()).toEqual({ forceManager: 0, sage: 0 });
	});

	test('I5: a bad record (over-long name) fails alone, named with its field; the rest of the batch lands', async () => {
		const longName = `Very Long Trading Name ${'X'.repeat(60)}`;
		const bad = await bench.fm.uiCreate('accounts', { name: longName, branchId: 1, salesRepId1: 3 });
		await sleep(1100);
		const good = await bench.fm.uiCreate('accounts', { name: 'Whitby Jet Works', branchId: 1, salesRepId1: 3 });
		const cycle = await bench.cycle(F2S);
		expect(cycle.execution?.status).toBe('success');
		const results = cycle.items(SAGE_UPSERT);
		const failed = results.filter((r) => r.status === 'failed');
		expect(failed).toHaveLength(1);
		expect(String(failed[0].reason)).toMatch(/NAME/);
		expect(String(failed[0].label)).toContain(String(bad.id));
		const customers = live(await bench.sage.table('SALES_LEDGER'));
		expect(customers.filter((c) => c.NAME === 'Whitby Jet Works')).toHaveLength(1);
		expect(customers.some((c) => String(c.NAME).startsWith('Very Long Trading'))).toBe(false);
		expect((await bench.fm.record('accounts', good.id)).extId).toBeTruthy();
		expect((await bench.fm.record('accounts', bad.id)).extId ?? null).toBeNull();
	});

	test('A5 I3: deleting an account and a contact in ForceManager never changes Sage (tables and counters)', async () => {
		// The FM → Sage contacts template's initial load first, so what follows starts from quiet.
		expect((await bench.cycle(F2S_CONTACTS)).error()).toBeUndefined();
		const accounts = live(await bench.fm.records('accounts'));
		const harbour = accounts.find((a) => a.name === 'Harbour Lights Ltd')!;
		const contacts = live(await bench.fm.records('contacts'));
		const tables = ['SALES_LEDGER', 'SALES_DEL_ADDR'];
		const snapshot = async () => Promise.all(tables.map((t) => bench.sage.table(t)));
		const before = await snapshot();
		await bench.fm.uiDelete('accounts', Number(harbour.id));
		await bench.fm.uiDelete('contacts', Number(contacts[0].id));
		await bench.resetCounters();

		const accountsCycle = await bench.cycle(F2S);
		const contactsCycle = await bench.cycle(F2S_CONTACTS);
		const results = [
			...accountsCycle.items(SAGE_UPSERT),
			...contactsCycle.items('Upsert Contact Addresses in Sage 50'),
		].filter((r) => r.status !== 'unchanged');
		// The I5 account (over-long name) is re-sent while it is not in Sage and fails again, alone.
		const resent = results.filter((r) => r.status === 'failed');
		expect(resent.every((r) => /Very Long Trading/.test(String(r.label)))).toBe(true);
		const deletions = results.filter((r) => r.status !== 'failed');
		expect(deletions.length).toBeGreaterThanOrEqual(2);
		for (const r of deletions) expect([r.status, /A5|C2/.test(String(r.reason))]).toEqual(['skipped', true]);
		expect(await snapshot()).toEqual(before);
		// The only write requests Sage saw are the bad account's rejected attempts; none for the deletions.
		expect((await bench.sage.counters()).writes).toBe(resent.length);
	});
});
