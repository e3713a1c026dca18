// Pure decisions of the sync-aware upserts (no I/O): which "fill if empty" values an update may
// write (U2) and whether document lines differ. Two-way conflicts: shared/sync/merge.ts.
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
