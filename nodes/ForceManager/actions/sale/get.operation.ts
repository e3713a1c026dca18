import { getOperation } from '../common/crud';
import { sale } from '../common/resources';

const operation = getOperation(sale);
export const description = operation.description;
export const execute = operation.execute;
