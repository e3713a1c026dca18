// One bridge write with its Idempotency-Key: explicit, or derived from the input (operation,
// entity, source key, payload) so that a retried run replays instead of writing twice.
import type { IDataObject, IExecuteFunctions } from 'n8n-workflow';

import { idempotencyKey } from '../../../shared/sage50/idempotency';
import { sageRequestFull } from '../../../shared/sage50/transport';

export interface WriteRequest {
	method: 'POST' | 'PATCH';
	path: string;
	body: IDataObject;
	entity: string;
	operation: string;
	sourceKey?: string;
	explicitKey?: string;
	salt?: string;
	label: string;
	record?: string;
	itemIndex?: number;
}

export async function sageWrite(this: IExecuteFunctions, request: WriteRequest): Promise<{ record: IDataObject; replayed: boolean; idempotencyKey: string }> {
	const key =
		request.explicitKey ??
		idempotencyKey({
			operation: request.operation,
			entity: request.entity,
			sourceKey: request.sourceKey ?? request.record,
			payload: { path: request.path, body: request.body },
			salt: request.salt,
		});
	const response = await sageRequestFull.call(this, {
		method: request.method,
		path: request.path,
		body: request.body,
		idempotencyKey: key,
		label: request.label,
		record: request.record ?? request.sourceKey,
		itemIndex: request.itemIndex,
	});
	return { record: response.body as IDataObject, replayed: response.replayed, idempotencyKey: key };
}

/** Single-record writes outside upsert: the n8n execution id keeps an update replay-safe within a run only. */
export function executionSalt(this: IExecuteFunctions): string | undefined {
	try {
		const id = (this as unknown as { getExecutionId?: () => string }).getExecutionId?.();
		return id ? `execution:${id}` : undefined;
	} catch {
		return undefined;
	}
}
