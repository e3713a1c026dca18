import { readOnlyOperations } from '../common/readOnly';

export const operations = readOnlyOperations({
	resource: 'user',
	label: 'User',
	path: '/users',
	key: { displayName: 'User Name', name: 'userName', type: 'string', required: true, default: '', description: 'Sage logon name (USER_NAME); case and spaces matter' },
});
