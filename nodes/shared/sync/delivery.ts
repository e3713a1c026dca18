// Delivery tokens: a trigger in "Confirmed" delivery mode stamps each item with where its change
// came from in the bridge's ledger; the Mapper, the upserts and the write-back carry it through to
// the Sync Delivery → Confirm step, which acknowledges what the run did with each change.
import type { SyncStatus } from './envelope';
import type { PairEntity, Snapshot } from './snapshot';

export type ChangeEvent = 'created' | 'updated' | 'deleted';
export type AckOutcome = 'delivered' | 'echo' | 'waiting' | 'failed' | 'released';

/** A change's version in the ledger: ordered by `order` (journal seq, change time in ms), told apart by `tag`. */
export interface Version {
	order: number;
	tag: string;
}

export interface DeliveryToken {
	/** The trigger's consumer in the ledger (`n8n:<workflowId>:<nodeId>:<entity>`). */
	consumer: string;
	/** The record's key in the source (Sage key, ForceManager id). */
	key: string;
	version: Version;
	lease: string;
	/** Failed or unconfirmed deliveries before this one. */
	attempts: number;
}

/** The pair's new last-synced state a result proposes (saved when its delivery is confirmed). */
export interface StateProposal {
	entity: PairEntity;
	sageKey: string | null;
	forceManagerId: string | null;
	/** Left out: that side of the stored state is kept. */
	sage?: Snapshot | null;
	forceManager?: Snapshot | null;
}

/** Marks, in a snapshot, that the sync itself deleted the record on that side (its deletion is an echo). */
export const DELETED_BY_SYNC = 'deletedBySync';

export function isDeliveryToken(value: unknown): value is DeliveryToken {
	const v = value as DeliveryToken | undefined;
	return (
		typeof v === 'object' &&
		v !== null &&
		typeof v.consumer === 'string' &&
		typeof v.key === 'string' &&
		typeof v.lease === 'string' &&
		typeof v.version === 'object' &&
		v.version !== null &&
		typeof v.version.order === 'number'
	);
}

/**
 * What a result status means for its change: applied or decided by a rule → delivered; waiting for
 * a dependency → waiting (re-checked every poll); failed → retried, then a dead letter.
 */
export function outcomeOf(status: SyncStatus | string | undefined): AckOutcome {
	if (status === 'failed' || status === undefined) return 'failed';
	if (status === 'waiting') return 'waiting';
	return 'delivered';
}
