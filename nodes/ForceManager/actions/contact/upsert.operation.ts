import { contact } from '../common/resources';
import { upsertOperation } from '../common/upsert';

const operation = upsertOperation(contact);
export const description = operation.description;
export const executeBatch = operation.executeBatch;
