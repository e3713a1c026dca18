import { updateOperation } from '../common/crud';
import { account } from '../common/resources';

const operation = updateOperation(account);
export const description = operation.description;
export const execute = operation.execute;
