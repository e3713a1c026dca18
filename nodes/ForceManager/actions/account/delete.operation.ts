import { deleteOperation } from '../common/crud';
import { account } from '../common/resources';

// Soft delete: ForceManager keeps the record with deleted = true (notes §4.5).
const operation = deleteOperation(account);
export const description = operation.description;
export const execute = operation.execute;
