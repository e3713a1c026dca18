import { WRITES_EXECUTION, runIdentity } from '../../../nodes/Sage50Uki/actions/common/write';
import {
	executionItemKey,
	explicitKey,
	idempotencyKey,
	payloadHash,
	type RunIdentity,
	sourceIdentityKey,
	stableStringify,
} from '../../../nodes/shared/sage50/idempotency';
import { createExecuteContext } from '../../support/n8nContext';

describe('Sage 50 idempotency keys', () => {
	const base = { operation: 'create', entity: 'sales-orders', sourceKey: 'FM-4711', payload: { ACCOUNT_REF: 'ABS001', ITEMS: [{ STOCK_CODE: 'PAPER001', QTY_ORDER: 2 }] } };

	it('O1: the same input always gives the same key, whatever the key order of the payload', () => {
		const reordered = { ...base, payload: { ITEMS: [{ QTY_ORDER: 2, STOCK_CODE: 'PAPER001' }], ACCOUNT_REF: 'ABS001' } };
		expect(idempotencyKey(base)).toBe(idempotencyKey(reordered));
		expect(stableStringify({ b: 1, a: [2, { d: 1, c: null }] })).toBe('{"a":[2,{"c":null,"d":1}],"b":1}');
	});

	it('differs by operation, entity, source key, payload and salt', () => {
		const key = idempotencyKey(base);
		expect(idempotencyKey({ ...base, operation: 'update' })).not.toBe(key);
		expect(idempotencyKey({ ...base, entity: 'customers' })).not.toBe(key);
		expect(idempotencyKey({ ...base, sourceKey: 'FM-4712' })).not.toBe(key);
		expect(idempotencyKey({ ...base, payload: { ...base.payload, ACCOUNT_REF: 'KIN001' } })).not.toBe(key);
		expect(idempotencyKey({ ...base, salt: '2025-01-01T10:00:00+00:00' })).not.toBe(key);
	});

	it('is readable, printable and within the contract length even for huge source keys', () => {
		expect(idempotencyKey(base)).toMatch(/^n8n:sales-orders:create:FM-4711:[0-9a-f]{32}$/);
		const long = idempotencyKey({ ...base, sourceKey: 'ü x'.repeat(300) });
		expect(long.length).toBeLessThanOrEqual(200);
		expect(long).toMatch(/^[\x21-\x7e]+$/);
		// Truncation of the readable part never merges two different keys: the hash covers all.
		expect(idempotencyKey({ ...base, sourceKey: 'A'.repeat(100) + '1' })).not.toBe(idempotencyKey({ ...base, sourceKey: 'A'.repeat(100) + '2' }));
		expect(idempotencyKey({ ...base, sourceKey: null })).toContain(':-:');
	});

	it('undefined fields do not change the hash (they are not sent either)', () => {
		expect(payloadHash({ a: 1, b: undefined })).toBe(payloadHash({ a: 1 }));
	});

	it('validates an explicit key against the contract', () => {
		expect(explicitKey('  my-key ')).toBe('my-key');
		expect(explicitKey('')).toBeUndefined();
		expect(explicitKey(undefined)).toBeUndefined();
		expect(() => explicitKey('x'.repeat(201))).toThrow(/1–200/);
		expect(() => explicitKey('naïve')).toThrow(/printable/);
	});
});

