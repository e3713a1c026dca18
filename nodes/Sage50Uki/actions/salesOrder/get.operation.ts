import { operations } from './kind';

export const description = operations.get.description;
export const execute = operations.get.execute;
