// Contacts end to end (two-way): the shipped templates sage-to-fm-contacts and fm-to-sage-contacts
// (plus the account templates they depend on) imported unchanged into a real n8n 2.40.7, run cycle
// by cycle against the bridge (demo company) and the ForceManager simulator. Every test asserts
// both systems. One story: the tests run in file order and share n8n's cursors and hold lists.
import type { IDataObject } from 'n8n-workflow';

import { startSyncBench, type SyncBench } from '../../support/sync';

jest.setTimeout(600_000);

const ACCOUNTS_S2F = 'sfmSageToFmAccounts';
const ACCOUNTS_F2S = 'sfmFmToSageAccounts';
const S2F = 'sfmSageToFmContacts';
const F2S = 'sfmFmToSageContacts';
const FM_UPSERT = 'Upsert Contacts in ForceManager';
const SAGE_UPSERT = 'Upsert Contact Addresses in Sage 50';
const ADMIN = 1;

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
const live = (rows: IDataObject[]) => rows.filter((r) => !r.deleted && !r.RECORD_DELETED);
const idOf = (v: unknown) => (typeof v === 'object' && v !== null ? (v as { id: unknown }).id : v);
const keyOf = (a: IDataObject) => `${String(a.ACCOUNT_REF)}/${String(a.ADDRESS_REF)}`;

