import { account } from '../common/resources';
import { writeBackOperation } from '../common/writeBack';

const operation = writeBackOperation(account);
export const description = operation.description;
export const executeBatch = operation.executeBatch;
