import { toEpochMs, toIsoUtc } from './time';

/**
 * Durable polling cursor: a high-water mark plus the change tokens of the records already emitted
 * inside the overlap window. Stored as plain JSON in `getWorkflowStaticData('node')`.
 *
 * Each poll reads every record whose change stamp is >= `highWater - overlap` (inclusive), so
 * records sharing the newest timestamp, or written late with a stamp slightly in the past, are
 * read again; the seen-set drops the ones already emitted. A record changed again gets a new
 * stamp, hence a new token, and is emitted again. The state only changes when the caller
 * `finish()`es a complete read: a poll that throws half-way leaves the cursor where it was.
 */
export interface PollingCursorState {
	version: 1;
	/** Newest change stamp fully read (ISO UTC), or null when nothing has been read yet. */
	highWater: string | null;
	/** id -> token (`<stamp ms>` or `<stamp ms>#<version>`) of changes emitted inside the window. */
	seen: Record<string, string>;
	/** What was polled (entity, filter…); a cursor of another scope is not reused. */
	scope?: string;
}

export interface PollingCursorOptions {
	/** How far before the high-water mark each poll starts reading. */
	overlapMs: number;
	/** Upper bound of the seen-set; the oldest tokens go first (a repeat beats a skip). */
	maxSeen?: number;
	/**
	 * The source's current time when the poll began, if known. Two uses:
	 * - the high-water mark never passes it, so records written while a long poll was paging
	 *   (stamped after `sourceNow`) are read again next time instead of falling behind the mark;
	 * - when the source's clock went backwards (it is now earlier than the mark: clock fixed,
	 *   DST fall-back in local time) the poll rewinds to it rather than skipping the new stamps.
	 */
	sourceNow?: number;
	/** Newest stamp already read by earlier parts of a read split over several polls. */
	newestSoFar?: number;
}

export interface ChangeStamp {
	id: string | number;
	/** Epoch ms of the change (the newest of the record's dates). */
	changedAt: number;
	/** Optional content version (e.g. a hash) for sources whose stamps can stay unchanged. */
	version?: string;
}

export interface CursorPoll {
	/** Inclusive lower bound for the query (epoch ms), or null to read everything. */
	readonly since: number | null;
	readonly sinceIso: string | null;
	/** Whether the id was in the seen-set when this poll began (see classifyChange). */
	seenBefore(id: string | number): boolean;
	/** Registers a change read from the source; true when it has not been emitted before. */
	accept(change: ChangeStamp): boolean;
	/** The state after a complete read; store it only once the read succeeded. */
	finish(): PollingCursorState;
	/**
	 * The state after part of a read (the poll ran out of time): the mark does not move, the changes
	 * accepted so far stay known, so the next poll continues the same window without repeats.
	 */
	partial(): PollingCursorState;
	/** Newest stamp read so far (this poll and the earlier parts of its read). */
	newest(): number | undefined;
}

export const DEFAULT_MAX_SEEN = 10_000;

/** A cursor that starts at `at` (e.g. "now" on first activation), with nothing seen. */
export function cursorStartingAt(at: number, scope?: string): PollingCursorState {
	return { version: 1, highWater: toIsoUtc(at), seen: {}, ...(scope === undefined ? {} : { scope }) };
}

/** A cursor that reads everything on its first poll (initial load). */
export function cursorFromBeginning(scope?: string): PollingCursorState {
	return { version: 1, highWater: null, seen: {}, ...(scope === undefined ? {} : { scope }) };
}

/**
 * Reads a stored state defensively (static data may be missing, from an older shape or edited by
 * hand). Returns undefined when there is no usable cursor for `scope`, i.e. this is a first run.
 */
export function readCursorState(raw: unknown, scope?: string): PollingCursorState | undefined {
	if (!raw || typeof raw !== 'object') return undefined;
	const candidate = raw as Partial<PollingCursorState>;
	if (candidate.version !== 1) return undefined;
	if (scope !== undefined && candidate.scope !== scope) return undefined;
	const highWater =
		candidate.highWater === null || candidate.highWater === undefined
			? null
			: toEpochMs(candidate.highWater);
	if (highWater === undefined) return undefined;
	const seen: Record<string, string> = {};
	if (candidate.seen && typeof candidate.seen === 'object') {
		for (const [id, token] of Object.entries(candidate.seen)) {
			if (typeof token === 'string' && Number.isFinite(tokenStamp(token))) seen[id] = token;
		}
	}
	return {
		version: 1,
		highWater: highWater === null ? null : toIsoUtc(highWater),
		seen,
		...(candidate.scope === undefined ? {} : { scope: candidate.scope }),
	};
}

/** Begins one poll over `state` (undefined = read everything). */
export function startPoll(
	state: PollingCursorState | undefined,
	options: PollingCursorOptions,
): CursorPoll {
	const overlapMs = Math.max(0, options.overlapMs);
	const maxSeen = Math.max(1, options.maxSeen ?? DEFAULT_MAX_SEEN);
	const { sourceNow } = options;
	const stored = state?.highWater ? toEpochMs(state.highWater) : undefined;
	// A source clock behind the mark means the mark is in the source's future: rewind to it.
	const start =
		stored !== undefined && sourceNow !== undefined ? Math.min(stored, sourceNow) : stored;
	const since = start === undefined ? null : start - overlapMs;
	const before = new Map(Object.entries(state?.seen ?? {}));
	const seen = new Map(before);
	let newest: number | undefined = options.newestSoFar;

	return {
		since,
		sinceIso: since === null ? null : toIsoUtc(since),
		seenBefore: (id) => before.has(String(id)),
		accept(change) {
			const key = String(change.id);
			const token = toToken(change);
			if (newest === undefined || change.changedAt > newest) newest = change.changedAt;
			if (seen.get(key) === token) return false;
			// Re-inserted so that Map order stays "most recently accepted last" for trimming.
			seen.delete(key);
			seen.set(key, token);
			return true;
		},
		newest: () => newest,
		partial() {
			const kept = [...seen.entries()];
			if (kept.length > maxSeen) {
				kept.sort((a, b) => tokenStamp(b[1]) - tokenStamp(a[1]));
				kept.length = maxSeen;
			}
			return {
				version: 1,
				highWater: state?.highWater ?? null,
				seen: Object.fromEntries(kept),
				...(state?.scope === undefined ? {} : { scope: state.scope }),
			};
		},
		finish() {
			let high = Math.max(start ?? -Infinity, newest ?? -Infinity);
			if (sourceNow !== undefined) high = Math.min(high, sourceNow);
			if (!Number.isFinite(high)) high = sourceNow ?? NaN;
			const highWater = Number.isFinite(high) ? toIsoUtc(high) : null;
			const nextSince = highWater === null ? -Infinity : high - overlapMs;
			// Tokens older than the next window cannot be read again unless the record changes,
			// and a change gives it a new token anyway, so they are dropped.
			const kept = [...seen.entries()].filter(([, token]) => tokenStamp(token) >= nextSince);
			if (kept.length > maxSeen) {
				kept.sort((a, b) => tokenStamp(b[1]) - tokenStamp(a[1]));
				kept.length = maxSeen;
			}
			return {
				version: 1,
				highWater,
				seen: Object.fromEntries(kept),
				...(state?.scope === undefined ? {} : { scope: state.scope }),
			};
		},
	};
}

function toToken(change: ChangeStamp): string {
	return change.version === undefined
		? String(change.changedAt)
		: `${change.changedAt}#${change.version}`;
}

function tokenStamp(token: string): number {
	const hash = token.indexOf('#');
	return Number(hash === -1 ? token : token.slice(0, hash));
}
