// Injectable clock for audit timestamps and session lifetimes (admin `POST /__admin/clock`).
// Rate limiting deliberately uses the real monotonic clock instead (see sessions.ts).
export class SimClock {
	private frozenAt: number | null = null;
	private offsetMs = 0;

	now(): Date {
		return new Date(this.frozenAt ?? Date.now() + this.offsetMs);
	}

	nowMs(): number {
		return this.now().getTime();
	}

	freeze(at: string | null): void {
		if (at === null) {
			this.frozenAt = null;
			return;
		}
		const ms = Date.parse(at);
		if (Number.isNaN(ms)) throw new Error(`frozenAt '${at}' is not an ISO date`);
		this.frozenAt = ms;
	}

	advance(seconds: number): void {
		if (this.frozenAt !== null) this.frozenAt += seconds * 1000;
		else this.offsetMs += seconds * 1000;
	}

	reset(): void {
		this.frozenAt = null;
		this.offsetMs = 0;
	}

	state(): { now: string; frozen: boolean } {
		return { now: formatTimestamp(this.now()), frozen: this.frozenAt !== null };
	}
}

/** UTC ISO with trailing zeros of the fraction trimmed, as .NET/SQL Server emit it (notes §3): `2021-11-25T12:30:31.18Z`. */
export function formatTimestamp(date: Date): string {
	const iso = date.toISOString(); // 2021-11-25T12:30:31.180Z
	const [main, fraction] = iso.slice(0, -1).split('.');
	const trimmed = (fraction ?? '').replace(/0+$/, '');
	return trimmed ? `${main}.${trimmed}Z` : `${main}Z`;
}

/** Accepts ISO-8601 and the `2018-10-10 00:00:00` form seen in a create example (notes §3). Returns epoch ms or NaN. */
export function parseTimestamp(text: string): number {
	const trimmed = text.trim();
	if (!/^\d{4}-\d{2}-\d{2}/.test(trimmed)) return NaN;
	let normalised = trimmed.replace(' ', 'T');
	// A date-time with no zone is taken as UTC, as the API stores UTC (notes §3).
	if (/T\d{2}:\d{2}(:\d{2}(\.\d+)?)?$/.test(normalised)) normalised += 'Z';
	if (/^\d{4}-\d{2}-\d{2}$/.test(normalised)) normalised += 'T00:00:00Z';
	return Date.parse(normalised);
}
