import { operations } from './spec';

export const description = operations.getAll.description;
export const execute = operations.getAll.execute;
