import { getManyOperation } from '../common/crud';

const operation = getManyOperation({ value: 'user', path: '/users' });
export const description = operation.description;
export const execute = operation.execute;
