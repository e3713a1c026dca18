// Upsert in "Mapped by the Sync Mapper" mode over real HTTP against the simulator: one MappedRecord
// per item in, one SyncResult per item out (paired), rules named per test.
import type { IDataObject, INodeExecutionData } from 'n8n-workflow';

import type { ForceManagerSimulator } from '../../../sandbox/forcemanager';
import { admin, count, json, runNode, startSim } from './helpers';
import { mapped, upsertParams, withImage } from './mapped-support';

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
		users: [
			{ id: 1, name: 'Alice', lastName: 'Admin', email: 'Alice@Wells.test' },
			{ id: 2, name: 'Sage 50', lastName: 'Integration', email: 'api@wells.test' },
			{ id: 3, name: 'Ben', lastName: 'Carter', email: 'ben@wells.test' },
		],
		accountStatuses: [{ id: 1, descriptionEN: 'Client' }],
		accounts: [
			{ id: 10, name: 'Bristol Stationers', extId: 'BRI001', branchId: 1, salesRepId1: 3, readOnly: true },
			{ id: 11, name: 'No Rep Ltd', extId: 'NOREP1', branchId: 1, readOnly: true },
			{ id: 12, name: 'Same Name Ltd', branchId: 1, salesRepId1: 1 },
		],
		products: [
			{ id: 20, model: 'A4 Paper', extId: 'PAPER-A4', price: 4.5, stock: 120, readOnly: true },
			{ id: 21, model: 'Installation', extId: 'SVC-INST', price: 60, stock: null, readOnly: true },
		],
		contacts: [
			{
				id: 30,
				firstName: 'Jo',
				lastName: 'Bloggs',
				extId: 'BRI001/1',
				accountId: 10,
				branchId: 1,
				salesRepId: 3,
				email: 'jo@bri.test',
				dateCreated: '2025-01-01T09:00:00Z',
				dateUpdated: '2025-03-01T12:00:00Z',
				salesRepIdUpdated: 1,
			},
		],
	});
	await fm.resetCounters();
});

const account = (key: string, fields: Record<string, unknown>, extra = {}) =>
	mapped('account', key, { branchId: 1, readOnly: true, extId: key, ...fields }, { fillIfEmpty: { salesRepId1: 1 }, ...extra });

async function upsert(resource: string, items: INodeExecutionData[], options: IDataObject = {}, continueOnFail = false) {
	const { output } = await runNode(sim, upsertParams(resource, options), {
		items,
		continueOnFail,
	});
	expect(output.map((o) => o.pairedItem)).toEqual(items.map((_, i) => ({ item: i })));
	return json(output);
}

