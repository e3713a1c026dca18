// Calls every path+method the official swagger declares and validates each response against it
// (test/support/swagger.ts lists the relaxations: nullable properties and a string Error.code).
import type { AxiosInstance, AxiosResponse } from 'axios';
import { assertValidRequestBody, assertValidResponse, swaggerOperations, validateRequestBody, validateResponse } from '../../support/swagger';
import { type Harness, startHarness } from './helpers';

const CORE = ['accounts', 'contacts', 'opportunities', 'salesorders', 'salesordersLines'];
const VALUE_LISTS = ['branches', 'countries', 'currencies', 'timezones', 'accountTypes', 'accountStatuses', 'accountSegments', 'contactTypes', 'opportunityTypes', 'opportunityStatuses', 'salesorderStatuses', 'activityTypes'];

const createBodies: Record<string, Record<string, unknown>> = {
	accounts: { name: 'Contract Test Ltd', branchId: 1, salesRepId1: 3, statusId: 2, countryId: 1, email: 'ct@example.co.uk' },
	contacts: { firstName: 'Ada', lastName: 'Lovelace', accountId: 1, salesRepId: 3, branchId: 1, useCompanyAdddress: true },
	opportunities: { reference: 'Refit 2025', branchId: 1, salesRepId: 3, salesProbability: 5, accountId1: 1, type_id: 1, statusId: 1, salesForeCastDate: '2025-06-30T00:00:00Z' },
	salesorders: { reference: 'Q-CT-1', branchId: 1, salesRepId: 3, accountId: 1, statusId: 1, currencyId: 1, salesForeCastDate: '2025-06-30T00:00:00Z' },
	salesordersLines: { productId: 1, quantity: 3, price: 24.99, salesOrderId: 1, total: 74.97 },
};
const updateBodies: Record<string, Record<string, unknown>> = {
	accounts: { phone: '0117 000 0000' },
	contacts: { email: 'ada@example.co.uk' },
	opportunities: { total: 1200 },
	salesorders: { comment: 'Call before delivery' },
	salesordersLines: { quantity: 4 },
};

