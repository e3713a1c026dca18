import { getOperation } from '../common/crud';
import { product } from '../common/resources';

const operation = getOperation(product);
export const description = operation.description;
export const execute = operation.execute;
