import { getManyOperation } from '../common/crud';
import { salesOrder } from '../common/resources';

const operation = getManyOperation(salesOrder);
export const description = operation.description;
export const execute = operation.execute;
