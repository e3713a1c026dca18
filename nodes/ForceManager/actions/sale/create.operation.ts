import { createOperation } from '../common/crud';
import { sale } from '../common/resources';

const operation = createOperation(sale);
export const description = operation.description;
export const execute = operation.execute;
