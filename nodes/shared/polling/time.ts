import { DateTime } from 'luxon';

/**
 * Reads a change timestamp as epoch milliseconds, or `undefined` when it is empty or unreadable.
 *
 * - ISO strings with `Z` or an offset (ForceManager: UTC, 0–3 fractional digits) are exact.
 * - Strings without an offset (Sage 50's `RECORD_MODIFY_DATE`, local wall-clock time, ISO or
 *   `yyyy-MM-dd HH:mm:ss`) are read in `zone`, e.g. `Europe/London`. In the repeated hour of the
 *   autumn clock change luxon picks the later offset (GMT), so stamps from the first pass of
 *   that hour land an hour late; the cursor's rewind on `sourceNow` absorbs that (see cursor.ts).
 * - Numbers are taken as epoch milliseconds, Dates as themselves.
 */
export function toEpochMs(value: unknown, zone = 'utc'): number | undefined {
	if (value === null || value === undefined || value === '') return undefined;
	if (typeof value === 'number') return Number.isFinite(value) ? value : undefined;
	if (value instanceof Date) return Number.isNaN(value.getTime()) ? undefined : value.getTime();
	if (typeof value !== 'string') return undefined;
	const text = value.trim();
	let parsed = DateTime.fromISO(text, { zone, setZone: true });
	if (!parsed.isValid) parsed = DateTime.fromSQL(text, { zone, setZone: true });
	return parsed.isValid ? parsed.toMillis() : undefined;
}

/** Epoch milliseconds as an ISO-8601 UTC string with milliseconds (`2024-05-01T10:00:00.000Z`). */
export function toIsoUtc(ms: number): string {
	return new Date(ms).toISOString();
}
