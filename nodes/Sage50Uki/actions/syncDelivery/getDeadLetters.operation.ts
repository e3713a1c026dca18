import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';

import { listDeadLetters } from '../../../shared/sage50/ledger';
import { show } from '../common/params';

export const workflowProperty = (description: string): INodeProperties => ({
	displayName: 'Workflow ID',
	name: 'workflowId',
	type: 'string',
	default: '={{ $workflow.id }}',
	description,
});

export const description: INodeProperties[] = show('syncDelivery', 'getDeadLetters', [
	workflowProperty('Dead letters of the triggers of this workflow (e.g. {{ $json.workflow.id }} in an error workflow); empty: every workflow'),
	{ displayName: 'Limit', name: 'limit', type: 'number', typeOptions: { minValue: 1 }, default: 50, description: 'Max number of results to return' },
]);

export async function execute(this: IExecuteFunctions, itemIndex: number): Promise<IDataObject[]> {
	const workflow = String(this.getNodeParameter('workflowId', itemIndex, '') ?? '').trim();
	const limit = Number(this.getNodeParameter('limit', itemIndex, 50));
	return await listDeadLetters.call(this, { workflow: workflow || undefined, limit });
}
