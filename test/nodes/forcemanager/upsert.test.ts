// Upsert by extId (rule A2: matching is by the ERP code, never by name), idempotency (second run
// makes zero writes), batching (one lookup per ≤100 items, ≤⌈n/100⌉ bulk calls per kind).
import type { IDataObject, INodeExecutionData } from 'n8n-workflow';

import type { ForceManagerSimulator } from '../../../sandbox/forcemanager';
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
		accountStatuses: [{ id: 1, descriptionEN: 'Client' }, { id: 2, descriptionEN: 'Prospect' }],
		accounts: [
			{ name: 'Same Ltd', extId: 'SAME01', branchId: 1, salesRepId1: 1, statusId: 1, city: 'Leeds' },
			{ name: 'Changed Ltd', extId: 'CHG01', branchId: 1, salesRepId1: 1, statusId: 2, city: 'Hull' },
		],
	});
	await fm.resetCounters();
});

/** Upsert parameters taken from each input item, like `{{$json.…}}` expressions would. */
function upsertParams(items: INodeExecutionData[]) {
	return (i: number) => {
		const { extId, ...fields } = items[i].json as IDataObject;
		return { resource: 'account', operation: 'upsert', extId, fields };
	};
}

const mixed: INodeExecutionData[] = [
	{ json: { extId: 'NEW01', name: 'New Ltd', branchId: 1, salesRepId1: 1, city: 'York' } },
	{ json: { extId: 'CHG01', name: 'Changed Ltd', statusId: 1, city: 'Hull ' } },
	{ json: { extId: 'SAME01', name: 'Same Ltd', statusId: { id: 1, value: 'Client' }, city: 'Leeds', branchId: '1' } },
	{ json: { extId: 'BAD01', name: 'Bad Ltd', branchId: 'head office', salesRepId1: 1 } },
	{ json: { extId: 'BAD02', branchId: 1, salesRepId1: 1, city: 'No Name' } },
];

