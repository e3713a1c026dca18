import { getOperation } from '../common/crud';

const operation = getOperation({ value: 'user', label: 'User', path: '/users' });
export const description = operation.description;
export const execute = operation.execute;
