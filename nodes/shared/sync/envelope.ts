import type { DeliveryToken, StateProposal } from './delivery';
import type { PairState, Snapshot } from './snapshot';

// The contract between the Sage 50 ⇄ ForceManager Mapper and the nodes that act on its output
// ("Mapped by the Sync Mapper" data mode of the upserts, write-back, user matching). One mapped
// item = one source record, already turned into the destination's shape by the rules of
// architecture §4. Nodes never re-derive rules: they match, compare, write, and report a status.

export type SyncEntity = 'account' | 'contact' | 'product' | 'salesOrder' | 'quotation' | 'invoice' | 'user';
export type SyncDirection = 'sageToForceManager' | 'forceManagerToSage';
/** 'nodeParameters': typed into an upsert's own parameters (Data Mode "Define Below", `./parameters.ts`). */
export type SyncSystem = 'sage50' | 'forceManager' | 'nodeParameters';

/**
 * upsert: create or update by `key`; delete: soft delete in ForceManager (A6, C2, P4);
 * skip: nothing to do by rule (e.g. A3, A5, C3), reported with `reason`;
 * wait: a dependency is missing (account not in Sage yet, unknown product), reported with `reason`,
 * redelivered by the trigger once the dependency resolves;
 * fail: the record cannot be mapped (a bad value), reported with `reason` and `field`; retried
 * by its trigger's delivery ledger, then a dead letter.
 */
export type SyncAction = 'upsert' | 'delete' | 'skip' | 'wait' | 'fail';

/** Per-item outcome every sync-aware operation reports in `status`. */
export type SyncStatus =
	| 'created'
	| 'updated'
	| 'unchanged'
	| 'deleted'
	| 'skipped'
	| 'waiting'
	| 'failed'
	| 'linked'
	| 'unmatched'
	| 'conflict';

/** Who wins when both sides changed a two-way record (contacts, prospects, orders/quotations). */
export type ConflictPolicy = 'latestChangeWins' | 'sageWins' | 'forceManagerWins';

export interface SyncSource {
	system: SyncSystem;
	/** Source entity in that system's words: 'customer', 'address', 'account', 'salesOrder' … */
	entity: string;
	/** Stable id in the source system (ACCOUNT_REF, "ABS001/3", FM id as string …). */
	id: string;
	/** ISO-8601 instant with offset of the source change; null when the source has none. */
	changedAt: string | null;
}

export interface SyncWriteBack {
	/** The ForceManager record that receives the Sage key after creation (A4, C1, O1). */
	resource: 'account' | 'contact' | 'salesOrder';
	id: number;
	/** Fields to set besides `extId` (which the Sage node fills with the Sage key), e.g. readOnly: true. */
	fields: Record<string, unknown>;
}

export interface SyncMeta {
	entity: SyncEntity;
	direction: SyncDirection;
	action: SyncAction;
	/** Rule IDs that shaped this item, e.g. ['A2', 'A3']. */
	rules: string[];
	/**
	 * Destination match key: ForceManager extId (Sage → FM); the Sage key (ACCOUNT_REF,
	 * "<ACCOUNT_REF>/<ADDRESS_REF>", order number) for FM → Sage, or '' when the record is new to Sage.
	 */
	key: string;
	source: SyncSource;
	/** Human label for messages: 'Customer ABS001 "ABC Ltd"'. */
	label: string;
	/** Why an item is skipped, waiting or failed. */
	reason?: string;
	/** The field a failure is about. */
	field?: string;
	/**
	 * Sage → FM: the ForceManager id the Sage record was created from (the bridge's external reference
	 * `forceManager:<entity>:<id>`), matched when no record carries the key yet (its write-back is
	 * still to come), so the record is never created a second time.
	 */
	originId?: number;
	writeBack?: SyncWriteBack;
	/** From the trigger: the change's place in the bridge's delivery ledger, carried to Confirm. */
	delivery?: DeliveryToken;
	/** From the trigger: the pair's last-synced state when the change was read (null: never synced). */
	synced?: PairState | null;
	/** Two-way pairs: the source record's sync-relevant fields now (the source side of the next state). */
	snapshot?: Snapshot;
}

export interface MappedRecord {
	sync: SyncMeta;
	/** Destination fields, compared with the existing record and written when different. */
	fields: Record<string, unknown>;
	/** Written only when the record is created (branch, order date …). */
	createOnly?: Record<string, unknown>;
	/** Written on creation, and on update only where the existing value is empty (U2). */
	fillIfEmpty?: Record<string, unknown>;
	/** Destination references the upsert resolves in batches (Sage → FM: extIds to FM ids). */
	references?: {
		/** Account extId (FM) whose id goes into accountId. */
		account?: string;
		/** Per line, the product extId whose FM id goes into the line's productId. */
		lineProducts?: string[];
	};
	/** Document lines in the destination's shape (FM salesordersLines / Sage ITEMS). */
	lines?: Array<Record<string, unknown>>;
}

/** What sync-aware operations emit per item (plus operation-specific extras). */
export interface SyncResult {
	status: SyncStatus;
	entity: SyncEntity;
	key: string;
	id: string | number | null;
	label: string;
	reason?: string;
	changedFields?: string[];
	/** The field a failure is about. */
	field?: string;
	/** Present on Sage results of FM-born records: what the FM write-back must set. */
	writeBack?: SyncWriteBack & { fields: Record<string, unknown> & { extId: string } };
	/** Same-field edits on both sides, with both values and the side kept. */
	conflicts?: Array<{ field: string; sage: unknown; forceManager: unknown; kept: 'sage' | 'forceManager' }>;
	/** Carried from the mapped record to the Sync Delivery → Confirm step. */
	delivery?: DeliveryToken;
	/** The pair's new last-synced state, saved when the delivery is confirmed. */
	state?: StateProposal;
}

export function isMappedRecord(value: unknown): value is MappedRecord {
	const v = value as MappedRecord | undefined;
	return typeof v === 'object' && v !== null && typeof v.sync === 'object' && v.sync !== null && typeof v.fields === 'object';
}
