import { operations } from './kind';

export const description = operations.create.description;
export const execute = operations.create.execute;
