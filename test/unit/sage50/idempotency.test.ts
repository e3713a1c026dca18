import { explicitKey, idempotencyKey, payloadHash, stableStringify } from '../../../nodes/shared/sage50/idempotency';

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
