import { operations } from './kind';

export const description = operations.update.description;
export const execute = operations.update.execute;
