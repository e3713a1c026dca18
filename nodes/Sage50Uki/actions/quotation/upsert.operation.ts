import { operations } from './kind';

export const description = operations.upsert.description;
export const executeBatch = operations.upsert.executeBatch;