describe('upsert (A2: match by extId)', () => {
	test('mixed batch: created, updated (changed fields only), unchanged, invalid items named', async () => {
		const { output } = await runNode(sim, upsertParams(mixed), { items: mixed, continueOnFail: true });
		const out = json(output);
		expect(output.map((o) => o.pairedItem)).toEqual(mixed.map((_, i) => ({ item: i })));
		expect(out[0]).toMatchObject({ status: 'created', key: 'NEW01' });
		expect(typeof out[0].id).toBe('number');
		expect(out[1]).toMatchObject({ status: 'updated', key: 'CHG01', changedFields: ['statusId'] });
		expect(out[2]).toMatchObject({ status: 'unchanged', key: 'SAME01' });
		expect(out[3]).toMatchObject({ status: 'failed', key: 'BAD01' });
		expect(out[3].reason).toMatch(/BAD01.*branchId/);
		expect(out[4]).toMatchObject({ status: 'failed', key: 'BAD02' });
		expect(out[4].reason).toMatch(/BAD02.*name/);

		const counters = await fm.counters();
		expect(count(counters, 'GET', '/api/v4/accounts')).toBe(1); // one lookup for ≤100 items
		expect(count(counters, 'POST', '/api/v4/accounts/bulk')).toBe(1);
		expect(count(counters, 'PUT', '/api/v4/accounts/bulk')).toBe(1);
		expect(count(counters, 'POST', '/api/v4/accounts')).toBe(0); // no per-record writes

		const records = await fm.records('accounts');
		expect(records.find((r) => r.extId === 'CHG01')?.statusId).toMatchObject({ id: 1 });
		expect(records.find((r) => r.extId === 'NEW01')?.name).toBe('New Ltd');
		expect(records.some((r) => r.extId === 'BAD02')).toBe(false);
	});

	test('a second identical upsert makes zero writes (idempotency invariant)', async () => {
		const good = mixed.slice(0, 3);
		await runNode(sim, upsertParams(good), { items: good });
		await fm.resetCounters();
		const out = json((await runNode(sim, upsertParams(good), { items: good })).output);
		expect(out.map((o) => o.status)).toEqual(['unchanged', 'unchanged', 'unchanged']);
		expect((await fm.counters()).writes).toBe(0);
	});

	test('without continue-on-fail the run fails after the writes, listing every failed record', async () => {
		await expect(runNode(sim, upsertParams(mixed), { items: mixed })).rejects.toThrow(
			/2 of 5 account upserts failed: .*BAD01.*branchId.*BAD02.*name/,
		);
		// the good ones were still written
		const records = await fm.records('accounts');
		expect(records.find((r) => r.extId === 'NEW01')).toBeDefined();
		expect(records.find((r) => r.extId === 'CHG01')?.statusId).toMatchObject({ id: 1 });
	});

	test('an item the API rejects in a bulk call fails alone, named with its field', async () => {
		const items = [
			{ json: { extId: 'OK01', name: 'Fine Ltd', branchId: 1, salesRepId1: 1 } },
			{ json: { extId: 'LONG01', name: 'Long Ltd', branchId: 1, salesRepId1: 1, address1: 'x'.repeat(181) } },
		];
		const out = json((await runNode(sim, upsertParams(items), { items, continueOnFail: true })).output);
		expect(out[0]).toMatchObject({ status: 'created', key: 'OK01' });
		expect(out[1]).toMatchObject({ status: 'failed', key: 'LONG01' });
		expect(out[1].reason).toMatch(/LONG01.*address1/);
		expect(count(await fm.counters(), 'POST', '/api/v4/accounts/bulk')).toBe(1);
	});

	test('duplicate extIds within a batch do not create duplicates', async () => {
		const items = [
			{ json: { extId: 'DUP01', name: 'First', branchId: 1, salesRepId1: 1 } },
			{ json: { extId: 'DUP01', name: 'Second', branchId: 1, salesRepId1: 1 } },
		];
		const out = json((await runNode(sim, upsertParams(items), { items, continueOnFail: true })).output);
		expect(out.map((o) => o.status)).toEqual(['created', 'failed']);
		expect(out[1].reason).toMatch(/DUP01.*more than once/);
		expect((await fm.records('accounts')).filter((r) => r.extId === 'DUP01')).toHaveLength(1);
	});

	test('a soft-deleted record with the same extId is not revived; a new record is created', async () => {
		const [same] = (await fm.records('accounts')).filter((r) => r.extId === 'SAME01');
		await runNode(sim, { resource: 'account', operation: 'delete', id: String(same.id) });
		const items = [{ json: { extId: 'SAME01', name: 'Same Ltd', branchId: 1, salesRepId1: 1 } }];
		const out = json((await runNode(sim, upsertParams(items), { items })).output);
		expect(out[0].status).toBe('created');
		expect(out[0].id).not.toBe(same.id);
	});

	test('250 items: one lookup and one bulk call per 100, then zero writes on the rerun', async () => {
		const items = Array.from({ length: 250 }, (_, i) => ({
			json: { extId: `BULK${i}`, name: `Bulk ${i}`, branchId: 1, salesRepId1: 1, phone: `0${i}` },
		}));
		const out = json((await runNode(sim, upsertParams(items), { items })).output);
		expect(out.filter((o) => o.status === 'created')).toHaveLength(250);
		let counters = await fm.counters();
		expect(count(counters, 'GET', '/api/v4/accounts')).toBe(3);
		expect(count(counters, 'POST', '/api/v4/accounts/bulk')).toBe(3);
		expect(count(counters, 'PUT', '/api/v4/accounts/bulk')).toBe(0);

		await fm.resetCounters();
		const changed = items.map((it, i) => (i % 50 === 0 ? { json: { ...it.json, phone: 'changed' } } : it));
		const second = json((await runNode(sim, upsertParams(changed), { items: changed })).output);
		expect(second.filter((o) => o.status === 'updated')).toHaveLength(5);
		expect(second.filter((o) => o.status === 'unchanged')).toHaveLength(245);
		counters = await fm.counters();
		expect(count(counters, 'PUT', '/api/v4/accounts/bulk')).toBeLessThanOrEqual(3);
		expect(count(counters, 'POST', '/api/v4/accounts/bulk')).toBe(0);

		await fm.resetCounters();
		await runNode(sim, upsertParams(changed), { items: changed });
		expect((await fm.counters()).writes).toBe(0);
	}, 60_000);

	test('contacts, products, sales orders and sales upsert through their bulk endpoints', async () => {
		await fm.seed({ accounts: [{ id: 50, name: 'Acc', extId: 'ACC50', branchId: 1, salesRepId1: 1 }] });
		const cases: Array<{ resource: string; path: string; item: IDataObject }> = [
			{ resource: 'contact', path: 'contacts', item: { extId: 'C1', firstName: 'Ann', lastName: "O'Neil", accountId: 50, salesRepId: 1, branchId: 1, useCompanyAddress: true } },
			{ resource: 'product', path: 'products', item: { extId: 'PR1', model: 'Widget', price: '9.50', notAvailable: false } },
			{ resource: 'salesOrder', path: 'salesorders', item: { extId: 'SO1', reference: 'SO-1', branchId: 1, salesRepId: 1, accountId: 50, salesForeCastDate: '2025-06-01T00:00:00Z' } },
			{ resource: 'sale', path: 'sales', item: { extId: 'INV1', accountId: 50, date: '2025-03-01T00:00:00Z', total: 10 } },
		];
		for (const c of cases) {
			const items = [{ json: c.item }];
			const params = (i: number) => {
				const { extId, ...fields } = items[i].json;
				return { resource: c.resource, operation: 'upsert', extId, fields };
			};
			const first = json((await runNode(sim, params, { items })).output)[0];
			expect(first).toMatchObject({ status: 'created', key: c.item.extId });
			await fm.resetCounters();
			const again = json((await runNode(sim, params, { items })).output)[0];
			expect({ resource: c.resource, status: again.status }).toEqual({ resource: c.resource, status: 'unchanged' });
			expect((await fm.counters()).writes).toBe(0);
			expect(count(await fm.counters(), 'GET', `/api/v4/${c.path}`)).toBe(1);
		}
	});

	test('a Define Below record is no sync record: a contact edited in ForceManager is updated, not merged; duplicate extIds fail, nothing is deleted', async () => {
		await fm.seed({
			accounts: [{ id: 60, name: 'Acc', extId: 'ACC60', branchId: 1, salesRepId1: 1 }],
			contacts: [
				{ id: 70, firstName: 'Ann', lastName: 'Old', extId: 'C70', accountId: 60, salesRepId: 1, branchId: 1, phone1: '0100' },
				{ id: 71, firstName: 'Dup', lastName: 'One', extId: 'CDUP', accountId: 60, salesRepId: 1, branchId: 1 },
				{ id: 72, firstName: 'Dup', lastName: 'One', extId: 'CDUP', accountId: 60, salesRepId: 1, branchId: 1 },
			],
		});
		const params = (i: number) => ({ resource: 'contact', operation: 'upsert', extId: ['C70', 'CDUP'][i], fields: [{ lastName: 'New', phone1: '0200' }, { lastName: 'Two' }][i] });
		const out = json((await runNode(sim, params, { items: [{ json: {} }, { json: {} }], continueOnFail: true })).output);
		// A sync record never synced would see the non-empty phone as a same-field conflict.
		expect(out[0]).toMatchObject({ status: 'updated', key: 'C70', entity: 'contact', changedFields: ['lastName', 'phone1'] });
		expect(out[0]).not.toHaveProperty('state');
		expect(out[0]).not.toHaveProperty('conflicts');
		expect(out[1]).toMatchObject({ status: 'failed', key: 'CDUP' });
		expect(out[1].reason).toMatch(/2 existing records share the key "CDUP" \(ids 71, 72\)/);
		const contacts = await fm.records('contacts');
		expect(contacts.find((c) => c.id === 70)).toMatchObject({ lastName: 'New', phone1: '0200' });
		expect(contacts.filter((c) => c.extId === 'CDUP' && c.deleted !== true)).toHaveLength(2);
		expect(count(await fm.counters(), 'DELETE', '/api/v4/contacts/bulk')).toBe(0);
	});
});
