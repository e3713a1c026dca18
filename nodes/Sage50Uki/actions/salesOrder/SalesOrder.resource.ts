import type { INodeProperties } from 'n8n-workflow';

import * as create from './create.operation';
import * as get from './get.operation';
import * as getAll from './getAll.operation';
import * as update from './update.operation';
import * as upsert from './upsert.operation';
import { KIND } from './kind';
import { operationProperty } from './documents';

export { create, get, getAll, update, upsert };

export const description: INodeProperties[] = [
	operationProperty(KIND, 'a'),
	...create.description,
	...get.description,
	...getAll.description,
	...update.description,
	...upsert.description,
];
