// Bounded polls and keys that are never created twice (issue point 6), in a real n8n 2.40.7 with the
// shipped Sage → FM accounts template: a large first load goes out in polls of at most 500 changes
// (Max Changes per Poll), every record exactly once; an extId that ForceManager holds twice anyway is
// repaired when the copies hold the same data, and fails with the action that resolves it when a
// person's data differs — never a key that fails forever unexplained; two runs of the template that
// overlap never carry the same record, so they neither write out of order nor create a key twice.
// One story, in file order.
import type { IDataObject } from 'n8n-workflow';

import { countRoute, startSyncBench, type SyncBench } from '../../support/sync';

jest.setTimeout(900_000);

const S2F = 'sfmSageToFmAccounts';
const TRIGGER = 'Sage 50 UKI Trigger';
const FM_UPSERT = 'Upsert Accounts in ForceManager';
const LOAD = 1150;

const live = (rows: IDataObject[]) => rows.filter((r) => !r.deleted && !r.RECORD_DELETED);

describe('bounded polls, no duplicate keys', () => {
	let bench: SyncBench;

	beforeAll(async () => {
		bench = await startSyncBench({ name: 'sync-bounded', templates: ['sage-to-fm-accounts', 'error-handler'], forceManagerSeed: 'demo' });
		const customers = Array.from({ length: LOAD }, (_, i) => ({ ACCOUNT_REF: `LD${String(i).padStart(4, '0')}`, NAME: `Load Test ${i} Ltd` }));
		await bench.sage.seed({ customers });
	});

	afterAll(async () => {
		await bench?.dispose();
	});

	test('a first load of 1,158 customers goes out in polls of at most 500, each record once, none twice', async () => {
		const total = live(await bench.sage.table('SALES_LEDGER')).length;
		const perPoll: number[] = [];
		for (;;) {
			const cycle = await bench.cycle(S2F);
			if (!cycle.execution) break;
			expect(cycle.error()).toBeUndefined();
			perPoll.push(cycle.items(TRIGGER).length);
			expect(cycle.items(FM_UPSERT).every((r) => r.status === 'created')).toBe(true);
		}
		expect(perPoll).toEqual([500, 500, total - 1000]);
		const refs = new Set(live(await bench.sage.table('SALES_LEDGER')).map((c) => String(c.ACCOUNT_REF)));
		const accounts = live(await bench.fm.records('accounts')).filter((a) => refs.has(String(a.extId)));
		const byExtId = new Map<string, number>();
		for (const a of accounts) byExtId.set(String(a.extId), (byExtId.get(String(a.extId)) ?? 0) + 1);
		expect([...byExtId.values()].filter((n) => n > 1)).toEqual([]);
		expect(byExtId.size).toBe(total);
	});

	test('an extId ForceManager holds twice with the same data (an older version\'s overlap) is repaired: the copy is soft-deleted, the update lands once', async () => {
		const [original] = live(await bench.fm.records('accounts')).filter((a) => a.extId === 'LD0007');
		// Same synced values as the original: what an overlapping run of an older version created.
		const synced = ['name', 'readOnly', 'address1', 'address2', 'city', 'region', 'postcode', 'phone', 'phone2', 'fax', 'email', 'website', 'vatNumber'];
		const copy: IDataObject = Object.fromEntries(synced.map((f) => [f, original[f] ?? null]));
		const idOf = (v: unknown) => (typeof v === 'object' && v !== null ? (v as { id: unknown }).id : v);
		const [copyId] = (await bench.fm.seed({ accounts: [{ ...copy, extId: 'LD0007', countryId: idOf(original.countryId) ?? null, branchId: 1, salesRepId1: 1 }] })).ids.accounts;
		expect(live(await bench.fm.records('accounts')).filter((a) => a.extId === 'LD0007')).toHaveLength(2);
		await bench.sage.editCustomer('LD0007', { TELEPHONE: '01632 960 007' });
		const cycle = await bench.cycle(S2F);
		expect(cycle.error()).toBeUndefined();
		expect(cycle.items(FM_UPSERT)).toEqual([expect.objectContaining({ key: 'LD0007', status: 'updated', id: original.id, removedDuplicates: [copyId] })]);
		expect(live(await bench.fm.records('accounts')).filter((a) => a.extId === 'LD0007')).toEqual([expect.objectContaining({ id: original.id, phone: '01632 960 007' })]);
		expect(await bench.fm.record('accounts', copyId)).toMatchObject({ deleted: true });
	});

	test('an extId held twice with different data (a person\'s record) fails with the ids and the action that resolves it; once resolved it lands', async () => {
		const [original] = live(await bench.fm.records('accounts')).filter((a) => a.extId === 'LD0008');
		const [personal] = (await bench.fm.seed({ accounts: [{ name: 'Somebody Else Entirely', extId: 'LD0008', branchId: 1, salesRepId1: 3 }] })).ids.accounts;
		await bench.sage.editCustomer('LD0008', { TELEPHONE: '01632 960 008' });
		const failed = await bench.cycle(S2F);
		expect(failed.error()?.node).toBe('Confirm Delivery');
		const ids = [Number(original.id), personal].sort((a, b) => a - b).join(', ');
		expect(String(failed.error()?.message)).toContain(`ForceManager has 2 live accounts with extId "LD0008" (ids ${ids}) that hold different data: delete the wrong one or clear its External ID in ForceManager, then replay this record`);
		// The person clears the External ID of their record; the retry (after its back-off) lands.
		await bench.fm.uiUpdate('accounts', personal, { extId: null });
		await bench.sage.clock({ advanceSeconds: 61 });
		const retried = await bench.cycle(S2F);
		expect(retried.items(FM_UPSERT).map((r) => [r.key, r.status, r.id])).toEqual([['LD0008', 'updated', original.id]]);
		expect((await bench.fm.record('accounts', Number(original.id))).phone).toBe('01632 960 008');
	});

	test('I-overlap: a poll while the previous run still writes carries none of its records; writes stay in order, no key is created twice', async () => {
		const edited = Array.from({ length: 40 }, (_, i) => `LD${String(100 + i).padStart(4, '0')}`);
		const again = edited.slice(0, 10);
		for (const ref of edited) await bench.sage.editCustomer(ref, { TELEPHONE: `v1 ${ref}` });
		const fresh = Array.from({ length: 20 }, (_, i) => `OVA${String(i).padStart(3, '0')}`);
		for (const ref of fresh) await bench.sage.createCustomer({ ACCOUNT_REF: ref, NAME: `Overlap A ${ref} Ltd` });
		// ForceManager pushes back (429, Retry-After 1 s) on the bulk writes: the run takes many seconds.
		await bench.fm.resetCounters();
		for (const method of ['POST', 'PUT']) await bench.fm.fault({ mode: 'rateLimit', method, path: '/accounts/bulk', count: 6 });
		const first = bench.cycle(S2F);
		const throttled = async () => countRoute(await bench.fm.counters(), 'POST', '/api/v4/accounts/bulk', (st) => st === 429) > 0;
		for (let waited = 0; !(await throttled()); waited += 100) {
			if (waited > 120_000) throw new Error('the first run never reached its ForceManager writes');
			await new Promise((r) => setTimeout(r, 100));
		}
		// Meanwhile people edit records the first run carries, and create new ones.
		for (const ref of again) await bench.sage.editCustomer(ref, { TELEPHONE: `v2 ${ref}` });
		const later = Array.from({ length: 5 }, (_, i) => `OVB${String(i).padStart(3, '0')}`);
		for (const ref of later) await bench.sage.createCustomer({ ACCOUNT_REF: ref, NAME: `Overlap B ${ref} Ltd` });
		const second = await bench.cycle(S2F);
		const a = await first;
		// The two runs really overlapped: the second execution started before the first one ended.
		expect(Date.parse(String(second.execution?.startedAt))).toBeLessThan(Date.parse(String(a.execution?.stoppedAt)));
		expect(a.error()).toBeUndefined();
		expect(second.error()).toBeUndefined();
		const carriedA = a.items(TRIGGER).map((i) => String(i.key));
		const carriedB = second.items(TRIGGER).map((i) => String(i.key));
		expect([...carriedA].sort()).toEqual([...edited, ...fresh].sort());
		// The records the first run holds (even those edited again since) are not handed out twice.
		expect([...carriedB].sort()).toEqual([...later].sort());
		expect(a.items(FM_UPSERT).filter((r) => r.status !== 'created' && r.status !== 'updated')).toEqual([]);
		// Their newer versions follow once the first run confirmed its own.
		const third = await bench.cycle(S2F);
		expect(third.items(TRIGGER).map((i) => String(i.key)).sort()).toEqual([...again].sort());
		expect(third.items(FM_UPSERT).map((r) => r.status)).toEqual(again.map(() => 'updated'));
		const accounts = live(await bench.fm.records('accounts'));
		for (const ref of [...edited, ...fresh, ...later]) expect([ref, accounts.filter((x) => x.extId === ref).length]).toEqual([ref, 1]);
		const phone = (ref: string) => accounts.find((x) => x.extId === ref)?.phone;
		expect(again.map(phone)).toEqual(again.map((ref) => `v2 ${ref}`));
		expect(edited.slice(10).map(phone)).toEqual(edited.slice(10).map((ref) => `v1 ${ref}`));
	});
});
