// The Sage 50 UKI node's resources; dispatch lives in nodes/shared/router.ts.
import type { IExecuteFunctions, INodeExecutionData } from 'n8n-workflow';

import { routeOperation, type ResourceModules } from '../../shared/router';
import * as customer from './customer/Customer.resource';
import * as customerAddress from './customerAddress/CustomerAddress.resource';
import * as invoice from './invoice/Invoice.resource';
import * as lookup from './lookup/Lookup.resource';
import * as product from './product/Product.resource';
import * as quotation from './quotation/Quotation.resource';
import * as salesOrder from './salesOrder/SalesOrder.resource';
import * as syncDelivery from './syncDelivery/SyncDelivery.resource';
import * as user from './user/User.resource';

const resources: ResourceModules = {
	customer,
	customerAddress,
	invoice,
	lookup,
	product,
	quotation,
	salesOrder,
	syncDelivery,
	user,
};

export async function router(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
	return await routeOperation.call(this, resources);
}
