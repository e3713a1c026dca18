import { instantsForWallClock, sageTimestampToUtc, toModifiedSince } from '../../../nodes/shared/sage50/time';
import { DateTime } from 'luxon';

describe('Sage UK local time', () => {
	it('keeps an instant with offset and writes it in UK local time with its offset', () => {
		expect(toModifiedSince('2025-07-01T09:00:00Z')).toBe('2025-07-01T10:00:00+01:00');
		expect(toModifiedSince('2025-01-15T09:00:00Z')).toBe('2025-01-15T09:00:00+00:00');
		expect(toModifiedSince(new Date('2025-07-01T09:00:00.750Z'))).toBe('2025-07-01T10:00:00+01:00');
	});

	it('reads a wall-clock time without offset in Europe/London (BST in summer)', () => {
		expect(toModifiedSince('2025-07-01T10:00:00')).toBe('2025-07-01T10:00:00+01:00');
		expect(toModifiedSince('2025-07-01 10:00:00')).toBe('2025-07-01T10:00:00+01:00');
	});

	it('takes the earlier (BST) instant in the repeated autumn hour, so an inclusive filter skips nothing', () => {
		expect(toModifiedSince('2025-10-26T01:30:00')).toBe('2025-10-26T01:30:00+01:00');
		const both = instantsForWallClock(DateTime.fromISO('2025-10-26T01:30:00', { zone: 'Europe/London' }));
		expect(both.map((d) => d.toUTC().toISO())).toEqual(['2025-10-26T00:30:00.000Z', '2025-10-26T01:30:00.000Z']);
	});

	it('moves a time in the spring-forward gap to a real instant', () => {
		// 01:30 does not exist that night; luxon moves it forward by the missing hour.
		expect(toModifiedSince('2025-03-30T01:30:00')).toBe('2025-03-30T02:30:00+01:00');
	});

	it('turns bridge stamps on both sides of the fall-back into increasing UTC instants', () => {
		const bst = sageTimestampToUtc('2025-10-26T01:59:59+01:00');
		const gmt = sageTimestampToUtc('2025-10-26T01:00:00+00:00');
		expect(bst).toBe('2025-10-26T00:59:59Z');
		expect(gmt).toBe('2025-10-26T01:00:00Z');
		expect(Date.parse(gmt!)).toBeGreaterThan(Date.parse(bst!));
		expect(sageTimestampToUtc(null)).toBeNull();
	});

	it('rejects text that is no date', () => {
		expect(() => toModifiedSince('yesterday')).toThrow(/not a date/);
		expect(toModifiedSince('')).toBeUndefined();
	});
});
