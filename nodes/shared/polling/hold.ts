import type { ChangeEvent } from './classify';

/**
 * Hold list ("waiting records", sync contract): records a trigger emitted with `hold: {reason}`
 * because a dependency is missing in the other system (an account without a Sage reference, a
 * product unknown to ForceManager). The trigger re-checks them on every poll and re-emits each
 * once with `retry: true` when it resolves. Pure: the triggers do the I/O and store the state in
 * their node static data, the only static data n8n 2.40.7 keeps safely.
 *
 * Persistence: n8n saves static data after a poll that emits, not after one that returns null.
 * Every change that matters is therefore made in an emitting poll (a new hold is emitted with its
 * reason, a resolved one with `retry`); a null poll only ever drops deleted records or refreshes a
 * reason, both of which the next poll simply re-derives.
 */
export interface HoldEntry {
	/** Record id in the source (FM id as string, Sage key). */
	id: string;
	/** Event of the first emission; the retry is re-emitted with it (the destination never saw the record). */
	event: ChangeEvent;
	reason: string;
	/** ISO UTC instant the record was first held. */
	since: string;
	/** Dependencies the trigger checks without re-reading the record (Sage trigger). */
	needs?: HoldNeeds;
	/** Where to read the fresh record when it resolves (Sage trigger: bridge path). */
	ref?: string;
}

export interface HoldNeeds {
	/** Account references that must exist (FM account extIds). */
	accounts?: string[];
	/** Product references that must exist (FM product extIds). */
	products?: string[];
}

export interface HoldListState {
	version: 1;
	scope: string;
	entries: HoldEntry[];
}

/** What a poll learnt about a record it is emitting (a change from the source). */
export interface HoldObservation {
	id: string;
	event: ChangeEvent;
	/** Why it must wait; undefined when nothing is missing. */
	reason?: string;
	needs?: HoldNeeds;
	ref?: string;
}

/** Outcome of re-checking one held record. */
export type RecheckOutcome =
	| { id: string; outcome: 'gone' }
	| { id: string; outcome: 'resolved' }
	| { id: string; outcome: 'held'; reason: string; needs?: HoldNeeds };

const EVENTS: readonly string[] = ['created', 'updated', 'deleted'];

/** Reads a stored hold list defensively; a list of another scope (entity) is not reused. */
export function readHoldList(raw: unknown, scope: string): HoldEntry[] {
	const state = raw as Partial<HoldListState> | undefined;
	if (!state || typeof state !== 'object' || state.version !== 1 || state.scope !== scope) return [];
	if (!Array.isArray(state.entries)) return [];
	return state.entries.filter(
		(e): e is HoldEntry =>
			!!e &&
			typeof e.id === 'string' &&
			EVENTS.includes(e.event) &&
			typeof e.reason === 'string' &&
			typeof e.since === 'string',
	);
}

export function holdListState(entries: HoldEntry[], scope: string): HoldListState {
	return { version: 1, scope, entries };
}

/**
 * Applies the changes a poll emits: a deleted record leaves the list, a record still missing a
 * dependency is (re)held — keeping its first event and `since` — and one that no longer misses
 * anything leaves the list (it went out normally). Records not observed are kept as they are.
 */
export function noteChanges(entries: HoldEntry[], observed: HoldObservation[], nowIso: string): HoldEntry[] {
	const byId = new Map(entries.map((e) => [e.id, e]));
	for (const change of observed) {
		const previous = byId.get(change.id);
		if (change.event === 'deleted' || change.reason === undefined) {
			byId.delete(change.id);
			continue;
		}
		byId.set(change.id, {
			id: change.id,
			event: previous?.event ?? change.event,
			reason: change.reason,
			since: previous?.since ?? nowIso,
			...(change.needs ? { needs: change.needs } : {}),
			...(change.ref !== undefined ? { ref: change.ref } : previous?.ref !== undefined ? { ref: previous.ref } : {}),
		});
	}
	return [...byId.values()];
}

/** Held records to re-check this poll: all but those the poll observed as changes. */
export function pendingRechecks(entries: HoldEntry[], observedIds: Iterable<string>): HoldEntry[] {
	const skip = new Set(observedIds);
	return entries.filter((e) => !skip.has(e.id));
}

/**
 * Applies re-check outcomes: `gone` (deleted, no longer readable) and `resolved` leave the list;
 * resolved entries are returned so the trigger re-emits them with their first event and `retry`.
 * Entries without an outcome (not re-checked) are kept.
 */
export function settleRechecks(
	entries: HoldEntry[],
	outcomes: RecheckOutcome[],
): { entries: HoldEntry[]; resolved: HoldEntry[] } {
	const byId = new Map(outcomes.map((o) => [o.id, o]));
	const kept: HoldEntry[] = [];
	const resolved: HoldEntry[] = [];
	for (const entry of entries) {
		const outcome = byId.get(entry.id);
		if (!outcome) kept.push(entry);
		else if (outcome.outcome === 'resolved') resolved.push(entry);
		else if (outcome.outcome === 'held') {
			kept.push({ ...entry, reason: outcome.reason, ...(outcome.needs ? { needs: outcome.needs } : {}) });
		}
	}
	return { entries: kept, resolved };
}

/** Extids among `needs` that are missing from `known`, per kind (for reasons and resolution). */
export function missingNeeds(needs: HoldNeeds | undefined, known: { accounts: ReadonlySet<string>; products: ReadonlySet<string> }): HoldNeeds {
	return {
		accounts: (needs?.accounts ?? []).filter((ref) => !known.accounts.has(ref)),
		products: (needs?.products ?? []).filter((ref) => !known.products.has(ref)),
	};
}

export function hasMissing(needs: HoldNeeds): boolean {
	return (needs.accounts?.length ?? 0) + (needs.products?.length ?? 0) > 0;
}
