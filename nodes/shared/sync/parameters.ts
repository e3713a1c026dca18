// Data Mode "Define Below": the record an upsert's own parameters describe, in the shape the Sync
// Mapper emits, so one upsert engine per system serves both data modes. Such a record is no side
// of a synced pair: no delivery token, no last-synced state, no origin, so the sync's bookkeeping
// (merges against the pair's state, saving it, repairing the sync's own duplicates) leaves it alone.
import type { MappedRecord, SyncDirection, SyncEntity } from './envelope';

export function fromNodeParameters(record: MappedRecord): boolean {
	return record.sync.source.system === 'nodeParameters';
}

export interface ParametersInput {
	entity: SyncEntity;
	direction: SyncDirection;
	/** The destination key when the parameters name it (extId, ACCOUNT_REF), else ''. */
	key: string;
	label: string;
	/** The parameters' own identity of the record (the match key) … */
	id: string;
	/** … and where it is unique (e.g. a customer's quotations by CUST_ORDER_NUMBER). */
	scope: string;
	fields: Record<string, unknown>;
	createOnly?: Record<string, unknown>;
	references?: MappedRecord['references'];
	lines?: MappedRecord['lines'];
}

export function parametersRecord(input: ParametersInput): MappedRecord {
	const { entity, direction, key, label, id, scope, ...data } = input;
	return {
		sync: { entity, direction, action: 'upsert', rules: [], key, label, source: { system: 'nodeParameters', entity: scope, id, changedAt: null } },
		...data,
	};
}
