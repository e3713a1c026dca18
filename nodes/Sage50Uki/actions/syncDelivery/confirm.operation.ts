// Sync Delivery → Confirm: the last step of a sync workflow. Each input item is a sync result (from
// an upsert or the write-back) carrying the delivery token its trigger gave the change. Applied or
// decided by a rule → delivered (with the pair's new last-synced state); waiting → re-checked next
// poll; failed → retried after 1, 2, 4 … minutes and parked as a dead letter after the trigger's
// attempt limit. The run then fails when any record failed, naming each with its field and reason,
// so a run with failed records never looks green (the error workflow gets the list).
import type { IDataObject, IExecuteFunctions, INodeExecutionData, INodeProperties } from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';

import { ackChanges, type AckItem, type AckResult } from '../../../shared/sage50/ledger';
import { isDeliveryToken, outcomeOf, type DeliveryToken, type StateProposal } from '../../../shared/sync/delivery';
import { show } from '../common/params';

export const description: INodeProperties[] = show('syncDelivery', 'confirm', [
	{
		displayName:
			'Put this step last in a sync workflow whose trigger has Delivery "Confirmed by the Workflow". Items without a delivery token pass through untouched.',
		name: 'confirmNotice',
		type: 'notice',
		default: '',
	},
	{
		displayName: 'Fail the Run When Records Failed',
		name: 'failRun',
		type: 'boolean',
		default: true,
		description:
			'Whether to mark the execution as failed (and start the error workflow) when any record failed, after confirming the others. The failed records are retried by the trigger either way.',
	},
]);

interface Confirmation {
	index: number;
	token: DeliveryToken;
	ack: AckItem;
}

function describe(json: IDataObject, result: AckResult | undefined): string {
	const what = [json.reason ?? json.label ?? json.key, json.field ? `(field ${String(json.field)})` : ''].filter(Boolean).join(' ');
	if (!result) return String(what);
	if (result.state === 'dead') return `${String(what)} — after ${result.attempts} attempts it is now a dead letter`;
	return `${String(what)} — attempt ${result.attempts}, retried from ${result.due ?? 'the next poll'}`;
}

export async function executeBatch(this: IExecuteFunctions, items: INodeExecutionData[]): Promise<INodeExecutionData[]> {
	const byConsumer = new Map<string, Confirmation[]>();
	for (const [index, item] of items.entries()) {
		const json = item.json;
		if (!isDeliveryToken(json.delivery)) continue;
		const token = json.delivery;
		const outcome = outcomeOf(json.status as string | undefined);
		const ack: AckItem = {
			key: token.key,
			version: token.version,
			lease: token.lease,
			outcome,
			...(outcome !== 'delivered' && json.reason ? { reason: String(json.reason).slice(0, 2000) } : {}),
			...(json.field ? { field: String(json.field).slice(0, 200) } : {}),
			...(json.label ? { label: String(json.label).slice(0, 300) } : {}),
			...(outcome === 'delivered' && json.state ? { state: json.state as unknown as StateProposal } : {}),
		};
		byConsumer.set(token.consumer, [...(byConsumer.get(token.consumer) ?? []), { index, token, ack }]);
	}
	const results = new Map<number, AckResult>();
	for (const [consumer, confirmations] of byConsumer) {
		const answer = await ackChanges.call(this, consumer, confirmations.map((c) => c.ack));
		confirmations.forEach((c, n) => results.set(c.index, answer[n]));
	}
	const out = items.map((item, index): INodeExecutionData => {
		const result = results.get(index);
		const json: IDataObject = { ...item.json };
		if (result) json.delivery = { ...(item.json.delivery as IDataObject), confirmed: result as unknown as IDataObject };
		return { json, pairedItem: { item: index } };
	});
	const failed = [...results.entries()].filter(([index]) => outcomeOf(items[index].json.status as string | undefined) === 'failed');
	if (failed.length > 0 && this.getNodeParameter('failRun', 0, true) !== false && !this.continueOnFail()) {
		throw new NodeOperationError(
			this.getNode(),
			`${failed.length} of ${results.size} records failed: ${failed.map(([index, r]) => describe(items[index].json, r)).join('; ')}`,
			{ description: 'The other records were confirmed. Failed records are retried automatically; Sync Delivery → Get Dead Letters lists those that ran out of attempts, Replay Dead Letters offers them again.' },
		);
	}
	return out;
}
