import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';

import { segment, sageRequest } from '../../../shared/sage50/transport';
import { readAccountRef } from '../common/keys';
import { keyProperty, show } from '../common/params';

export const description: INodeProperties[] = show('customer', ['get', 'update'], [
	keyProperty('accountRef', 'Account Reference', 'The Sage account reference (ACCOUNT_REF), e.g. ABS001'),
]);

export async function execute(this: IExecuteFunctions, itemIndex: number): Promise<IDataObject> {
	const ref = readAccountRef.call(this, itemIndex);
	return (await sageRequest.call(this, { method: 'GET', path: `/customers/${segment(ref)}`, label: 'Customer', record: ref, itemIndex })) as IDataObject;
}
