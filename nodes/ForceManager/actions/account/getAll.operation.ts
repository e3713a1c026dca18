import { getManyOperation } from '../common/crud';
import { account } from '../common/resources';

const operation = getManyOperation(account);
export const description = operation.description;
export const execute = operation.execute;