describe('Sage 50 create keys (Define Below)', () => {
	const run: RunIdentity = { instanceId: 'inst-1', workflowId: 'wf-1', executionId: '1234', nodeId: 'node-uuid-1', runIndex: 0 };
	const key = (r: Partial<RunIdentity> = {}, item = 0) => executionItemKey('sales-orders', 'create-salesOrder', { ...run, ...r }, item);

	it('by execution and item: readable, stable for the same execution, node, run and item', () => {
		expect(key()).toMatch(/^n8n:sales-orders:create-salesOrder:exec-1234-item-0:[0-9a-f]{32}$/);
		expect(key()).toBe(key());
	});

	it('a genuine repeat (another execution) gets another key; so do another item, node, loop run, workflow or n8n instance', () => {
		const all = [
			key(),
			key({ executionId: '1235' }),
			key({}, 1),
			key({ nodeId: 'node-uuid-2' }),
			key({ runIndex: 1 }),
			key({ workflowId: 'wf-2' }),
			key({ instanceId: 'inst-2' }),
			executionItemKey('sales-orders', 'create-quotation', run, 0),
		];
		expect(new Set(all).size).toBe(all.length);
	});

	it('by source identity: independent of where it runs, distinct per entity, operation, id and scope', () => {
		expect(sourceIdentityKey('sales-orders', 'create-quotation', 'FM-900')).toMatch(/^n8n:sales-orders:create-quotation:FM-900:[0-9a-f]{32}$/);
		const all = [
			sourceIdentityKey('sales-orders', 'create-quotation', 'FM-900'),
			sourceIdentityKey('sales-orders', 'create-salesOrder', 'FM-900'),
			sourceIdentityKey('customers', 'create-quotation', 'FM-900'),
			sourceIdentityKey('sales-orders', 'create-quotation', 'FM-901'),
			sourceIdentityKey('sales-orders', 'upsert-create', 'FM-900', 'Quotation|ABS001|CUST_ORDER_NUMBER'),
			sourceIdentityKey('sales-orders', 'upsert-create', 'FM-900', 'Sales Order|ABS001|CUST_ORDER_NUMBER'),
			sourceIdentityKey('sales-orders', 'upsert-create', 'FM-900', 'Sales Order|KIN001|CUST_ORDER_NUMBER'),
		];
		expect(new Set(all).size).toBe(all.length);
		// Never the same as a payload-derived key for the same source key.
		expect(all[0]).not.toBe(idempotencyKey({ operation: 'create-quotation', entity: 'sales-orders', sourceKey: 'FM-900', payload: {} }));
	});
});

describe('Sage 50 run identity (where a Define Below create runs)', () => {
	const ctx = (extra: Parameters<typeof createExecuteContext>[0] = {}) =>
		createExecuteContext({ node: { id: 'node-uuid-1', name: 'Create Order' }, ...extra });

	it('reads workflow, execution, node and run, and records the execution as custom data', () => {
		const customData: Record<string, string> = {};
		expect(runIdentity.call(ctx({ executionId: '77', workflowId: 'wfA', runIndex: 2, customData }))).toEqual({
			instanceId: 'test-instance',
			workflowId: 'wfA',
			executionId: '77',
			nodeId: 'node-uuid-1',
			runIndex: 2,
		});
		expect(customData).toEqual({ [WRITES_EXECUTION]: '77' });
	});

	it("an n8n Retry (new execution id, the failed run's custom data carried over) derives from the execution it retries", () => {
		const customData: Record<string, string> = {};
		const first = runIdentity.call(ctx({ executionId: '100', customData }));
		const retry = runIdentity.call(ctx({ executionId: '101', customData }));
		const retryOfRetry = runIdentity.call(ctx({ executionId: '102', customData }));
		expect([first.executionId, retry.executionId, retryOfRetry.executionId]).toEqual(['100', '100', '100']);
		// A new execution has fresh custom data: its own id.
		expect(runIdentity.call(ctx({ executionId: '103' })).executionId).toBe('103');
	});

	it('custom data full (n8n keeps 10 keys): the current execution id, so only retries inside it replay', () => {
		const customData = Object.fromEntries(Array.from({ length: 10 }, (_, i) => [`k${i}`, 'v']));
		expect(runIdentity.call(ctx({ executionId: '200', customData })).executionId).toBe('200');
		expect(runIdentity.call(ctx({ executionId: '201', customData })).executionId).toBe('201');
	});

	it('no execution id (outside a real run): unique per node run, one identity for the whole run', () => {
		const a = ctx();
		const b = ctx();
		expect(runIdentity.call(a).executionId).toMatch(/^run-[0-9a-f-]{36}$/);
		expect(runIdentity.call(a)).toBe(runIdentity.call(a));
		expect(runIdentity.call(b).executionId).not.toBe(runIdentity.call(a).executionId);
	});
});
