// Rule edge cases (issue point 7), each named by its rule, in a real n8n 2.40.7 with the shipped
// templates unchanged, asserting both systems. People act in each system through the simulators'
// admin APIs (a Sage user in Sage, a user in the ForceManager app); the sync does the rest by itself.
// One story: the tests run in file order.
import type { IDataObject } from 'n8n-workflow';

import { startSyncBench, type SyncBench } from '../../support/sync';

jest.setTimeout(900_000);

const ACCOUNTS_S2F = 'sfmSageToFmAccounts';
const ACCOUNTS_F2S = 'sfmFmToSageAccounts';
const CONTACTS_S2F = 'sfmSageToFmContacts';
const CONTACTS_F2S = 'sfmFmToSageContacts';
const PRODUCTS = 'sfmSageToFmProducts';
const INVOICES = 'sfmSageToFmInvoices';
const ADMIN = 1;

const live = (rows: IDataObject[]) => rows.filter((r) => !r.deleted && !r.RECORD_DELETED);
const idOf = (v: unknown) => (typeof v === 'object' && v !== null ? (v as { id: unknown }).id : v);
const keyOf = (a: IDataObject) => `${String(a.ACCOUNT_REF)}/${String(a.ADDRESS_REF)}`;

describe('rule edge cases: shipped templates in a real n8n', () => {
	let bench: SyncBench;
	const fmByExtId = async (entity: string, extId: string) => live(await bench.fm.records(entity)).filter((r) => r.extId === extId);

	beforeAll(async () => {
		bench = await startSyncBench({
			name: 'sync-edges',
			templates: [
				'sage-to-fm-accounts',
				'fm-to-sage-accounts',
				'sage-to-fm-contacts',
				'fm-to-sage-contacts',
				'sage-to-fm-products',
				'sage-to-fm-invoices',
				'error-handler',
			],
			forceManagerSeed: 'demo',
		});
		// The demo tenant's own contacts belong to another Sage company: out of the story.
		for (const c of live(await bench.fm.records('contacts'))) await bench.fm.uiDelete('contacts', Number(c.id));
		for (const wf of [ACCOUNTS_S2F, ACCOUNTS_F2S, CONTACTS_S2F, CONTACTS_F2S, PRODUCTS, INVOICES]) {
			expect([wf, (await bench.cycle(wf)).error()]).toEqual([wf, undefined]);
		}
	});

	afterAll(async () => {
		await bench?.dispose();
	});

	test('C3: a Sage address changed from contact to delivery type removes (soft-deletes) its ForceManager contact', async () => {
		const contact = live(await bench.sage.table('SALES_DEL_ADDR')).find((a) => Number(a.ADDRESS_TYPE) === 1 && a.ACCOUNT_REF === 'BRO001')!;
		const key = keyOf(contact);
		const [fm] = await fmByExtId('contacts', key);
		expect(fm).toBeDefined();
		await bench.sage.editAddress('BRO001', Number(contact.ADDRESS_REF), { ADDRESS_TYPE: 0 });
		const cycle = await bench.cycle(CONTACTS_S2F);
		expect(cycle.items('Upsert Contacts in ForceManager').map((r) => [r.key, r.status])).toEqual([[key, 'deleted']]);
		expect(await bench.fm.record('contacts', Number(fm.id))).toMatchObject({ deleted: true, extId: key });
		// Sage keeps the address (now a delivery address); ForceManager's deletion does not travel back (C2).
		expect((await bench.sage.table('SALES_DEL_ADDR')).find((a) => keyOf(a) === key)).toMatchObject({ ADDRESS_TYPE: 0, RECORD_DELETED: 0 });
		await bench.resetCounters();
		await bench.cycle(CONTACTS_F2S);
		expect((await bench.sage.counters()).writes).toBe(0);
	});

	test('C1: a contact moved to another account in ForceManager fails with a clear reason (never a second address, never reverted by Sage)', async () => {
		const contact = live(await bench.sage.table('SALES_DEL_ADDR')).find((a) => Number(a.ADDRESS_TYPE) === 1 && a.ACCOUNT_REF === 'ABS001')!;
		const key = keyOf(contact);
		const [fm] = await fmByExtId('contacts', key);
		const [kin] = await fmByExtId('accounts', 'KIN001');
		await bench.fm.uiUpdate('contacts', Number(fm.id), { accountId: Number(kin.id) });
		const addressesBefore = live(await bench.sage.table('SALES_DEL_ADDR')).length;
		const moved = await bench.cycle(CONTACTS_F2S);
		expect(moved.error()?.node).toBe('Confirm Delivery');
		expect(String(moved.error()?.message)).toMatch(new RegExp(`ForceManager contact ${String(fm.id)} .*moved in ForceManager from account ABS001 to KIN001.*\\(field accountId\\)`));
		expect(live(await bench.sage.table('SALES_DEL_ADDR'))).toHaveLength(addressesBefore);
		// A Sage edit of the same contact goes to ForceManager but does not move it back.
		await bench.sage.editAddress('ABS001', Number(contact.ADDRESS_REF), { TELEPHONE: '01632 960 321' });
		const back = await bench.cycle(CONTACTS_S2F);
		expect(back.items('Upsert Contacts in ForceManager').map((r) => [r.key, r.status, r.changedFields])).toEqual([[key, 'updated', ['phone1']]]);
		const after = await bench.fm.record('contacts', Number(fm.id));
		expect([idOf(after.accountId), after.phone1]).toEqual([kin.id, '01632 960 321']);
	});

	test('O2: invoice-list proformas and quotations never reach ForceManager as sales', async () => {
		const sales = live(await bench.fm.records('sales')).length;
		const proforma = await bench.sage.createInvoice({ ACCOUNT_REF: 'KIN001', INVOICE_TYPE: 5, ITEMS: [{ STOCK_CODE: 'PAPER001', QTY_ORDER: 2 }] });
		const invoice = await bench.sage.createInvoice({ ACCOUNT_REF: 'KIN001', ITEMS: [{ STOCK_CODE: 'PAPER001', QTY_ORDER: 2 }] });
		const cycle = await bench.cycle(INVOICES);
		const results = cycle.items('Upsert Sales in ForceManager');
		expect(results.map((r) => [r.key, r.status])).toEqual(
			expect.arrayContaining([
				[`INV:${String(proforma.INVOICE_NUMBER)}`, 'skipped'],
				[`INV:${String(invoice.INVOICE_NUMBER)}`, 'created'],
			]),
		);
		expect(String(results.find((r) => r.status === 'skipped')?.reason)).toMatch(/^O2: only invoices and credit notes/);
		expect(live(await bench.fm.records('sales'))).toHaveLength(sales + 1);
		expect(await fmByExtId('sales', `INV:${String(proforma.INVOICE_NUMBER)}`)).toEqual([]);
	});

	test('A1: a record created and then updated within one poll is reported "created" (both systems)', async () => {
		await bench.sage.createCustomer({ ACCOUNT_REF: 'TWOSTP', NAME: 'Two Steps Ltd' });
		await bench.sage.editCustomer('TWOSTP', { TELEPHONE: '01632 960 555' });
		const s2f = await bench.cycle(ACCOUNTS_S2F);
		// (Earlier tests of this file leave their own changes in the feed.)
		expect(s2f.items('Sage 50 UKI Trigger').filter((i) => i.key === 'TWOSTP').map((i) => [i.key, i.event])).toEqual([['TWOSTP', 'created']]);
		const [copy] = await fmByExtId('accounts', 'TWOSTP');
		expect(copy).toEqual(expect.objectContaining({ name: 'Two Steps Ltd', phone: '01632 960 555' }));
		const { id } = await bench.fm.uiCreate('accounts', { name: 'First Draft Ltd', branchId: 1, salesRepId1: 3 });
		await bench.fm.uiUpdate('accounts', id, { name: 'Final Name Ltd' });
		const f2s = await bench.cycle(ACCOUNTS_F2S);
		// Sage's TWOSTP, created in ForceManager by the sync, is an echo there and is not emitted.
		const emitted = f2s.items('ForceManager Trigger');
		expect(emitted.filter((i) => i.id === copy.id)).toEqual([]);
		expect(emitted.filter((i) => i.id === id).map((i) => [i.id, i.event])).toEqual([[id, 'created']]);
		expect(live(await bench.sage.table('SALES_LEDGER')).filter((c) => c.NAME === 'Final Name Ltd')).toHaveLength(1);
	});

	test('A4: two ForceManager changes with the same timestamp are both delivered', async () => {
		await bench.fm.clock({ frozenAt: '2031-03-03T10:00:00Z' });
		try {
			const a = await bench.fm.uiCreate('accounts', { name: 'Same Second One Ltd', branchId: 1, salesRepId1: 3 });
			const b = await bench.fm.uiCreate('accounts', { name: 'Same Second Two Ltd', branchId: 1, salesRepId1: 3 });
			expect((await bench.fm.record('accounts', a.id)).dateCreated).toBe((await bench.fm.record('accounts', b.id)).dateCreated);
			const cycle = await bench.cycle(ACCOUNTS_F2S);
			expect(cycle.items('Upsert Customers in Sage 50').map((r) => [r.label, r.status])).toEqual([
				[`ForceManager account ${a.id} "Same Second One Ltd"`, 'created'],
				[`ForceManager account ${b.id} "Same Second Two Ltd"`, 'created'],
			]);
		} finally {
			await bench.fm.clock({ frozenAt: null });
		}
		const names = live(await bench.sage.table('SALES_LEDGER')).map((c) => c.NAME);
		expect(names.filter((n) => /^Same Second (One|Two) Ltd$/.test(String(n)))).toHaveLength(2);
	});

	test('P5: a product set inactive becomes not available, and available again when re-activated in Sage', async () => {
		await bench.sage.editProduct('PAPER001', { INACTIVE_FLAG: 1 });
		await bench.cycle(PRODUCTS);
		expect((await fmByExtId('products', 'PAPER001'))[0].notAvailable).toBe(true);
		await bench.sage.editProduct('PAPER001', { INACTIVE_FLAG: 0 });
		const cycle = await bench.cycle(PRODUCTS);
		expect(cycle.items('Upsert Products in ForceManager').map((r) => [r.key, r.status])).toEqual([['PAPER001', 'updated']]);
		expect((await fmByExtId('products', 'PAPER001'))[0].notAvailable).toBe(false);
	});

	test('A6: a customer deleted in Sage and re-created with the same reference comes back to life in ForceManager', async () => {
		await bench.sage.createCustomer({ ACCOUNT_REF: 'PHOENX', NAME: 'Phoenix Ltd' });
		await bench.cycle(ACCOUNTS_S2F);
		const [first] = await fmByExtId('accounts', 'PHOENX');
		await bench.sage.deleteCustomer('PHOENX');
		await bench.cycle(ACCOUNTS_S2F);
		expect(await fmByExtId('accounts', 'PHOENX')).toEqual([]);
		expect(await bench.fm.record('accounts', Number(first.id))).toMatchObject({ deleted: true });
		await bench.sage.createCustomer({ ACCOUNT_REF: 'PHOENX', NAME: 'Phoenix Ltd' });
		const back = await bench.cycle(ACCOUNTS_S2F);
		expect(back.items('Sage 50 UKI Trigger').map((i) => [i.key, i.event])).toEqual([['PHOENX', 'created']]);
		expect(await fmByExtId('accounts', 'PHOENX')).toEqual([expect.objectContaining({ name: 'Phoenix Ltd', readOnly: true })]);
	});

	test('U2: an account created in ForceManager with no sales rep gets the admin user as its rep once Sage owns it — no person edits Sage', async () => {
		// The API accepts an account without a rep (the swagger's "required" is not enforced for seeds/imports).
		const [id] = (await bench.fm.seed({ accounts: [{ name: 'No Rep Yet Ltd', branchId: 1, readOnly: false }] })).ids.accounts;
		expect(idOf((await bench.fm.record('accounts', id)).salesRepId1) ?? null).toBeNull();
		const created = (await bench.cycle(ACCOUNTS_F2S)).items('Upsert Customers in Sage 50');
		expect(created.filter((r) => r.label === `ForceManager account ${id} "No Rep Yet Ltd"`).map((r) => r.status)).toEqual(['created']);
		const ref = String((await bench.fm.record('accounts', id)).extId);
		// Sage's new customer reaches ForceManager's account by itself: the admin fills the empty rep.
		const owned = await bench.cycle(ACCOUNTS_S2F);
		expect(owned.items('Upsert Accounts in ForceManager').map((r) => [r.key, r.status])).toEqual([[ref, 'updated']]);
		const account = await bench.fm.record('accounts', id);
		expect([account.extId, account.readOnly, idOf(account.salesRepId1)]).toEqual([ref, true, ADMIN]);
	});
});
