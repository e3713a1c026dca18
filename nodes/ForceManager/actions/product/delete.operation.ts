import { deleteOperation } from '../common/crud';
import { product } from '../common/resources';

// Soft delete: ForceManager keeps the record with deleted = true (notes §4.5).
const operation = deleteOperation(product);
export const description = operation.description;
export const execute = operation.execute;
