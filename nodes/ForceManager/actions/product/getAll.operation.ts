import { getManyOperation } from '../common/crud';
import { product } from '../common/resources';

const operation = getManyOperation(product);
export const description = operation.description;
export const execute = operation.execute;
