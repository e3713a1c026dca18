// U1: Sage users → ForceManager users, matched by e-mail only (the FM contract has no user writes).
import { flag, isDeletedInSage } from '../flags';
import type { MappedRecord } from '../sync/envelope';
import { applyRules, other, quoted, sageSource, upsert } from './common';
import type { EntityMapper, FieldRule, MapperSettings, SourceItem } from './types';

export const sageUserToUserFields: FieldRule[] = [
	{ field: 'email', from: 'E_MAIL (lower case)', rule: 'U1', value: (r) => String(r.E_MAIL ?? '').trim().toLowerCase() },
];

export const sageUserToUser: EntityMapper = {
	entity: 'user',
	direction: 'sageToForceManager',
	fields: sageUserToUserFields,
	map(item: SourceItem, settings: MapperSettings): MappedRecord {
		const r = item.record ?? {};
		const userName = String(r.USER_NAME ?? item.key ?? '');
		const email = String(r.E_MAIL ?? '').trim().toLowerCase();
		const meta = {
			entity: 'user' as const,
			direction: 'sageToForceManager' as const,
			key: email,
			source: sageSource(item, 'user', userName),
			label: `User ${userName}${quoted(r.NAME)}`,
		};
		if (item.event === 'deleted' || isDeletedInSage(r)) return other('skip', { ...meta, rules: ['U1'] }, 'U1: the user was deleted in Sage; ForceManager users are never changed by the sync');
		if (flag(r.INACTIVE_FLAG)) return other('skip', { ...meta, rules: ['U1'] }, 'U1: the user is inactive in Sage');
		if (email === '') return other('skip', { ...meta, rules: ['U1'] }, 'U1: the user has no e-mail address in Sage, so it cannot be matched');
		return upsert({ ...meta, rules: ['U1'] }, applyRules(sageUserToUserFields, r, settings, item));
	},
};
