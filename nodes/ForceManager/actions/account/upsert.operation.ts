import { account } from '../common/resources';
import { upsertOperation } from '../common/upsert';

const operation = upsertOperation(account);
export const description = operation.description;
export const executeBatch = operation.executeBatch;
