// Per-item dispatch with continueOnFail and pairedItem; batch operations (upsert) get all items
// at once so they can look up and write in bulk.
import type { IDataObject, IExecuteFunctions, INodeExecutionData, JsonObject } from 'n8n-workflow';
import { NodeApiError, NodeOperationError } from 'n8n-workflow';

import * as account from './account/Account.resource';
import * as contact from './contact/Contact.resource';
import * as product from './product/Product.resource';
import * as sale from './sale/Sale.resource';
import * as salesOrder from './salesOrder/SalesOrder.resource';
import * as user from './user/User.resource';
import * as valueList from './valueList/ValueList.resource';

type OperationModule = {
	execute?: (this: IExecuteFunctions, itemIndex: number) => Promise<IDataObject | IDataObject[]>;
	executeBatch?: (this: IExecuteFunctions, items: INodeExecutionData[]) => Promise<INodeExecutionData[]>;
};

const resources: Record<string, Record<string, unknown>> = {
	account,
	contact,
	product,
	sale,
	salesOrder,
	user,
	valueList,
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
			returnData.push(
				...this.helpers.constructExecutionMetaData(this.helpers.returnJsonArray(data), { itemData: { item: i } }),
			);
		} catch (error) {
			if (this.continueOnFail()) {
				returnData.push({
					json: { error: (error as Error).message, description: (error as NodeApiError).description ?? undefined },
					pairedItem: { item: i },
				});
				continue;
			}
			if (error instanceof NodeOperationError) {
				throw new NodeOperationError(this.getNode(), error, { itemIndex: i });
			}
			throw new NodeApiError(this.getNode(), error as JsonObject, { itemIndex: i });
		}
	}
	return [returnData];
}
