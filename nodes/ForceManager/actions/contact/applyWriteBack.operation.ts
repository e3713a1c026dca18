import { contact } from '../common/resources';
import { writeBackOperation } from '../common/writeBack';

const operation = writeBackOperation(contact);
export const description = operation.description;
export const executeBatch = operation.executeBatch;
