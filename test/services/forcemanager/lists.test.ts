// Lists: bare arrays, 0-based paging with the count header, [] past the end, order, and the `where` grammar.
import type { AxiosInstance } from 'axios';
import { type Harness, ids, startHarness, whereProbe } from './helpers';

describe('lists, paging and order', () => {
	let h: Harness;
	let api: AxiosInstance;
	beforeAll(async () => {
		h = await startHarness({ seed: 'empty', pageSizeMax: 100 });
		api = await h.login();
		const seeded = await h.admin.post('/seed', {
			users: [{ id: 7, name: 'Rep', email: 'rep@example.co.uk' }],
			branches: [{ id: 1, descriptionEN: 'HQ' }],
			accounts: Array.from({ length: 120 }, (_, i) => ({ name: `Account ${String(i + 1).padStart(3, '0')}`, branchId: 1, salesRepId1: 7 })),
		});
		expect(seeded.data.ids.accounts).toHaveLength(120);
	});
	afterAll(() => h.sim.close());

	it('pages are bare arrays of 50 by default, 0-based, and [] past the end', async () => {
		const p0 = await api.get('/accounts');
		expect(Array.isArray(p0.data)).toBe(true);
		expect(p0.data).toHaveLength(50);
		expect(p0.data[0].id).toBe(1);
		const p2 = await api.get('/accounts', { params: { page: 2 } });
		expect(ids(p2.data)).toEqual(Array.from({ length: 20 }, (_, i) => 101 + i));
		expect((await api.get('/accounts', { params: { page: 3 } })).data).toEqual([]);
	});

	it('the page size comes from the count header, X-FM-Entity-Count or ?count, capped at pageSizeMax', async () => {
		expect((await api.get('/accounts', { headers: { count: 70 } })).data).toHaveLength(70);
		expect((await api.get('/accounts', { headers: { Count: 60 }, params: { page: 1 } })).data).toHaveLength(60);
		expect((await api.get('/accounts', { headers: { 'X-FM-Entity-Count': 7 } })).data).toHaveLength(7);
		expect((await api.get('/accounts', { params: { count: 9 } })).data).toHaveLength(9);
		expect((await api.get('/accounts', { headers: { count: 1000 } })).data).toHaveLength(100);
		expect((await api.get('/accounts', { headers: { count: 'lots' } })).status).toBe(400);
	});

	it('walking pages until [] visits every row exactly once', async () => {
		const seen: number[] = [];
		for (let page = 0; ; page++) {
			const res = await api.get('/accounts', { params: { page }, headers: { count: 33 } });
			if (res.data.length === 0) break;
			seen.push(...ids(res.data));
		}
		expect(seen).toHaveLength(120);
		expect(new Set(seen).size).toBe(120);
	});

	it('order=<field> sorts descending; ASC/DESC suffixes are honoured; unknown fields are 400/901', async () => {
		expect((await api.get('/accounts', { params: { order: 'name', count: 2 } })).data.map((a: { name: string }) => a.name)).toEqual(['Account 120', 'Account 119']);
		expect((await api.get('/accounts', { params: { order: 'name ASC', count: 2 } })).data.map((a: { name: string }) => a.name)).toEqual(['Account 001', 'Account 002']);
		expect(ids((await api.get('/accounts', { params: { order: 'id desc', count: 1 } })).data)).toEqual([120]);
		const bad = await api.get('/accounts', { params: { order: 'nope' } });
		expect(bad.status).toBe(400);
		expect(bad.data.code).toBe(901);
	});
});

