// Idempotency records (BRIDGE_IDEMPOTENCY) in the bridge's own database, kept for the HTTP layer's
// retention window (adapter.ts, SageAdapter.getIdempotency / saveIdempotency).
import type { StoredResponse } from '../adapter';
import type { LedgerDb } from '../delivery/db';

export function getIdempotency(db: LedgerDb, key: string, expiredAt: number): StoredResponse | undefined {
	const row = db.get('SELECT * FROM BRIDGE_IDEMPOTENCY WHERE IDEMPOTENCY_KEY = ? AND CREATED_UTC > ?', key, expiredAt);
	return row && { key, fingerprint: String(row.FINGERPRINT), status: Number(row.STATUS), body: String(row.BODY) };
}

/** Stores the record and purges expired ones (indexed on CREATED_UTC, so a write stays cheap). */
export function saveIdempotency(db: LedgerDb, r: StoredResponse, at: number, expiredAt: number): void {
	db.tx(() => {
		db.run('DELETE FROM BRIDGE_IDEMPOTENCY WHERE CREATED_UTC <= ?', expiredAt);
		db.run(
			'INSERT OR REPLACE INTO BRIDGE_IDEMPOTENCY (IDEMPOTENCY_KEY, FINGERPRINT, STATUS, BODY, CREATED_UTC) VALUES (?, ?, ?, ?, ?)',
			r.key,
			r.fingerprint,
			r.status,
			r.body,
			at,
		);
	});
}
