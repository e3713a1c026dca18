// Generic upsert planner: pure, no I/O, no knowledge of ForceManager or Sage 50. Given incoming
// records keyed by an external key and the existing records found by that key, decide for each
// incoming record: create, update (changed fields only), unchanged, or failed. Only fields the
// input supplies are compared, so a partial input never "clears" fields it does not mention.
import { valuesEqual } from './normalise';

export interface UpsertIncoming {
	/** Position of the record in the caller's input (returned unchanged in the decision). */
	index: number;
	/** External key; records without one fail. */
	key: string | number | null | undefined;
	fields: Record<string, unknown>;
}

export interface UpsertExisting {
	id: string | number;
	key: string | number;
	fields: Record<string, unknown>;
}

export type UpsertDecision =
	| { kind: 'create'; index: number; key: string; fields: Record<string, unknown> }
	| {
			kind: 'update';
			index: number;
			key: string;
			id: string | number;
			changes: Record<string, unknown>;
			changedFields: string[];
	  }
	| { kind: 'unchanged'; index: number; key: string; id: string | number }
	| { kind: 'failed'; index: number; key: string; reason: string };

export interface UpsertPlanOptions {
	/** Fields never compared nor written on update (e.g. audit fields). */
	ignoreFields?: string[];
	/** Custom equality, defaults to the normalising `valuesEqual`. */
	equals?: (incoming: unknown, existing: unknown) => boolean;
	/** Keys compare case-insensitively (default false). */
	caseInsensitiveKeys?: boolean;
}

export function normaliseKey(key: unknown, caseInsensitive = false): string {
	if (key === null || key === undefined) return '';
	const k = String(key).trim();
	return caseInsensitive ? k.toUpperCase() : k;
}

/** The fields of `incoming` whose values differ from `existing`. */
export function diffFields(
	incoming: Record<string, unknown>,
	existing: Record<string, unknown>,
	options: UpsertPlanOptions = {},
): string[] {
	const equals = options.equals ?? valuesEqual;
	const ignore = new Set(options.ignoreFields ?? []);
	return Object.keys(incoming).filter(
		(f) => !ignore.has(f) && incoming[f] !== undefined && !equals(incoming[f], existing[f]),
	);
}

export function planUpsert(
	incoming: UpsertIncoming[],
	existing: UpsertExisting[],
	options: UpsertPlanOptions = {},
): UpsertDecision[] {
	const ci = options.caseInsensitiveKeys ?? false;
	const byKey = new Map<string, UpsertExisting[]>();
	for (const record of existing) {
		const k = normaliseKey(record.key, ci);
		if (k === '') continue;
		byKey.set(k, [...(byKey.get(k) ?? []), record]);
	}
	const firstSeen = new Map<string, number>();

	return incoming.map((item): UpsertDecision => {
		const key = normaliseKey(item.key, ci);
		const display = item.key === null || item.key === undefined ? '' : String(item.key).trim();
		if (key === '') {
			return { kind: 'failed', index: item.index, key: display, reason: 'the key is empty' };
		}
		const earlier = firstSeen.get(key);
		if (earlier !== undefined) {
			return {
				kind: 'failed',
				index: item.index,
				key: display,
				reason: `the key "${display}" appears more than once in this batch (first at item ${earlier})`,
			};
		}
		firstSeen.set(key, item.index);

		const matches = byKey.get(key) ?? [];
		if (matches.length > 1) {
			return {
				kind: 'failed',
				index: item.index,
				key: display,
				reason: `${matches.length} existing records share the key "${display}" (ids ${matches.map((m) => m.id).join(', ')})`,
			};
		}
		if (matches.length === 0) {
			return { kind: 'create', index: item.index, key: display, fields: { ...item.fields } };
		}
		const [match] = matches;
		const changedFields = diffFields(item.fields, match.fields, options);
		if (changedFields.length === 0) {
			return { kind: 'unchanged', index: item.index, key: display, id: match.id };
		}
		const changes: Record<string, unknown> = {};
		for (const f of changedFields) changes[f] = item.fields[f];
		return { kind: 'update', index: item.index, key: display, id: match.id, changes, changedFields };
	});
}
