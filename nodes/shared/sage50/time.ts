// Sage 50 keeps RECORD_*_DATE as Europe/London wall-clock time; the bridge sends it with its offset
// (`2025-10-26T01:30:00+01:00` BST, `…+00:00` GMT). These helpers turn user input into the
// RFC 3339 instant `modifiedSince` expects and bridge stamps into UTC.
import { DateTime } from 'luxon';

export const SAGE_ZONE = 'Europe/London';

const HAS_OFFSET = /(Z|[+-]\d{2}:?\d{2})$/i;

/**
 * Every instant whose wall clock in `zone` reads like `local` (0 in the spring-forward gap, 2 in
 * the autumn fall-back hour), oldest first.
 */
export function instantsForWallClock(local: DateTime): DateTime[] {
	const wall = local.toFormat("yyyy-MM-dd'T'HH:mm:ss.SSS");
	const zone = local.zoneName ?? SAGE_ZONE;
	const out: DateTime[] = [];
	for (const delta of [-60, 0, 60]) {
		const offset = local.offset + delta;
		const sign = offset < 0 ? '-' : '+';
		const abs = Math.abs(offset);
		const iso = `${wall}${sign}${String(Math.floor(abs / 60)).padStart(2, '0')}:${String(abs % 60).padStart(2, '0')}`;
		const candidate = DateTime.fromISO(iso, { setZone: true }).setZone(zone);
		if (candidate.isValid && candidate.toFormat("yyyy-MM-dd'T'HH:mm:ss.SSS") === wall) out.push(candidate);
	}
	const unique = new Map(out.map((d) => [d.toMillis(), d]));
	return [...unique.values()].sort((a, b) => a.toMillis() - b.toMillis());
}

/**
 * A date-time from the editor (ISO with or without offset, `yyyy-MM-dd HH:mm:ss`, a Date or epoch
 * ms) as an RFC 3339 string in UK local time with its offset, for `modifiedSince`. A wall-clock
 * time without offset is read in `zone`; in the repeated autumn hour the *earlier* instant is used,
 * because `modifiedSince` is inclusive and reading one hour too much is better than skipping it.
 */
export function toModifiedSince(value: unknown, zone = SAGE_ZONE): string | undefined {
	if (value === undefined || value === null || value === '') return undefined;
	let instant: DateTime | undefined;
	if (value instanceof Date) instant = DateTime.fromJSDate(value);
	else if (typeof value === 'number') instant = DateTime.fromMillis(value);
	else if (DateTime.isDateTime(value)) instant = value as DateTime;
	else {
		const text = String(value).trim();
		if (HAS_OFFSET.test(text)) {
			instant = DateTime.fromISO(text, { setZone: true });
			if (!instant.isValid) instant = DateTime.fromSQL(text, { setZone: true });
		} else {
			let local = DateTime.fromISO(text, { zone });
			if (!local.isValid) local = DateTime.fromSQL(text, { zone });
			if (local.isValid) instant = instantsForWallClock(local)[0] ?? local;
		}
	}
	if (!instant || !instant.isValid) throw new Error(`"${String(value)}" is not a date and time`);
	return instant.setZone(SAGE_ZONE).set({ millisecond: 0 }).toISO({ suppressMilliseconds: true }) ?? undefined;
}

/** A bridge timestamp as ISO UTC (`…Z`), or null when it is missing or unreadable. */
export function sageTimestampToUtc(value: unknown): string | null {
	if (typeof value !== 'string' || value === '') return null;
	const parsed = HAS_OFFSET.test(value)
		? DateTime.fromISO(value, { setZone: true })
		: instantsForWallClock(DateTime.fromISO(value, { zone: SAGE_ZONE }))[0];
	return parsed?.isValid ? parsed.toUTC().toISO({ suppressMilliseconds: true }) : null;
}
