import {
	planResends,
	readResendState,
	resendBackoffMs,
	resendEvent,
	resendState,
	type ResendEntry,
} from '../../../nodes/shared/polling';

const MIN = 60_000;
const T0 = Date.parse('2025-03-01T10:00:00.000Z');
const iso = (ms: number) => new Date(ms).toISOString();
const none = new Set<string>();

describe('re-send list (records not yet in Sage)', () => {
	test('back-off: 1, 2, 4 … minutes after each re-send, never more than 60', () => {
		expect([1, 2, 3, 4, 5, 6, 7, 8, 20].map((a) => resendBackoffMs(a) / MIN)).toEqual([1, 2, 4, 8, 16, 32, 60, 60, 60]);
	});

	test('A4: a record read by an earlier poll and still without extId is due at once (attempt 1), then waits', () => {
		const first = planResends([], [{ id: '7', stamp: T0 }], { now: T0 + 10_000, since: T0 + 1, readBefore: none, from: null, exclude: none });
		expect(first.due).toEqual([{ id: '7', attempt: 1 }]);
		expect(first.entries).toEqual([{ id: '7', attempt: 1, next: iso(T0 + 10_000 + MIN), since: iso(T0 + 10_000) }]);

		const early = planResends(first.entries, [{ id: '7', stamp: T0 }], { now: T0 + 30_000, since: T0 + 1, readBefore: none, from: null, exclude: none });
		expect(early.due).toEqual([]);
		expect(early.entries).toEqual(first.entries);

		const later = planResends(first.entries, [{ id: '7', stamp: T0 }], { now: T0 + 10_000 + MIN, since: T0 + 1, readBefore: none, from: null, exclude: none });
		expect(later.due).toEqual([{ id: '7', attempt: 2 }]);
		expect(later.entries[0]).toEqual({ id: '7', attempt: 2, next: iso(T0 + 10_000 + 3 * MIN), since: iso(T0 + 10_000) });
	});

	test('a record inside this poll\'s window is re-sent only when the cursor knew it (not in its first cycle)', () => {
		const plan = planResends([], [{ id: '7', stamp: T0 + 1 }], { now: T0 + MIN, since: T0 + 1, readBefore: none, from: null, exclude: none });
		expect(plan).toEqual({ due: [], entries: [] });
		const known = planResends([], [{ id: '7', stamp: T0 + 1 }], { now: T0 + MIN, since: T0 + 1, readBefore: new Set(['7']), from: null, exclude: none });
		expect(known.due).toEqual([{ id: '7', attempt: 1 }]);
		const firstPoll = planResends([], [{ id: '7', stamp: T0 }], { now: T0 + MIN, since: null, readBefore: none, from: null, exclude: none });
		expect(firstPoll.due).toEqual([]);
	});

	test('A4: a record this trigger sent (entry with attempt 0) is due at the next poll even inside the overlap window and unknown to the cursor', () => {
		const sent: ResendEntry[] = [{ id: '7', attempt: 0, next: iso(T0), since: iso(T0) }];
		const plan = planResends(sent, [{ id: '7', stamp: T0 + 1 }], { now: T0 + MIN, since: T0 + 1, readBefore: none, from: null, exclude: none });
		expect(plan.due).toEqual([{ id: '7', attempt: 1 }]);
		expect(plan.entries[0]).toMatchObject({ id: '7', attempt: 1, since: iso(T0) });
	});

	test('records before "from" (never reported: First Run "now") and records without a stamp are not re-sent', () => {
		const plan = planResends([], [{ id: '1', stamp: T0 - 1 }, { id: '2', stamp: undefined }], {
			now: T0 + MIN,
			since: T0 + 1000, readBefore: none,
			from: T0,
			exclude: none,
		});
		expect(plan.due).toEqual([]);
	});

	test('excluded records (emitted by this poll, in the hold list) keep their entry but are not re-sent', () => {
		const entry: ResendEntry = { id: '7', attempt: 3, next: iso(T0), since: iso(T0 - 10 * MIN) };
		const plan = planResends([entry], [{ id: '7', stamp: T0 - MIN }], { now: T0 + MIN, since: T0 + 1, readBefore: none, from: null, exclude: new Set(['7']) });
		expect(plan).toEqual({ due: [], entries: [entry] });
	});

	test('an entry leaves when its record is no longer listed (extId written back, or deleted)', () => {
		const entry: ResendEntry = { id: '7', attempt: 1, next: iso(T0), since: iso(T0) };
		expect(planResends([entry], [], { now: T0, since: T0 + 1, readBefore: none, from: null, exclude: none }).entries).toEqual([]);
	});

	test('event: created inside the reported range (or First Run "all") → created; older → updated; filters respected', () => {
		const dates = { created: T0, updated: T0 + MIN, isDeleted: false };
		expect(resendEvent(dates, null, ['created', 'updated', 'deleted'])).toBe('created');
		expect(resendEvent(dates, T0 + 1, ['created', 'updated'])).toBe('updated');
		expect(resendEvent(dates, null, ['updated'])).toBe('updated');
		expect(resendEvent({ created: T0, isDeleted: false }, null, ['updated'])).toBeUndefined();
		expect(resendEvent(dates, T0 + 1, ['created'])).toBeUndefined();
	});

	test('state round-trips; another scope or a broken blob is not reused', () => {
		const entries: ResendEntry[] = [{ id: '7', attempt: 1, next: iso(T0), since: iso(T0) }];
		const state = resendState(entries, 'accounts|', T0);
		expect(readResendState(JSON.parse(JSON.stringify(state)), 'accounts|')).toEqual(state);
		expect(readResendState(state, 'contacts|')).toBeUndefined();
		expect(readResendState({ version: 1, scope: 'accounts|', from: 'nonsense', entries }, 'accounts|')).toBeUndefined();
		expect(readResendState({ version: 1, scope: 'a', from: null, entries: [{ id: 7 }, null, ...entries] }, 'a')?.entries).toEqual(entries);
	});
});
