import { getManyOperation } from '../common/crud';
import { contact } from '../common/resources';

const operation = getManyOperation(contact);
export const description = operation.description;
export const execute = operation.execute;
