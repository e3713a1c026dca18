import { salesOrder } from '../common/resources';
import { writeBackOperation } from '../common/writeBack';

const operation = writeBackOperation(salesOrder);
export const description = operation.description;
export const executeBatch = operation.executeBatch;
