// Pure decisions of the sync-aware upserts (no I/O): which "fill if empty" values an update may
// write (U2), whether a two-way update loses a conflict, and whether document lines differ.
import type { ConflictPolicy } from '../sync/envelope';
import { lookupWriteForm } from '../forcemanager/lookupFields';
import { normaliseValue, valuesEqual } from './normalise';

/** Empty for U2: null, '', -1 and the "nobody" lookup `{id: -1}` ForceManager reads back. */
export function isEmptyValue(value: unknown): boolean {
	const v = normaliseValue(lookupWriteForm(value));
	return v === null || v === -1 || v === '-1' || v === 0;
}

/** The `fillIfEmpty` values an update writes: only where the existing value is empty (U2). */
export function fillIfEmptyChanges(
	fill: Record<string, unknown> | undefined,
	existing: Record<string, unknown>,
): Record<string, unknown> {
	const out: Record<string, unknown> = {};
	for (const [name, value] of Object.entries(fill ?? {})) {
		if (value === undefined || isEmptyValue(value)) continue;
		if (isEmptyValue(existing[name])) out[name] = value;
	}
	return out;
}

/** Whole seconds since the epoch, or null when the value is not a timestamp. */
export function epochSecond(value: unknown): number | null {
	if (typeof value !== 'string' || value.trim() === '') return null;
	const ms = Date.parse(value);
	return Number.isNaN(ms) ? null : Math.floor(ms / 1000);
}

export interface ConflictInput {
	policy: ConflictPolicy;
	/** When the source (Sage) record changed; null = unknown. */
	sourceChangedAt: string | null;
	/** The destination record's last change (FM `dateUpdated ?? dateCreated`). */
	destinationChangedAt: string | null;
	/** Who made that last change (FM `salesRepIdUpdated ?? salesRepIdCreated`). */
	destinationChangedBy: number | null;
	/** The sync's own user (credential API User ID), 0 = unknown. */
	syncUserId: number;
	destinationSystem: 'forceManager' | 'sage50';
}

/**
 * The reason to skip a Sage → destination update, or null to write it.
 * - latestChangeWins: skip when the destination changed in a later second; ties go to Sage.
 * - sageWins: always write.
 * - forceManagerWins: keep a ForceManager edit made by a person: skip unless the record was last
 *   written by the sync itself (then ForceManager has nothing of its own to lose).
 */
export function conflictReason(input: ConflictInput): string | null {
	if (input.policy === 'sageWins') return null;
	const source = epochSecond(input.sourceChangedAt);
	const destination = epochSecond(input.destinationChangedAt);
	// A destination last written by the sync itself holds no user change to protect: the source's
	// change is newer information even when it happened between our read and our write.
	const ownWrite = input.syncUserId > 0 && input.destinationChangedBy === input.syncUserId;
	if (ownWrite) return null;
	if (input.policy === 'forceManagerWins') {
		return `conflict: ${input.destinationSystem} wins by policy (last changed ${input.destinationChangedAt ?? 'at an unknown time'}${
			input.destinationChangedBy === null ? '' : ` by user ${input.destinationChangedBy}`
		})`;
	}
	// latestChangeWins; without both timestamps there is nothing to compare, so the source writes.
	if (source === null || destination === null) return null;
	if (destination > source) {
		return `conflict: ${input.destinationSystem} changed later (${input.destinationChangedAt} > ${input.sourceChangedAt})`;
	}
	return null;
}

/** The line fields that decide whether two document lines are the same. */
export const LINE_COMPARE_FIELDS = ['productId', 'quantity', 'price', 'description'] as const;

export interface LinePlan {
	/** Position-aligned updates of existing lines: only the fields that differ. */
	update: Array<{ id: number; changes: Record<string, unknown> }>;
	create: Array<Record<string, unknown>>;
	remove: number[];
}

/**
 * Aligns wanted lines with existing ones by position (existing sorted by their order): changed
 * positions are updated in place, extra wanted lines created, surplus existing lines removed.
 * Identical lines give an empty plan, so an unchanged order makes no line writes.
 */
export function planLines(
	wanted: Array<Record<string, unknown>>,
	existing: Array<{ id: number; fields: Record<string, unknown> }>,
): LinePlan {
	const plan: LinePlan = { update: [], create: [], remove: [] };
	wanted.forEach((line, n) => {
		const current = existing[n];
		if (!current) {
			plan.create.push(line);
			return;
		}
		const changes: Record<string, unknown> = {};
		for (const f of LINE_COMPARE_FIELDS) {
			if (line[f] !== undefined && !valuesEqual(line[f], current.fields[f])) changes[f] = line[f];
		}
		if (Object.keys(changes).length > 0) plan.update.push({ id: current.id, changes });
	});
	for (const extra of existing.slice(wanted.length)) plan.remove.push(extra.id);
	return plan;
}

export const linePlanIsEmpty = (p: LinePlan) => p.update.length + p.create.length + p.remove.length === 0;
