// Echoes by content and field-level two-way merges (issue points 3 and 5), in a real n8n 2.40.7 with
// the shipped contact templates, unchanged. A person's edit is delivered even when the sync wrote the
// same record in between (both systems); a write through the bridge by another client is a change
// like any other; edits to different fields on the two sides are both kept; a same-field conflict is
// decided by the policy (templates: Sage Wins) and reported with both values; the sync's own writes
// never come back. One story: the tests run in file order.
import axios from 'axios';
import type { IDataObject } from 'n8n-workflow';

import { BRIDGE_KEY, startSyncBench, type SyncBench } from '../../support/sync';

jest.setTimeout(600_000);

const ACCOUNTS_S2F = 'sfmSageToFmAccounts';
const S2F = 'sfmSageToFmContacts';
const F2S = 'sfmFmToSageContacts';
const FM_UPSERT = 'Upsert Contacts in ForceManager';
const SAGE_UPSERT = 'Upsert Contact Addresses in Sage 50';

const live = (rows: IDataObject[]) => rows.filter((r) => !r.deleted && !r.RECORD_DELETED);
const keyOf = (a: IDataObject) => `${String(a.ACCOUNT_REF)}/${String(a.ADDRESS_REF)}`;

describe('echoes by content and field-level merges (contacts, both templates)', () => {
	let bench: SyncBench;
	const fmContact = async (extId: string) => live(await bench.fm.records('contacts')).find((c) => c.extId === extId)!;
	const sageAddress = async (key: string) => live(await bench.sage.table('SALES_DEL_ADDR')).find((a) => keyOf(a) === key)!;
	/** One cycle of each contact template, in both orders over a run of tests. */
	const both = async () => [await bench.cycle(S2F), await bench.cycle(F2S)];
	let key: string;
	let accountRef: string;
	let addressRef: number;

	beforeAll(async () => {
		bench = await startSyncBench({ name: 'sync-echoes', templates: ['sage-to-fm-accounts', 'sage-to-fm-contacts', 'fm-to-sage-contacts', 'error-handler'], forceManagerSeed: 'demo' });
		// The demo tenant's own contacts belong to another Sage company: out of the story.
		for (const c of live(await bench.fm.records('contacts'))) await bench.fm.uiDelete('contacts', Number(c.id));
		expect((await bench.cycle(ACCOUNTS_S2F)).error()).toBeUndefined();
		for (const cycle of await both()) expect(cycle.error()).toBeUndefined();
		const contact = live(await bench.sage.table('SALES_DEL_ADDR')).find((a) => Number(a.ADDRESS_TYPE) === 1 && a.ACCOUNT_REF === 'ABS001')!;
		[key, accountRef, addressRef] = [keyOf(contact), String(contact.ACCOUNT_REF), Number(contact.ADDRESS_REF)];
		expect((await fmContact(key)).email).toBe(contact.E_MAIL);
	});

	afterAll(async () => {
		await bench?.dispose();
	});

	test('I-echo: the sync\'s own writes never come back — after a change each way, the next cycles write nothing', async () => {
		await bench.sage.editAddress(accountRef, addressRef, { TELEPHONE: '01632 960 100' });
		await bench.cycle(S2F);
		await bench.fm.uiUpdate('contacts', Number((await fmContact(key)).id), { phone2: '07700 900 100' });
		await bench.cycle(F2S);
		await bench.resetCounters();
		const [s2f, f2s] = await both();
		expect([s2f.execution, f2s.execution]).toEqual([undefined, undefined]);
		expect(await bench.writes()).toEqual({ forceManager: 0, sage: 0 });
	});

	test('echo (Sage side): a person\'s Sage edit followed by a sync write before the next poll still reaches ForceManager', async () => {
		const fm = await fmContact(key);
		await bench.sage.editAddress(accountRef, addressRef, { E_MAIL: 'person.in.sage@abs.example' });
		await bench.fm.uiUpdate('contacts', Number(fm.id), { phone1: '0113 496 0101' });
		// FM → Sage first: the sync writes the record Sage's person just edited …
		const written = await bench.cycle(F2S);
		expect(written.items(SAGE_UPSERT).map((r) => [r.key, r.status, r.changedFields])).toEqual([[key, 'updated', ['TELEPHONE']]]);
		// … and the person's e-mail still goes to ForceManager; the phone written from ForceManager is not sent back.
		const back = await bench.cycle(S2F);
		expect(back.items(FM_UPSERT).map((r) => [r.key, r.status, r.changedFields])).toEqual([[key, 'updated', ['email']]]);
		expect(await fmContact(key)).toMatchObject({ email: 'person.in.sage@abs.example', phone1: '0113 496 0101' });
		expect(await sageAddress(key)).toMatchObject({ E_MAIL: 'person.in.sage@abs.example', TELEPHONE: '0113 496 0101' });
	});

	test('echo (ForceManager side): a person\'s ForceManager edit followed by a sync write still reaches Sage', async () => {
		const fm = await fmContact(key);
		await bench.fm.uiUpdate('contacts', Number(fm.id), { comment: 'Prefers calls after 3pm' });
		await bench.sage.editAddress(accountRef, addressRef, { TELEPHONE_2: '01632 960 222' });
		// Sage → FM first: the sync writes the contact the FM user just edited (its last author is now the sync) …
		const written = await bench.cycle(S2F);
		expect(written.items(FM_UPSERT).map((r) => [r.status, r.changedFields])).toEqual([['updated', ['phone2']]]);
		// … and the person's comment still goes to Sage.
		const back = await bench.cycle(F2S);
		expect(back.items(SAGE_UPSERT).map((r) => [r.key, r.status, r.changedFields])).toEqual([[key, 'updated', ['NOTES']]]);
		expect(await sageAddress(key)).toMatchObject({ NOTES: 'Prefers calls after 3pm', TELEPHONE_2: '01632 960 222' });
		expect(await fmContact(key)).toMatchObject({ comment: 'Prefers calls after 3pm', phone2: '01632 960 222' });
	});

	test('echo: a write through the bridge by another workflow (not the sync) reaches ForceManager like a person\'s edit', async () => {
		// Another client of the bridge (e.g. a workflow of its own with the Sage 50 UKI node) updates the contact.
		const api = axios.create({ baseURL: bench.bridge.url, headers: { 'X-API-Key': BRIDGE_KEY } });
		await api.patch(`/customers/${accountRef}/addresses/${addressRef}`, { CONTACT_ROLE: 'Buyer', E_MAIL: 'other.workflow@abs.example' }, { headers: { 'Idempotency-Key': 'other-workflow-1' } });
		const cycle = await bench.cycle(S2F);
		expect(cycle.items(FM_UPSERT).map((r) => [r.key, r.status, r.changedFields])).toEqual([[key, 'updated', ['email']]]);
		expect((await fmContact(key)).email).toBe('other.workflow@abs.example');
	});

	test('C1 merge: different fields edited on both sides since the last sync are both kept, on both sides, whichever template runs first', async () => {
		const fm = await fmContact(key);
		await bench.sage.editAddress(accountRef, addressRef, { ADDRESS_1: '1 Sage Street' });
		await bench.fm.uiUpdate('contacts', Number(fm.id), { address2: 'Unit 9 (from ForceManager)' });
		const [s2f, f2s] = await both();
		expect(s2f.items(FM_UPSERT).map((r) => [r.status, r.changedFields, r.conflicts])).toEqual([['updated', ['address1'], undefined]]);
		expect(f2s.items(SAGE_UPSERT).map((r) => [r.status, r.changedFields, r.conflicts])).toEqual([['updated', ['ADDRESS_2'], undefined]]);
		expect(await sageAddress(key)).toMatchObject({ ADDRESS_1: '1 Sage Street', ADDRESS_2: 'Unit 9 (from ForceManager)' });
		expect(await fmContact(key)).toMatchObject({ address1: '1 Sage Street', address2: 'Unit 9 (from ForceManager)' });
		await bench.resetCounters();
		const [a, b] = await both();
		expect([a.execution, b.execution, await bench.writes()]).toEqual([undefined, undefined, { forceManager: 0, sage: 0 }]);
	});

	test('a same-field conflict follows the policy (Sage Wins) and is reported with both values, then both sides hold Sage\'s value', async () => {
		const fm = await fmContact(key);
		await bench.sage.editAddress(accountRef, addressRef, { TELEPHONE: '01632 960 999' });
		// ForceManager's clock says its edit is later; the policy, not the clocks, decides.
		await bench.fm.uiUpdate('contacts', Number(fm.id), { phone1: '0113 496 0999' });
		const f2s = await bench.cycle(F2S);
		const [result] = f2s.items(SAGE_UPSERT);
		expect(result).toMatchObject({ key, status: 'conflict', conflicts: [{ field: 'TELEPHONE', sage: '01632 960 999', forceManager: '0113 496 0999', kept: 'sage' }] });
		expect(String(result.reason)).toBe('TELEPHONE: Sage "01632 960 999" vs ForceManager "0113 496 0999", kept Sage');
		expect((await sageAddress(key)).TELEPHONE).toBe('01632 960 999');
		const s2f = await bench.cycle(S2F);
		expect(s2f.items(FM_UPSERT).map((r) => [r.status, r.changedFields])).toEqual([['updated', ['phone1']]]);
		expect((await fmContact(key)).phone1).toBe('01632 960 999');
		await bench.resetCounters();
		const [a, b] = await both();
		expect([a.execution, b.execution, await bench.writes()]).toEqual([undefined, undefined, { forceManager: 0, sage: 0 }]);
	});
});
