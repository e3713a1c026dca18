// Routing and request validation come from openapi.yaml (bridge/src/http/operations.ts): every
// documented operation is routed by its operationId, parameters and bodies are checked against their
// schemas, and Sage record bodies (x-sage-record) for shape only, leaving Sage's rules to the adapter.
import { contractRouter } from '../../../bridge/src/http/operations';
import { documentedOperationIds, documentedOperations } from './contract';
import { type Harness, startHarness } from './harness';

let h: Harness;
beforeAll(async () => (h = await startHarness()));
afterAll(() => h.bridge.close());

describe('routes from openapi.yaml', () => {
	it('refuses to start with a documented operation left without a handler, or a handler for an undocumented one', () => {
		expect(() => contractRouter({})).toThrow(/no handler for getHealth \(GET \/health\)/);
		const all = Object.fromEntries(documentedOperationIds().map((id) => [id, () => ({ status: 200, json: {} })]));
		expect(() => contractRouter(all)).not.toThrow();
		expect(() => contractRouter({ ...all, deleteCustomer: () => ({ status: 200, json: {} }) })).toThrow(/does not document: deleteCustomer/);
	});

	it('flags come from the document: /health is public (security: []), writes are the operations with an Idempotency-Key header', () => {
		const all = Object.fromEntries(documentedOperationIds().map((id) => [id, () => ({ status: 200, json: {} })]));
		const routes = contractRouter(all).routes;
		expect(routes.filter((r) => r.public).map((r) => `${r.method} ${r.template}`)).toEqual(['GET /health']);
		expect(routes.filter((r) => r.write).map((r) => `${r.method} ${r.template}`).sort()).toEqual(
			[
				'PATCH /customers/{accountRef}',
				'PATCH /customers/{accountRef}/addresses/{addressRef}',
				'PATCH /sales-orders/{orderNumber}',
				'POST /customers',
				'POST /customers/{accountRef}/addresses',
				'POST /sales-orders',
			].sort(),
		);
		expect(routes.map((r) => `${r.method} ${r.template}`).sort()).toEqual(documentedOperations().sort());
	});
});

describe('parameters checked against their schemas', () => {
	it.each([
		['/customers?limit=0', 'limit'],
		['/customers?limit=1001', 'limit'],
		['/customers?limit=ten', 'limit'],
		['/customers?includeDeleted=maybe', 'includeDeleted'],
		['/customers?modifiedSince=yesterday', 'modifiedSince'],
		['/customers?after=' + 'x'.repeat(65), 'after'],
		['/sales-orders?after=SO12', 'after'],
		['/sales-orders?orderType=5', 'orderType'],
		['/addresses?type=3', 'type'],
		['/invoices?posted=2', 'posted'],
		['/changes/customers?after=abc', 'after'],
		['/deliveries/dead-letters?limit=0', 'limit'],
	])('GET %s → 400 naming %s', async (url, field) => {
		const res = await h.api.get(url);
		expect(res.status).toBe(400);
		expect(res.data).toMatchObject({ code: 'VALIDATION_FAILED', field, message: expect.stringContaining(field) });
	});

	it('typed and defaulted: limit coerced to a number, 100 by default', async () => {
		expect((await h.api.get('/customers', { params: { limit: '3' } })).data.items).toHaveLength(3);
		const all = (await h.api.get('/customers')).data.items.length;
		expect(all).toBeGreaterThan(3);
		expect(all).toBeLessThanOrEqual(100);
	});

	it.each(['/customers/ABS001/addresses/abc', '/customers/ABS001/addresses/0', '/sales-orders/x', '/invoices/-1', '/changes/widgets', '/customers/WAYTOOLONGREF'])(
		'GET %s: a path that cannot name a record is 404',
		async (url) => {
			const res = await h.api.get(url);
			expect(res.status).toBe(404);
			expect(res.data.code).toBe('NOT_FOUND');
		},
	);
});

