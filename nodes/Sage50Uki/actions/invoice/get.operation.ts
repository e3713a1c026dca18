import { operations } from './spec';

export const description = operations.get.description;
export const execute = operations.get.execute;
