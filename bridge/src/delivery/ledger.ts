// The delivery ledger: at-least-once delivery with confirmation, per consumer (one n8n trigger node).
// A change is pending until the run that carried it confirms it (acks `delivered`/`echo`), is
// re-offered with back-off after a failure or an unconfirmed lease, and parks as a dead letter after
// the consumer's attempt limit. Consumers of Sage changes are fed from the bridge's own change journal
// (a position per consumer); consumers of another system's changes (ForceManager) offer them here.
// Everything lives in the bridge's local database, so every n8n process (main, workers) sees it.
import { randomUUID } from 'node:crypto';
import type { JournalEntry } from '../adapter';
import { BridgeError } from '../errors';
import type { BridgeClock } from '../time';
import type { LedgerDb } from './db';
import { DELIVERY_SCHEMA, DELIVERY_TABLES } from './schema';
import { SyncStateStore, type SyncStateWrite } from './syncState';

export type ChangeEvent = 'created' | 'updated' | 'deleted';
export type DeliverySource = 'sage' | 'forceManager';
export type AckOutcome = 'delivered' | 'echo' | 'waiting' | 'failed' | 'released';
export type DeliveryState = 'pending' | 'waiting' | 'dead';

/** A change's version: ordered by `order` (journal seq, change stamp in ms), told apart by `tag`. */
export interface Version {
	order: number;
	tag: string;
}

export interface ConsumerOptions {
	source: DeliverySource;
	entity: string;
	/** Where a new consumer begins: at the journal's head (`now`) or its beginning. */
	start?: 'now' | 'beginning';
	label?: string;
	workflow?: string;
	maxAttempts?: number;
}

export interface LeaseOptions extends ConsumerOptions {
	limit: number;
	leaseSeconds: number;
}

export interface LeasedChange {
	key: string;
	event: ChangeEvent;
	version: Version;
	/** Failed or unconfirmed deliveries so far. */
	attempts: number;
	state: 'pending' | 'waiting';
	reason: string | null;
	lease: string;
}

export interface Offer {
	key: string;
	event: ChangeEvent;
	version: Version;
}

export interface Ack {
	key: string;
	version: Version;
	/** The lease the change was delivered under; a failure counts once per lease. */
	lease?: string;
	outcome: AckOutcome;
	reason?: string;
	field?: string;
	/** Human label of the record for the dead-letter list ('Customer ABS001 "ABC Ltd"'). */
	label?: string;
	/** delivered: the pair's new last-synced snapshot, saved in the same transaction. */
	state?: SyncStateWrite;
}

export interface AckResult {
	key: string;
	/** delivered; pending (retry later), waiting, dead (dead letter); superseded (a newer version is pending). */
	state: 'delivered' | 'pending' | 'waiting' | 'dead' | 'superseded';
	attempts: number;
	/** When it is offered again (pending/waiting). */
	due?: string;
}

export interface DeadLetter {
	consumer: string;
	consumerLabel: string;
	workflow: string;
	entity: string;
	key: string;
	label: string | null;
	event: ChangeEvent;
	attempts: number;
	reason: string | null;
	field: string | null;
	firstSeen: string;
	lastFailed: string;
}

export interface ConsumerStatus {
	consumer: string;
	label: string;
	workflow: string;
	source: DeliverySource;
	entity: string;
	pending: number;
	leased: number;
	waiting: number;
	dead: number;
	lastLease: string | null;
}

/** Reads the bridge's change journal (the adapter's), for consumers of Sage changes. */
export interface JournalReader {
	journalHead(entity: string): Promise<number>;
	journal(entity: string, after: number, limit: number): Promise<JournalEntry[]>;
}

type Row = Record<string, unknown>;

export const DEFAULT_MAX_ATTEMPTS = 5;
const INGEST_PAGE = 5000;
const MAX_BACKOFF_SECONDS = 3600;
export const UNCONFIRMED_REASON = 'not confirmed: the run that carried it failed, was stopped, or never reached the Confirm Delivery step';

