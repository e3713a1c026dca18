import type { INodeProperties } from 'n8n-workflow';

import { readOnlyOperationProperty } from '../common/readOnly';
import * as get from './get.operation';
import * as getAll from './getAll.operation';

export { get, getAll };

export const description: INodeProperties[] = [
	readOnlyOperationProperty('product', 'product', 'products'),
	...get.description,
	...getAll.description,
];
