// Change capture for a real Sage company, which has no change feed: each pass polls every table on
// RECORD_MODIFY_DATE ≥ watermark − overlap (and the document lines' own modify dates), compares each
// record with the snapshot kept in the bridge's local database (a content hash per record), and
// appends created / updated / deleted entries to the bridge's change journal — the same journal and
// semantics as the simulated company's, so the feed and the delivery ledger work unchanged.
// Deletions: RECORD_DELETED (soft), DELETED_RECORDS (hard, re-checked by key) and a periodic full
// key listing, which also finds edits Sage stamped with a NULL modify date (compared by content).
// Safe against edits during a pass: a record is snapshotted exactly as it was read, and a pass's
// watermark is the instant it started, so anything edited while it ran is read again by the next one.
// The users directory (users.ts), which Sage cannot be polled for, goes through the same snapshot step.
import { createHash } from 'node:crypto';
import type { ChangeEntity, SageRow } from '../adapter';
import { canonical } from '../canonical';
import type { LedgerDb } from '../delivery/db';
import type { ChangeJournal, ChangeKind, Source } from '../local/journal';
import type { BridgeClock } from '../time';
import { ukLocal } from '../time';
import type { ScanEntity, SageReader } from './reads';
import { sqlInt, sqlTimestamp } from './sql';

export interface CaptureOptions {
	/** A pass runs this often, and before the journal is served when the last pass is older. */
	intervalSeconds: number;
	/** Each pass re-reads this far behind its watermark (Sage stamps in whole seconds, from each workstation's clock). */
	overlapSeconds: number;
	/** A full key listing (NULL modify dates, hard deletes) runs this often. */
	keyListingMinutes: number;
}

export const DEFAULT_CAPTURE: CaptureOptions = { intervalSeconds: 30, overlapSeconds: 120, keyListingMinutes: 15 };

export const CAPTURE_SCHEMA = `
CREATE TABLE IF NOT EXISTS BRIDGE_SEQUENCE (ID INTEGER PRIMARY KEY CHECK (ID = 1), SEQ INTEGER NOT NULL);
INSERT OR IGNORE INTO BRIDGE_SEQUENCE (ID, SEQ) VALUES (1, 0);
CREATE TABLE IF NOT EXISTS BRIDGE_SNAPSHOTS (
  ENTITY TEXT NOT NULL, RECORD_KEY TEXT NOT NULL, HASH TEXT NOT NULL, RECORD TEXT NOT NULL, DELETED INTEGER NOT NULL,
  PRIMARY KEY (ENTITY, RECORD_KEY)
);
CREATE TABLE IF NOT EXISTS BRIDGE_CAPTURE (
  SCOPE TEXT PRIMARY KEY, WATERMARK_UTC INTEGER, LISTED_UTC INTEGER
);
`;

export const SCANNED: readonly ScanEntity[] = ['customers', 'addresses', 'products', 'sales-orders', 'invoices'];
const PAGE = 500;
const KEY_OF: Record<ScanEntity, string> = {
	customers: 'ACCOUNT_REF',
	addresses: 'REFERENCE',
	products: 'STOCK_CODE',
	'sales-orders': 'ORDER_NUMBER',
	invoices: 'INVOICE_NUMBER',
};

/** The record's key as the journal knows it. */
export function keyOf(entity: ScanEntity, record: SageRow): string {
	return String(record[KEY_OF[entity]]);
}

/**
 * The content a change is judged by: the record without its modify date (a save that changes nothing
 * is no change, as in the simulated company) and without EXTERNAL_REF (the bridge's, not Sage's).
 */
export function contentHash(record: SageRow): string {
	const { RECORD_MODIFY_DATE: _modified, EXTERNAL_REF: _ref, ...content } = record;
	return createHash('sha256').update(canonical(content)).digest('hex');
}

/** What one pass did, for the bridge's log (a first pass over a large company takes minutes). */
export interface PassSummary {
	ms: number;
	/** Records read from Sage and compared with their snapshots. */
	read: number;
	/** Changes journaled (created, updated, deleted). */
	journaled: number;
	/** Entities fully listed by key in this pass (the first pass, and every keyListingMinutes). */
	listed: ScanEntity[];
}