/** Wait after the n-th failure: 1, 2, 4 … 60 minutes. */
export function backoffSeconds(attempts: number): number {
	return Math.min(MAX_BACKOFF_SECONDS, 60 * 2 ** Math.max(0, attempts - 1));
}

const iso = (sec: number) => new Date(sec * 1000).toISOString();

/** `b` is the same version as `a` or a newer one. */
export function coversVersion(b: Version, a: Version): boolean {
	return b.order > a.order || (b.order === a.order && b.tag === a.tag);
}

/** Combines an undelivered event with a newer one: created stays created until deleted. */
function mergeEvent(previous: ChangeEvent | undefined, next: ChangeEvent): ChangeEvent {
	if (next === 'deleted' || previous === undefined) return next;
	if (previous === 'created' && next === 'updated') return 'created';
	return next;
}

export class DeliveryLedger {
	// Ledger operations run one at a time: a lease's journal read and its claim must not interleave
	// with another lease of the same consumer (overlapping polls).
	private queue: Promise<unknown> = Promise.resolve();
	readonly syncState: SyncStateStore;

	constructor(
		private readonly db: LedgerDb,
		private readonly clock: BridgeClock,
		private readonly journal: JournalReader,
	) {
		db.exec(DELIVERY_SCHEMA);
		this.syncState = new SyncStateStore(db, clock);
	}

	private serial<T>(fn: () => Promise<T> | T): Promise<T> {
		const run = this.queue.then(fn, fn);
		this.queue = run.catch(() => undefined);
		return run;
	}

	wipe(): void {
		for (const table of DELIVERY_TABLES) this.db.run(`DELETE FROM ${table}`);
	}

	private now(): number {
		return this.clock.nowSeconds();
	}

	private consumerRow(consumer: string): Row | undefined {
		return this.db.get('SELECT * FROM BRIDGE_CONSUMERS WHERE CONSUMER = ?', consumer);
	}

	/** The consumer, created on first use; label, workflow and attempt limit follow the caller. */
	private async ensureConsumer(consumer: string, o: ConsumerOptions): Promise<Row> {
		const existing = this.consumerRow(consumer);
		if (existing) {
			if (existing.SOURCE !== o.source || existing.ENTITY !== o.entity) {
				throw new BridgeError('VALIDATION_FAILED', `Consumer ${consumer} reads ${String(existing.SOURCE)} ${String(existing.ENTITY)}, not ${o.source} ${o.entity}`, {
					field: 'entity',
					record: consumer,
				});
			}
			this.db.run(
				'UPDATE BRIDGE_CONSUMERS SET LABEL = COALESCE(?, LABEL), WORKFLOW = COALESCE(?, WORKFLOW), MAX_ATTEMPTS = COALESCE(?, MAX_ATTEMPTS) WHERE CONSUMER = ?',
				o.label ?? null,
				o.workflow ?? null,
				o.maxAttempts ?? null,
				consumer,
			);
			return this.consumerRow(consumer)!;
		}
		const position = o.source === 'sage' && o.start === 'now' ? await this.journal.journalHead(o.entity) : 0;
		this.db.run(
			`INSERT INTO BRIDGE_CONSUMERS (CONSUMER, SOURCE, ENTITY, LABEL, WORKFLOW, POSITION, MAX_ATTEMPTS, CREATED_UTC)
			 VALUES (?, ?, ?, ?, ?, ?, ?, ?)`,
			consumer,
			o.source,
			o.entity,
			o.label ?? '',
			o.workflow ?? '',
			position,
			o.maxAttempts ?? DEFAULT_MAX_ATTEMPTS,
			this.now(),
		);
		return this.consumerRow(consumer)!;
	}

