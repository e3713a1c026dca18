// The last-synced snapshot of each two-way record pair: the fields both systems agreed on after the
// last confirmed sync, in each system's own vocabulary (Sage columns, ForceManager fields). Triggers
// compare a changed record with it to tell echoes (nothing new) from real changes, and upserts merge
// field by field against it (edits to different fields on the two sides are both kept). A pair is
// known by its Sage key (the Mapper's: ABS001, ABS001/3, SO:12), its ForceManager id, or both.
import { BridgeError } from '../errors';
import type { BridgeClock } from '../time';
import type { LedgerDb } from './db';

export type Fields = Record<string, unknown>;

export interface SyncState {
	entity: string;
	sageKey: string | null;
	forceManagerId: string | null;
	sage: Fields | null;
	forceManager: Fields | null;
	updatedAt: string;
}

export interface SyncStateWrite {
	entity: string;
	sageKey?: string | null;
	forceManagerId?: string | number | null;
	sage?: Fields | null;
	forceManager?: Fields | null;
}

export const SYNC_STATE_ENTITIES: readonly string[] = ['account', 'contact', 'salesOrder'];

type Row = Record<string, unknown>;

const text = (v: unknown) => (v === undefined || v === null || String(v).trim() === '' ? null : String(v).trim());

function parse(value: unknown): Fields | null {
	if (typeof value !== 'string') return null;
	try {
		const parsed = JSON.parse(value) as unknown;
		return parsed && typeof parsed === 'object' && !Array.isArray(parsed) ? (parsed as Fields) : null;
	} catch {
		return null;
	}
}

function out(row: Row): SyncState {
	return {
		entity: String(row.ENTITY),
		sageKey: (row.SAGE_KEY as string | null) ?? null,
		forceManagerId: (row.FM_ID as string | null) ?? null,
		sage: parse(row.SAGE_FIELDS),
		forceManager: parse(row.FM_FIELDS),
		updatedAt: new Date(Number(row.UPDATED_UTC) * 1000).toISOString(),
	};
}

export function checkStateEntity(entity: unknown): string {
	if (typeof entity !== 'string' || !SYNC_STATE_ENTITIES.includes(entity)) {
		throw new BridgeError('VALIDATION_FAILED', `entity must be one of ${SYNC_STATE_ENTITIES.join(', ')}`, { field: 'entity' });
	}
	return entity;
}

export class SyncStateStore {
	constructor(
		private readonly db: LedgerDb,
		private readonly clock: BridgeClock,
	) {}

	query(entity: string, sageKeys: string[] = [], forceManagerIds: string[] = []): SyncState[] {
		const rows = new Map<number, Row>();
		for (const [column, values] of [
			['SAGE_KEY', sageKeys],
			['FM_ID', forceManagerIds],
		] as const) {
			for (let i = 0; i < values.length; i += 500) {
				const part = values.slice(i, i + 500);
				for (const row of this.db.all(`SELECT * FROM BRIDGE_SYNC_STATE WHERE ENTITY = ? AND ${column} IN (${part.map(() => '?').join(', ')})`, entity, ...part)) {
					rows.set(Number(row.ID), row);
				}
			}
		}
		return [...rows.values()].map(out);
	}

	/**
	 * Saves a pair: found by Sage key or ForceManager id (a pair learns its second key when the sync
	 * creates the record on the other side); given sides replace the stored ones, others are kept.
	 */
	save(write: SyncStateWrite): void {
		const entity = checkStateEntity(write.entity);
		const sageKey = text(write.sageKey);
		const fmId = text(write.forceManagerId);
		if (sageKey === null && fmId === null) throw new BridgeError('VALIDATION_FAILED', 'sync state needs a sageKey or a forceManagerId', { field: 'sageKey' });
		this.db.tx(() => {
			const bySage = sageKey === null ? undefined : this.db.get('SELECT * FROM BRIDGE_SYNC_STATE WHERE ENTITY = ? AND SAGE_KEY = ?', entity, sageKey);
			const byFm = fmId === null ? undefined : this.db.get('SELECT * FROM BRIDGE_SYNC_STATE WHERE ENTITY = ? AND FM_ID = ?', entity, fmId);
			let target = bySage ?? byFm;
			if (bySage && byFm && bySage.ID !== byFm.ID) {
				// The same pair seen from both sides before the keys met: one row from now on.
				this.db.run('DELETE FROM BRIDGE_SYNC_STATE WHERE ID = ?', Number(byFm.ID));
				target = bySage;
			}
			if (fmId !== null) {
				// An id reused by another Sage key (record recreated): the newest pairing wins.
				this.db.run('UPDATE BRIDGE_SYNC_STATE SET FM_ID = NULL WHERE ENTITY = ? AND FM_ID = ? AND ID != ?', entity, fmId, Number(target?.ID ?? -1));
			}
			const sage = write.sage === undefined ? ((target?.SAGE_FIELDS as string | null) ?? null) : write.sage === null ? null : JSON.stringify(write.sage);
			const fm = write.forceManager === undefined ? ((target?.FM_FIELDS as string | null) ?? null) : write.forceManager === null ? null : JSON.stringify(write.forceManager);
			const now = this.clock.nowSeconds();
			if (target) {
				this.db.run(
					'UPDATE BRIDGE_SYNC_STATE SET SAGE_KEY = COALESCE(?, SAGE_KEY), FM_ID = COALESCE(?, FM_ID), SAGE_FIELDS = ?, FM_FIELDS = ?, UPDATED_UTC = ? WHERE ID = ?',
					sageKey,
					fmId,
					sage,
					fm,
					now,
					Number(target.ID),
				);
			} else {
				this.db.run(
					'INSERT INTO BRIDGE_SYNC_STATE (ENTITY, SAGE_KEY, FM_ID, SAGE_FIELDS, FM_FIELDS, UPDATED_UTC) VALUES (?, ?, ?, ?, ?, ?)',
					entity,
					sageKey,
					fmId,
					sage,
					fm,
					now,
				);
			}
		});
	}
}
