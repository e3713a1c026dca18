import { getOperation } from '../common/crud';
import { contact } from '../common/resources';

const operation = getOperation(contact);
export const description = operation.description;
export const execute = operation.execute;
