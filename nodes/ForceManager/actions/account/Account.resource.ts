import type { INodeProperties } from 'n8n-workflow';

import { writableOperations } from '../common/operations';
import * as applyWriteBack from './applyWriteBack.operation';
import * as create from './create.operation';
import * as del from './delete.operation';
import * as get from './get.operation';
import * as getAll from './getAll.operation';
import * as update from './update.operation';
import * as upsert from './upsert.operation';

export { applyWriteBack, create, del as delete, get, getAll, update, upsert };

export const description: INodeProperties[] = [
	writableOperations('account', 'an account', 'accounts', true),
	...applyWriteBack.description,
	...create.description,
	...del.description,
	...get.description,
	...getAll.description,
	...update.description,
	...upsert.description,
];
