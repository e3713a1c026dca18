import { type DocumentKind, documentOperations } from '../salesOrder/documents';

export const KIND: DocumentKind = { resource: 'quotation', label: 'Quotation', orderType: 9 };
export const operations = documentOperations(KIND);