	/** Records a change as pending (or refreshes the pending one) unless that version was delivered. */
	private note(consumer: string, change: Offer, now: number): boolean {
		const delivered = this.db.get('SELECT VERSION_ORDER, VERSION_TAG FROM BRIDGE_DELIVERED WHERE CONSUMER = ? AND RECORD_KEY = ?', consumer, change.key);
		if (delivered && coversVersion({ order: Number(delivered.VERSION_ORDER), tag: String(delivered.VERSION_TAG) }, change.version)) return false;
		const row = this.db.get('SELECT * FROM BRIDGE_DELIVERIES WHERE CONSUMER = ? AND RECORD_KEY = ?', consumer, change.key);
		if (!row) {
			this.db.run(
				`INSERT INTO BRIDGE_DELIVERIES (CONSUMER, RECORD_KEY, EVENT, VERSION_ORDER, VERSION_TAG, STATE, ATTEMPTS, DUE_UTC, FIRST_UTC, UPDATED_UTC)
				 VALUES (?, ?, ?, ?, ?, 'pending', 0, ?, ?, ?)`,
				consumer,
				change.key,
				change.event,
				change.version.order,
				change.version.tag,
				now,
				now,
				now,
			);
			return true;
		}
		const current = { order: Number(row.VERSION_ORDER), tag: String(row.VERSION_TAG) };
		if (coversVersion(current, change.version)) return false;
		// A newer version: a fresh start (the person may have fixed what failed), even for a dead letter.
		// A lease in flight keeps running on the older version; its ack will not clear this one.
		this.db.run(
			`UPDATE BRIDGE_DELIVERIES SET EVENT = ?, VERSION_ORDER = ?, VERSION_TAG = ?, STATE = 'pending', ATTEMPTS = 0,
			   DUE_UTC = ?, REASON = NULL, FIELD = NULL, UPDATED_UTC = ? WHERE CONSUMER = ? AND RECORD_KEY = ?`,
			mergeEvent(row.EVENT as ChangeEvent, change.event),
			change.version.order,
			change.version.tag,
			now,
			now,
			consumer,
			change.key,
		);
		return true;
	}

	/** Moves the journal's changes after the consumer's position into its pending list. */
	private async ingest(consumer: string, entity: string): Promise<void> {
		for (;;) {
			const position = Number(this.consumerRow(consumer)!.POSITION);
			const entries = await this.journal.journal(entity, position, INGEST_PAGE);
			if (entries.length === 0) return;
			const now = this.now();
			this.db.tx(() => {
				for (const e of entries) {
					const event: ChangeEvent = e.deleted ? 'deleted' : e.createdSeq > position ? 'created' : 'updated';
					this.note(consumer, { key: e.key, event, version: { order: e.seq, tag: '' } }, now);
				}
				this.db.run('UPDATE BRIDGE_CONSUMERS SET POSITION = ? WHERE CONSUMER = ?', entries[entries.length - 1].seq, consumer);
			});
			if (entries.length < INGEST_PAGE) return;
		}
	}

	/** Leases whose time ran out count as a failed attempt and are offered again. */
	private expireLeases(consumer: string, maxAttempts: number, now: number): void {
		this.db.run(
			`UPDATE BRIDGE_DELIVERIES SET ATTEMPTS = ATTEMPTS + 1, LEASE_ID = NULL, LEASE_UNTIL = NULL, DUE_UTC = ?,
			   REASON = ?, FIELD = NULL, UPDATED_UTC = ?,
			   STATE = CASE WHEN ATTEMPTS + 1 >= ? THEN 'dead' ELSE STATE END
			 WHERE CONSUMER = ? AND LEASE_ID IS NOT NULL AND LEASE_UNTIL <= ?`,
			now,
			UNCONFIRMED_REASON,
			now,
			maxAttempts,
			consumer,
			now,
		);
	}

	offer(consumer: string, options: ConsumerOptions, offers: Offer[]): Promise<{ accepted: number; ignored: number }> {
		return this.serial(async () => {
			await this.ensureConsumer(consumer, options);
			const now = this.now();
			let accepted = 0;
			this.db.tx(() => {
				for (const offer of offers) if (this.note(consumer, offer, now)) accepted++;
			});
			return { accepted, ignored: offers.length - accepted };
		});
	}

