// Product → Get, optionally with the image file as binary `image` (P3 pictures), so items may carry
// binary data: runs over all items itself instead of through the router's JSON-only loop.
import type { IDataObject, IExecuteFunctions, INodeExecutionData, INodeProperties, JsonObject } from 'n8n-workflow';
import { NodeApiError } from 'n8n-workflow';

import { fetchProductImage } from '../../../shared/sage50/image';
import { sageRequest, segment } from '../../../shared/sage50/transport';
import { show } from '../common/params';
import { operations } from './spec';

export const description: INodeProperties[] = [
	...operations.get.description,
	...show('product', 'get', [
		{
			displayName: 'Options',
			name: 'options',
			type: 'collection',
			placeholder: 'Add option',
			default: {},
			options: [
				{
					displayName: 'Include Image',
					name: 'includeImage',
					type: 'boolean',
					default: false,
					description: 'Whether to download the product image (WEB_IMAGE_FILE) into the binary property "image"; products without one come without binary',
				},
			],
		},
	]),
];

export async function executeBatch(this: IExecuteFunctions, items: INodeExecutionData[]): Promise<INodeExecutionData[]> {
	const out: INodeExecutionData[] = [];
	for (let i = 0; i < items.length; i++) {
		try {
			const code = String(this.getNodeParameter('stockCode', i, '') ?? '').trim();
			const json = (await sageRequest.call(this, { method: 'GET', path: `/products/${segment(code)}`, label: 'Product', record: code, itemIndex: i })) as IDataObject;
			const options = this.getNodeParameter('options', i, {}) as IDataObject;
			const item: INodeExecutionData = { json, pairedItem: { item: i } };
			if (options.includeImage === true && json.WEB_IMAGE_FILE) {
				const image = await fetchProductImage.call(this, String(json.STOCK_CODE ?? code));
				if (image) item.binary = { image };
			}
			out.push(item);
		} catch (error) {
			if (this.continueOnFail()) {
				out.push({ json: { error: (error as Error).message }, pairedItem: { item: i } });
				continue;
			}
			throw new NodeApiError(this.getNode(), error as JsonObject, { itemIndex: i });
		}
	}
	return out;
}
