// Pure decisions of the mapped upserts: U2 fill-if-empty and line plans (merges: test/unit/sync/merge.test.ts).
import {
	fillIfEmptyChanges,
	isEmptyValue,
	linePlanIsEmpty,
	planLines,
} from '../../../nodes/shared/upsert/sync';

describe('U2 fill if empty', () => {
	test('U2: empty means null, "", -1 and the {id: -1} nobody lookup', () => {
		for (const v of [null, undefined, '', -1, '-1', { id: -1, description: ' ' }]) expect(isEmptyValue(v)).toBe(true);
		for (const v of [3, '3', { id: 3, value: 'Ben' }]) expect(isEmptyValue(v)).toBe(false);
	});

	test('U2: only empty existing values are filled; an existing sales rep is never overwritten', () => {
		expect(fillIfEmptyChanges({ salesRepId1: 1 }, { salesRepId1: { id: 3, description: 'Ben' } })).toEqual({});
		expect(fillIfEmptyChanges({ salesRepId1: 1 }, { salesRepId1: { id: -1, description: ' ' } })).toEqual({ salesRepId1: 1 });
		expect(fillIfEmptyChanges({ salesRepId1: 1 }, {})).toEqual({ salesRepId1: 1 });
		expect(fillIfEmptyChanges(undefined, {})).toEqual({});
	});
});

describe('order lines', () => {
	const existing = [
		{ id: 7, fields: { productId: { id: 20, value: 'A4' }, quantity: 2, price: 4.5, description: null } },
		{ id: 8, fields: { productId: { id: 21, value: 'Inst' }, quantity: 1, price: 60, description: 'Fit' } },
	];

	test('identical lines (lookups vs ids, numeric text) → empty plan', () => {
		const plan = planLines([{ productId: 20, quantity: '2', price: 4.5 }, { productId: 21, quantity: 1, price: 60, description: 'Fit' }], existing);
		expect(linePlanIsEmpty(plan)).toBe(true);
	});

	test('changed, added and surplus lines are updated, created and removed by position', () => {
		expect(planLines([{ productId: 20, quantity: 3, price: 4.5 }], existing)).toEqual({
			update: [{ id: 7, changes: { quantity: 3 } }],
			create: [],
			remove: [8],
		});
		const added = planLines([...existing.map((e) => ({ ...e.fields })), { productId: 22, quantity: 1, price: 1 }], existing);
		expect(added.create).toEqual([{ productId: 22, quantity: 1, price: 1 }]);
		expect(added.update).toEqual([]);
	});
});
