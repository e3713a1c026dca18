import { createOperation } from '../common/crud';
import { contact } from '../common/resources';

const operation = createOperation(contact);
export const description = operation.description;
export const execute = operation.execute;