describe('accounts (A2, A3, U2)', () => {
	test('A2: matched by extId, never by name; A3: readOnly written; second run makes zero writes', async () => {
		const items = [
			account('SAME01', { name: 'Same Name Ltd' }), // same name as account 12, different (no) extId
			account('BRI001', { name: 'Bristol Stationers Ltd' }), // same extId, renamed in Sage
		];
		const out = await upsert('account', items);
		expect(out[0]).toMatchObject({ status: 'created', entity: 'account', key: 'SAME01', label: 'account SAME01' });
		expect(out[1]).toMatchObject({ status: 'updated', id: 10, changedFields: ['name'] });
		const created = await fm.record('accounts', Number(out[0].id));
		expect(created).toMatchObject({ extId: 'SAME01', readOnly: true, name: 'Same Name Ltd' });
		expect(Number(out[0].id)).not.toBe(12);
		expect((await fm.record('accounts', 12)).extId ?? null).toBeNull();

		await fm.resetCounters();
		const again = await upsert('account', items);
		expect(again.map((r) => r.status)).toEqual(['unchanged', 'unchanged']);
		expect((await fm.counters()).writes).toBe(0);
	});

	test('U2: the admin is the sales rep on create, an existing rep is kept, an empty rep is filled', async () => {
		const out = await upsert('account', [
			account('NEW01', { name: 'New Ltd' }),
			account('BRI001', { name: 'Bristol Stationers' }),
			account('NOREP1', { name: 'No Rep Ltd' }),
		]);
		expect(out.map((r) => r.status)).toEqual(['created', 'unchanged', 'updated']);
		expect(out[2].changedFields).toEqual(['salesRepId1']);
		expect((await fm.record('accounts', Number(out[0].id))).salesRepId1).toMatchObject({ id: 1 });
		expect((await fm.record('accounts', 10)).salesRepId1).toMatchObject({ id: 3 });
		expect((await fm.record('accounts', 11)).salesRepId1).toMatchObject({ id: 1 });
	});

	test('skip and wait items are reported with their reason and cause no request', async () => {
		const items = [
			account('X1', { name: 'X' }, { sync: { action: 'skip', reason: 'A3: read-only in ForceManager' } }),
			account('X2', { name: 'Y' }, { sync: { action: 'wait', reason: 'waiting for the account' } }),
		];
		const out = await upsert('account', items);
		expect(out).toEqual([
			{ status: 'skipped', entity: 'account', key: 'X1', id: null, label: 'account X1', reason: 'A3: read-only in ForceManager' },
			{ status: 'waiting', entity: 'account', key: 'X2', id: null, label: 'account X2', reason: 'waiting for the account' },
		]);
		expect((await fm.counters()).total).toBe(0);
	});

	test('I5: a bad item (over-long / invalid field) fails alone, naming the record and the field', async () => {
		const items = [
			account('LONG01', { name: 'L'.repeat(300) }),
			account('BAD01', { name: 'Bad', branchId: 'head office' }),
			account('GOOD01', { name: 'Good Ltd' }),
		];
		// No delivery ledger tracks these items: the run fails, naming both, after writing the good one.
		await expect(upsert('account', items)).rejects.toThrow(/2 of 3 account records failed: account LONG01.*name.*account BAD01.*branchId/);
		expect((await fm.records('accounts')).filter((a) => a.extId === 'GOOD01')).toHaveLength(1);
		const out = await upsert('account', items, {}, true);
		expect(out[0]).toMatchObject({ status: 'failed', key: 'LONG01', field: 'name' });
		// ForceManager names the field, not the value: the result adds the value as written (its first 40 characters).
		expect(out[0].reason).toMatch(new RegExp(`account LONG01.*name.* — name "${'L'.repeat(40)}…"$`));
		expect(out[1]).toMatchObject({ status: 'failed', key: 'BAD01' });
		expect(out[1].reason).toMatch(/account BAD01.*branchId/);
		expect(out[1].field).toBe('branchId');
		expect(out[2]).toMatchObject({ status: 'unchanged', key: 'GOOD01' });
		// An update ForceManager refuses (bulk PUT) names its field and value too; nothing of it is written.
		const [refused] = await upsert('account', [account('GOOD01', { name: 'Good Ltd', postcode: 'SW1A 1AA Room 9999999' })], {}, true);
		expect(refused).toMatchObject({ status: 'failed', key: 'GOOD01', field: 'postcode' });
		expect(refused.reason).toMatch(/postcode.* — postcode "SW1A 1AA Room 9999999"$/);
		expect((await fm.records('accounts')).find((a) => a.extId === 'GOOD01')?.postcode ?? null).toBeNull();
	});

	test('batching: 250 items → ≤3 bulk calls per kind and ≤3 lookups', async () => {
		const items = Array.from({ length: 250 }, (_, i) => account(`B${i}`, { name: `Batch ${i}` }));
		const out = await upsert('account', items);
		expect(out.every((r) => r.status === 'created')).toBe(true);
		let c = await fm.counters();
		expect(count(c, 'POST', '/api/v4/accounts/bulk')).toBe(3);
		expect(count(c, 'GET', '/api/v4/accounts')).toBeLessThanOrEqual(3);
		expect(count(c, 'POST', '/api/v4/accounts')).toBe(0);

		await fm.resetCounters();
		const changed = Array.from({ length: 250 }, (_, i) => account(`B${i}`, { name: `Batch ${i} renamed` }));
		expect((await upsert('account', changed)).every((r) => r.status === 'updated')).toBe(true);
		c = await fm.counters();
		expect(count(c, 'PUT', '/api/v4/accounts/bulk')).toBe(3);
		expect(count(c, 'PUT', '/api/v4/accounts/{id}')).toBe(0);
		expect(c.writes).toBe(3);
	});
});

