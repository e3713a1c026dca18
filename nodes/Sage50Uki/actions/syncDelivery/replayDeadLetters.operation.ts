import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';

import { replayDeadLetters } from '../../../shared/sage50/ledger';
import { show } from '../common/params';
import { workflowProperty } from './getDeadLetters.operation';

export const description: INodeProperties[] = show('syncDelivery', 'replayDeadLetters', [
	workflowProperty('Replay the dead letters of the triggers of this workflow; empty: every workflow'),
	{
		displayName: 'Record Keys',
		name: 'keys',
		type: 'string',
		default: '',
		placeholder: 'e.g. ABS001, 17',
		description: 'Only these records (comma-separated keys as listed by Get Dead Letters); empty: all of the workflow\'s dead letters',
	},
]);

export async function execute(this: IExecuteFunctions, itemIndex: number): Promise<IDataObject> {
	const workflow = String(this.getNodeParameter('workflowId', itemIndex, '') ?? '').trim();
	const keys = String(this.getNodeParameter('keys', itemIndex, '') ?? '')
		.split(',')
		.map((k) => k.trim())
		.filter(Boolean);
	const replayed = await replayDeadLetters.call(this, workflow ? { workflow, keys } : { all: true, keys });
	return { workflow: workflow || 'all', replayed, keys: keys.length ? keys : 'all' };
}