describe('ForceManager simulator against the official swagger', () => {
	let h: Harness;
	let api: AxiosInstance;
	const covered = new Set<string>();

	beforeAll(async () => {
		h = await startHarness();
		api = await h.login();
	});
	afterAll(async () => {
		await h.sim.close();
	});

	function check(method: string, template: string, res: AxiosResponse, expected: number): void {
		expect({ status: res.status, body: res.data }).toEqual(expect.objectContaining({ status: expected }));
		assertValidResponse(method, template, res.status, res.data);
		covered.add(`${method} ${template}`);
	}

	it.each(VALUE_LISTS)('GET /%s (getFullList) returns rows valid against the swagger', async (list) => {
		const res = await api.get(`/${list}`, { params: { getFullList: true } });
		check('GET', `/${list}`, res, 200);
		expect(res.data.length).toBeGreaterThan(0);
	});

	it('GET /users returns users valid against UserResponse', async () => {
		const res = await api.get('/users');
		check('GET', '/users', res, 200);
		expect(res.data.map((u: { email: string }) => u.email)).toContain('ben.carter@wellsoffice.co.uk');
	});

	it.each(CORE)('%s: list, create, get, update, delete and error responses match the swagger', async (entity) => {
		assertValidRequestBody('POST', `/${entity}`, createBodies[entity]);
		const created = await api.post(`/${entity}`, createBodies[entity]);
		check('POST', `/${entity}`, created, 200);
		const id = created.data.id as number;

		check('GET', `/${entity}`, await api.get(`/${entity}`, { headers: { count: 200 } }), 200);
		check('GET', `/${entity}/{id}`, await api.get(`/${entity}/${id}`), 200);

		assertValidRequestBody('PUT', `/${entity}/{id}`, updateBodies[entity]);
		check('PUT', `/${entity}/{id}`, await api.put(`/${entity}/${id}`, updateBodies[entity]), 200);
		check('DELETE', `/${entity}/{id}`, await api.delete(`/${entity}/${id}`), 200);
		const deleted = await api.get(`/${entity}/${id}`);
		check('GET', `/${entity}/{id}`, deleted, 200);
		expect(deleted.data.deleted).toBe(true);

		// Declared errors: 400 (unknown id, invalid body, bad where) and 401 (no session).
		check('GET', `/${entity}/{id}`, await api.get(`/${entity}/999999`), 400);
		check('PUT', `/${entity}/{id}`, await api.put(`/${entity}/999999`, updateBodies[entity]), 400);
		check('DELETE', `/${entity}/{id}`, await api.delete(`/${entity}/999999`), 400);
		check('POST', `/${entity}`, await api.post(`/${entity}`, {}), 400);
		check('GET', `/${entity}`, await api.get(`/${entity}`, { params: { where: 'id ==' } }), 400);
		check('GET', `/${entity}`, await h.http.get(`/${entity}`), 401);
	});

	it.each(['accounts', 'contacts', 'opportunities', 'salesorders'])('%s: webhook insert/update registrations return WebhookResponse', async (entity) => {
		for (const action of ['insert', 'update']) {
			const body = { name: `PA ${entity} ${action}`, action, entity: entity.replace(/s$/, '').replace(/ie$/, 'y'), url: 'http://127.0.0.1:9/hook' };
			assertValidRequestBody('POST', `/${entity}/hooks/${action}`, body);
			const res = await api.post(`/${entity}/hooks/${action}`, body);
			check('POST', `/${entity}/hooks/${action}`, res, 200);
			expect(res.data).toMatchObject({ action, version: 4, deleted: false });
			check('POST', `/${entity}/hooks/${action}`, await api.post(`/${entity}/hooks/${action}`, { name: 'no url' }), 400);
		}
	});

	it('DELETE /hooks/{id} deletes a hook; unknown id is 400', async () => {
		const hook = await api.post('/hooks', { name: 'n8n', action: 'delete', entity: 'account', url: 'http://127.0.0.1:9/x' });
		expect(hook.status).toBe(200);
		check('DELETE', '/hooks/{id}', await api.delete(`/hooks/${hook.data.id}`), 200);
		check('DELETE', '/hooks/{id}', await api.delete('/hooks/424242'), 400);
	});

	it('POST /procedure/zapier_schema returns the custom-field schema envelope', async () => {
		const res = await api.post('/procedure/zapier_schema', { entity: 'empresas' }, { params: { action: 'create' } });
		check('POST', '/procedure/zapier_schema', res, 200);
		expect(res.data).toHaveProperty('data');
	});

	it('covers every path and method in the swagger', () => {
		const declared = swaggerOperations().map((o) => `${o.method} ${o.path}`);
		expect(declared.filter((d) => !covered.has(d))).toEqual([]);
	});

	it('the validators reject bodies that break the contract', () => {
		expect(validateRequestBody('POST', '/accounts', { name: 'x', branchId: 1 }).valid).toBe(false); // salesRepId1 missing
		expect(validateRequestBody('POST', '/accounts', { name: 'x', branchId: '1', salesRepId1: 1 }).valid).toBe(false);
		expect(validateRequestBody('PUT', '/api/v4/accounts/{id}', { name: null }).valid).toBe(false);
		expect(validateRequestBody('PUT', '/api/v4/accounts/{id}', { name: null }, { allowNull: true }).valid).toBe(true);
		expect(validateRequestBody('PUT', '/accounts/{id}', { nmae: 'typo' }, { noExtraProperties: true }).valid).toBe(false);
		expect(validateRequestBody('PUT', '/accounts/{id}', { Z_Region: 'typo' }, { noExtraProperties: true }).valid).toBe(true);
		expect(validateResponse('GET', '/accounts/{id}', 200, { id: 'one' }).valid).toBe(false);
		expect(validateResponse('GET', '/accounts', 200, { id: 1 }).valid).toBe(false); // not an array
		expect(validateResponse('GET', '/accounts/{id}', 404, {}).valid).toBe(false); // undeclared status
	});
});
