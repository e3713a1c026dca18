import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';

import { sageList } from '../../../shared/sage50/paging';
import { getManyProperties, readGetMany } from '../common/params';

export const description: INodeProperties[] = getManyProperties('customer');

export async function execute(this: IExecuteFunctions, itemIndex: number): Promise<IDataObject[]> {
	const { limit, qs } = readGetMany.call(this, itemIndex);
	return await sageList.call(this, '/customers', qs, limit);
}
