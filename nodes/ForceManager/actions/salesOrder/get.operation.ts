import { getOperation } from '../common/crud';
import { salesOrder } from '../common/resources';

const operation = getOperation(salesOrder);
export const description = operation.description;
export const execute = operation.execute;
