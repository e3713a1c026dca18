import {
	changeStamp,
	classifyChange,
	cursorStartingAt,
	latestChange,
	startPoll,
	toEpochMs,
	toIsoUtc,
} from '../../../nodes/shared/polling';

const ms = (iso: string) => Date.parse(iso);

describe('change classification', () => {
	test('dateUpdated null until the first update: a new record is created', () => {
		const dates = { created: ms('2025-01-01T10:00:00Z') };
		expect(latestChange(dates)).toBe('created');
		expect(changeStamp(dates)).toBe(ms('2025-01-01T10:00:00Z'));
	});

	test('a later dateUpdated makes it updated; an equal one does not', () => {
		const created = ms('2025-01-01T10:00:00Z');
		expect(latestChange({ created, updated: created + 1 })).toBe('updated');
		expect(latestChange({ created, updated: created })).toBe('created');
	});

	test('dateDeleted or the deleted flag make it deleted, and the stamp is the newest date', () => {
		const dates = { created: 1, updated: 5, deleted: 9 };
		expect(latestChange(dates)).toBe('deleted');
		expect(changeStamp(dates)).toBe(9);
		expect(latestChange({ created: 1, isDeleted: true })).toBe('deleted');
		expect(changeStamp({})).toBeUndefined();
	});

	test('created and updated between two polls is still "created" for the consumer', () => {
		const dates = { created: 100, updated: 200 };
		expect(classifyChange(dates, { since: 50, seenBefore: false })).toBe('created');
		expect(classifyChange(dates, { since: null, seenBefore: false })).toBe('created');
		expect(classifyChange(dates, { since: 50, seenBefore: true })).toBe('updated');
		expect(classifyChange(dates, { since: 150, seenBefore: false })).toBe('updated');
		expect(classifyChange({ created: 100, updated: 200, deleted: 300 }, { since: 50, seenBefore: false })).toBe(
			'deleted',
		);
	});

	test('re-update of an emitted record is "updated" (seen-set consulted at poll start)', () => {
		const cursor = startPoll(cursorStartingAt(0), { overlapMs: 1000 });
		expect(cursor.seenBefore('7')).toBe(false);
		cursor.accept({ id: 7, changedAt: 10 });
		const next = startPoll(cursor.finish(), { overlapMs: 1000 });
		expect(next.seenBefore(7)).toBe(true);
		expect(classifyChange({ created: 10, updated: 20 }, { since: next.since, seenBefore: next.seenBefore(7) })).toBe(
			'updated',
		);
	});
});

describe('timestamps', () => {
	test('ForceManager UTC stamps with 0-3 fractional digits', () => {
		expect(toEpochMs('2021-11-25T12:30:31.18Z')).toBe(ms('2021-11-25T12:30:31.180Z'));
		expect(toEpochMs('2018-10-10T00:00:00Z')).toBe(ms('2018-10-10T00:00:00.000Z'));
		expect(toEpochMs(null)).toBeUndefined();
		expect(toEpochMs('')).toBeUndefined();
		expect(toEpochMs('not a date')).toBeUndefined();
		expect(toIsoUtc(ms('2021-11-25T12:30:31.18Z'))).toBe('2021-11-25T12:30:31.180Z');
	});

	test('Sage local wall-clock stamps are read in Europe/London (BST and GMT)', () => {
		expect(toEpochMs('2025-07-01 09:00:00', 'Europe/London')).toBe(ms('2025-07-01T08:00:00Z'));
		expect(toEpochMs('2025-12-01T09:00:00', 'Europe/London')).toBe(ms('2025-12-01T09:00:00Z'));
	});

	test('autumn clock change: the repeated local hour is absorbed by rewinding to sourceNow', () => {
		const zone = 'Europe/London';
		const local = (text: string) => toEpochMs(text, zone) as number;
		// 01:40 BST (first pass of the repeated hour) is read as 01:40 GMT: an hour late.
		const cursor = startPoll(cursorStartingAt(local('2024-10-27 00:50:00')), {
			overlapMs: 60_000,
			sourceNow: local('2024-10-27 01:45:00'),
		});
		expect(cursor.accept({ id: 'first-pass', changedAt: local('2024-10-27 01:40:00') })).toBe(true);
		const state = cursor.finish();
		// Clocks go back; 01:10 GMT is behind the mark, but so is the bridge's "now" at the next poll.
		const after = startPoll(state, { overlapMs: 60_000, sourceNow: local('2024-10-27 01:11:00') });
		expect(after.since).toBeLessThanOrEqual(local('2024-10-27 01:10:00'));
		expect(after.accept({ id: 'second-pass', changedAt: local('2024-10-27 01:10:00') })).toBe(true);
		expect(after.accept({ id: 'first-pass', changedAt: local('2024-10-27 01:40:00') })).toBe(false);
	});
});
