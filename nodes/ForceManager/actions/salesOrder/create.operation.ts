import type { IExecuteFunctions } from 'n8n-workflow';

import { createProperties, createRecord, show } from '../common/crud';
import { readCreateBody } from '../common/fields';
import { salesOrder } from '../common/resources';
import { createLines, lineProperties, readLines } from './lines';

export const description = [...createProperties(salesOrder), ...show('salesOrder', 'create', lineProperties)];

export async function execute(this: IExecuteFunctions, itemIndex: number) {
	const body = readCreateBody.call(this, salesOrder.fields, itemIndex);
	const lines = readLines.call(this, itemIndex); // validate before writing anything
	const header = await createRecord.call(this, salesOrder, body, itemIndex);
	const written = await createLines.call(this, Number(header.id), lines, itemIndex);
	return { ...header, lines: written };
}
