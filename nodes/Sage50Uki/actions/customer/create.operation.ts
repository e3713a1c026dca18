import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';

import { CUSTOMER_CREATE_FIELDS } from '../common/fields';
import { inputProperties, readInput, readWriteOptions, show, writeOptions } from '../common/params';
import { sageWrite } from '../common/write';

export const description: INodeProperties[] = show('customer', 'create', [
	...inputProperties(CUSTOMER_CREATE_FIELDS, 'customer (NAME is required)'),
	writeOptions,
]);

export async function execute(this: IExecuteFunctions, itemIndex: number): Promise<IDataObject> {
	const body = readInput.call(this, itemIndex, CUSTOMER_CREATE_FIELDS);
	const { idempotencyKey, sourceKey } = readWriteOptions.call(this, itemIndex);
	const ref = body.ACCOUNT_REF ? String(body.ACCOUNT_REF) : undefined;
	const { record } = await sageWrite.call(this, {
		method: 'POST',
		path: '/customers',
		body,
		entity: 'customers',
		operation: 'create',
		sourceKey,
		explicitKey: idempotencyKey,
		label: 'Customer',
		record: ref ?? (body.NAME ? String(body.NAME) : undefined),
		itemIndex,
	});
	return record;
}
