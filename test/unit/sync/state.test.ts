// The pair's next last-synced state: what an echo is judged against. A record the sync created must
// match its own state on every field, or its creation comes back as a change (A1: an extra poll item).
import { mapRecord, settingsWith } from '../../../nodes/shared/mapping';
import { matchesSnapshot, project } from '../../../nodes/shared/sync/snapshot';
import { proposeState } from '../../../nodes/shared/sync/state';
import * as f from '../mapping/fixtures';

const mapped = () => mapRecord(f.sageChange('customers', 'ABS001', f.customer), settingsWith({ entity: 'account', direction: 'sageToForceManager' }));
const written = (m: ReturnType<typeof mapped>) => ({ ...m.createOnly, ...m.fillIfEmpty, ...m.fields, extId: 'ABS001' });

describe('proposeState (pair state after a write)', () => {
	test('a created ForceManager account: its fields the sync did not write are empty in the state, so the record is an echo', () => {
		const m = mapped();
		// A field map without fax (overridden off): the sync never writes it.
		delete m.fields.fax;
		const state = proposeState(m, written(m), { sageKey: 'ABS001', forceManagerId: 41 }, true)!;
		// What ForceManager holds right after the create: what was written, nothing else.
		const asCreated = { id: 41, ...written(m), comment: null, deleted: false };
		expect(written(m)).not.toHaveProperty('fax');
		expect(state.forceManager).toEqual(project('account', 'forceManager', asCreated));
		expect(state.forceManager).toHaveProperty('fax', null);
		expect(matchesSnapshot('account', 'forceManager', asCreated, state.forceManager)).toBe(true);
		expect(state.sage).toEqual(m.sync.snapshot ?? null);
	});

	test('an update keeps the previous snapshot under the written fields (a field changed on its own still differs)', () => {
		const m = mapped();
		m.sync.synced = { entity: 'account', sageKey: 'ABS001', forceManagerId: '41', sage: null, forceManager: { countryId: 7, phone: 'old' } } as never;
		const state = proposeState(m, { phone: 'new' }, { sageKey: 'ABS001', forceManagerId: 41 })!;
		expect(state.forceManager).toEqual({ countryId: 7, phone: 'new' });
		// Without a previous snapshot and not created: only what was written (other fields unknown → not an echo).
		delete m.sync.synced;
		const fresh = proposeState(m, { phone: 'new' }, { sageKey: 'ABS001', forceManagerId: 41 })!;
		expect(fresh.forceManager).toEqual({ phone: 'new' });
		expect(matchesSnapshot('account', 'forceManager', { phone: 'new' }, fresh.forceManager)).toBe(false);
	});

	test('no state without both keys', () => {
		expect(proposeState(mapped(), {}, { sageKey: null, forceManagerId: 41 })).toBeUndefined();
	});
});
