import { updateOperation } from '../common/crud';
import { product } from '../common/resources';

const operation = updateOperation(product);
export const description = operation.description;
export const execute = operation.execute;
