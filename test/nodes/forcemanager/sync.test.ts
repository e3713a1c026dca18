// Paging, sessions, rate limits, escaping and soft deletes through the node and the client library.
import type { IDataObject } from 'n8n-workflow';

import { forceManagerPages } from '../../../nodes/shared/forcemanager/paging';
import type { ForceManagerSimulator } from '../../../sandbox/forcemanager';
import { createExecuteContext } from '../../support/n8nContext';
import { admin, count, credentials, json, runNode, startSim } from './helpers';

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
		accounts: Array.from({ length: 120 }, (_, i) => ({
			name: `Paged ${String(i).padStart(3, '0')}`,
			extId: `P${i}`,
			branchId: 1,
			salesRepId1: 1,
		})),
	});
	await fm.resetCounters();
});

describe('paging', () => {
	test('Return All reads past 50 rows page by page (120 records → 3 pages)', async () => {
		const rows = json((await runNode(sim, { resource: 'account', operation: 'getAll', returnAll: true })).output);
		expect(rows).toHaveLength(120);
		expect(new Set(rows.map((r) => r.id)).size).toBe(120);
		expect(count(await fm.counters(), 'GET', '/api/v4/accounts')).toBe(3);
	});

	test('Limit stops early and never returns more than asked', async () => {
		const rows = json((await runNode(sim, { resource: 'account', operation: 'getAll', returnAll: false, limit: 60 })).output);
		expect(rows).toHaveLength(60);
		expect(count(await fm.counters(), 'GET', '/api/v4/accounts')).toBe(2);
	});

	test('page size option is sent as the count header', async () => {
		const rows = json(
			(await runNode(sim, { resource: 'account', operation: 'getAll', returnAll: true, options: { pageSize: 100 } })).output,
		);
		expect(rows).toHaveLength(120);
		expect(count(await fm.counters(), 'GET', '/api/v4/accounts')).toBe(2);
	});
});

describe('sessions', () => {
	test('a session expiring between pages is renewed once and the read completes', async () => {
		const ctx = createExecuteContext({ credentials: credentials(sim) });
		const seen: IDataObject[] = [];
		let page = 0;
		for await (const rows of forceManagerPages.call(ctx, '/accounts')) {
			seen.push(...rows);
			if (page++ === 0) await fm.expireSessions();
		}
		expect(seen).toHaveLength(120);
		expect(ctx.fake.logins).toBe(2); // first login + one re-login
		const counters = await fm.counters();
		expect(count(counters, 'GET', '/api/v4/accounts', 401)).toBe(1);
		expect(count(counters, 'POST', '/api/v4/login')).toBe(2);
	});

	test('the session token is reused across runs while valid (no login per call)', async () => {
		const creds = credentials(sim);
		const ctx = createExecuteContext({ credentials: creds });
		for await (const rows of forceManagerPages.call(ctx, '/accounts')) expect(rows.length).toBeGreaterThan(0);
		const ctx2 = createExecuteContext({ credentials: creds });
		for await (const rows of forceManagerPages.call(ctx2, '/accounts')) expect(rows.length).toBeGreaterThan(0);
		expect(count(await fm.counters(), 'POST', '/api/v4/login')).toBe(1);
	});
});

describe('rate limits', () => {
	test('a 429 storm (5 in a row) is waited out and no item is lost', async () => {
		await fm.fault({ mode: 'rateLimit', count: 5 });
		const rows = json((await runNode(sim, { resource: 'account', operation: 'getAll', returnAll: true })).output);
		expect(rows).toHaveLength(120);
		const counters = await fm.counters();
		expect(count(counters, 'GET', '/api/v4/accounts', 429) + count(counters, 'POST', '/api/v4/login', 429)).toBe(5);
	}, 30_000);

	test('writes are retried after 429 too (the server did not process them)', async () => {
		await fm.fault({ mode: 'rateLimit', count: 2, method: 'POST', path: '/api/v4/accounts' });
		const created = json(
			(await runNode(sim, { resource: 'account', operation: 'create', name: 'After 429', branchId: 1, salesRepId1: 1 })).output,
		)[0];
		expect(created.name).toBe('After 429');
		expect((await fm.records('accounts')).filter((a) => a.name === 'After 429')).toHaveLength(1);
	}, 30_000);

	test('a read hit by a 500 is retried; a write is not repeated', async () => {
		await fm.fault({ mode: 'error500', count: 1, method: 'GET' });
		const rows = json((await runNode(sim, { resource: 'account', operation: 'getAll', returnAll: false, limit: 5 })).output);
		expect(rows).toHaveLength(5);

		await fm.fault({ mode: 'error500', count: 1, method: 'POST', path: '/api/v4/accounts' });
		await expect(
			runNode(sim, { resource: 'account', operation: 'create', name: 'Once', branchId: 1, salesRepId1: 1 }),
		).rejects.toThrow();
		expect(count(await fm.counters(), 'POST', '/api/v4/accounts')).toBe(1);
	}, 30_000);
});

describe('where escaping and soft deletes', () => {
	test(`a value with quotes (O'Brien's "Best" Ltd) finds exactly that record`, async () => {
		const name = `O'Brien's "Best" Ltd`;
		await fm.seed({ accounts: [{ name, extId: 'OBR', branchId: 1, salesRepId1: 1 }, { name: "O'Brien", extId: 'OB2', branchId: 1, salesRepId1: 1 }] });
		const rows = json(
			(await runNode(sim, { resource: 'account', operation: 'getAll', returnAll: true, filters: { conditions: [{ field: 'name', operator: 'equals', value: name }] } })).output,
		);
		expect(rows.map((r) => r.name)).toEqual([name]);
	});

	test('an injection attempt in a filter value matches nothing instead of everything', async () => {
		const rows = json(
			(
				await runNode(sim, {
					resource: 'account',
					operation: 'getAll',
					returnAll: true,
					filters: { conditions: [{ field: 'name', operator: 'equals', value: "x' OR name LIKE '%" }] },
				})
			).output,
		);
		expect(rows).toEqual([]);
	});

	test('IN list, LIKE and raw where combine with AND', async () => {
		const rows = json(
			(
				await runNode(sim, {
					resource: 'account',
					operation: 'getAll',
					returnAll: true,
					filters: {
						conditions: [
							{ field: 'extId', operator: 'in', value: 'P1, P2, P3, P50' },
							{ field: 'name', operator: 'like', value: 'Paged 00%' },
						],
					},
					options: { where: "extId <> 'P3'" },
				})
			).output,
		);
		expect(rows.map((r) => r.extId).sort()).toEqual(['P1', 'P2']);
	});

	test('soft-deleted records are hidden by default and shown with Include Deleted', async () => {
		const [victim] = await fm.records('accounts');
		await runNode(sim, { resource: 'account', operation: 'delete', id: String(victim.id) });
		expect((await fm.record('accounts', victim.id as number)).deleted).toBe(true); // soft, still there
		const hidden = json((await runNode(sim, { resource: 'account', operation: 'getAll', returnAll: true })).output);
		expect(hidden).toHaveLength(119);
		const all = json((await runNode(sim, { resource: 'account', operation: 'getAll', returnAll: true, options: { includeDeleted: true } })).output);
		expect(all).toHaveLength(120);
	});
});
