import { type DocumentKind, documentOperations } from './documents';

export const KIND: DocumentKind = { resource: 'salesOrder', label: 'Sales Order', orderType: 0 };
export const operations = documentOperations(KIND);
