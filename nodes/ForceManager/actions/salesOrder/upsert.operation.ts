import { salesOrder } from '../common/resources';
import { upsertOperation } from '../common/upsert';

const operation = upsertOperation(salesOrder);
export const description = operation.description;
export const executeBatch = operation.executeBatch;
