import { getManyOperation } from '../common/crud';
import { sale } from '../common/resources';

const operation = getManyOperation(sale);
export const description = operation.description;
export const execute = operation.execute;
