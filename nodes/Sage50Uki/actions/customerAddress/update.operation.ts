import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';

import { ADDRESS_FIELDS } from '../common/fields';
import { readAccountRef, readNumber } from '../common/keys';
import { inputProperties, readInput, readWriteOptions, show, writeOptions } from '../common/params';
import { executionSalt, sageWrite } from '../common/write';
import { addressPath } from './common';

export const description: INodeProperties[] = show('customerAddress', 'update', [...inputProperties(ADDRESS_FIELDS, 'address'), writeOptions]);

export async function execute(this: IExecuteFunctions, itemIndex: number): Promise<IDataObject> {
	const ref = readAccountRef.call(this, itemIndex);
	const n = readNumber.call(this, 'addressRef', itemIndex, 'Address Number');
	const { idempotencyKey, sourceKey } = readWriteOptions.call(this, itemIndex);
	const { record } = await sageWrite.call(this, {
		method: 'PATCH',
		path: addressPath(ref, n),
		body: readInput.call(this, itemIndex, ADDRESS_FIELDS),
		entity: 'addresses',
		operation: 'update',
		sourceKey: sourceKey ?? `${ref}/${n}`,
		explicitKey: idempotencyKey,
		salt: executionSalt.call(this),
		label: 'Address',
		record: `${ref}/${n}`,
		itemIndex,
	});
	return record;
}
