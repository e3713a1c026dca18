// Sales order lines are their own resource, `/salesordersLines`; the contract offers one POST per
// line (swagger; notes §7.5, §8.8). Lines are written after the header they belong to.
import type { IDataObject, IExecuteFunctions, INodeProperties, JsonObject } from 'n8n-workflow';
import { NodeApiError, NodeOperationError } from 'n8n-workflow';

import { forceManagerList } from '../../../shared/forcemanager/paging';
import { forceManagerRequest } from '../../../shared/forcemanager/transport';
import { where } from '../../../shared/forcemanager/where';
import { withItem } from '../common/crud';
import { buildBody, fieldProperty } from '../common/fields';
import { salesOrderLine } from '../common/resources';

export const LINES_PATH = '/salesordersLines';

export const lineProperties: INodeProperties[] = [
	{
		displayName: 'Lines',
		name: 'lines',
		type: 'fixedCollection',
		typeOptions: { multipleValues: true, sortable: true },
		placeholder: 'Add Line',
		default: {},
		options: [
			{
				displayName: 'Line',
				name: 'line',
				values: salesOrderLine.map((f) => fieldProperty(f, false)),
			},
		],
	},
	{
		displayName: 'Lines (JSON)',
		name: 'linesJson',
		type: 'json',
		default: '[]',
		description:
			'Lines as a JSON array, added after the lines above, e.g. [{"productId": 12, "quantity": 2, "price": 9.5}]',
	},
];

export function readLines(this: IExecuteFunctions, itemIndex: number): IDataObject[] {
	const fixed = ((this.getNodeParameter('lines', itemIndex, {}) as IDataObject).line as IDataObject[] | undefined) ?? [];
	let raw = this.getNodeParameter('linesJson', itemIndex, '[]') as unknown;
	try {
		if (typeof raw === 'string') raw = raw.trim() === '' ? [] : JSON.parse(raw);
		if (!Array.isArray(raw)) throw new Error('Lines (JSON) must be a JSON array');
		return [...fixed, ...(raw as IDataObject[])].map((line, n) => {
			const body = buildBody(salesOrderLine, line);
			for (const f of salesOrderLine.filter((x) => x.requiredOnCreate)) {
				if (body[f.name] === undefined || body[f.name] === '') throw new Error(`line ${n + 1}: "${f.name}" is required`);
			}
			return body;
		});
	} catch (error) {
		throw new NodeOperationError(this.getNode(), (error as Error).message, { itemIndex });
	}
}

export async function createLines(
	this: IExecuteFunctions,
	salesOrderId: number,
	lines: IDataObject[],
	itemIndex: number,
): Promise<IDataObject[]> {
	const out: IDataObject[] = [];
	for (const [n, line] of lines.entries()) {
		const body = { ...line, salesOrderId };
		try {
			const res = (await forceManagerRequest.call(this, { method: 'POST', path: LINES_PATH, body })) as IDataObject;
			out.push({ id: res?.id, ...body });
		} catch (error) {
			throw withItem(
				new NodeApiError(this.getNode(), error as JsonObject, { itemIndex }),
				itemIndex,
				`Sales order ${salesOrderId}: line ${n + 1} could not be created (${out.length} of ${lines.length} lines written)`,
			);
		}
	}
	return out;
}

export async function deleteLines(this: IExecuteFunctions, salesOrderId: number, keep: Set<number>): Promise<number[]> {
	const existing = await forceManagerList.call(this, LINES_PATH, {
		where: where.and(where.eq('salesorderId.id', salesOrderId), where.eq('deleted', false)),
	});
	const removed: number[] = [];
	for (const line of existing) {
		const id = Number(line.id);
		if (keep.has(id)) continue;
		await forceManagerRequest.call(this, { method: 'DELETE', path: `${LINES_PATH}/${id}` });
		removed.push(id);
	}
	return removed;
}
