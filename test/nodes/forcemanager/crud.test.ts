import type { IDataObject } from 'n8n-workflow';

import { ForceManagerApi } from '../../../credentials/ForceManagerApi.credentials';
import * as loadOptions from '../../../nodes/ForceManager/methods/loadOptions';
import type { ForceManagerSimulator } from '../../../sandbox/forcemanager';
import { createLoadOptionsContext, testCredential } from '../../support/n8nContext';
import { admin, credentials, json, runNode, startSim } from './helpers';

let sim: ForceManagerSimulator;
let fm: ReturnType<typeof admin>;

beforeAll(async () => {
	sim = await startSim();
	fm = admin(sim);
});
afterAll(async () => sim.close());
beforeEach(async () => fm.reset('demo'));

describe('credential', () => {
	test('the credential test request succeeds with the demo keys', async () => {
		const creds = credentials(sim).forceManagerApi;
		expect(await testCredential(new ForceManagerApi(), { ...creds })).toMatchObject({ ok: true });
	});
	test('wrong keys fail without showing the private key', async () => {
		const creds = { ...credentials(sim).forceManagerApi, privateKey: 'wrong-secret-xyz' };
		const result = await testCredential(new ForceManagerApi(), creds);
		expect(result.ok).toBe(false);
		expect(result.status).toBe(401);
		expect(result.message).toMatch(/login failed|Authorization failed/);
		expect(JSON.stringify(result)).not.toContain('wrong-secret-xyz');
	});
});

// Minimal create parameters per resource (demo seed: branch 1, users 1..4, accounts 1..4, products).
const cases: Array<{ resource: string; create: IDataObject; update: IDataObject; label: string }> = [
	{ resource: 'account', label: 'name', create: { name: 'Node Test Ltd', branchId: 1, salesRepId1: 3, additionalFields: { city: 'Leeds', extId: 'NODE01' } }, update: { city: 'York' } },
	{ resource: 'contact', label: 'lastName', create: { firstName: 'Ann', lastName: 'Node', accountId: 1, salesRepId: 3, branchId: 1, additionalFields: { email: 'ann@example.com', useCompanyAddress: true } }, update: { city: 'York' } },
	{ resource: 'product', label: 'model', create: { model: 'Widget', additionalFields: { price: 9.5, extId: 'W-1' } }, update: { price: 11 } },
	{ resource: 'sale', label: 'extId', create: { date: '2025-03-01T00:00:00Z', total: 120.5, accountId: 1, additionalFields: { extId: 'INV-9' } }, update: { total: 99 } },
	{ resource: 'salesOrder', label: 'reference', create: { reference: 'Q-1', branchId: 1, salesRepId: 3, additionalFields: { accountId: 1 } }, update: { comment: 'updated' } },
];

describe.each(cases)('$resource: every operation against the simulator', ({ resource, create, update }) => {
	test('create, get, update, get many, delete (soft), include deleted', async () => {
		const created = json((await runNode(sim, { resource, operation: 'create', ...create })).output)[0];
		expect(typeof created.id).toBe('number');
		const id = created.id as number;

		const got = json((await runNode(sim, { resource, operation: 'get', id: String(id) })).output)[0];
		expect(got.id).toBe(id);

		const [field, value] = Object.entries(update)[0];
		const updated = json((await runNode(sim, { resource, operation: 'update', id: String(id), updateFields: update })).output)[0];
		expect(updated[field]).toEqual(value);

		const found = json(
			(await runNode(sim, { resource, operation: 'getAll', returnAll: true, filters: { conditions: [{ field: 'id', operator: 'equals', value: String(id) }] } })).output,
		);
		expect(found.map((r) => r.id)).toEqual([id]);

		const deleted = json((await runNode(sim, { resource, operation: 'delete', id: String(id) })).output)[0];
		expect(deleted).toEqual({ id, deleted: true });

		const hidden = json((await runNode(sim, { resource, operation: 'getAll', returnAll: true })).output);
		expect(hidden.some((r) => r.id === id)).toBe(false);
		const shown = json((await runNode(sim, { resource, operation: 'getAll', returnAll: true, options: { includeDeleted: true } })).output);
		expect(shown.find((r) => r.id === id)?.deleted).toBeTruthy();
	});

	test('an unknown id fails with a clear message, or is reported per item on continue', async () => {
		await expect(runNode(sim, { resource, operation: 'get', id: '999999' })).rejects.toThrow(/999999 was not found/);
		const { output } = await runNode(sim, { resource, operation: 'get', id: '999999' }, { continueOnFail: true });
		expect(output[0].json.error).toMatch(/not found/);
		expect(output[0].pairedItem).toEqual({ item: 0 });
	});
});

