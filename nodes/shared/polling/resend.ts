import type { ChangeDates, ChangeEvent } from './classify';
import { toEpochMs, toIsoUtc } from './time';

/**
 * Re-send list ("no record lost after a hard failure"): FM-born records that should be in Sage
 * carry, once synced, the extId the sync wrote back (A4, C1, O1). A record an earlier poll
 * emitted that still has none never reached Sage, typically because that run failed hard after
 * n8n had already saved the advanced cursor. The trigger re-emits such records with a per-record
 * back-off; the destination stays duplicate-free (externalRef lookup, source-identity keys).
 *
 * Pure: the trigger lists the candidates (one batched call per poll) and keeps the state in its
 * node static data. Persistence follows the hold list's rule: the state only has to survive when
 * a record is re-sent, and such a poll emits, so n8n saves it; pruning in a quiet poll is simply
 * re-derived by the next one.
 */
export interface ResendEntry {
	/** Record id in the source (FM id as string). */
	id: string;
	/** Re-sends so far. */
	attempt: number;
	/** ISO UTC instant before which the record is not re-sent again (back-off). */
	next: string;
	/** ISO UTC instant of the first re-send. */
	since: string;
}

export interface ResendState {
	version: 1;
	scope: string;
	/**
	 * Oldest change stamp (ISO UTC) the trigger has reported: null when its first poll emitted
	 * everything (First Run "all"), the activation time with "start from now" (older records were
	 * never sent, so they are not re-sent either).
	 */
	from: string | null;
	entries: ResendEntry[];
}

/** A record without its Sage reference, as listed this poll. */
export interface ResendCandidate {
	id: string;
	/** Its change stamp (epoch ms), undefined when it has no audit date. */
	stamp: number | undefined;
}

export interface ResendOptions {
	now: number;
	/** This poll's lower bound (`CursorPoll.since`); null = first poll, nothing read before. */
	since: number | null;
	/** Ids this poll read again that an earlier poll had already read (`accept()` false). */
	readBefore: ReadonlySet<string>;
	/** `ResendState.from` as epoch ms; null = no lower bound. */
	from: number | null;
	/** Ids emitted by this poll as changes or hold retries, and ids in the hold list. */
	exclude: ReadonlySet<string>;
}

export interface ResendPlan {
	/** Records to re-emit now, with the attempt number they go out with. */
	due: Array<{ id: string; attempt: number }>;
	/** Next entries: only records still listed (an extId written or a deletion drops them). */
	entries: ResendEntry[];
}

export const RESEND_REASON = 'not in Sage yet';
const MINUTE = 60_000;
const MAX_BACKOFF_MINUTES = 60;

/** Wait after the `attempt`-th re-send: 1, 2, 4 … minutes, at most 60. */
export function resendBackoffMs(attempt: number): number {
	const exponent = Math.max(0, Math.floor(attempt) - 1);
	return Math.min(MAX_BACKOFF_MINUTES, 2 ** Math.min(exponent, 6)) * MINUTE;
}

/** Reads a stored state defensively; a state of another scope (entity, filter) is not reused. */
export function readResendState(raw: unknown, scope: string): ResendState | undefined {
	const state = raw as Partial<ResendState> | undefined;
	if (!state || typeof state !== 'object' || state.version !== 1 || state.scope !== scope) return undefined;
	const from = state.from === null ? null : toEpochMs(state.from);
	if (from === undefined) return undefined;
	const entries = Array.isArray(state.entries)
		? state.entries.filter(
				(e): e is ResendEntry =>
					!!e &&
					typeof e.id === 'string' &&
					typeof e.attempt === 'number' &&
					toEpochMs(e.next) !== undefined &&
					typeof e.since === 'string',
			)
		: [];
	return { version: 1, scope, from: from === null ? null : toIsoUtc(from), entries };
}

/**
 * Which listed records go out again now. A record qualifies when an earlier poll has read it (its
 * stamp is before this poll's window, or this poll read it again and the cursor knew it), so it is
 * not sent twice in its first cycle and a record written after the delta read waits for the next
 * poll; it must be inside what the trigger reports (`from`), not excluded, and its back-off must
 * have run out (a record never re-sent is due at once). Comparing with the window rather than
 * the stored mark keeps this right when the mark was capped by a clock behind the source's.
 */
export function planResends(entries: ResendEntry[], listed: ResendCandidate[], options: ResendOptions): ResendPlan {
	const byId = new Map(entries.map((e) => [e.id, e]));
	const nowIso = toIsoUtc(options.now);
	const due: ResendPlan['due'] = [];
	const next: ResendEntry[] = [];
	for (const candidate of listed) {
		const entry = byId.get(candidate.id);
		const eligible =
			options.since !== null &&
			candidate.stamp !== undefined &&
			(entry !== undefined || candidate.stamp < options.since || options.readBefore.has(candidate.id)) &&
			(options.from === null || candidate.stamp >= options.from) &&
			!options.exclude.has(candidate.id);
		const waitUntil = entry ? (toEpochMs(entry.next) ?? -Infinity) : -Infinity;
		if (!eligible || options.now < waitUntil) {
			if (entry) next.push(entry);
			continue;
		}
		const attempt = (entry?.attempt ?? 0) + 1;
		due.push({ id: candidate.id, attempt });
		next.push({
			id: candidate.id,
			attempt,
			next: toIsoUtc(options.now + resendBackoffMs(attempt)),
			since: entry?.since ?? nowIso,
		});
	}
	return { due, entries: next };
}

/**
 * The event a re-sent record goes out with: the one its first emission most likely had (Sage
 * never saw it). Created after the trigger began reporting (or with First Run "all") = `created`;
 * otherwise `updated`. Falls back to `updated` when only that is watched and the record has an
 * update; undefined when the workflow watches neither.
 */
export function resendEvent(dates: ChangeDates, from: number | null, events: readonly ChangeEvent[]): ChangeEvent | undefined {
	const createdInside = from === null || (dates.created !== undefined && dates.created >= from);
	const preferred: ChangeEvent = createdInside ? 'created' : 'updated';
	if (events.includes(preferred)) return preferred;
	const hasUpdate = dates.updated !== undefined;
	if (preferred === 'created' && hasUpdate && events.includes('updated')) return 'updated';
	return undefined;
}

export function resendState(entries: ResendEntry[], scope: string, from: number | null): ResendState {
	return { version: 1, scope, from: from === null ? null : toIsoUtc(from), entries };
}
