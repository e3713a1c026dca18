import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';

import { segment } from '../../../shared/sage50/transport';
import { CUSTOMER_FIELDS } from '../common/fields';
import { readAccountRef } from '../common/keys';
import { inputProperties, readInput, readWriteOptions, show, writeOptions } from '../common/params';
import { executionSalt, sageWrite } from '../common/write';

export const description: INodeProperties[] = show('customer', 'update', [...inputProperties(CUSTOMER_FIELDS, 'customer'), writeOptions]);

export async function execute(this: IExecuteFunctions, itemIndex: number): Promise<IDataObject> {
	const ref = readAccountRef.call(this, itemIndex);
	const body = readInput.call(this, itemIndex, CUSTOMER_FIELDS);
	const { idempotencyKey, sourceKey } = readWriteOptions.call(this, itemIndex);
	const { record } = await sageWrite.call(this, {
		method: 'PATCH',
		path: `/customers/${segment(ref)}`,
		body,
		entity: 'customers',
		operation: 'update',
		sourceKey: sourceKey ?? ref,
		explicitKey: idempotencyKey,
		salt: executionSalt.call(this),
		label: 'Customer',
		record: ref,
		itemIndex,
	});
	return record;
}
