// The result of one upserted record and the engine's options, shared by the upsert's parts.
import type { IDataObject, IExecuteFunctions } from 'n8n-workflow';

import type { ConflictPolicy, MappedRecord, SyncResult } from '../../../shared/sync/envelope';

export type MappedResult = SyncResult & { imageUploaded?: boolean; removedDuplicates?: number[] };

export interface MappedOptions {
	conflictPolicy: ConflictPolicy;
	/** Binary property holding a product's picture (P3); none: pictures are left alone. */
	imageProperty?: string;
}

export function base(record: MappedRecord, status: SyncResult['status'], extra: Partial<MappedResult> = {}): MappedResult {
	return {
		status,
		entity: record.sync.entity,
		key: record.sync.key,
		id: null,
		label: record.sync.label || record.sync.key,
		...extra,
		...(record.sync.delivery ? { delivery: record.sync.delivery } : {}),
	};
}

export function readMappedOptions(this: IExecuteFunctions): MappedOptions {
	const options = this.getNodeParameter('options', 0, {}) as IDataObject;
	return {
		conflictPolicy: (options.conflictPolicy as ConflictPolicy) || 'latestChangeWins',
		imageProperty: String(options.imageProperty || 'image'),
	};
}

