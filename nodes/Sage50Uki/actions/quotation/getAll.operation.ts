import { operations } from './kind';

export const description = operations.getAll.description;
export const execute = operations.getAll.execute;