export class ChangeCapture {
	private lock: Promise<unknown> = Promise.resolve();
	/** The counts of the pass running, if any. */
	private tally: PassSummary | undefined;
	private lastPassUtc: number | undefined;
	/** Why the last attempted pass failed (cleared by a pass that succeeds). */
	lastError: string | undefined;
	private timer: NodeJS.Timeout | undefined;

	constructor(
		private readonly reader: SageReader,
		private readonly db: LedgerDb,
		private readonly journal: ChangeJournal,
		private readonly clock: BridgeClock,
		readonly options: CaptureOptions = DEFAULT_CAPTURE,
	) {
		db.exec(CAPTURE_SCHEMA);
	}

	/** Runs fn after every pass or write capture before it (one at a time). */
	private exclusive<T>(fn: () => Promise<T>): Promise<T> {
		const run = this.lock.then(fn);
		this.lock = run.catch(() => undefined);
		return run;
	}

	/**
	 * A pass every interval, counted from the end of the last one: a pass slower than the interval (a
	 * first pass or key listing over a large company) is never followed by a queue of passes.
	 */
	start(onError: (error: unknown) => void, onPass?: (summary: PassSummary) => void): void {
		this.stop();
		const schedule = () => {
			this.timer = setTimeout(tick, Math.max(1, this.options.intervalSeconds) * 1000);
			this.timer.unref();
		};
		const tick = () => {
			void this.pass()
				.then((summary) => onPass?.(summary), onError)
				.catch(() => undefined)
				.finally(() => {
					if (this.timer !== undefined) schedule();
				});
		};
		schedule();
	}

	stop(): void {
		if (this.timer) clearTimeout(this.timer);
		this.timer = undefined;
	}

	/**
	 * A pass, unless one finished less than the interval ago (before the journal is served). A failed
	 * pass (Sage unreachable) leaves the journal as it was: it is served as is, the error kept for health.
	 */
	async ensureFresh(): Promise<void> {
		const now = this.clock.nowSeconds();
		if (this.lastPassUtc !== undefined && now - this.lastPassUtc < this.options.intervalSeconds) return;
		await this.pass().catch(() => undefined);
	}

	/** When the last pass started that completed (ISO), if any. */
	get lastPassAt(): string | null {
		return this.lastPassUtc === undefined ? null : new Date(this.lastPassUtc * 1000).toISOString();
	}

	/** One capture pass over every table; `listing` forces the full key listing. */
	pass(options: { listing?: boolean } = {}): Promise<PassSummary> {
		return this.exclusive(async () => {
			const started = this.clock.nowSeconds();
			const t0 = performance.now();
			const tally: PassSummary = (this.tally = { ms: 0, read: 0, journaled: 0, listed: [] });
			try {
				for (const entity of SCANNED) await this.captureEntity(entity, started, options.listing === true);
				await this.captureDeletedRecords(started);
			} catch (error) {
				this.lastError = (error as Error).message;
				throw error;
			} finally {
				this.tally = undefined;
			}
			this.lastPassUtc = started;
			this.lastError = undefined;
			return { ...tally, ms: Math.round(performance.now() - t0) };
		});
	}

	/** After a write through the SageWriter: the written records, read back and journaled as the bridge's. */
	captureKeys(entity: ScanEntity, keys: string[], source: Source): Promise<SageRow[]> {
		return this.exclusive(async () => {
			const records = await this.reader.byKeys(entity, keys);
			for (const r of records) this.apply(entity, r, source);
			return records;
		});
	}

	private scope(name: string): { watermark: number | null; listed: number | null } {
		const row = this.db.get('SELECT WATERMARK_UTC, LISTED_UTC FROM BRIDGE_CAPTURE WHERE SCOPE = ?', name);
		return { watermark: (row?.WATERMARK_UTC as number | null) ?? null, listed: (row?.LISTED_UTC as number | null) ?? null };
	}

	private saveScope(name: string, watermark: number, listed: number | null): void {
		this.db.run('INSERT OR REPLACE INTO BRIDGE_CAPTURE (SCOPE, WATERMARK_UTC, LISTED_UTC) VALUES (?, ?, ?)', name, watermark, listed);
	}

