// The ForceManager node's resources; dispatch lives in nodes/shared/router.ts.
import type { IExecuteFunctions, INodeExecutionData } from 'n8n-workflow';

import { routeOperation, type ResourceModules } from '../../shared/router';
import * as account from './account/Account.resource';
import * as contact from './contact/Contact.resource';
import * as product from './product/Product.resource';
import * as sale from './sale/Sale.resource';
import * as salesOrder from './salesOrder/SalesOrder.resource';
import * as user from './user/User.resource';
import * as valueList from './valueList/ValueList.resource';

const resources: ResourceModules = {
	account,
	contact,
	product,
	sale,
	salesOrder,
	user,
	valueList,
};

export async function router(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
	return await routeOperation.call(this, resources);
}
