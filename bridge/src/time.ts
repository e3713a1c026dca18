// Sage keeps RECORD_*_DATE as Europe/London wall-clock time at one-second resolution with no zone.
// These helpers turn UTC instants into that form (and into RFC 3339 with the explicit offset the
// contract exposes) using only Intl, so the bridge needs no time-zone library.

const ukParts = new Intl.DateTimeFormat('en-GB', {
	timeZone: 'Europe/London',
	year: 'numeric',
	month: '2-digit',
	day: '2-digit',
	hour: '2-digit',
	minute: '2-digit',
	second: '2-digit',
	hourCycle: 'h23',
});

export interface UkLocal {
	/** Sage's stored form: `YYYY-MM-DD HH:MM:SS` (no zone). */
	sage: string;
	/** RFC 3339 with the UK offset in force at that instant: `YYYY-MM-DDTHH:MM:SS+01:00`. */
	iso: string;
	/** Minutes east of UTC (0 in GMT, 60 in BST). */
	offsetMinutes: number;
	/** `YYYY-MM-DD` in UK local time. */
	date: string;
}

/** Whole-second epoch seconds of an instant (Sage keeps no sub-second part). */
export function epochSeconds(at: Date | number): number {
	const ms = typeof at === 'number' ? at : at.getTime();
	return Math.floor(ms / 1000);
}

export function ukLocal(epochSec: number): UkLocal {
	const parts: Record<string, string> = {};
	for (const p of ukParts.formatToParts(new Date(epochSec * 1000))) parts[p.type] = p.value;
	const date = `${parts.year}-${parts.month}-${parts.day}`;
	const time = `${parts.hour}:${parts.minute}:${parts.second}`;
	const localAsUtc = Date.UTC(
		Number(parts.year),
		Number(parts.month) - 1,
		Number(parts.day),
		Number(parts.hour),
		Number(parts.minute),
		Number(parts.second),
	);
	const offsetMinutes = Math.round((localAsUtc / 1000 - epochSec) / 60);
	const sign = offsetMinutes < 0 ? '-' : '+';
	const abs = Math.abs(offsetMinutes);
	const offset = `${sign}${String(Math.floor(abs / 60)).padStart(2, '0')}:${String(abs % 60).padStart(2, '0')}`;
	return { sage: `${date} ${time}`, iso: `${date}T${time}${offset}`, offsetMinutes, date };
}

/**
 * Sage's stored form `YYYY-MM-DD HH:MM:SS` (UK wall-clock) -> epoch seconds, or undefined when not
 * that form. The repeated hour when clocks go back is read as its first (BST) occurrence; a time in
 * the hour skipped when they go forward (which Sage never writes) as GMT.
 */
export function fromUkLocal(local: string): number | undefined {
	const m = /^(\d{4})-(\d{2})-(\d{2})[ T](\d{2}):(\d{2}):(\d{2})/.exec(local);
	if (!m) return undefined;
	const asUtc = Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3]), Number(m[4]), Number(m[5]), Number(m[6])) / 1000;
	const wanted = `${m[1]}-${m[2]}-${m[3]} ${m[4]}:${m[5]}:${m[6]}`;
	for (const candidate of [asUtc - 3600, asUtc]) if (ukLocal(candidate).sage === wanted) return candidate;
	return asUtc;
}

/** RFC 3339 / ISO 8601 instant (with Z or offset) -> epoch seconds, or undefined when unparseable. */
export function parseInstant(value: string): number | undefined {
	if (!/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:\d{2})$/i.test(value)) return undefined;
	const ms = Date.parse(value);
	return Number.isNaN(ms) ? undefined : Math.floor(ms / 1000);
}

const DURATION_UNITS: Record<string, number> = { s: 1, m: 60, h: 3600, d: 86400 };

/** `90`, `90s`, `15m`, `24h`, `7d` -> whole seconds (≥ 1), or undefined when not such a duration. */
export function parseDuration(value: string): number | undefined {
	const m = /^(\d+)([smhd]?)$/.exec(value.trim());
	if (!m) return undefined;
	const seconds = Number(m[1]) * DURATION_UNITS[m[2] || 's'];
	return Number.isSafeInteger(seconds) && seconds >= 1 ? seconds : undefined;
}

/**
 * Injectable clock with the controls the admin API offers: freeze at an instant, set a running
 * clock to an instant, advance by seconds. `source` is the underlying time (real time by default).
 */
export class BridgeClock {
	private offsetMs = 0;
	private frozenAtMs: number | undefined;

	constructor(private readonly source: () => Date = () => new Date()) {}

	now(): Date {
		if (this.frozenAtMs !== undefined) return new Date(this.frozenAtMs);
		return new Date(this.source().getTime() + this.offsetMs);
	}

	nowSeconds(): number {
		return epochSeconds(this.now());
	}

	freeze(at?: Date): void {
		this.frozenAtMs = (at ?? this.now()).getTime();
	}

	unfreeze(): void {
		if (this.frozenAtMs === undefined) return;
		this.offsetMs = this.frozenAtMs - this.source().getTime();
		this.frozenAtMs = undefined;
	}

	set(at: Date): void {
		if (this.frozenAtMs !== undefined) this.frozenAtMs = at.getTime();
		else this.offsetMs = at.getTime() - this.source().getTime();
	}

	advance(seconds: number): void {
		if (this.frozenAtMs !== undefined) this.frozenAtMs += seconds * 1000;
		else this.offsetMs += seconds * 1000;
	}

	reset(): void {
		this.offsetMs = 0;
		this.frozenAtMs = undefined;
	}

	get frozen(): boolean {
		return this.frozenAtMs !== undefined;
	}
}
