import type { INodeProperties } from 'n8n-workflow';

import * as confirm from './confirm.operation';
import * as getDeadLetters from './getDeadLetters.operation';
import * as getStatus from './getStatus.operation';
import * as replayDeadLetters from './replayDeadLetters.operation';

export { confirm, getDeadLetters, getStatus, replayDeadLetters };

export const description: INodeProperties[] = [
	{
		displayName: 'Operation',
		name: 'operation',
		type: 'options',
		noDataExpression: true,
		displayOptions: { show: { resource: ['syncDelivery'] } },
		options: [
			{
				name: 'Confirm',
				value: 'confirm',
				description: 'Tell the delivery ledger what this run did with each change (end of a sync workflow)',
				action: 'Confirm delivered changes',
			},
			{
				name: 'Get Dead Letters',
				value: 'getDeadLetters',
				description: 'Changes that failed on every attempt, with the record, the field and the reason',
				action: 'Get dead letters',
			},
			{
				name: 'Get Status',
				value: 'getStatus',
				description: 'Pending, waiting and dead-lettered changes per trigger',
				action: 'Get delivery status',
			},
			{
				name: 'Replay Dead Letters',
				value: 'replayDeadLetters',
				description: 'Offer dead letters again at the next poll, with a clean attempt count',
				action: 'Replay dead letters',
			},
		],
		default: 'confirm',
	},
	...confirm.description,
	...getDeadLetters.description,
	...getStatus.description,
	...replayDeadLetters.description,
];
