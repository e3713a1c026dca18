import { updateOperation } from '../common/crud';
import { sale } from '../common/resources';

const operation = updateOperation(sale);
export const description = operation.description;
export const execute = operation.execute;
