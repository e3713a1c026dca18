import {
	hasMissing,
	holdListState,
	missingNeeds,
	noteChanges,
	pendingRechecks,
	readHoldList,
	settleRechecks,
	type HoldEntry,
} from '../../../nodes/shared/polling';

const T0 = '2025-03-01T10:00:00.000Z';
const T1 = '2025-03-01T10:05:00.000Z';

describe('hold list (waiting records)', () => {
	test('C1/O1: a change missing a dependency is held with its reason, event and since', () => {
		const list = noteChanges([], [{ id: '12', event: 'created', reason: 'Contact 12 waits' }, { id: '13', event: 'updated' }], T0);
		expect(list).toEqual([{ id: '12', event: 'created', reason: 'Contact 12 waits', since: T0 }]);
	});

	test('a held record changed again keeps its first event and since, takes the new reason', () => {
		const first = noteChanges([], [{ id: '12', event: 'created', reason: 'old' }], T0);
		const again = noteChanges(first, [{ id: '12', event: 'updated', reason: 'new', needs: { accounts: ['X'] } }], T1);
		expect(again).toEqual([{ id: '12', event: 'created', reason: 'new', since: T0, needs: { accounts: ['X'] } }]);
	});

	test('a held record that changes and no longer misses anything, or is deleted, leaves the list', () => {
		const list = noteChanges([], [{ id: '1', event: 'created', reason: 'r' }, { id: '2', event: 'created', reason: 'r' }], T0);
		expect(noteChanges(list, [{ id: '1', event: 'updated' }, { id: '2', event: 'deleted', reason: 'r' }], T1)).toEqual([]);
	});

	test('re-checks skip records observed in this poll; outcomes resolve, keep or drop', () => {
		const list: HoldEntry[] = [
			{ id: '1', event: 'created', reason: 'a', since: T0 },
			{ id: '2', event: 'updated', reason: 'b', since: T0, ref: '/x/2' },
			{ id: '3', event: 'created', reason: 'c', since: T0 },
			{ id: '4', event: 'created', reason: 'd', since: T0 },
		];
		expect(pendingRechecks(list, ['4']).map((e) => e.id)).toEqual(['1', '2', '3']);
		const settled = settleRechecks(list, [
			{ id: '1', outcome: 'resolved' },
			{ id: '2', outcome: 'held', reason: 'b2' },
			{ id: '3', outcome: 'gone' },
		]);
		expect(settled.resolved).toEqual([list[0]]);
		expect(settled.entries).toEqual([{ ...list[1], reason: 'b2' }, list[3]]);
	});

	test('stored state is read defensively and per scope', () => {
		const state = holdListState([{ id: '1', event: 'created', reason: 'r', since: T0 }], 'contacts|');
		const roundTrip = JSON.parse(JSON.stringify(state));
		expect(readHoldList(roundTrip, 'contacts|')).toEqual(state.entries);
		expect(readHoldList(roundTrip, 'salesorders|')).toEqual([]);
		expect(readHoldList(undefined, 'contacts|')).toEqual([]);
		expect(readHoldList({ version: 1, scope: 'contacts|', entries: [{ id: 1 }, null, { id: '2', event: 'nope', reason: '', since: T0 }] }, 'contacts|')).toEqual([]);
	});

	test('missing needs: only references not known in the other system', () => {
		const known = { accounts: new Set(['ABS001']), products: new Set(['P1']) };
		const missing = missingNeeds({ accounts: ['ABS001'], products: ['P1', 'P2'] }, known);
		expect(missing).toEqual({ accounts: [], products: ['P2'] });
		expect(hasMissing(missing)).toBe(true);
		expect(hasMissing(missingNeeds({ accounts: ['ABS001'] }, known))).toBe(false);
	});
});
