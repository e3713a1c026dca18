// ForceManager lookups (notes §3): `{id, value}` / `{id, description}` on read, the int on write,
// `{id: -1}` for "nobody". The Mapper's copy of lookupId returned -1, 0 and fractions as ids; the
// trigger's did not. Ids are positive integers, so "none" is undefined everywhere now.
import { lookupId, lookupWriteForm } from '../../../nodes/shared/forcemanager/lookupFields';

describe('lookupId: the record a lookup points at', () => {
	test('read form, write form and numeric text give the id', () => {
		expect(lookupId({ id: 3, value: 'UK' })).toBe(3);
		expect(lookupId({ id: 7, description: 'Jane' })).toBe(7);
		expect(lookupId({ id: '8' })).toBe(8);
		expect(lookupId(3)).toBe(3);
		expect(lookupId('5')).toBe(5);
	});

	test('"nobody" and empty values point at nothing', () => {
		for (const none of [{ id: -1, description: ' ' }, -1, 0, '0', '', '  ', null, undefined, { value: 'x' }, 1.5, 'abc', true]) {
			expect(lookupId(none)).toBeUndefined();
		}
	});
});

describe('lookupWriteForm: what a read lookup is written back as', () => {
	test('a read lookup becomes its id as it stands, "nobody" included', () => {
		expect(lookupWriteForm({ id: 3, value: 'UK' })).toBe(3);
		expect(lookupWriteForm({ id: -1, description: ' ' })).toBe(-1);
		expect(lookupWriteForm({ id: '12', label: 'x' })).toBe('12');
		expect(lookupWriteForm({ id: 4 })).toBe(4);
	});

	test('plain values and whole records (an id among other fields) stay as they are', () => {
		const line = { id: 9, productId: { id: 2, value: 'Desk' }, quantity: 1 };
		expect(lookupWriteForm(line)).toBe(line);
		expect(lookupWriteForm(5)).toBe(5);
		expect(lookupWriteForm('text')).toBe('text');
		expect(lookupWriteForm(null)).toBeNull();
	});
});