	private async captureEntity(entity: ScanEntity, started: number, forceListing: boolean): Promise<void> {
		const { watermark, listed } = this.scope(entity);
		const listingDue = forceListing || watermark === null || listed === null || started - listed >= this.options.keyListingMinutes * 60;
		if (listingDue) {
			this.tally?.listed.push(entity);
			await this.keyListing(entity);
		} else {
			const since = ukLocal(watermark - this.options.overlapSeconds).sage;
			const seen = new Set<string>();
			let after: string | undefined;
			do {
				const page = await this.reader.scan(entity, after, PAGE, since);
				for (const r of page.records) {
					seen.add(keyOf(entity, r));
					this.apply(entity, r, 'sage');
				}
				after = page.last;
			} while (after !== undefined);
			if (entity === 'sales-orders' || entity === 'invoices') {
				const numbers = (await this.reader.documentsWithChangedLines(entity, since, PAGE)).filter((n) => !seen.has(String(n)));
				for (const r of await this.reader.byKeys(entity, numbers.map(String))) this.apply(entity, r, 'sage');
			}
		}
		this.saveScope(entity, started, listingDue ? started : listed);
	}

	/** Every record in key order: content compared with the snapshot; snapshot keys not listed were deleted. */
	private async keyListing(entity: ScanEntity): Promise<void> {
		const listed = new Set<string>();
		let after: string | undefined;
		do {
			const page = await this.reader.scan(entity, after, PAGE);
			for (const r of page.records) {
				listed.add(keyOf(entity, r));
				this.apply(entity, r, 'sage');
			}
			after = page.last;
		} while (after !== undefined);
		const known = this.db.all('SELECT RECORD_KEY FROM BRIDGE_SNAPSHOTS WHERE ENTITY = ? AND DELETED = 0', entity);
		const gone = known.map((r) => String(r.RECORD_KEY)).filter((k) => !listed.has(k));
		// Listed before a record was created and deleted mid-listing, or deleted since: re-check by key.
		await this.recheck(entity, gone);
	}

	/** Keys that may have been deleted: still in Sage → compared as usual; gone → a hard delete. */
	private async recheck(entity: ScanEntity, keys: string[]): Promise<void> {
		if (keys.length === 0) return;
		const live = new Map((await this.reader.byKeys(entity, keys)).map((r) => [keyOf(entity, r), r]));
		for (const key of keys) {
			const record = live.get(key);
			if (record) this.apply(entity, record, 'sage');
			else this.hardDeleted(entity, key);
		}
	}

	/** DELETED_RECORDS since the watermark: each FOREIGN_REF re-checked in every entity that knows it. */
	private async captureDeletedRecords(started: number): Promise<void> {
		const { watermark } = this.scope('DELETED_RECORDS');
		if (watermark !== null) {
			const since = sqlTimestamp(ukLocal(watermark - this.options.overlapSeconds).sage);
			const rows = await this.reader.sql.query(
				`SELECT TOP ${sqlInt(1000)} FOREIGN_REF, DELETION_DATE_TIME FROM DELETED_RECORDS WHERE DELETION_DATE_TIME >= ${since} ORDER BY DELETION_DATE_TIME`,
			);
			const refs = [...new Set(rows.map((r) => String(r.FOREIGN_REF ?? '').trimEnd()).filter((r) => r !== ''))];
			for (const entity of SCANNED) {
				const known = refs.filter((ref) => this.db.get('SELECT 1 AS X FROM BRIDGE_SNAPSHOTS WHERE ENTITY = ? AND RECORD_KEY = ? AND DELETED = 0', entity, ref));
				await this.recheck(entity, known);
			}
		}
		this.saveScope('DELETED_RECORDS', started, null);
	}

	/** Compares one record read from Sage with its snapshot and journals the difference. */
	private apply(entity: ScanEntity, record: SageRow, source: Source): void {
		const kind = this.applySnapshot(entity, keyOf(entity, record), record, source);
		if (this.tally) {
			this.tally.read++;
			if (kind) this.tally.journaled++;
		}
	}

