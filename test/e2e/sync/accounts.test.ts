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
			templates: ['sage-to-fm-accounts', 'fm-to-sage-accounts', 'fm-to-sage-contacts', 'error-handler', 'replay-dead-letters'],
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
		// The run says so where a user looks: it fails at Confirm Delivery, naming the record and the field.
		expect(cycle.execution?.status).toBe('error');
		expect(cycle.error()?.node).toBe('Confirm Delivery');
		expect(String(cycle.error()?.message)).toMatch(new RegExp(`1 of \\d+ records failed: ForceManager account ${String(bad.id)} .*NAME.* attempt 1`));
		const results = cycle.items(SAGE_UPSERT);
		const failed = results.filter((r) => r.status === 'failed');
		expect(failed).toHaveLength(1);
		expect([failed[0].field, String(failed[0].reason)]).toEqual(['NAME', expect.stringMatching(/NAME/)]);
		expect(String(failed[0].label)).toContain(String(bad.id));
		const customers = live(await bench.sage.table('SALES_LEDGER'));
		expect(customers.filter((c) => c.NAME === 'Whitby Jet Works')).toHaveLength(1);
		expect(customers.some((c) => String(c.NAME).startsWith('Very Long Trading'))).toBe(false);
		expect((await bench.fm.record('accounts', good.id)).extId).toBeTruthy();
		expect((await bench.fm.record('accounts', bad.id)).extId ?? null).toBeNull();
	});

	test('A5 I3: deleting an account and a contact in ForceManager never changes Sage (tables and counters)', async () => {
		// The FM → Sage contacts template's initial load first, so what follows starts from quiet. The
		// demo tenant's contacts carry another system's keys ("BRI001-1"): they fail alone, named.
		const initial = await bench.cycle(F2S_CONTACTS);
		if (initial.error()) expect([initial.error()?.node, String(initial.error()?.message)]).toEqual(['Confirm Delivery', expect.stringMatching(/External ID "BRI001-1" is not a Sage key \("<ACCOUNT_REF>\/<ADDRESS_REF>"\)/)]);
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
		// Records that failed before are retried only after their back-off, never in between.
		expect(results.filter((r) => r.status === 'failed')).toEqual([]);
		expect(results.length).toBeGreaterThanOrEqual(2);
		for (const r of results) expect([r.status, /A5|C2/.test(String(r.reason))]).toEqual(['skipped', true]);
		expect(await snapshot()).toEqual(before);
		expect((await bench.sage.counters()).writes).toBe(0);
	});

	test('I-delivery: a failed record is retried with back-off (1, 2, 4 … minutes), then parks as a dead letter with record, field and reason; fixed and replayed in one action, it lands', async () => {
		const bad = live(await bench.fm.records('accounts')).find((a) => String(a.name).startsWith('Very Long Trading'))!;
		const attempts: number[] = [];
		for (const wait of [61, 121, 241, 481]) {
			// Time passes (the bridge's clock drives the ledger's back-off); nothing comes back before.
			expect((await bench.cycle(F2S)).execution).toBeUndefined();
			await bench.sage.clock({ advanceSeconds: wait });
			const retry = await bench.cycle(F2S);
			const item = retry.items(SAGE_UPSERT).find((r) => String(r.label).includes(String(bad.id)));
			expect([item?.status, retry.error()?.node]).toEqual(['failed', 'Confirm Delivery']);
			attempts.push(Number((retry.items('ForceManager Trigger')[0]?.attempts as number | undefined) ?? 0));
		}
		expect(attempts).toEqual([1, 2, 3, 4]);
		expect(String((await bench.cycle(F2S)).error()?.message ?? '')).toBe('');
		// The fifth failure made it a dead letter: listed with the record, the field and the reason.
		const dead = (await bench.sage.deadLetters(F2S)) as IDataObject[];
		expect(dead).toEqual([expect.objectContaining({ key: String(bad.id), field: 'NAME', attempts: 5, label: expect.stringContaining(String(bad.id)) })]);
		expect(String(dead[0].reason)).toMatch(/NAME/);
		await bench.sage.clock({ advanceSeconds: 7200 });
		expect((await bench.cycle(F2S)).execution).toBeUndefined();
		// A person shortens the name; replay is one action (the shipped replay workflow, run by hand).
		await bench.fm.uiUpdate('accounts', Number(bad.id), { name: 'Very Long Trading Ltd' });
		const replay = await bench.run('sfmReplayDeadLetters');
		expect(replay.items('Replay Dead Letters')[0]).toMatchObject({ replayed: 1 });
		const landed = await bench.cycle(F2S);
		expect(landed.error()).toBeUndefined();
		expect(landed.items(SAGE_UPSERT).map((r) => r.status)).toEqual(['created']);
		expect(live(await bench.sage.table('SALES_LEDGER')).filter((c) => c.NAME === 'Very Long Trading Ltd')).toHaveLength(1);
		expect(await bench.sage.deadLetters(F2S)).toEqual([]);
	});
});