describe('contacts: Sage 50 ⇄ ForceManager templates in a real n8n', () => {
	let bench: SyncBench;
	const fmAccountId = async (ref: string) =>
		Number(live(await bench.fm.records('accounts')).find((a) => a.extId === ref)?.id);
	const fmContact = async (extId: string) => (await bench.fm.records('contacts')).find((c) => c.extId === extId);
	const sageAddress = async (key: string) => (await bench.sage.table('SALES_DEL_ADDR')).find((a) => keyOf(a) === key);

	beforeAll(async () => {
		bench = await startSyncBench({
			name: 'sync-contacts',
			templates: ['sage-to-fm-accounts', 'fm-to-sage-accounts', 'sage-to-fm-contacts', 'fm-to-sage-contacts', 'error-handler'],
			forceManagerSeed: 'demo',
		});
		// A small known state: the demo tenant's own contacts belong to accounts Sage never had.
		for (const c of live(await bench.fm.records('contacts'))) await bench.fm.uiDelete('contacts', Number(c.id));
		const accounts = await bench.cycle(ACCOUNTS_S2F);
		expect(accounts.error()).toBeUndefined();
	});

	afterAll(async () => {
		await bench?.dispose();
	});

	test('C1 C3 U2 (Sage → FM): contact-type addresses become FM contacts under their account; delivery and registered addresses are skipped', async () => {
		const addresses = live(await bench.sage.table('SALES_DEL_ADDR'));
		const contactType = addresses.filter((a) => Number(a.ADDRESS_TYPE) === 1);
		const cycle = await bench.cycle(S2F);
		expect(cycle.error()).toBeUndefined();
		const results = cycle.items(FM_UPSERT);
		expect(results.filter((r) => r.status === 'created').map((r) => r.key).sort()).toEqual(contactType.map(keyOf).sort());
		const skipped = results.filter((r) => r.status === 'skipped');
		expect(skipped).toHaveLength(addresses.length - contactType.length);
		expect(skipped.every((r) => /C3/.test(String(r.reason)))).toBe(true);

		const contacts = live(await bench.fm.records('contacts'));
		expect(contacts.map((c) => c.extId).sort()).toEqual(contactType.map(keyOf).sort());
		for (const a of contactType) {
			const c = contacts.find((x) => x.extId === keyOf(a))!;
			const name = String(a.CONTACT_NAME).split(' ');
			expect([keyOf(a), c.lastName, c.email]).toEqual([keyOf(a), name[name.length - 1], a.E_MAIL]);
			expect(idOf(c.accountId)).toBe(await fmAccountId(String(a.ACCOUNT_REF)));
			expect(idOf(c.salesRepId)).toBe(ADMIN);
		}
		// FM → Sage initial load: the contacts the sync just wrote are its own changes, the demo
		// ones are deletions (C2): nothing reaches Sage.
		await bench.resetCounters();
		const back = await bench.cycle(F2S);
		expect(back.items(SAGE_UPSERT).filter((r) => !['skipped', 'unchanged'].includes(String(r.status)))).toEqual([]);
		expect((await bench.sage.counters()).writes).toBe(0);
		expect(live(await bench.sage.table('SALES_DEL_ADDR'))).toHaveLength(addresses.length);
	});

	test('C1 C3 (FM → Sage): a contact created in ForceManager becomes a contact-type address under its account, and gets its Sage key', async () => {
		const before = await bench.sage.table('SALES_DEL_ADDR');
		const { id } = await bench.fm.uiCreate('contacts', {
			firstName: 'Nina',
			lastName: 'Patel',
			email: 'nina@a1design.example',
			phone1: '01253 876 299',
			accountId: await fmAccountId('A1D001'),
			salesRepId: 3,
			branchId: 1,
		});
		const cycle = await bench.cycle(F2S);
		expect(cycle.error()).toBeUndefined();
		expect(cycle.items(SAGE_UPSERT).map((r) => r.status)).toEqual(['created']);
		const added = (await bench.sage.table('SALES_DEL_ADDR')).filter((a) => !before.some((b) => keyOf(b) === keyOf(a)));
		expect(added).toHaveLength(1);
		expect(added[0]).toMatchObject({
			ACCOUNT_REF: 'A1D001',
			ADDRESS_TYPE: 1,
			CONTACT_NAME: 'Nina Patel',
			E_MAIL: 'nina@a1design.example',
			TELEPHONE: '01253 876 299',
		});
		expect(await bench.fm.record('contacts', id)).toMatchObject({ extId: keyOf(added[0]) });
	});

	test('I1 contacts: with no change, a cycle of each template makes zero writes on both sides', async () => {
		await bench.resetCounters();
		for (const wf of [S2F, F2S, S2F, F2S]) {
			const cycle = await bench.cycle(wf);
			const last = wf === S2F ? FM_UPSERT : SAGE_UPSERT;
			expect(cycle.items(last).filter((r) => !['skipped', 'unchanged'].includes(String(r.status)))).toEqual([]);
		}
		expect(await bench.writes()).toEqual({ forceManager: 0, sage: 0 });
	});

	test('I2 C1: one edit in Sage and one in ForceManager, templates alternated 10× → converged on both sides, the last cycles write nothing', async () => {
		await bench.sage.editAddress('ABS001', 2, { TELEPHONE: '01656 000 111' });
		await sleep(1100); // distinct seconds: the conflict policy compares at one-second resolution
		const bro = (await fmContact('BRO001/1'))!;
		await bench.fm.uiUpdate('contacts', Number(bro.id), { email: 'sinead.obrien@bronsons.example' });
		await sleep(1100);

		const writes: Array<{ forceManager: number; sage: number }> = [];
		for (let i = 0; i < 10; i++) {
			await bench.resetCounters();
			const cycle = await bench.cycle(i % 2 === 0 ? S2F : F2S);
			expect(cycle.error()).toBeUndefined();
			writes.push(await bench.writes());
		}
		expect(writes.slice(-4)).toEqual(Array(4).fill({ forceManager: 0, sage: 0 }));
		expect(writes.some((w) => w.forceManager > 0)).toBe(true);
		expect(writes.some((w) => w.sage > 0)).toBe(true);

		expect(await fmContact('ABS001/2')).toMatchObject({ phone1: '01656 000 111' });
		expect(await sageAddress('BRO001/1')).toMatchObject({ E_MAIL: 'sinead.obrien@bronsons.example' });
		// Every synced pair agrees field by field.
		for (const c of live(await bench.fm.records('contacts'))) {
			const a = (await sageAddress(String(c.extId)))!;
			expect([c.extId, c.email ?? '', c.phone1 ?? '']).toEqual([c.extId, a.E_MAIL, a.TELEPHONE]);
		}
	});

	test('C2: a contact deleted in Sage is soft-deleted in ForceManager; one deleted in ForceManager stays in Sage', async () => {
		const kin = (await fmContact('KIN001/3'))!;
		await bench.sage.deleteAddress('KIN001', 3);
		const cycle = await bench.cycle(S2F);
		expect(cycle.items(FM_UPSERT).map((r) => [r.status, r.key])).toEqual([['deleted', 'KIN001/3']]);
		expect(await bench.fm.record('contacts', Number(kin.id))).toMatchObject({ deleted: true, extId: 'KIN001/3' });

		const lucy = (await fmContact('A1D001/4'))!;
		const before = await bench.sage.table('SALES_DEL_ADDR');
		await bench.fm.uiDelete('contacts', Number(lucy.id));
		await bench.resetCounters();
		const back = await bench.cycle(F2S);
		expect(back.items(SAGE_UPSERT).map((r) => r.status)).toEqual(['skipped']);
		expect(await bench.sage.table('SALES_DEL_ADDR')).toEqual(before);
		expect((await bench.sage.counters()).writes).toBe(0);
	});

	test('I4 C1: an FM contact whose account is not in Sage yet waits (visible reason) and lands after the account template ran', async () => {
		const account = await bench.fm.uiCreate('accounts', { name: 'Fresh Prospect Ltd', branchId: 1, salesRepId1: 3 });
		const contact = await bench.fm.uiCreate('contacts', {
			firstName: 'Owen',
			lastName: 'Price',
			email: 'owen@freshprospect.example',
			accountId: account.id,
			salesRepId: 3,
			branchId: 1,
		});
		const before = await bench.sage.table('SALES_DEL_ADDR');
		const waiting = await bench.cycle(F2S);
		const result = waiting.items(SAGE_UPSERT);
		expect(result.map((r) => r.status)).toEqual(['waiting']);
		expect(String(result[0].reason)).toMatch(/Fresh Prospect|account/i);
		expect(await bench.sage.table('SALES_DEL_ADDR')).toEqual(before);

		const accounts = await bench.cycle(ACCOUNTS_F2S);
		expect(accounts.error()).toBeUndefined();
		const ref = String((await bench.fm.record('accounts', account.id)).extId);
		expect(ref).toMatch(/^[A-Z0-9]{1,8}$/);

		const landed = await bench.cycle(F2S);
		expect(landed.items(SAGE_UPSERT).map((r) => r.status)).toEqual(['created']);
		const added = (await bench.sage.table('SALES_DEL_ADDR')).filter((a) => a.ACCOUNT_REF === ref);
		expect(added).toHaveLength(1);
		expect(added[0]).toMatchObject({ ADDRESS_TYPE: 1, CONTACT_NAME: 'Owen Price', E_MAIL: 'owen@freshprospect.example' });
		expect(await bench.fm.record('contacts', contact.id)).toMatchObject({ extId: keyOf(added[0]) });
		// Delivered once: the next cycle has nothing held any more.
		await bench.resetCounters();
		expect((await bench.cycle(F2S)).items(SAGE_UPSERT).filter((r) => r.status !== 'unchanged')).toEqual([]);
		expect((await bench.sage.counters()).writes).toBe(0);
	});

	test('I4 C1 (Sage → FM): a Sage contact whose customer is not in ForceManager yet waits with its reason and lands after the account template ran', async () => {
		await bench.sage.createCustomer({ ACCOUNT_REF: 'NEW001', NAME: 'Newcastle Tiles Ltd', COUNTRY_CODE: 'GB' });
		await bench.sage.addAddress('NEW001', { ADDRESS_TYPE: 1, CONTACT_NAME: 'Zoe Hill', E_MAIL: 'zoe@newcastletiles.example' });
		const address = (await bench.sage.table('SALES_DEL_ADDR')).find((a) => a.ACCOUNT_REF === 'NEW001' && Number(a.ADDRESS_TYPE) === 1)!;
		const key = keyOf(address);

		const waiting = await bench.cycle(S2F);
		const result = waiting.items(FM_UPSERT).filter((r) => r.key === key);
		expect(result.map((r) => r.status)).toEqual(['waiting']);
		expect(String(result[0].reason)).toMatch(/NEW001/);
		expect(await fmContact(key)).toBeUndefined();

		expect((await bench.cycle(ACCOUNTS_S2F)).error()).toBeUndefined();
		const landed = await bench.cycle(S2F);
		expect(landed.items(FM_UPSERT).filter((r) => r.key === key).map((r) => r.status)).toEqual(['created']);
		const contact = (await fmContact(key))!;
		expect(contact).toMatchObject({ lastName: 'Hill', email: 'zoe@newcastletiles.example' });
		expect(idOf(contact.accountId)).toBe(await fmAccountId('NEW001'));
		// Delivered once.
		await bench.resetCounters();
		const quiet = await bench.cycle(S2F);
		expect(quiet.items(FM_UPSERT).filter((r) => r.status !== 'unchanged')).toEqual([]);
		expect((await bench.fm.counters()).writes).toBe(0);
	});
});
