// Two-way conflicts on the Sage side (sync contract, "Two-way conflicts"): when a ForceManager
// change would overwrite a Sage record, compare the FM change instant with RECORD_MODIFY_DATE
// (which carries its UK offset) at one-second resolution. Pure, so it is unit-tested.
import type { ConflictPolicy } from '../sync/envelope';

export const CONFLICT_POLICIES: readonly ConflictPolicy[] = ['latestChangeWins', 'sageWins', 'forceManagerWins'];

/** Epoch seconds of an RFC 3339 instant with Z or an offset; undefined when absent or unreadable. */
export function epochSeconds(value: unknown): number | undefined {
	if (typeof value !== 'string' || value.trim() === '') return undefined;
	const ms = Date.parse(value);
	return Number.isNaN(ms) ? undefined : Math.floor(ms / 1000);
}

/**
 * Why the FM → Sage write must be skipped, or undefined when it may go ahead.
 * latestChangeWins: Sage wins when it changed later or in the same second, and when the FM change
 * time is unknown (an unknown instant never overwrites Sage).
 */
export function sageConflict(policy: ConflictPolicy, fmChangedAt: string | null | undefined, sageModified: unknown): string | undefined {
	if (policy === 'forceManagerWins') return undefined;
	if (policy === 'sageWins') return 'conflict: Sage wins (conflict policy sageWins)';
	const fm = epochSeconds(fmChangedAt);
	const sage = epochSeconds(sageModified);
	if (sage === undefined) return undefined;
	if (fm === undefined) return `conflict: the ForceManager change time is unknown, Sage (changed ${String(sageModified)}) wins`;
	if (sage > fm) return `conflict: Sage changed later (${String(sageModified)} > ${String(fmChangedAt)})`;
	if (sage === fm) return `conflict: Sage changed in the same second (${String(sageModified)} = ${String(fmChangedAt)}), Sage wins ties`;
	return undefined;
}
