// ForceManager record -> change: audit dates (notes §3: UTC ISO, `dateUpdated` null until the first
// update, soft deletes keep the row with `deleted` and `dateDeleted`), the delta `where` (notes §4.5),
// and the echo filter on `salesRepIdCreated/Updated/Deleted` (plain ints per notes §3).
import type { IDataObject } from 'n8n-workflow';

import { isDeletedInForceManager } from '../shared/flags';
import { where } from '../shared/forcemanager/where';
import {
	changeStamp,
	type ChangeDates,
	type ChangeEvent,
	toEpochMs,
} from '../shared/polling';

export interface ForceManagerChange {
	id: number | string;
	dates: ChangeDates;
	/** Newest of the three dates (epoch ms); undefined for a row without any audit date. */
	stamp: number | undefined;
}

export function readChange(record: IDataObject): ForceManagerChange | undefined {
	const id = record.id;
	if (typeof id !== 'number' && typeof id !== 'string') return undefined;
	const dates: ChangeDates = {
		created: toEpochMs(record.dateCreated),
		updated: toEpochMs(record.dateUpdated),
		deleted: toEpochMs(record.dateDeleted),
		isDeleted: isDeletedInForceManager(record),
	};
	return { id, dates, stamp: changeStamp(dates) };
}

/**
 * Rows changed at or after `since`: a row matches when any of its dates does, i.e. when its
 * change stamp (the newest date) does — the same stamp the cursor orders by.
 */
export function deltaWhere(since: number | null, extra?: string): string | undefined {
	const parts: string[] = [];
	if (since !== null) {
		const at = new Date(since);
		parts.push(
			where.or(where.gte('dateCreated', at), where.gte('dateUpdated', at), where.gte('dateDeleted', at)),
		);
	}
	if (extra && extra.trim() !== '') parts.push(extra.trim());
	const combined = where.and(...parts);
	return combined === '' ? undefined : combined;
}

/** A user reference as ForceManager writes it: a plain int, or (defensively) a `{id}` lookup. */
export function userIdOf(value: unknown): number | undefined {
	const raw = value && typeof value === 'object' ? (value as IDataObject).id : value;
	const id = typeof raw === 'string' && raw.trim() !== '' ? Number(raw) : raw;
	return typeof id === 'number' && Number.isFinite(id) ? id : undefined;
}

/**
 * The users behind the change being emitted: the deleter for a deletion, the last updater for an
 * update, and for a record new to the consumer its creator plus its last updater if it was also
 * updated since. The change is an echo only when *all* of them are ignored users, so a record
 * created in the ForceManager UI and touched by the sync before the poll still goes out.
 */
export function changeActors(record: IDataObject, event: ChangeEvent, dates: ChangeDates): Array<number | undefined> {
	if (event === 'deleted') return [userIdOf(record.salesRepIdDeleted)];
	if (event === 'updated') return [userIdOf(record.salesRepIdUpdated)];
	const actors = [userIdOf(record.salesRepIdCreated)];
	if (dates.updated !== undefined && (dates.created === undefined || dates.updated > dates.created)) {
		actors.push(userIdOf(record.salesRepIdUpdated));
	}
	return actors;
}

export function isEcho(actors: Array<number | undefined>, ignoredUsers: ReadonlySet<number>): boolean {
	return ignoredUsers.size > 0 && actors.every((id) => id !== undefined && ignoredUsers.has(id));
}

/** The user who made the change reported (the last of the actors). */
export function changedBy(actors: Array<number | undefined>): number | null {
	return actors[actors.length - 1] ?? null;
}
