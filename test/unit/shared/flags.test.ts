// One reading of yes/no values and "deleted" for both systems. The copies this replaced disagreed:
// the upsert's and the user match's check missed "true", the value-list dropdown and the order-line
// filter missed "1" and "true", and the triggers read `readOnly` only as a real boolean.
import { flag, isDeletedInForceManager, isDeletedInSage } from '../../../nodes/shared/flags';

describe('flag: Sage 0/1 flags and ForceManager booleans', () => {
	test('every spelling of "set" counts: true, 1, "1", "true" in any case', () => {
		expect([true, 1, '1', 'true', 'True', 'TRUE'].map(flag)).toEqual([true, true, true, true, true, true]);
	});

	test('everything else is unset: false, 0, "0", "false", empty, absent, other numbers and text', () => {
		expect([false, 0, '0', 'false', '', null, undefined, 2, -1, 'yes', ' 1', {}].map(flag)).toEqual(
			Array.from({ length: 12 }, () => false),
		);
	});
});

describe('A6 C2 P4: deleted records', () => {
	test('ForceManager `deleted`: a bool, 0/1 on /sales (notes §3), "true" as some readers return it', () => {
		expect(isDeletedInForceManager({ deleted: true })).toBe(true);
		expect(isDeletedInForceManager({ deleted: 1 })).toBe(true);
		expect(isDeletedInForceManager({ deleted: '1' })).toBe(true);
		expect(isDeletedInForceManager({ deleted: 'true' })).toBe(true);
		expect(isDeletedInForceManager({ deleted: false })).toBe(false);
		expect(isDeletedInForceManager({ deleted: 0 })).toBe(false);
		expect(isDeletedInForceManager({ deleted: 'false' })).toBe(false);
		expect(isDeletedInForceManager({})).toBe(false);
	});

	test('Sage `RECORD_DELETED` 0/1; a ForceManager field of the same record does not count', () => {
		expect(isDeletedInSage({ RECORD_DELETED: 1 })).toBe(true);
		expect(isDeletedInSage({ RECORD_DELETED: '1' })).toBe(true);
		expect(isDeletedInSage({ RECORD_DELETED: 0 })).toBe(false);
		expect(isDeletedInSage({ RECORD_DELETED: null })).toBe(false);
		expect(isDeletedInSage({ deleted: true } as never)).toBe(false);
		expect(isDeletedInForceManager({ RECORD_DELETED: 1 } as never)).toBe(false);
	});
});
