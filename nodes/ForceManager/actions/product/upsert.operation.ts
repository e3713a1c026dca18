import { product } from '../common/resources';
import { upsertOperation } from '../common/upsert';

const operation = upsertOperation(product);
export const description = operation.description;
export const executeBatch = operation.executeBatch;
