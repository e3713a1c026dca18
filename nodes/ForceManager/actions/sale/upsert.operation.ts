import { sale } from '../common/resources';
import { upsertOperation } from '../common/upsert';

const operation = upsertOperation(sale);
export const description = operation.description;
export const executeBatch = operation.executeBatch;
