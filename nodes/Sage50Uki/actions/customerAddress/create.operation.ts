import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';

import { ADDRESS_FIELDS } from '../common/fields';
import { readAccountRef } from '../common/keys';
import { inputProperties, readInput, readWriteOptions, show, writeOptions } from '../common/params';
import { sageWrite } from '../common/write';
import { accountRefProperty, addressPath, addressTypeProperty } from './common';

export const description: INodeProperties[] = show('customerAddress', 'create', [
	accountRefProperty,
	addressTypeProperty,
	...inputProperties(ADDRESS_FIELDS, 'address'),
	writeOptions,
]);

export async function execute(this: IExecuteFunctions, itemIndex: number): Promise<IDataObject> {
	const ref = readAccountRef.call(this, itemIndex);
	const body = { ...readInput.call(this, itemIndex, ADDRESS_FIELDS), ADDRESS_TYPE: Number(this.getNodeParameter('addressType', itemIndex, 1)) };
	const { idempotencyKey, sourceKey } = readWriteOptions.call(this, itemIndex);
	const { record } = await sageWrite.call(this, {
		method: 'POST',
		path: addressPath(ref),
		body,
		entity: 'addresses',
		operation: 'create',
		sourceKey,
		explicitKey: idempotencyKey,
		label: 'Address of customer',
		record: ref,
		itemIndex,
	});
	return record;
}
