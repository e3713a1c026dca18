import { updateOperation } from '../common/crud';
import { contact } from '../common/resources';

const operation = updateOperation(contact);
export const description = operation.description;
export const execute = operation.execute;