	lease(consumer: string, options: LeaseOptions): Promise<{ lease: string; items: LeasedChange[]; remaining: number }> {
		return this.serial(async () => {
			const row = await this.ensureConsumer(consumer, options);
			if (options.source === 'sage') await this.ingest(consumer, options.entity);
			const now = this.now();
			const lease = randomUUID();
			const items = this.db.tx(() => {
				this.expireLeases(consumer, Number(row.MAX_ATTEMPTS), now);
				const due = this.db.all(
					`SELECT * FROM BRIDGE_DELIVERIES WHERE CONSUMER = ? AND STATE IN ('pending', 'waiting') AND LEASE_ID IS NULL AND DUE_UTC <= ?
					 ORDER BY CASE STATE WHEN 'pending' THEN 0 ELSE 1 END, DUE_UTC, VERSION_ORDER, RECORD_KEY LIMIT ?`,
					consumer,
					now,
					options.limit,
				);
				for (const d of due) {
					this.db.run(
						'UPDATE BRIDGE_DELIVERIES SET LEASE_ID = ?, LEASE_UNTIL = ? WHERE CONSUMER = ? AND RECORD_KEY = ?',
						lease,
						now + options.leaseSeconds,
						consumer,
						d.RECORD_KEY as string,
					);
				}
				this.db.run('UPDATE BRIDGE_CONSUMERS SET LAST_LEASE_UTC = ? WHERE CONSUMER = ?', now, consumer);
				return due.map(
					(d): LeasedChange => ({
						key: String(d.RECORD_KEY),
						event: d.EVENT as ChangeEvent,
						version: { order: Number(d.VERSION_ORDER), tag: String(d.VERSION_TAG) },
						attempts: Number(d.ATTEMPTS),
						state: d.STATE as 'pending' | 'waiting',
						reason: (d.REASON as string | null) ?? null,
						lease,
					}),
				);
			});
			const remaining = Number(
				this.db.get(
					`SELECT COUNT(*) AS N FROM BRIDGE_DELIVERIES WHERE CONSUMER = ? AND STATE IN ('pending', 'waiting') AND LEASE_ID IS NULL AND DUE_UTC <= ?`,
					consumer,
					now,
				)!.N,
			);
			return { lease, items, remaining };
		});
	}

	ack(consumer: string, acks: Ack[]): Promise<AckResult[]> {
		return this.serial(() => {
			const c = this.consumerRow(consumer);
			if (!c) throw new BridgeError('NOT_FOUND', `No delivery consumer ${consumer}`, { record: consumer });
			const max = Number(c.MAX_ATTEMPTS);
			const now = this.now();
			return this.db.tx(() => acks.map((a) => this.ackOne(consumer, a, max, now)));
		});
	}

