import { createOperation } from '../common/crud';
import { account } from '../common/resources';

const operation = createOperation(account);
export const description = operation.description;
export const execute = operation.execute;
