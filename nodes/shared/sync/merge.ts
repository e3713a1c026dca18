// The one conflict module: a two-way update merges field by field against the pair's last-synced
// snapshot (the destination side's). A field only the source changed is written; a field only the
// destination changed is kept (its own trigger carries it back); a field both changed to different
// values is a conflict, decided by the policy and reported with both values. No clock decides whether
// there is a conflict; only the Latest Change Wins policy compares the two systems' clocks to pick
// the winner of one.
import { normaliseValue, valuesEqual } from '../upsert/normalise';
import type { ConflictPolicy } from './envelope';
import { PAIR_FIELDS, project, type PairEntity, type PairSide, type Snapshot } from './snapshot';

export const CONFLICT_POLICIES: readonly ConflictPolicy[] = ['latestChangeWins', 'sageWins', 'forceManagerWins'];

export interface FieldConflict {
	field: string;
	sage: unknown;
	forceManager: unknown;
	kept: 'sage' | 'forceManager';
}

export interface MergeInput {
	entity: PairEntity;
	/** The system being written. */
	destination: PairSide;
	/** Fields that differ between the incoming values and the destination record. */
	changed: string[];
	/** Incoming values (the source's state in the destination's field names). */
	incoming: Record<string, unknown>;
	/** The destination record (its values under the write names). */
	existing: Record<string, unknown>;
	/** The destination side of the last-synced snapshot; null for a pair never synced. */
	snapshot: Snapshot | null | undefined;
	policy: ConflictPolicy;
	sourceChangedAt: string | null;
	destinationChangedAt: string | null;
}

export interface MergeResult {
	/** Changed fields to write. */
	write: string[];
	/** Changed fields whose destination value stays (changed there only, or won a conflict). */
	kept: string[];
	conflicts: FieldConflict[];
}

const isEmpty = (v: unknown) => normaliseValue(v) === null;

function epochSecond(value: string | null): number | undefined {
	if (!value) return undefined;
	const ms = Date.parse(value);
	return Number.isNaN(ms) ? undefined : Math.floor(ms / 1000);
}

/** Which side keeps a field both sides changed. */
export function conflictWinner(policy: ConflictPolicy, destination: PairSide, sourceChangedAt: string | null, destinationChangedAt: string | null): PairSide {
	if (policy === 'sageWins') return 'sage50';
	if (policy === 'forceManagerWins') return 'forceManager';
	const source = destination === 'sage50' ? 'forceManager' : 'sage50';
	const s = epochSecond(sourceChangedAt);
	const d = epochSecond(destinationChangedAt);
	// Unknown or equal instants: Sage, the system of record, keeps its value.
	if (s === undefined || d === undefined || s === d) return 'sage50';
	return s > d ? source : destination;
}

export function mergeChanges(input: MergeInput): MergeResult {
	const relevant = new Set(PAIR_FIELDS[input.entity][input.destination]);
	const incoming = project(input.entity, input.destination, input.incoming, false);
	const existing = project(input.entity, input.destination, input.existing, true);
	const result: MergeResult = { write: [], kept: [], conflicts: [] };
	const sourceSide: PairSide = input.destination === 'sage50' ? 'forceManager' : 'sage50';
	for (const field of input.changed) {
		if (!relevant.has(field)) {
			result.write.push(field);
			continue;
		}
		const known = !!input.snapshot && field in input.snapshot;
		const snap = known ? input.snapshot![field] : undefined;
		const destinationChanged = known ? !valuesEqual(existing[field] ?? null, snap) : !isEmpty(existing[field]);
		const sourceChanged = known ? !valuesEqual(incoming[field] ?? null, snap) : true;
		if (!destinationChanged) {
			result.write.push(field);
			continue;
		}
		if (!sourceChanged) {
			result.kept.push(field);
			continue;
		}
		const winner = conflictWinner(input.policy, input.destination, input.sourceChangedAt, input.destinationChangedAt);
		const [sage, forceManager] =
			input.destination === 'sage50' ? [input.existing[field], input.incoming[field]] : [input.incoming[field], input.existing[field]];
		result.conflicts.push({ field, sage: sage ?? null, forceManager: forceManager ?? null, kept: winner === 'sage50' ? 'sage' : 'forceManager' });
		(winner === sourceSide ? result.write : result.kept).push(field);
	}
	return result;
}

/** "email: Sage "a@x" vs ForceManager "b@y", kept Sage" — one line per conflict. */
export function describeConflicts(conflicts: FieldConflict[]): string {
	const show = (v: unknown) => (v === null || v === undefined || v === '' ? 'empty' : JSON.stringify(v));
	return conflicts
		.map((c) => `${c.field}: Sage ${show(c.sage)} vs ForceManager ${show(c.forceManager)}, kept ${c.kept === 'sage' ? 'Sage' : 'ForceManager'}`)
		.join('; ');
}