describe('sales order lines', () => {
	test('create with lines posts one line per row; update can replace the lines', async () => {
		const products = await fm.records('products');
		const [p1, p2] = products.map((p) => p.id as number);
		const created = json(
			(
				await runNode(sim, {
					resource: 'salesOrder',
					operation: 'create',
					reference: 'Q-LINES',
					branchId: 1,
					salesRepId: 3,
					additionalFields: { accountId: 1 },
					lines: { line: [{ productId: p1, quantity: 2, price: 10 }] },
					linesJson: JSON.stringify([{ productId: p2, quantity: 1, price: 5.5, description: 'Extra' }]),
				})
			).output,
		)[0];
		const orderId = created.id as number;
		expect((created.lines as IDataObject[]).length).toBe(2);
		const lines = (await fm.records('salesordersLines')).filter((l) => (l.salesorderId as IDataObject)?.id === orderId);
		expect(lines.map((l) => (l.productId as IDataObject).id).sort()).toEqual([p1, p2].sort());

		const updated = json(
			(
				await runNode(sim, {
					resource: 'salesOrder',
					operation: 'update',
					id: String(orderId),
					updateFields: { comment: 'v2' },
					lines: { line: [{ productId: p2, quantity: 3, price: 4 }] },
					linesJson: '[]',
					replaceLines: true,
				})
			).output,
		)[0];
		expect(updated.comment).toBe('v2');
		expect((updated.removedLineIds as number[]).length).toBe(2);
		const live = (await fm.records('salesordersLines')).filter(
			(l) => (l.salesorderId as IDataObject)?.id === orderId && !l.deleted,
		);
		expect(live.map((l) => l.quantity)).toEqual([3]);
	});

	test('a line without a product fails before anything is written', async () => {
		const before = (await fm.records('salesorders')).length;
		await expect(
			runNode(sim, { resource: 'salesOrder', operation: 'create', reference: 'Q-BAD', branchId: 1, salesRepId: 3, lines: { line: [{ quantity: 1, price: 1 }] } }),
		).rejects.toThrow(/productId/);
		expect((await fm.records('salesorders')).length).toBe(before);
	});
});

describe('users, value lists, dropdowns', () => {
	test('user get and get many', async () => {
		const users = json((await runNode(sim, { resource: 'user', operation: 'getAll', returnAll: true })).output);
		expect(users.length).toBeGreaterThanOrEqual(4);
		const one = json((await runNode(sim, { resource: 'user', operation: 'get', id: String(users[0].id) })).output)[0];
		expect(one.id).toBe(users[0].id);
	});

	test('value list get many for a chosen list', async () => {
		const rows = json((await runNode(sim, { resource: 'valueList', operation: 'getAll', list: 'branches', returnAll: true })).output);
		expect(rows.map((r) => r.id)).toContain(1);
	});

	test('loadOptions methods return labelled ids', async () => {
		const ctx = createLoadOptionsContext({ credentials: credentials(sim) });
		const branches = await loadOptions.getBranches.call(ctx);
		expect(branches).toContainEqual({ name: 'Head Office', value: 1 });
		const users = await loadOptions.getUsers.call(ctx);
		expect(users.find((u) => u.value === 3)?.name).toMatch(/^Ben Carter/);
		for (const m of ['getAccountTypes', 'getAccountStatuses', 'getAccountSegments', 'getContactTypes', 'getSalesOrderStatuses', 'getCountries', 'getCurrencies'] as const) {
			const options = await loadOptions[m].call(ctx);
			expect(options.length).toBeGreaterThan(0);
		}
	});
});
