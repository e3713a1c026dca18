// Builders for "Mapped by the Sync Mapper" node tests: MappedRecord items as the Mapper emits them.
import type { IBinaryData, IDataObject, INodeExecutionData } from 'n8n-workflow';

import type { MappedRecord, SyncEntity } from '../../../nodes/shared/sync/envelope';

export function mapped(
	entity: SyncEntity,
	key: string,
	fields: Record<string, unknown>,
	extra: Partial<Omit<MappedRecord, 'sync' | 'fields'>> & { sync?: Partial<MappedRecord['sync']> } = {},
): INodeExecutionData {
	const { sync, ...rest } = extra;
	const record: MappedRecord = {
		sync: {
			entity,
			direction: 'sageToForceManager',
			action: 'upsert',
			rules: [],
			key,
			source: { system: 'sage50', entity, id: key, changedAt: '2025-03-01T10:00:00Z' },
			label: `${entity} ${key}`,
			...sync,
		},
		fields,
		...rest,
	};
	return { json: record as unknown as IDataObject };
}

export function withImage(item: INodeExecutionData, bytes: Buffer, mimeType = 'image/png'): INodeExecutionData {
	const binary: IBinaryData = { data: bytes.toString('base64'), mimeType, fileName: 'image.png', fileExtension: 'png' };
	return { ...item, binary: { image: binary } };
}

export const upsertParams = (resource: string, options: IDataObject = {}) => ({
	resource,
	operation: 'upsert',
	dataMode: 'mapped',
	options,
});
