import { chunk, mapChunks } from '../../../nodes/shared/batching';
import { valuesEqual } from '../../../nodes/shared/upsert/normalise';
import { diffFields, planUpsert } from '../../../nodes/shared/upsert/planner';

describe('value normalisation', () => {
	test('lookups equal their id', () => {
		expect(valuesEqual(3, { id: 3, value: 'Client' })).toBe(true);
		expect(valuesEqual({ id: 3, description: 'x' }, 3)).toBe(true);
		expect(valuesEqual(4, { id: 3, value: 'Client' })).toBe(false);
	});
	test('numbers vs numeric strings, trimming, empties, booleans, dates', () => {
		expect(valuesEqual('12.50', 12.5)).toBe(true);
		expect(valuesEqual(12.5, ' 12.5 ')).toBe(true);
		expect(valuesEqual('12.5', 13)).toBe(false);
		expect(valuesEqual('007', '7')).toBe(false); // two strings: codes stay codes
		expect(valuesEqual(' Acme ', 'Acme')).toBe(true);
		expect(valuesEqual('', null)).toBe(true);
		expect(valuesEqual(undefined, null)).toBe(true);
		expect(valuesEqual('a', null)).toBe(false);
		expect(valuesEqual(true, 'true')).toBe(true);
		expect(valuesEqual(false, 0)).toBe(true);
		expect(valuesEqual(false, null)).toBe(false);
		expect(valuesEqual('2025-01-01T00:00:00Z', '2025-01-01T00:00:00.000Z')).toBe(true);
		expect(valuesEqual('2025-01-01T00:00:00Z', '2025-01-01T00:00:01Z')).toBe(false);
		expect(valuesEqual([{ id: 1, value: 'a' }], [1])).toBe(true);
		expect(valuesEqual({ b: 1, a: '2' }, { a: 2, b: '1' })).toBe(true);
	});
});

describe('upsert planner', () => {
	const existing = [
		{ id: 10, key: 'ACME01', fields: { name: 'Acme', statusId: { id: 3, value: 'Client' }, phone: '01' } },
		{ id: 11, key: 'BETA01', fields: { name: 'Beta', statusId: { id: 2, value: 'Prospect' }, phone: null } },
		{ id: 12, key: 'DUP', fields: { name: 'd1' } },
		{ id: 13, key: 'DUP', fields: { name: 'd2' } },
	];

	test('mixed batch: create, update (changed fields only), unchanged, failed', () => {
		const plan = planUpsert(
			[
				{ index: 0, key: 'NEW01', fields: { name: 'New' } },
				{ index: 1, key: 'ACME01', fields: { name: 'Acme', statusId: 4, phone: '01' } },
				{ index: 2, key: ' BETA01 ', fields: { name: 'Beta ', statusId: 2, phone: '' } },
				{ index: 3, key: '', fields: { name: 'x' } },
				{ index: 4, key: 'DUP', fields: { name: 'x' } },
				{ index: 5, key: 'NEW01', fields: { name: 'again' } },
			],
			existing,
		);
		expect(plan).toEqual([
			{ kind: 'create', index: 0, key: 'NEW01', fields: { name: 'New' } },
			{ kind: 'update', index: 1, key: 'ACME01', id: 10, changes: { statusId: 4 }, changedFields: ['statusId'] },
			{ kind: 'unchanged', index: 2, key: 'BETA01', id: 11 },
			{ kind: 'failed', index: 3, key: '', reason: 'the key is empty' },
			expect.objectContaining({ kind: 'failed', index: 4, reason: expect.stringContaining('ids 12, 13') }),
			expect.objectContaining({ kind: 'failed', index: 5, reason: expect.stringContaining('more than once') }),
		]);
	});

	test('only fields the input supplies are compared', () => {
		// existing has phone; input omits it -> no change
		const plan = planUpsert([{ index: 0, key: 'ACME01', fields: { name: 'Acme' } }], existing);
		expect(plan[0].kind).toBe('unchanged');
	});

	test('ignored fields and case-insensitive keys', () => {
		expect(diffFields({ name: 'X', dateUpdated: 'now' }, { name: 'Y' }, { ignoreFields: ['dateUpdated'] })).toEqual([
			'name',
		]);
		const plan = planUpsert([{ index: 7, key: 'acme01', fields: {} }], existing, { caseInsensitiveKeys: true });
		expect(plan[0]).toEqual({ kind: 'unchanged', index: 7, key: 'acme01', id: 10 });
	});
});

describe('chunk', () => {
	test('splits into ≤ size chunks preserving order', () => {
		expect(chunk([1, 2, 3, 4, 5], 2)).toEqual([[1, 2], [3, 4], [5]]);
		expect(chunk([], 100)).toEqual([]);
		expect(chunk(Array.from({ length: 250 }, (_, i) => i), 100).map((c) => c.length)).toEqual([100, 100, 50]);
		expect(() => chunk([1], 0)).toThrow();
	});
	test('mapChunks passes offsets and concatenates', async () => {
		const seen: number[] = [];
		const out = await mapChunks([1, 2, 3], 2, async (batch, offset) => {
			seen.push(offset);
			return batch.map((x) => x * 10);
		});
		expect(out).toEqual([10, 20, 30]);
		expect(seen).toEqual([0, 2]);
	});
});