	/**
	 * The one snapshot-and-journal step, also for records the bridge learns of other than by polling
	 * (the users directory, sage/users.ts): unchanged content is nothing; else created / updated /
	 * deleted (RECORD_DELETED 1) is journaled and the record becomes the snapshot.
	 */
	applySnapshot(entity: ChangeEntity, key: string, record: SageRow, source: Source): ChangeKind | undefined {
		const hash = contentHash(record);
		const deleted = Number(record.RECORD_DELETED) === 1;
		return this.db.tx(() => {
			const snap = this.db.get('SELECT HASH, DELETED FROM BRIDGE_SNAPSHOTS WHERE ENTITY = ? AND RECORD_KEY = ?', entity, key);
			if (snap && snap.HASH === hash) return undefined;
			const wasDeleted = snap !== undefined && Number(snap.DELETED) === 1;
			// A key live again after a delete (a reference reused in Sage) is created anew, as in the simulator.
			const kind = deleted ? 'deleted' : !snap || wasDeleted ? 'created' : 'updated';
			const journaled = !(deleted && wasDeleted);
			if (journaled) {
				const modified = typeof record.RECORD_MODIFY_DATE === 'string' ? Date.parse(record.RECORD_MODIFY_DATE) / 1000 : Number.NaN;
				this.journal.append(entity, key, kind, source, Number.isFinite(modified) && modified > 0 ? modified : this.clock.nowSeconds());
			}
			this.db.run('INSERT OR REPLACE INTO BRIDGE_SNAPSHOTS (ENTITY, RECORD_KEY, HASH, RECORD, DELETED) VALUES (?, ?, ?, ?, ?)', entity, key, hash, JSON.stringify(record), deleted ? 1 : 0);
			return journaled ? kind : undefined;
		});
	}

	/** A record gone from Sage: journaled as deleted; its last state stays readable from the snapshot. */
	private hardDeleted(entity: ScanEntity, key: string): void {
		this.db.tx(() => {
			const snap = this.db.get('SELECT RECORD, DELETED FROM BRIDGE_SNAPSHOTS WHERE ENTITY = ? AND RECORD_KEY = ?', entity, key);
			if (!snap || Number(snap.DELETED) === 1) return;
			const last = { ...(JSON.parse(String(snap.RECORD)) as SageRow), RECORD_DELETED: 1 };
			const now = this.clock.nowSeconds();
			this.journal.append(entity, key, 'deleted', 'sage', now);
			if (this.tally) this.tally.journaled++;
			this.db.run('UPDATE BRIDGE_SNAPSHOTS SET HASH = ?, RECORD = ?, DELETED = 1 WHERE ENTITY = ? AND RECORD_KEY = ?', contentHash(last), JSON.stringify(last), entity, key);
		});
	}

	/** Every snapshot of an entity in key order (SQLite's binary order), deleted ones included. */
	allSnapshots(entity: ChangeEntity): SageRow[] {
		return this.db.all('SELECT RECORD FROM BRIDGE_SNAPSHOTS WHERE ENTITY = ? ORDER BY RECORD_KEY', entity).map((r) => JSON.parse(String(r.RECORD)) as SageRow);
	}

	/** The last state the capture saw of records no longer in Sage (the feed shows deleted records so). */
	snapshots(entity: ChangeEntity, keys: string[]): Map<string, SageRow> {
		const out = new Map<string, SageRow>();
		for (const key of keys) {
			const row = this.db.get('SELECT RECORD FROM BRIDGE_SNAPSHOTS WHERE ENTITY = ? AND RECORD_KEY = ?', entity, key);
			if (row) out.set(key, JSON.parse(String(row.RECORD)) as SageRow);
		}
		return out;
	}
}

/** The journal's sequence for a local database without a company table. */
export function localSequence(db: LedgerDb): () => number {
	return () => {
		db.run('UPDATE BRIDGE_SEQUENCE SET SEQ = SEQ + 1 WHERE ID = 1');
		return Number(db.get('SELECT SEQ FROM BRIDGE_SEQUENCE WHERE ID = 1')!.SEQ);
	};
}

