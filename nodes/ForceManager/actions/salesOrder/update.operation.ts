import type { IExecuteFunctions } from 'n8n-workflow';

import { byId, readId, show, updateProperties } from '../common/crud';
import { readCollectionBody } from '../common/fields';
import { salesOrder } from '../common/resources';
import { createLines, deleteLines, lineProperties, readLines } from './lines';

export const description = [
	...updateProperties(salesOrder),
	...show('salesOrder', 'update', [
		...lineProperties,
		{
			displayName: 'Replace Lines',
			name: 'replaceLines',
			type: 'boolean',
			default: false,
			description:
				'Whether the lines given here replace all current lines of the order (old ones are deleted after the new ones are written). Off: the lines are added.',
		},
	]),
];

export async function execute(this: IExecuteFunctions, itemIndex: number) {
	const id = readId.call(this, itemIndex, salesOrder.label);
	const body = readCollectionBody.call(this, salesOrder.fields, 'updateFields', itemIndex);
	const lines = readLines.call(this, itemIndex);
	const replace = this.getNodeParameter('replaceLines', itemIndex, false) as boolean;
	if (Object.keys(body).length > 0) {
		await byId.call(this, 'PUT', salesOrder.path, id, salesOrder.label, itemIndex, body);
	}
	const written = await createLines.call(this, id, lines, itemIndex);
	const removedLineIds = replace
		? await deleteLines.call(this, id, new Set(written.map((l) => Number(l.id))))
		: [];
	const header = await byId.call(this, 'GET', salesOrder.path, id, salesOrder.label, itemIndex);
	return { ...header, lines: written, removedLineIds };
}
