// ForceManager does not enforce extId uniqueness, so two live records can share a key (made by hand,
// or by an older version of the sync whose runs overlapped). A key must never fail forever: copies
// that hold the same synced values as the oldest record (or as the incoming record) are the sync's
// own duplicates and are soft-deleted; copies that differ are a person's data, so the record fails
// with the action that resolves it, naming every id.
import type { IDataObject, IExecuteFunctions } from 'n8n-workflow';

import { valuesEqual } from '../../../shared/upsert/normalise';
import { bulk, existingFields } from './bulk';
import type { ResourceSpec } from './resources';

export interface DuplicateOutcome {
	/** Records to match against: one per key once repaired. */
	live: IDataObject[];
	/** Per key, the ids of the duplicates removed. */
	removed: Map<string, number[]>;
	/** Per key, why it cannot be repaired without a person (the items of that key fail with it). */
	unresolved: Map<string, string>;
}

const keyOf = (row: IDataObject) => String(row.extId ?? '').trim();

function sameContent(spec: ResourceSpec, a: IDataObject, b: Record<string, unknown>, fields: string[]): boolean {
	const left = existingFields(spec, a, fields);
	return fields.every((f) => valuesEqual(left[f], b[f]));
}

export async function repairDuplicates(
	this: IExecuteFunctions,
	spec: ResourceSpec,
	found: IDataObject[],
	incoming: Map<string, Record<string, unknown>>,
): Promise<DuplicateOutcome> {
	const byKey = new Map<string, IDataObject[]>();
	for (const row of found) byKey.set(keyOf(row), [...(byKey.get(keyOf(row)) ?? []), row]);
	const out: DuplicateOutcome = { live: [], removed: new Map(), unresolved: new Map() };
	const doomed: Array<{ key: string; id: number }> = [];
	for (const [key, rows] of byKey) {
		// Keys without an incoming record to repair for are matched as found (the planner reports them).
		if (rows.length === 1 || !incoming.has(key)) {
			out.live.push(...rows);
			continue;
		}
		const [oldest, ...copies] = [...rows].sort((a, b) => Number(a.id) - Number(b.id));
		const wanted = incoming.get(key) ?? {};
		const fields = Object.keys(wanted).filter((f) => f !== 'id' && f !== 'extId');
		const canonical = existingFields(spec, oldest, fields);
		const differing = copies.filter((c) => !sameContent(spec, c, wanted, fields) && !sameContent(spec, c, canonical, fields));
		if (differing.length > 0) {
			const ids = rows.map((r) => Number(r.id)).sort((a, b) => a - b);
			out.unresolved.set(
				key,
				`ForceManager has ${rows.length} live ${spec.label.toLowerCase()}s with extId "${key}" (ids ${ids.join(', ')}) that hold different data: ` +
					`delete the wrong ${ids.length > 2 ? 'ones' : 'one'} or clear ${ids.length > 2 ? 'their' : 'its'} External ID in ForceManager, then replay this record`,
			);
			continue;
		}
		out.live.push(oldest);
		for (const c of copies) doomed.push({ key, id: Number(c.id) });
	}
	if (doomed.length > 0) {
		const outcome = await bulk.call(this, 'DELETE', spec, doomed.map((d) => ({ guid: String(d.id), id: d.id })));
		for (const d of doomed) {
			if (outcome.get(String(d.id))?.ok) out.removed.set(d.key, [...(out.removed.get(d.key) ?? []), d.id]);
			else out.unresolved.set(d.key, `duplicate ${spec.label.toLowerCase()} ${d.id} with extId "${d.key}" could not be removed: ${outcome.get(String(d.id))?.message ?? 'delete failed'}`);
		}
	}
	return out;
}
