// Per-item dispatch shared by the action nodes: continueOnFail and pairedItem for per-item
// operations; batch operations (upserts, write-back) get all items at once so they can look up
// and write in bulk.
import type { IDataObject, IExecuteFunctions, INodeExecutionData, JsonObject } from 'n8n-workflow';
import { NodeApiError, NodeOperationError } from 'n8n-workflow';

type OperationModule = {
	execute?: (this: IExecuteFunctions, itemIndex: number) => Promise<IDataObject | IDataObject[]>;
	executeBatch?: (this: IExecuteFunctions, items: INodeExecutionData[]) => Promise<INodeExecutionData[]>;
};

export type ResourceModules = Record<string, Record<string, unknown>>;

export async function routeOperation(this: IExecuteFunctions, resources: ResourceModules): Promise<INodeExecutionData[][]> {
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
			throw withItemIndex.call(this, error, i);
		}
	}
	return [returnData];
}

/** The same error, now naming the item; API errors keep the remote system's message. */
function withItemIndex(this: IExecuteFunctions, error: unknown, itemIndex: number): Error {
	if (error instanceof NodeApiError) {
		error.context.itemIndex = itemIndex;
		return new NodeApiError(this.getNode(), error as unknown as JsonObject, { itemIndex });
	}
	return new NodeOperationError(this.getNode(), error as Error, { itemIndex });
}