describe('deletions (A6, C2, P4)', () => {
	test('A6/C2/P4: soft DELETE through the bulk endpoint; the record stays readable with deleted: true; a second run is unchanged', async () => {
		const del = (entity: 'account' | 'contact' | 'product', key: string) => mapped(entity, key, {}, { sync: { action: 'delete' } });
		const accounts = await upsert('account', [del('account', 'BRI001'), del('account', 'GONE01')]);
		expect(accounts[0]).toMatchObject({ status: 'deleted', id: 10 });
		expect(accounts[1]).toMatchObject({ status: 'unchanged', id: null });
		const contacts = await upsert('contact', [del('contact', 'BRI001/1')]);
		expect(contacts[0]).toMatchObject({ status: 'deleted', id: 30 });
		const products = await upsert('product', [del('product', 'PAPER-A4')]);
		expect(products[0]).toMatchObject({ status: 'deleted', id: 20 });

		const c = await fm.counters();
		expect(count(c, 'DELETE', '/api/v4/accounts/bulk')).toBe(1);
		expect(count(c, 'DELETE', '/api/v4/contacts/bulk')).toBe(1);
		expect(count(c, 'DELETE', '/api/v4/products/bulk')).toBe(1);
		expect(count(c, 'DELETE', '/api/v4/accounts/{id}')).toBe(0);
		expect(await fm.record('accounts', 10)).toMatchObject({ deleted: true, name: 'Bristol Stationers' });
		expect(await fm.record('contacts', 30)).toMatchObject({ deleted: true });
		expect(await fm.record('products', 20)).toMatchObject({ deleted: true });

		await fm.resetCounters();
		expect((await upsert('account', [del('account', 'BRI001')]))[0]).toMatchObject({ status: 'unchanged' });
		expect((await fm.counters()).writes).toBe(0);
	});
});

describe('products (P2, P3, P5)', () => {
	const product = (key: string, fields: Record<string, unknown>) =>
		mapped('product', key, { model: key, readOnly: true, ...fields });

	test('P2: stock null stays null (not 0) after a round trip; P5: notAvailable written', async () => {
		const out = await upsert('product', [
			product('SVC-NEW', { stock: null, price: 30 }),
			product('PAPER-A4', { model: 'A4 Paper', price: 4.5, stock: null, notAvailable: true }),
		]);
		expect(out.map((r) => r.status)).toEqual(['created', 'updated']);
		expect(out[1].changedFields).toEqual(expect.arrayContaining(['stock', 'notAvailable']));
		const created = await fm.record('products', Number(out[0].id));
		expect(created.stock).toBeNull();
		const paper = await fm.record('products', 20);
		expect(paper.stock).toBeNull();
		expect(paper.notAvailable).toBe(true);

		await fm.resetCounters();
		const again = await upsert('product', [
			product('SVC-NEW', { stock: null, price: 30 }),
			product('PAPER-A4', { model: 'A4 Paper', price: 4.5, stock: null, notAvailable: true }),
		]);
		expect(again.map((r) => r.status)).toEqual(['unchanged', 'unchanged']);
		expect((await fm.counters()).writes).toBe(0);
		expect((await fm.record('products', 20)).stock).toBeNull();
	});

	test('P3: image uploaded once; the same image again → no upload; a changed image → a new upload', async () => {
		const first = Buffer.from('png-bytes-v1');
		const item = (bytes: Buffer) => withImage(product('PAPER-A4', { model: 'A4 Paper' }), bytes);
		const documents = async () => (await (await fetch(`${sim.origin}/__admin/documents`)).json()) as IDataObject[];

		const a = await upsert('product', [item(first), product('SVC-INST', { model: 'Installation' })]);
		expect(a[0]).toMatchObject({ status: 'unchanged', imageUploaded: true });
		expect(a[1]).toMatchObject({ status: 'unchanged', imageUploaded: false });
		let docs = await documents();
		expect(docs).toHaveLength(1);
		expect(docs[0]).toMatchObject({ entity: 'products', entityId: 20, isCarrousel: true });
		expect(String(docs[0].name)).toMatch(/^PAPER-A4-[0-9a-f]{8}\.png$/);
		const content = await fetch(`${sim.origin}/__admin/documents/${docs[0].id}/content`);
		expect(Buffer.from(await content.arrayBuffer()).equals(first)).toBe(true);

		await fm.resetCounters();
		const b = await upsert('product', [item(first)]);
		expect(b[0]).toMatchObject({ status: 'unchanged', imageUploaded: false });
		expect((await fm.counters()).writes).toBe(0);
		expect(await documents()).toHaveLength(1);

		const c = await upsert('product', [item(Buffer.from('png-bytes-v2'))]);
		expect(c[0]).toMatchObject({ imageUploaded: true });
		docs = await documents();
		expect(docs).toHaveLength(2);
		expect(docs[0].name).not.toBe(docs[1].name);
	});
});

