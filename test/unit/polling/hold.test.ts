import { hasMissing, missingNeeds } from '../../../nodes/shared/polling';

describe('hold needs (waiting records)', () => {
	test('missing needs: only references not known in the other system', () => {
		const known = { accounts: new Set(['ABS001']), products: new Set(['P1']) };
		const missing = missingNeeds({ accounts: ['ABS001'], products: ['P1', 'P2'] }, known);
		expect(missing).toEqual({ accounts: [], products: ['P2'] });
		expect(hasMissing(missing)).toBe(true);
		expect(hasMissing(missingNeeds({ accounts: ['ABS001'] }, known))).toBe(false);
	});
});
