// The bridge's change journal (BRIDGE_CHANGES): one row per record holding its newest change, in a
// sequence per bridge. The simulated company appends as it writes; the Sage adapter appends what its
// change capture finds. Both serve the same feed: `changes` for triggers, `entries`/`head` for the
// delivery ledger, with the same created/updated/deleted semantics.
import type { ChangeEntity, ChangePage, JournalEntry, SageRow } from '../adapter';
import type { LedgerDb } from '../delivery/db';
import { ukLocal } from '../time';

export type Source = 'bridge' | 'sage';
export type ChangeKind = 'created' | 'updated' | 'deleted';

export class ChangeJournal {
	/** `nextSeq` hands out the bridge's next sequence number (inside the caller's transaction). */
	constructor(
		private readonly db: LedgerDb,
		private readonly nextSeq: () => number,
	) {}

	/**
	 * Records the newest change of a record (one row per record). A key created again (a deleted
	 * customer's reference reused in Sage) counts as created from then on. Returns the sequence.
	 */
	append(entity: ChangeEntity, key: string, kind: ChangeKind, source: Source, utc: number): number {
		const seq = this.nextSeq();
		this.db.run(
			`INSERT INTO BRIDGE_CHANGES (ENTITY, RECORD_KEY, SEQ, CREATED_SEQ, DELETED, SOURCE, CHANGED_UTC)
			 VALUES (?, ?, ?, ?, ?, ?, ?)
			 ON CONFLICT (ENTITY, RECORD_KEY) DO UPDATE SET SEQ = excluded.SEQ, DELETED = excluded.DELETED,
			   SOURCE = excluded.SOURCE, CHANGED_UTC = excluded.CHANGED_UTC,
			   CREATED_SEQ = CASE WHEN excluded.CREATED_SEQ > 0 THEN excluded.CREATED_SEQ ELSE BRIDGE_CHANGES.CREATED_SEQ END`,
			entity,
			key,
			seq,
			kind === 'created' ? seq : 0,
			kind === 'deleted' ? 1 : 0,
			source,
			utc,
		);
		return seq;
	}

	entries(entity: ChangeEntity, after: number, limit: number): JournalEntry[] {
		return this.db
			.all('SELECT RECORD_KEY, SEQ, CREATED_SEQ, DELETED FROM BRIDGE_CHANGES WHERE ENTITY = ? AND SEQ > ? ORDER BY SEQ LIMIT ?', entity, after, limit)
			.map((r) => ({ seq: Number(r.SEQ), key: String(r.RECORD_KEY), createdSeq: Number(r.CREATED_SEQ), deleted: Number(r.DELETED) === 1 }));
	}

	head(entity: ChangeEntity): number {
		return Number(this.db.get('SELECT COALESCE(MAX(SEQ), 0) AS N FROM BRIDGE_CHANGES WHERE ENTITY = ?', entity)!.N);
	}

	/** Journal rows of one page of the feed (one more than `limit`, to tell whether more follow). */
	pageRows(entity: ChangeEntity, after: number, limit: number): Array<Record<string, unknown>> {
		return this.db.all('SELECT * FROM BRIDGE_CHANGES WHERE ENTITY = ? AND SEQ > ? ORDER BY SEQ LIMIT ?', entity, after, limit + 1);
	}

	/** The feed page for rows from `pageRows`, with each record's current state (`records` by key). */
	page(entity: ChangeEntity, after: number, limit: number, rows: Array<Record<string, unknown>>, records: Map<string, SageRow>): ChangePage {
		const more = rows.length > limit;
		const page = rows.slice(0, limit);
		const items = page.flatMap((r) => {
			const record = records.get(String(r.RECORD_KEY));
			if (!record) return [];
			const change: ChangeKind = r.DELETED ? 'deleted' : Number(r.CREATED_SEQ) > after ? 'created' : 'updated';
			return [
				{
					seq: String(r.SEQ),
					entity,
					key: String(r.RECORD_KEY),
					change,
					source: r.SOURCE as Source,
					changedAt: ukLocal(Number(r.CHANGED_UTC)).iso,
					record,
				},
			];
		});
		const cursor = page.length > 0 ? String(page[page.length - 1].SEQ) : String(after);
		return { items, nextCursor: more ? cursor : null, cursor };
	}
}
