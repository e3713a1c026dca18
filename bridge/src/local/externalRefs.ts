// The bridge's external-reference mapping (BRIDGE_EXTERNAL_REFS): which record a caller created
// under its own reference (`forceManager:account:17`). It is the bridge's table, not Sage's: the
// simulator keeps it in its company file, the Sage adapter in its local database on the Sage PC.
// One reference maps to one record per entity for good, so a lost write-back or a retried create
// with a new idempotency key finds the record instead of creating a second one.
import type { ListQuery, SageRow } from '../adapter';
import { BridgeError } from '../errors';
import type { LedgerDb } from '../delivery/db';
import type { BridgeClock } from '../time';

export type RefEntity = 'customers' | 'addresses' | 'sales-orders';

/** The record key a reference is stored against (ACCOUNT_REF, REFERENCE, ORDER_NUMBER). */
export function recordKey(entity: RefEntity, record: SageRow): string {
	if (entity === 'customers') return String(record.ACCOUNT_REF);
	if (entity === 'addresses') return String(record.REFERENCE);
	return String(record.ORDER_NUMBER);
}

export class ExternalRefs {
	constructor(
		private readonly store: LedgerDb,
		private readonly clock: BridgeClock,
	) {}

	/** Refuses a reference already used for this entity, naming the record it created. */
	assertFree(entity: RefEntity, ref: string | undefined): void {
		if (ref === undefined) return;
		const row = this.store.get('SELECT RECORD_KEY FROM BRIDGE_EXTERNAL_REFS WHERE ENTITY = ? AND EXTERNAL_REF = ?', entity, ref);
		if (row) {
			const key = String(row.RECORD_KEY);
			throw new BridgeError('EXTERNAL_REF_EXISTS', `External reference ${ref} was already used to create ${key}`, { field: 'externalRef', record: key });
		}
	}

	save(entity: RefEntity, ref: string | undefined, key: string): void {
		if (ref === undefined) return;
		this.store.run(
			'INSERT INTO BRIDGE_EXTERNAL_REFS (ENTITY, EXTERNAL_REF, RECORD_KEY, CREATED_UTC) VALUES (?, ?, ?, ?)',
			entity,
			ref,
			key,
			this.clock.nowSeconds(),
		);
	}

	/** Record keys created under these references (unknown references are left out). */
	keysOf(entity: RefEntity, refs: string[]): string[] {
		if (refs.length === 0) return [];
		return this.store
			.all(`SELECT RECORD_KEY FROM BRIDGE_EXTERNAL_REFS WHERE ENTITY = ? AND EXTERNAL_REF IN (${refs.map(() => '?').join(', ')})`, entity, ...refs)
			.map((r) => String(r.RECORD_KEY));
	}

	/** A list query by external references as one by record keys (intersected with keys asked for). */
	narrow<Q extends ListQuery>(entity: RefEntity, q: Q): Q {
		if (q.externalRefs === undefined) return q;
		const byRef = this.keysOf(entity, q.externalRefs);
		return { ...q, keys: q.keys === undefined ? byRef : byRef.filter((k) => q.keys!.includes(k)) };
	}

	/** Adds EXTERNAL_REF (null when none) to records of this entity, one query per batch. */
	decorate<T extends SageRow | undefined>(entity: RefEntity, records: T[]): T[] {
		const keys = records.filter((r): r is NonNullable<T> => r !== undefined).map((r) => recordKey(entity, r));
		const map = new Map<string, string>();
		for (let i = 0; i < keys.length; i += 500) {
			const chunk = keys.slice(i, i + 500);
			for (const row of this.store.all(
				`SELECT RECORD_KEY, EXTERNAL_REF FROM BRIDGE_EXTERNAL_REFS WHERE ENTITY = ? AND RECORD_KEY IN (${chunk.map(() => '?').join(', ')})`,
				entity,
				...chunk,
			)) {
				map.set(String(row.RECORD_KEY), String(row.EXTERNAL_REF));
			}
		}
		for (const r of records) if (r !== undefined) r.EXTERNAL_REF = map.get(recordKey(entity, r)) ?? null;
		return records;
	}
}
