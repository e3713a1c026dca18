import { getOperation } from '../common/crud';
import { account } from '../common/resources';

const operation = getOperation(account);
export const description = operation.description;
export const execute = operation.execute;
