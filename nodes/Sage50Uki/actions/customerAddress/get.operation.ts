import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';

import { sageRequest } from '../../../shared/sage50/transport';
import { readAccountRef, readNumber } from '../common/keys';
import { show } from '../common/params';
import { accountRefProperty, addressPath, addressRefProperty } from './common';

export const description: INodeProperties[] = show('customerAddress', ['get', 'update'], [accountRefProperty, addressRefProperty]);

export async function execute(this: IExecuteFunctions, itemIndex: number): Promise<IDataObject> {
	const ref = readAccountRef.call(this, itemIndex);
	const n = readNumber.call(this, 'addressRef', itemIndex, 'Address Number');
	return (await sageRequest.call(this, { method: 'GET', path: addressPath(ref, n), label: 'Address', record: `${ref}/${n}`, itemIndex })) as IDataObject;
}