describe('contacts: references and conflicts (C1, two-way)', () => {
	const contact = (key: string, fields: Record<string, unknown>, changedAt: string, account = 'BRI001') =>
		mapped(
			'contact',
			key,
			{ firstName: 'Jo', lastName: 'Bloggs', branchId: 1, email: 'jo@bri.test', ...fields },
			{
				references: { account },
				fillIfEmpty: { salesRepId: 1 },
				sync: { source: { system: 'sage50', entity: 'address', id: key, changedAt } },
			},
		);

	test('accountId resolved from the account extId; unresolved account → waiting naming it, no write', async () => {
		const out = await upsert('contact', [
			contact('BRI001/2', { firstName: 'Sam', lastName: 'Smith' }, '2025-03-02T00:00:00Z'),
			contact('ZZZ001/1', { firstName: 'Nobody' }, '2025-03-02T00:00:00Z', 'ZZZ001'),
		]);
		expect(out[0]).toMatchObject({ status: 'created' });
		expect((await fm.record('contacts', Number(out[0].id))).accountId).toMatchObject({ id: 10 });
		expect(out[1]).toMatchObject({ status: 'waiting' });
		expect(out[1].reason).toMatch(/contact ZZZ001\/1.*account "ZZZ001"/);
		const c = await fm.counters();
		expect(count(c, 'POST', '/api/v4/contacts/bulk')).toBe(1);
		expect(count(c, 'GET', '/api/v4/accounts')).toBe(1); // one batched reference lookup
	});

	// FM contact 30 was last changed by the admin (user 1) at 2025-03-01T12:00:00Z.
	const edit = (changedAt: string, fields: Record<string, unknown> = { phone1: '0117 000' }) => [contact('BRI001/1', fields, changedAt)];
	/** The pair as the last confirmed sync left it (what the Sage trigger hands on as `synced`). */
	const synced = (fm: Record<string, unknown>) => ({ entity: 'contact', sageKey: 'BRI001/1', forceManagerId: '30', sage: null, forceManager: fm });
	const lastSync = { extId: 'BRI001/1', accountId: 10, firstName: 'Jo', lastName: 'Bloggs', email: 'jo@bri.test', phone1: null };
	const withState = (items: INodeExecutionData[], state: Record<string, unknown>) =>
		items.map((i) => ({ json: { ...i.json, sync: { ...(i.json.sync as IDataObject), synced: state } } }));

	test('C1 merge: Sage changed the phone since the last sync, a person in FM the e-mail → the phone is written, the e-mail kept; clocks play no part', async () => {
		await fm.uiUpdate('contacts', 30, { email: 'person@bri.test' });
		const out = await upsert('contact', withState(edit('2020-01-01T00:00:00Z'), synced(lastSync)));
		expect(out[0]).toMatchObject({ status: 'updated', id: 30, changedFields: ['phone1'] });
		expect(out[0]).not.toHaveProperty('conflicts');
		expect(await fm.record('contacts', 30)).toMatchObject({ phone1: '0117 000', email: 'person@bri.test' });
		// The pair's next state: Sage's side as sent (FM's own e-mail edit stays a change to carry back).
		expect((out[0].state as IDataObject).forceManager).toMatchObject({ phone1: '0117 000', email: 'jo@bri.test' });
	});

	test('a same-field conflict follows the policy and is reported with both values; equal on both sides is no conflict', async () => {
		await fm.uiUpdate('contacts', 30, { phone1: '0117 999' });
		const kept = await upsert('contact', withState(edit('2030-01-01T00:00:00Z'), synced(lastSync)), { conflictPolicy: 'forceManagerWins' });
		expect(kept[0]).toMatchObject({ status: 'conflict', conflicts: [{ field: 'phone1', sage: '0117 000', forceManager: '0117 999', kept: 'forceManager' }] });
		expect((await fm.counters()).writes).toBe(0);
		const written = await upsert('contact', withState(edit('2000-01-01T00:00:00Z'), synced(lastSync)), { conflictPolicy: 'sageWins' });
		expect(written[0]).toMatchObject({ status: 'conflict', changedFields: ['phone1'], conflicts: [{ kept: 'sage' }] });
		expect((await fm.record('contacts', 30)).phone1).toBe('0117 000');
		// latestChangeWins compares the clocks only for a real conflict: FM's edit (now) beats a 2020 Sage change.
		await fm.uiUpdate('contacts', 30, { phone1: '0117 888' });
		const latest = await upsert('contact', withState(edit('2020-01-01T00:00:00Z', { phone1: '0117 777' }), synced({ ...lastSync, phone1: '0117 000' })));
		expect(latest[0]).toMatchObject({ status: 'conflict', conflicts: [{ sage: '0117 777', forceManager: '0117 888', kept: 'forceManager' }] });
	});

	test('a pair never synced (no state): differing non-empty values are conflicts decided by the policy; empty fields are filled', async () => {
		const out = await upsert('contact', edit('2025-02-01T00:00:00Z', { phone1: '0117 000', email: 'sage@bri.test' }), { conflictPolicy: 'sageWins' });
		expect(out[0]).toMatchObject({ status: 'conflict', conflicts: [{ field: 'email', forceManager: 'jo@bri.test', kept: 'sage' }] });
		expect(out[0].changedFields).toEqual(expect.arrayContaining(['phone1', 'email']));
		const fmWins = await upsert('contact', edit('2025-02-01T00:00:00Z', { email: 'other@bri.test' }), { conflictPolicy: 'forceManagerWins' });
		expect(fmWins[0]).toMatchObject({ status: 'conflict', conflicts: [{ kept: 'forceManager' }] });
		expect((await fm.record('contacts', 30)).email).toBe('sage@bri.test');
	});
});

