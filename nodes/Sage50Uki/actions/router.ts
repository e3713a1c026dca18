// Per-item dispatch with continueOnFail and pairedItem; upserts get all items at once so they can
// look existing records up in as few calls as the contract allows.
import type { IDataObject, IExecuteFunctions, INodeExecutionData, JsonObject } from 'n8n-workflow';
import { NodeApiError, NodeOperationError } from 'n8n-workflow';

import * as customer from './customer/Customer.resource';
import * as customerAddress from './customerAddress/CustomerAddress.resource';
import * as invoice from './invoice/Invoice.resource';
import * as lookup from './lookup/Lookup.resource';
import * as product from './product/Product.resource';
import * as quotation from './quotation/Quotation.resource';
import * as salesOrder from './salesOrder/SalesOrder.resource';
import * as user from './user/User.resource';

type OperationModule = {
	execute?: (this: IExecuteFunctions, itemIndex: number) => Promise<IDataObject | IDataObject[]>;
	executeBatch?: (this: IExecuteFunctions, items: INodeExecutionData[]) => Promise<INodeExecutionData[]>;
};

const resources: Record<string, Record<string, unknown>> = {
	customer,
	customerAddress,
	invoice,
	lookup,
	product,
	quotation,
	salesOrder,
	user,
};

export async function router(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
	const items = this.getInputData();
	const resource = this.getNodeParameter('resource', 0) as string;
	const operation = this.getNodeParameter('operation', 0) as string;
	const module = resources[resource]?.[operation] as OperationModule | undefined;
	if (!module || (!module.execute && !module.executeBatch)) {
		throw new NodeOperationError(this.getNode(), `The operation "${operation}" is not supported for "${resource}"`);
	}
	if (module.executeBatch) return [await module.executeBatch.call(this, items)];

	const returnData: INodeExecutionData[] = [];
	for (let i = 0; i < items.length; i++) {
		try {
			const data = await module.execute!.call(this, i);
			returnData.push(...this.helpers.constructExecutionMetaData(this.helpers.returnJsonArray(data), { itemData: { item: i } }));
		} catch (error) {
			if (this.continueOnFail()) {
				returnData.push({
					json: { error: (error as Error).message, description: (error as NodeApiError).description ?? undefined },
					pairedItem: { item: i },
				});
				continue;
			}
			if (error instanceof NodeApiError) {
				// Re-wrapping hands back the same error (with the bridge's message); only the item is added.
				error.context.itemIndex = i;
				throw new NodeApiError(this.getNode(), error as unknown as JsonObject, { itemIndex: i });
			}
			throw new NodeOperationError(this.getNode(), error as Error, { itemIndex: i });
		}
	}
	return [returnData];
}