	private ackOne(consumer: string, a: Ack, maxAttempts: number, now: number): AckResult {
		const row = this.db.get('SELECT * FROM BRIDGE_DELIVERIES WHERE CONSUMER = ? AND RECORD_KEY = ?', consumer, a.key);
		const where = [consumer, a.key] as const;
		if (a.outcome === 'delivered' || a.outcome === 'echo') {
			// What was applied is the agreed state, even when a newer version is already waiting.
			if (a.outcome === 'delivered' && a.state) this.syncState.save(a.state);
			const pending = row ? { order: Number(row.VERSION_ORDER), tag: String(row.VERSION_TAG) } : undefined;
			// A newer version arrived meanwhile: it stays pending, offered at the next poll.
			if (pending && !coversVersion(a.version, pending)) return this.release(consumer, row!, a);
			if (row) this.db.run('DELETE FROM BRIDGE_DELIVERIES WHERE CONSUMER = ? AND RECORD_KEY = ?', ...where);
			this.db.run(
				`INSERT INTO BRIDGE_DELIVERED (CONSUMER, RECORD_KEY, VERSION_ORDER, VERSION_TAG, DELIVERED_UTC) VALUES (?, ?, ?, ?, ?)
				 ON CONFLICT (CONSUMER, RECORD_KEY) DO UPDATE SET VERSION_ORDER = excluded.VERSION_ORDER, VERSION_TAG = excluded.VERSION_TAG,
				   DELIVERED_UTC = excluded.DELIVERED_UTC
				 WHERE excluded.VERSION_ORDER >= BRIDGE_DELIVERED.VERSION_ORDER`,
				consumer,
				a.key,
				a.version.order,
				a.version.tag,
				now,
			);
			return { key: a.key, state: 'delivered', attempts: row ? Number(row.ATTEMPTS) : 0 };
		}
		if (!row) return { key: a.key, state: 'delivered', attempts: 0 };
		// released: the poll that leased it could not emit it; offered again at once, nothing counted.
		if (a.outcome === 'released') return this.release(consumer, row, a);
		const attempts = Number(row.ATTEMPTS);
		const sameVersion = Number(row.VERSION_ORDER) === a.version.order && String(row.VERSION_TAG) === a.version.tag;
		if (a.outcome === 'waiting') {
			if (!sameVersion) return this.release(consumer, row, a);
			this.db.run(
				`UPDATE BRIDGE_DELIVERIES SET STATE = 'waiting', REASON = ?, FIELD = NULL, RECORD_LABEL = COALESCE(?, RECORD_LABEL), DUE_UTC = ?,
				   LEASE_ID = NULL, LEASE_UNTIL = NULL, UPDATED_UTC = ? WHERE CONSUMER = ? AND RECORD_KEY = ?`,
				a.reason ?? null,
				a.label ?? null,
				now,
				now,
				...where,
			);
			return { key: a.key, state: 'waiting', attempts, due: iso(now) };
		}
		// failed: counts once per lease (a retried Confirm step reports the same failure again).
		const counts = sameVersion && row.LEASE_ID !== null && (a.lease === undefined || row.LEASE_ID === a.lease);
		if (!counts) return this.release(consumer, row, a);
		const next = attempts + 1;
		const dead = next >= maxAttempts;
		const due = now + backoffSeconds(next);
		this.db.run(
			`UPDATE BRIDGE_DELIVERIES SET ATTEMPTS = ?, STATE = ?, REASON = ?, FIELD = ?, RECORD_LABEL = COALESCE(?, RECORD_LABEL),
			   DUE_UTC = ?, LEASE_ID = NULL, LEASE_UNTIL = NULL, UPDATED_UTC = ? WHERE CONSUMER = ? AND RECORD_KEY = ?`,
			next,
			dead ? 'dead' : 'pending',
			a.reason ?? null,
			a.field ?? null,
			a.label ?? null,
			due,
			now,
			...where,
		);
		return { key: a.key, state: dead ? 'dead' : 'pending', attempts: next, due: dead ? undefined : iso(due) };
	}

	/** An ack that no longer applies (a newer version, or a lease already settled): frees its lease only. */
	private release(consumer: string, row: Row, a: Ack): AckResult {
		if (row.LEASE_ID !== null && row.LEASE_ID === a.lease) {
			this.db.run('UPDATE BRIDGE_DELIVERIES SET LEASE_ID = NULL, LEASE_UNTIL = NULL WHERE CONSUMER = ? AND RECORD_KEY = ?', consumer, a.key);
		}
		const state = row.STATE as DeliveryState;
		const sameVersion = Number(row.VERSION_ORDER) === a.version.order && String(row.VERSION_TAG) === a.version.tag;
		return { key: a.key, state: sameVersion ? state : 'superseded', attempts: Number(row.ATTEMPTS), due: state === 'dead' ? undefined : iso(Number(row.DUE_UTC)) };
	}