describe('sales orders with lines (O2)', () => {
	const order = (key: string, lines: Array<[string, number, number]>) =>
		mapped(
			'salesOrder',
			key,
			{ reference: key, branchId: 1, readOnly: true },
			{
				references: { account: 'BRI001', lineProducts: lines.map((l) => l[0]) },
				fillIfEmpty: { salesRepId: 1 },
				lines: lines.map(([, quantity, price]) => ({ quantity, price })),
				// Later than the simulator's own timestamps, so the two-way conflict check lets Sage write.
				sync: { source: { system: 'sage50', entity: 'salesOrder', id: key, changedAt: '2099-01-01T00:00:00Z' } },
			},
		);

	test('header then lines on create; identical second run writes nothing; a changed quantity updates that line only', async () => {
		const first = await upsert('salesOrder', [order('SO:1', [['PAPER-A4', 2, 4.5], ['SVC-INST', 1, 60]])]);
		expect(first[0]).toMatchObject({ status: 'created' });
		const id = Number(first[0].id);
		const lines = (await fm.records('salesordersLines')).filter((l) => (l.salesorderId as IDataObject)?.id === id);
		expect(lines.map((l) => [(l.productId as IDataObject).id, l.quantity, l.price])).toEqual([
			[20, 2, 4.5],
			[21, 1, 60],
		]);
		expect((await fm.record('salesorders', id)).accountId).toMatchObject({ id: 10 });

		await fm.resetCounters();
		const second = await upsert('salesOrder', [order('SO:1', [['PAPER-A4', 2, 4.5], ['SVC-INST', 1, 60]])]);
		expect(second[0]).toMatchObject({ status: 'unchanged' });
		expect((await fm.counters()).writes).toBe(0);

		const third = await upsert('salesOrder', [order('SO:1', [['PAPER-A4', 5, 4.5], ['SVC-INST', 1, 60]])]);
		expect(third[0]).toMatchObject({ status: 'updated', changedFields: ['lines'] });
		const c = await fm.counters();
		expect(count(c, 'PUT', '/api/v4/salesordersLines/{id}')).toBe(1);
		expect(c.writes).toBe(1);
	});

	test('an unknown line product → waiting naming the product, nothing written', async () => {
		const out = await upsert('salesOrder', [order('SO:2', [['PAPER-A4', 1, 4.5], ['NOPE-1', 1, 1]])]);
		expect(out[0]).toMatchObject({ status: 'waiting' });
		expect(out[0].reason).toMatch(/salesOrder SO:2.*product "NOPE-1"/);
		expect((await fm.counters()).writes).toBe(0);
	});
});

