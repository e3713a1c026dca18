// Field-level two-way merges against the last-synced snapshot (point 5): edits to different fields on
// the two sides are both kept; a same-field conflict follows the policy and is reported with both
// values; no clock decides whether there is a conflict.
import { conflictWinner, describeConflicts, mergeChanges, type MergeInput } from '../../../nodes/shared/sync/merge';

const snapshot = { E_MAIL: 'old@x', TELEPHONE: '111', NOTES: 'n' };
const input = (over: Partial<MergeInput>): MergeInput => ({
	entity: 'contact',
	destination: 'sage50',
	changed: [],
	incoming: {},
	existing: {},
	snapshot,
	policy: 'sageWins',
	sourceChangedAt: '2030-01-01T10:00:00Z',
	destinationChangedAt: '2030-01-01T09:00:00Z',
	...over,
});

describe('merge against the last-synced snapshot', () => {
	test('C1: FM changed the phone, Sage changed the e-mail → the phone is written, the e-mail kept (both edits survive)', () => {
		const r = mergeChanges(
			input({ changed: ['E_MAIL', 'TELEPHONE'], incoming: { E_MAIL: 'old@x', TELEPHONE: '222' }, existing: { E_MAIL: 'person@x', TELEPHONE: '111' } }),
		);
		expect(r).toEqual({ write: ['TELEPHONE'], kept: ['E_MAIL'], conflicts: [] });
	});

	test('a same-field conflict follows the policy and lists both values; equal edits are no conflict', () => {
		const both = input({ changed: ['E_MAIL'], incoming: { E_MAIL: 'fm@x' }, existing: { E_MAIL: 'sage@x' } });
		expect(mergeChanges(both)).toEqual({ write: [], kept: ['E_MAIL'], conflicts: [{ field: 'E_MAIL', sage: 'sage@x', forceManager: 'fm@x', kept: 'sage' }] });
		expect(mergeChanges({ ...both, policy: 'forceManagerWins' })).toEqual({
			write: ['E_MAIL'],
			kept: [],
			conflicts: [{ field: 'E_MAIL', sage: 'sage@x', forceManager: 'fm@x', kept: 'forceManager' }],
		});
		expect(describeConflicts(mergeChanges(both).conflicts)).toBe('E_MAIL: Sage "sage@x" vs ForceManager "fm@x", kept Sage');
	});

	test('clock skew never creates a conflict: without a same-field edit, timestamps are not read', () => {
		const skewed = input({ changed: ['TELEPHONE'], incoming: { TELEPHONE: '222' }, existing: { TELEPHONE: '111' }, sourceChangedAt: '1999-01-01T00:00:00Z', policy: 'latestChangeWins' });
		expect(mergeChanges(skewed)).toEqual({ write: ['TELEPHONE'], kept: [], conflicts: [] });
	});

	test('latestChangeWins decides a real conflict by the two clocks, Sage on ties or unknown times', () => {
		expect(conflictWinner('latestChangeWins', 'sage50', '2030-01-01T10:00:00Z', '2030-01-01T09:00:00Z')).toBe('forceManager');
		expect(conflictWinner('latestChangeWins', 'sage50', '2030-01-01T08:00:00Z', '2030-01-01T09:00:00Z')).toBe('sage50');
		expect(conflictWinner('latestChangeWins', 'forceManager', '2030-01-01T10:00:00.400Z', '2030-01-01T10:00:00Z')).toBe('sage50');
		expect(conflictWinner('latestChangeWins', 'forceManager', null, '2030-01-01T10:00:00Z')).toBe('sage50');
	});

	test('a pair never synced: differing values are conflicts decided by the policy; an empty destination field is filled', () => {
		const r = mergeChanges(
			input({ snapshot: null, changed: ['E_MAIL', 'NOTES'], incoming: { E_MAIL: 'fm@x', NOTES: 'hello' }, existing: { E_MAIL: 'sage@x', NOTES: '' } }),
		);
		expect(r.write).toEqual(['NOTES']);
		expect(r.conflicts.map((c) => [c.field, c.kept])).toEqual([['E_MAIL', 'sage']]);
	});

	test('fields outside the pair lists are written as they differ (nothing to merge against)', () => {
		expect(mergeChanges(input({ changed: ['TAX_CODE'], incoming: { TAX_CODE: 'T1' }, existing: { TAX_CODE: 'T0' } })).write).toEqual(['TAX_CODE']);
	});

	test('ForceManager side: lookups compare by id; C1 a contact moved to another account in ForceManager is kept, not reverted', () => {
		const r = mergeChanges({
			...input({}),
			destination: 'forceManager',
			changed: ['accountId'],
			incoming: { accountId: 17 },
			existing: { accountId: { id: 23, value: 'Other Ltd' } },
			snapshot: { accountId: 17 },
		});
		expect(r).toEqual({ write: [], kept: ['accountId'], conflicts: [] });
	});
});
