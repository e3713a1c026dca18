import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';

import { listConsumers } from '../../../shared/sage50/ledger';
import { show } from '../common/params';
import { workflowProperty } from './getDeadLetters.operation';

export const description: INodeProperties[] = show('syncDelivery', 'getStatus', [
	workflowProperty('The triggers of this workflow; empty: every workflow'),
]);

export async function execute(this: IExecuteFunctions, itemIndex: number): Promise<IDataObject[]> {
	const workflow = String(this.getNodeParameter('workflowId', itemIndex, '') ?? '').trim();
	return await listConsumers.call(this, workflow || undefined);
}
