// The pair's next last-synced state after a write (sync-state): the source side is the source record
// as the Mapper read it; the destination side is what the sync made equal — the fields it wrote (or
// found equal) over the previous destination snapshot. A field the destination changed on its own and
// kept is set to the source's value here on purpose: it still differs, so its own trigger sends it back.
// A record the sync just created holds nothing but what it wrote: its other fields are empty.
import { DELETED_BY_SYNC, type StateProposal } from './delivery';
import type { MappedRecord } from './envelope';
import { pairEntityOf, project, type PairSide } from './snapshot';

export function proposeState(
	record: MappedRecord,
	written: Record<string, unknown>,
	ids: { sageKey: string | null; forceManagerId: string | number | null },
	created = false,
): StateProposal | undefined {
	const pair = pairEntityOf(record.sync.entity);
	if (!pair || ids.sageKey === null || ids.forceManagerId === null) return undefined;
	const destination: PairSide = record.sync.direction === 'sageToForceManager' ? 'forceManager' : 'sage50';
	// A record written again is alive: an earlier "deleted by the sync" mark no longer holds.
	const previous = { ...((destination === 'sage50' ? record.sync.synced?.sage : record.sync.synced?.forceManager) ?? {}) };
	delete previous[DELETED_BY_SYNC];
	const destinationSide = created ? project(pair, destination, written, true) : { ...previous, ...project(pair, destination, written, false) };
	const sourceSide = record.sync.snapshot ?? null;
	return {
		entity: pair,
		sageKey: ids.sageKey,
		forceManagerId: String(ids.forceManagerId),
		sage: destination === 'sage50' ? destinationSide : sourceSide,
		forceManager: destination === 'forceManager' ? destinationSide : sourceSide,
	};
}
