import { deleteOperation } from '../common/crud';
import { sale } from '../common/resources';

// Soft delete: ForceManager keeps the record with deleted = true (notes §4.5).
const operation = deleteOperation(sale);
export const description = operation.description;
export const execute = operation.execute;