describe('sales (O2 invoices) and hard errors', () => {
	test('O2: an invoice becomes a sale with its account resolved; the second run makes zero writes', async () => {
		const invoice = mapped(
			'invoice',
			'INV:5001',
			{ date: '2025-03-01T00:00:00Z', total: 120.5, accountExtId: 'BRI001' },
			{ references: { account: 'BRI001' }, fillIfEmpty: { salesRepId: 1 } },
		);
		const out = await upsert('sale', [invoice]);
		expect(out[0]).toMatchObject({ status: 'created', entity: 'invoice', key: 'INV:5001' });
		expect(await fm.record('sales', Number(out[0].id))).toMatchObject({ extId: 'INV:5001', total: 120.5 });
		await fm.resetCounters();
		expect((await upsert('sale', [invoice]))[0]).toMatchObject({ status: 'unchanged' });
		expect((await fm.counters()).writes).toBe(0);
	});

	test('the API failing after retries: thrown without Continue On Fail, else every item of the batch reported failed', async () => {
		const items = [account('ERR01', { name: 'Err Ltd' }), account('ERR02', { name: 'Err 2 Ltd' })];
		await fm.fault({ mode: 'error500', count: 20, method: 'GET', path: '/accounts' });
		await expect(runNode(sim, upsertParams('account'), { items })).rejects.toThrow();
		const { output } = await runNode(sim, upsertParams('account'), { items, continueOnFail: true });
		expect(json(output).map((r) => r.status)).toEqual(['failed', 'failed']);
		expect(String(json(output)[0].reason)).toMatch(/^account ERR01: /);
		expect((await fm.records('accounts')).some((r) => r.extId === 'ERR01')).toBe(false);
	});

	test('a bulk write failing on the server fails the run (a retried run converges), unless Continue On Fail', async () => {
		const items = [account('BULK01', { name: 'Bulk One Ltd' }), account('BULK02', { name: 'Bulk Two Ltd' })];
		await fm.fault({ mode: 'error500', count: 1, method: 'POST', path: '/accounts/bulk' });
		await expect(runNode(sim, upsertParams('account'), { items })).rejects.toThrow();
		// n8n's retry of the failed execution: the batched lookup finds nothing half-written, creates once.
		const retried = json((await runNode(sim, upsertParams('account'), { items })).output);
		expect(retried.map((r) => r.status)).toEqual(['created', 'created']);
		expect((await fm.records('accounts')).filter((r) => String(r.extId).startsWith('BULK0'))).toHaveLength(2);

		await fm.fault({ mode: 'error500', count: 1, method: 'PUT', path: '/accounts/bulk' });
		const renamed = [account('BULK01', { name: 'Bulk One Renamed' })];
		const { output } = await runNode(sim, upsertParams('account'), { items: renamed, continueOnFail: true });
		expect(json(output)[0]).toMatchObject({ status: 'failed' });
	});
});