describe('bodies checked against their schemas', () => {
	it('Sage records for shape: JSON types, known fields, 0/1 flags, dates (Sage rules stay with the adapter)', async () => {
		const cases: Array<[unknown, string, string]> = [
			[{ NAME: 'X', FOO: 1 }, 'FOO', 'Unknown field FOO'],
			[{ NAME: 'X', CREDIT_LIMIT: 'lots' }, 'CREDIT_LIMIT', 'CREDIT_LIMIT must be a number'],
			[{ NAME: 'X', ACCOUNT_ON_HOLD: 2 }, 'ACCOUNT_ON_HOLD', 'ACCOUNT_ON_HOLD must be one of 0, 1'],
			[{ NAME: 7 }, 'NAME', 'NAME must be a string'],
		];
		for (const [body, field, message] of cases) {
			expect((await h.api.post('/customers', body, h.key())).data).toEqual({ code: 'VALIDATION_FAILED', field, message, retryable: false });
		}
		expect((await h.api.post('/customers', ['not', 'an', 'object'], h.key())).data).toMatchObject({ code: 'VALIDATION_FAILED', message: 'Request body must be a JSON object' });
		const line = await h.api.post('/sales-orders', { ACCOUNT_REF: 'ABS001', ITEMS: [{ STOCK_CODE: 'BOOK001', COLOUR: 'red' }] }, h.key());
		expect(line.data).toMatchObject({ code: 'VALIDATION_FAILED', field: 'ITEMS[0].COLOUR' });
		const date = await h.api.post('/sales-orders', { ACCOUNT_REF: 'ABS001', ORDER_DATE: '2025-02-30', ITEMS: [{ STOCK_CODE: 'BOOK001' }] }, h.key());
		expect(date.data).toMatchObject({ code: 'VALIDATION_FAILED', field: 'ORDER_DATE', message: 'ORDER_DATE must be a date (YYYY-MM-DD)' });
		// lengths and required fields are Sage's rules: the adapter's codes, naming the field (and quoting the value)
		expect((await h.api.post('/customers', { NAME: 'n'.repeat(61) }, h.key())).data).toMatchObject({ code: 'FIELD_TOO_LONG', field: 'NAME' });
		expect((await h.api.post('/customers', { TELEPHONE: '1' }, h.key())).data).toMatchObject({ code: 'REQUIRED_FIELD', field: 'NAME' });
	});

	it('delivery bodies in full: ranges, enums, required keys, item paths', async () => {
		const C = encodeURIComponent('validation:test:customers');
		const cases: Array<[string, unknown, string]> = [
			[`/deliveries/${C}/lease`, { entity: 'customers', leaseSeconds: 5 }, 'leaseSeconds'],
			[`/deliveries/${C}/lease`, { entity: 'customers', limit: 5001 }, 'limit'],
			[`/deliveries/${C}/lease`, { entity: 'customers', source: 'erp' }, 'source'],
			[`/deliveries/${C}/lease`, { source: 'sage' }, 'entity'],
			[`/deliveries/${C}/acks`, { items: [{ key: 'A', version: { order: 'one' }, outcome: 'delivered' }] }, 'items[0].version.order'],
			[`/deliveries/${C}/acks`, { items: [{ key: 'A', outcome: 'delivered' }] }, 'items[0].version'],
			[`/deliveries/${C}/offers`, { entity: 'accounts', items: [{ key: '', event: 'created', version: { order: 1 } }] }, 'items[0].key'],
			['/sync-state', { items: [{ entity: 'widget' }] }, 'items[0].entity'],
			['/sync-state/query', {}, 'entity'],
		];
		for (const [url, body, field] of cases) {
			const res = await h.api.post(url, body);
			expect([url, res.status, res.data.code, res.data.field]).toEqual([url, 400, 'VALIDATION_FAILED', field]);
		}
	});
});