describe('where', () => {
	let h: Harness;
	let api: AxiosInstance;
	const { find, status } = whereProbe(() => api);

	beforeAll(async () => {
		h = await startHarness(); // demo seed: 1 BRI001, 2 CAM001, 3 OBR001 (readOnly, Client), 4 prospect
		api = await h.login();
		await h.admin.post('/clock', { frozenAt: '2025-03-01T12:00:00Z' });
		await api.put('/accounts/4', { comment: 'Met at the trade show' }); // dateUpdated 2025-03-01T12:00:00Z
		await api.delete('/accounts/2');
	});
	afterAll(() => h.sim.close());

	it('comparison operators = <> != > >= < <=', async () => {
		expect(await find('id = 2')).toEqual([2]);
		expect(await find('id <> 2')).toEqual([1, 3, 4]);
		expect(await find('id != 2')).toEqual([1, 3, 4]);
		expect(await find('id > 2')).toEqual([3, 4]);
		expect(await find('id >= 2')).toEqual([2, 3, 4]);
		expect(await find('id < 2')).toEqual([1]);
		expect(await find('id <= 2')).toEqual([1, 2]);
		expect(await find("extId = 'BRI001'")).toEqual([1]);
		expect(await find('extId = "CAM001"')).toEqual([2]); // double quotes accepted too
	});

	it("single-quoted strings with '' escaping match names containing quotes", async () => {
		expect(await find("name = 'O''Brien & Sons (Dublin) Ltd'")).toEqual([3]);
		expect(await find("name LIKE 'O''Brien%'")).toEqual([3]);
	});

	it("injection attempts like x' OR '1'='1 match nothing once escaped", async () => {
		expect(await find("name = 'x'' OR ''1''=''1'")).toEqual([]);
		expect(await find("extId = 'BRI001'' OR extId <> '''")).toEqual([]);
		expect(await find("extId IN ('x'') OR (''1''=''1')")).toEqual([]);
		// Unescaped, the same text is a broader query, as it would be on the real (SQL) API.
		expect(await find("name = 'x' OR '1'='1'")).toEqual([1, 2, 3, 4]);
	});

	it('LIKE / NOT LIKE with % and _ (case-insensitive, like SQL Server)', async () => {
		expect(await find("name LIKE '%ltd'")).toEqual([1, 3]);
		expect(await find("name NOT LIKE '%Ltd'")).toEqual([2, 4]);
		expect(await find("extId LIKE '___001'")).toEqual([1, 2, 3]);
		expect(await find("name like 'cambridge%'")).toEqual([2]);
		expect(await find("name LIKE '100%'")).toEqual([]); // regex metacharacters are literal
	});

	it('IN / NOT IN, IS NULL / IS NOT NULL and SQL null semantics', async () => {
		expect(await find('id IN (1, 3, 99)')).toEqual([1, 3]);
		expect(await find('id NOT IN (1,3)')).toEqual([2, 4]);
		expect(await find("extId IN ('OBR001','CAM001')")).toEqual([2, 3]);
		expect(await find('extId IS NULL')).toEqual([4]);
		expect(await find('extId IS NOT NULL')).toEqual([1, 2, 3]);
		expect(await find("extId <> 'BRI001'")).toEqual([2, 3]); // NULL <> x is unknown, as in SQL
		expect(await find("vatNumber <> ''")).toEqual([1, 2, 3]);
	});

	it('AND / OR (any case), precedence and parentheses', async () => {
		expect(await find('id = 1 or id = 2 and id = 3')).toEqual([1]); // AND binds tighter
		expect(await find('(id = 1 OR id = 2) AND id = 2')).toEqual([2]);
		expect(await find("(extId = 'BRI001' Or extId = 'OBR001') aNd countryId.id = 2")).toEqual([3]);
		expect(await find('NOT (id = 1)')).toEqual([2, 3, 4]);
	});

	it('ISO dates compare as instants; dateUpdated is null until the first update', async () => {
		expect(await find("dateUpdated > '2025-02-28T00:00:00Z'")).toEqual([4]);
		expect(await find("dateUpdated = '2025-03-01T13:00:00+01:00'")).toEqual([4]); // same instant, other zone
		expect(await find("(dateUpdated > '2025-02-01T00:00:00Z' OR dateCreated > '2025-02-01T00:00:00Z' OR dateDeleted > '2025-02-01T00:00:00Z')")).toEqual([2, 4]);
		expect(await find("dateCreated < '2025-01-07'")).toEqual([1, 2, 3]);
		expect(await status("dateCreated > 'yesterday'")).toEqual({ status: 400, code: 901 });
	});

	it('booleans as true/false/\'true\'/\'false\'/1/0', async () => {
		for (const t of ['true', "'true'", "'True'", '1']) expect(await find(`deleted = ${t}`)).toEqual([2]);
		for (const f of ['false', "'false'", '0']) expect(await find(`deleted = ${f}`)).toEqual([1, 3, 4]);
		expect(await find('readOnly = true AND deleted = false')).toEqual([1, 3]);
	});

	it('lookup paths: lookup.id, bare lookup names and lookup.value', async () => {
		expect(await find('statusId.id = 2')).toEqual([4]);
		expect(await find('statusId = 2')).toEqual([4]);
		expect(await find("statusId.value = 'Client'")).toEqual([1, 2, 3]);
		expect(await find('salesRepId1.id IN (4)')).toEqual([2, 4]);
		expect(await find("accountId.id = 3", '/contacts')).toEqual([3]);
		expect(await find('salesorderId.id = 1', '/salesordersLines')).toEqual([1, 2]);
		expect(await find('salesOrderId = 1', '/salesordersLines')).toEqual([1, 2]); // write spelling accepted
	});

	it('Z_ extra fields can be filtered', async () => {
		await h.admin.patch('/records/accounts/1', { Z_CreditLimit: 5000 });
		expect(await find('Z_CreditLimit >= 1000')).toEqual([1]);
		expect(await find('Z_CreditLimit IS NULL')).toEqual([2, 3, 4]);
	});

	it.each([
		'name =',
		"name = 'unterminated",
		'(id = 1',
		'id = 1)',
		'id = 1 AND',
		'id IN ()',
		'id == 1',
		'name LIKE 5',
		'nosuchfield = 1',
		'statusId.colour = 1',
		"id = 'abc'",
		'id = 1; DROP TABLE accounts',
		'name = Emma',
	])('bad syntax or unknown field "%s" is 400 with code 901', async (where) => {
		expect(await status(where)).toEqual({ status: 400, code: 901 });
	});
});
