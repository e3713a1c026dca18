import {
	cursorFromBeginning,
	cursorStartingAt,
	readCursorState,
	startPoll,
	type PollingCursorOptions,
	type PollingCursorState,
} from '../../../nodes/shared/polling';

/** A source table as a polling trigger sees it: current state only, filtered by `stamp >= since`. */
class Source {
	rows = new Map<string, number>();
	set(id: string, stamp: number) {
		this.rows.set(id, stamp);
	}
	read(since: number | null) {
		return [...this.rows.entries()]
			.filter(([, stamp]) => since === null || stamp >= since)
			.sort((a, b) => a[0].localeCompare(b[0]))
			.map(([id, changedAt]) => ({ id, changedAt }));
	}
}

const T = Date.parse('2025-03-01T10:00:00.000Z');
const s = (seconds: number) => T + seconds * 1000;

/** One complete poll: read, filter, advance. Returns the emitted ids and the new state. */
function poll(source: Source, state: PollingCursorState | undefined, options: PollingCursorOptions) {
	const cursor = startPoll(state, options);
	const emitted = source.read(cursor.since).filter((change) => cursor.accept(change));
	return { emitted: emitted.map((change) => change.id), state: cursor.finish(), since: cursor.since };
}

describe('polling cursor', () => {
	const options = { overlapMs: 10_000 };

	test('first poll from the beginning emits everything and sets the high-water mark', () => {
		const source = new Source();
		source.set('1', s(0));
		source.set('2', s(5));
		const first = poll(source, cursorFromBeginning('accounts'), options);
		expect(first.since).toBeNull();
		expect(first.emitted).toEqual(['1', '2']);
		expect(first.state.highWater).toBe('2025-03-01T10:00:05.000Z');
		expect(first.state.scope).toBe('accounts');
	});

	test('records sharing one timestamp arriving across two polls are neither skipped nor repeated', () => {
		const source = new Source();
		for (const id of ['a', 'b', 'c']) source.set(id, s(0));
		const first = poll(source, cursorStartingAt(s(-60)), options);
		expect(first.emitted).toEqual(['a', 'b', 'c']);
		// Two more rows committed later with the very same (second-resolution) timestamp.
		source.set('d', s(0));
		source.set('e', s(0));
		const second = poll(source, first.state, options);
		expect(second.since).toBe(s(-10));
		expect(second.emitted).toEqual(['d', 'e']);
		const third = poll(source, second.state, options);
		expect(third.emitted).toEqual([]);
	});

	test('a record written late with a stamp inside the overlap window is emitted', () => {
		const source = new Source();
		source.set('new', s(30));
		const first = poll(source, cursorStartingAt(s(0)), options);
		expect(first.emitted).toEqual(['new']);
		source.set('late', s(25)); // committed after the poll, stamped before the mark
		const second = poll(source, first.state, options);
		expect(second.emitted).toEqual(['late']);
	});

	test('without an overlap a late record behind the mark is lost: the window is what saves it', () => {
		const source = new Source();
		source.set('new', s(30));
		const first = poll(source, cursorStartingAt(s(0)), { overlapMs: 0 });
		source.set('late', s(25));
		expect(poll(source, first.state, { overlapMs: 0 }).emitted).toEqual([]);
	});

	test('a record updated again is emitted again, once per change', () => {
		const source = new Source();
		source.set('1', s(1));
		const first = poll(source, cursorStartingAt(s(0)), options);
		source.set('1', s(2)); // re-updated inside the overlap window
		const second = poll(source, first.state, options);
		expect(second.emitted).toEqual(['1']);
		expect(poll(source, second.state, options).emitted).toEqual([]);
		source.set('1', s(500)); // much later
		const fourth = poll(source, second.state, options);
		expect(fourth.emitted).toEqual(['1']);
		expect(fourth.state.highWater).toBe('2025-03-01T10:08:20.000Z');
	});

	test('an empty poll leaves the state as it was', () => {
		const source = new Source();
		source.set('1', s(1));
		const first = poll(source, cursorStartingAt(s(0)), options);
		const second = poll(source, first.state, options);
		expect(second.emitted).toEqual([]);
		expect(second.state).toEqual(first.state);
		const empty = poll(new Source(), cursorStartingAt(s(0)), options);
		expect(empty.state.highWater).toBe('2025-03-01T10:00:00.000Z');
		expect(poll(new Source(), cursorFromBeginning(), options).state.highWater).toBeNull();
	});

	test('a poll that is not finished does not touch the stored state', () => {
		const source = new Source();
		source.set('1', s(1));
		const state = poll(source, cursorStartingAt(s(0)), options).state;
		const snapshot = JSON.parse(JSON.stringify(state));
		source.set('2', s(3));
		const failed = startPoll(state, options);
		for (const change of source.read(failed.since)) failed.accept(change);
		// …the read fails on its second page: finish() is never called.
		expect(state).toEqual(snapshot);
		expect(poll(source, state, options).emitted).toEqual(['2']);
	});

	test('state survives a JSON round trip with identical behaviour', () => {
		const source = new Source();
		for (const id of ['x', 'y']) source.set(id, s(7));
		const first = poll(source, cursorStartingAt(s(0)), options);
		const stored = JSON.parse(JSON.stringify(first.state)) as unknown;
		const restored = readCursorState(stored);
		expect(restored).toEqual(first.state);
		source.set('z', s(7));
		expect(poll(source, restored, options).emitted).toEqual(['z']);
	});

	test('the seen-set keeps only tokens inside the next window', () => {
		const source = new Source();
		source.set('old', s(0));
		const first = poll(source, cursorStartingAt(s(-1)), options);
		expect(Object.keys(first.state.seen)).toEqual(['old']);
		source.set('new', s(100));
		const second = poll(source, first.state, options);
		expect(second.emitted).toEqual(['new']);
		expect(Object.keys(second.state.seen)).toEqual(['new']);
	});

	test('the seen-set is bounded: the oldest tokens go first', () => {
		const source = new Source();
		for (let i = 0; i < 50; i++) source.set(`r${String(i).padStart(2, '0')}`, s(i % 5));
		const bounded = { overlapMs: 60_000, maxSeen: 20 };
		const first = poll(source, cursorStartingAt(s(-1)), bounded);
		expect(first.emitted).toHaveLength(50);
		const stamps = Object.values(first.state.seen).map(Number);
		expect(stamps).toHaveLength(20);
		expect(Math.min(...stamps)).toBeGreaterThanOrEqual(s(3));
		// Over the bound the engine prefers repeating to skipping: evicted rows come back.
		const second = poll(source, first.state, bounded);
		expect(second.emitted.length).toBe(30);
	});

	describe('clock going backwards', () => {
		test('a change stamped earlier than the one already emitted is still a new change', () => {
			const source = new Source();
			source.set('1', s(5));
			const first = poll(source, cursorStartingAt(s(0)), options);
			source.set('1', s(2)); // the source clock was set back between the two edits
			const second = poll(source, first.state, options);
			expect(second.emitted).toEqual(['1']);
			expect(second.state.highWater).toBe(first.state.highWater); // the mark never moves back
		});

		test('when the source clock is behind the mark the window rewinds to it', () => {
			const source = new Source();
			source.set('future', s(3600)); // written while the clock was an hour fast
			const first = poll(source, cursorStartingAt(s(0)), { ...options, sourceNow: s(3601) });
			expect(first.state.highWater).toBe('2025-03-01T11:00:00.000Z');
			source.set('after-fix', s(60)); // clock corrected: new stamps are behind the mark
			const second = poll(source, first.state, { ...options, sourceNow: s(61) });
			expect(second.since).toBe(s(51));
			expect(second.emitted).toEqual(['after-fix']); // 'future' is not repeated
			expect(second.state.highWater).toBe('2025-03-01T10:01:01.000Z'); // back to the source's now
		});

		test('the mark never passes sourceNow, so rows written during a long poll are read again', () => {
			const source = new Source();
			source.set('during', s(120)); // stamped after the poll began at s(100)
			const first = poll(source, cursorStartingAt(s(0)), { overlapMs: 0, sourceNow: s(100) });
			expect(first.emitted).toEqual(['during']);
			expect(first.state.highWater).toBe('2025-03-01T10:01:40.000Z');
			source.set('also-during', s(110)); // committed late, stamped before 'during'
			const second = poll(source, first.state, { overlapMs: 0, sourceNow: s(200) });
			expect(second.emitted).toEqual(['also-during']);
		});
	});

	describe('readCursorState', () => {
		test('rejects missing, foreign and malformed state', () => {
			expect(readCursorState(undefined)).toBeUndefined();
			expect(readCursorState({})).toBeUndefined();
			expect(readCursorState({ version: 2, highWater: null, seen: {} })).toBeUndefined();
			expect(readCursorState({ version: 1, highWater: 'yesterday', seen: {} })).toBeUndefined();
			expect(readCursorState(cursorStartingAt(s(0), 'accounts'), 'contacts')).toBeUndefined();
		});

		test('keeps a valid state of the same scope and drops unreadable tokens', () => {
			const raw = { version: 1, highWater: '2025-03-01T10:00:00Z', seen: { 1: '123', 2: 7, 3: 'x' }, scope: 'a' };
			expect(readCursorState(raw, 'a')).toEqual({
				version: 1,
				highWater: '2025-03-01T10:00:00.000Z',
				seen: { 1: '123' },
				scope: 'a',
			});
		});
	});

	test('content versions tell apart changes that share a stamp', () => {
		const cursor = startPoll(cursorStartingAt(s(0)), options);
		expect(cursor.accept({ id: 'A1', changedAt: s(1), version: 'h1' })).toBe(true);
		expect(cursor.accept({ id: 'A1', changedAt: s(1), version: 'h1' })).toBe(false);
		expect(cursor.accept({ id: 'A1', changedAt: s(1), version: 'h2' })).toBe(true);
		expect(cursor.finish().seen).toEqual({ A1: `${s(1)}#h2` });
	});
});