	deadLetters(filter: { consumer?: string; workflow?: string; limit?: number }): Promise<DeadLetter[]> {
		return this.serial(() => {
			const clauses = ["d.STATE = 'dead'"];
			const params: Array<string | number> = [];
			if (filter.consumer) (clauses.push('d.CONSUMER = ?'), params.push(filter.consumer));
			if (filter.workflow) (clauses.push('c.WORKFLOW = ?'), params.push(filter.workflow));
			const rows = this.db.all(
				`SELECT d.*, c.LABEL AS CONSUMER_LABEL, c.WORKFLOW, c.ENTITY FROM BRIDGE_DELIVERIES d JOIN BRIDGE_CONSUMERS c ON c.CONSUMER = d.CONSUMER
				 WHERE ${clauses.join(' AND ')} ORDER BY d.UPDATED_UTC, d.RECORD_KEY LIMIT ?`,
				...params,
				filter.limit ?? 1000,
			);
			return rows.map((r) => ({
				consumer: String(r.CONSUMER),
				consumerLabel: String(r.CONSUMER_LABEL),
				workflow: String(r.WORKFLOW),
				entity: String(r.ENTITY),
				key: String(r.RECORD_KEY),
				label: (r.RECORD_LABEL as string | null) ?? null,
				event: r.EVENT as ChangeEvent,
				attempts: Number(r.ATTEMPTS),
				reason: (r.REASON as string | null) ?? null,
				field: (r.FIELD as string | null) ?? null,
				firstSeen: iso(Number(r.FIRST_UTC)),
				lastFailed: iso(Number(r.UPDATED_UTC)),
			}));
		});
	}

	/** Dead letters back to pending with a clean attempt count: offered at the next poll. */
	replay(filter: { consumer?: string; workflow?: string; keys?: string[] }): Promise<{ replayed: number }> {
		return this.serial(() => {
			const clauses = ["STATE = 'dead'"];
			const params: Array<string | number> = [];
			if (filter.consumer) (clauses.push('CONSUMER = ?'), params.push(filter.consumer));
			if (filter.workflow) (clauses.push('CONSUMER IN (SELECT CONSUMER FROM BRIDGE_CONSUMERS WHERE WORKFLOW = ?)'), params.push(filter.workflow));
			if (filter.keys?.length) (clauses.push(`RECORD_KEY IN (${filter.keys.map(() => '?').join(', ')})`), params.push(...filter.keys));
			const now = this.now();
			const before = Number(this.db.get(`SELECT COUNT(*) AS N FROM BRIDGE_DELIVERIES WHERE ${clauses.join(' AND ')}`, ...params)!.N);
			this.db.run(
				`UPDATE BRIDGE_DELIVERIES SET STATE = 'pending', ATTEMPTS = 0, DUE_UTC = ?, LEASE_ID = NULL, LEASE_UNTIL = NULL, UPDATED_UTC = ?
				 WHERE ${clauses.join(' AND ')}`,
				now,
				now,
				...params,
			);
			return { replayed: before };
		});
	}

	status(filter: { workflow?: string }): Promise<ConsumerStatus[]> {
		return this.serial(() => {
			const rows = this.db.all(
				`SELECT c.*,
				   (SELECT COUNT(*) FROM BRIDGE_DELIVERIES d WHERE d.CONSUMER = c.CONSUMER AND d.STATE = 'pending' AND d.LEASE_ID IS NULL) AS PENDING,
				   (SELECT COUNT(*) FROM BRIDGE_DELIVERIES d WHERE d.CONSUMER = c.CONSUMER AND d.LEASE_ID IS NOT NULL) AS LEASED,
				   (SELECT COUNT(*) FROM BRIDGE_DELIVERIES d WHERE d.CONSUMER = c.CONSUMER AND d.STATE = 'waiting' AND d.LEASE_ID IS NULL) AS WAITING,
				   (SELECT COUNT(*) FROM BRIDGE_DELIVERIES d WHERE d.CONSUMER = c.CONSUMER AND d.STATE = 'dead') AS DEAD
				 FROM BRIDGE_CONSUMERS c ${filter.workflow ? 'WHERE c.WORKFLOW = ?' : ''} ORDER BY c.CONSUMER`,
				...(filter.workflow ? [filter.workflow] : []),
			);
			return rows.map((r) => ({
				consumer: String(r.CONSUMER),
				label: String(r.LABEL),
				workflow: String(r.WORKFLOW),
				source: r.SOURCE as DeliverySource,
				entity: String(r.ENTITY),
				pending: Number(r.PENDING),
				leased: Number(r.LEASED),
				waiting: Number(r.WAITING),
				dead: Number(r.DEAD),
				lastLease: r.LAST_LEASE_UTC === null ? null : iso(Number(r.LAST_LEASE_UTC)),
			}));
		});
	}
}
