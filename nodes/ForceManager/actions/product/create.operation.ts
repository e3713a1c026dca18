import { createOperation } from '../common/crud';
import { product } from '../common/resources';

const operation = createOperation(product);
export const description = operation.description;
export const execute = operation.execute;
