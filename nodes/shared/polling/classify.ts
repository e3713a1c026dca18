/**
 * What happened to a record, told from its audit dates (epoch ms). System-independent: the
 * ForceManager trigger feeds `dateCreated`/`dateUpdated`/`dateDeleted`, a Sage trigger feeds
 * `RECORD_CREATE_DATE`/`RECORD_MODIFY_DATE` and its tombstones.
 */
export type ChangeEvent = 'created' | 'updated' | 'deleted';

export const CHANGE_EVENTS: readonly ChangeEvent[] = ['created', 'updated', 'deleted'];

export interface ChangeDates {
	created?: number;
	/** ForceManager leaves `dateUpdated` null until the first update. */
	updated?: number;
	deleted?: number;
	/** Soft-delete flag, for sources whose deletion date may be missing. */
	isDeleted?: boolean;
}

/** Where the record stood relative to the cursor when it was read. */
export interface ChangeContext {
	/** Inclusive lower bound of this poll's query (null: everything was read). */
	since: number | null;
	/** Whether the record's id was in the cursor's seen-set when the poll began. */
	seenBefore: boolean;
}

/** The newest of the record's dates: the stamp its change is ordered and de-duplicated by. */
export function changeStamp(dates: ChangeDates): number | undefined {
	const stamps = [dates.created, dates.updated, dates.deleted].filter(
		(value): value is number => typeof value === 'number' && Number.isFinite(value),
	);
	return stamps.length ? Math.max(...stamps) : undefined;
}

/** Which of the record's own changes is the latest one (deletion wins a tie, then update). */
export function latestChange(dates: ChangeDates): ChangeEvent {
	if (dates.isDeleted || dates.deleted !== undefined) return 'deleted';
	if (dates.updated !== undefined && (dates.created === undefined || dates.updated > dates.created)) {
		return 'updated';
	}
	return 'created';
}

/**
 * Classifies a change for the consumer of a trigger. Without a context this is the record's own
 * latest change. With one, a record that is new to the consumer (never emitted, created inside
 * the polled window) is `created` even if it was also updated before the poll saw it: otherwise
 * a workflow listening only to "created" would never hear of it.
 */
export function classifyChange(dates: ChangeDates, context?: ChangeContext): ChangeEvent {
	const latest = latestChange(dates);
	if (latest !== 'updated' || !context || context.seenBefore || dates.created === undefined) {
		return latest;
	}
	return context.since === null || dates.created >= context.since ? 'created' : 'updated';
}
