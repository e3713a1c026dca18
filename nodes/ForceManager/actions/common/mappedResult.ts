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

/**
 * A record ForceManager refused: its message, plus the field it names among those written and that
 * field's value (ForceManager's messages name the field but not the value, e.g. "Field 'postcode'
 * exceeds its maximum length of 20 (got 21)").
 */
export function refusal(message: string | undefined, written: IDataObject): { reason: string; field?: string } {
	const text = message ?? 'refused';
	const named = Object.keys(written)
		.filter((field) => /^\w+$/.test(field))
		.map((field) => ({ field, at: text.search(new RegExp(`\\b${field}\\b`, 'i')) }))
		.filter((f) => f.at >= 0)
		.sort((a, b) => a.at - b.at)[0]?.field;
	if (named === undefined) return { reason: text };
	const value = written[named];
	const shown = typeof value === 'string' ? `"${value.length > 40 ? `${value.slice(0, 40)}…` : value}"` : JSON.stringify(value);
	return { reason: `${text} — ${named} ${shown}`, field: named };
}

