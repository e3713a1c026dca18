// U1: Sage users are matched to ForceManager users by e-mail (case-insensitive). The v4 contract
// has no user write endpoints (notes §7.7), so this links or reports; it never writes.
import type { IDataObject, IExecuteFunctions, INodeExecutionData, INodeProperties } from 'n8n-workflow';

import { isDeletedInForceManager } from '../../../shared/flags';
import { forceManagerPages } from '../../../shared/forcemanager/paging';
import { isMappedRecord, type SyncResult } from '../../../shared/sync/envelope';
import { show } from '../common/crud';

export const description: INodeProperties[] = show('user', 'matchByEmail', [
	{
		displayName:
			'Input: Sage 50 ⇄ ForceManager Mapper output for users (key = e-mail). Users cannot be created through the API: unmatched users must be invited in ForceManager.',
		name: 'matchNotice',
		type: 'notice',
		default: '',
	},
]);

const normalise = (email: unknown) => String(email ?? '').trim().toLowerCase();

export async function executeBatch(this: IExecuteFunctions, items: INodeExecutionData[]): Promise<INodeExecutionData[]> {
	// One paged read of all users, only when some item needs matching.
	const byEmail = new Map<string, IDataObject>();
	if (items.some((i) => isMappedRecord(i.json) && i.json.sync.action === 'upsert')) {
		for await (const page of forceManagerPages.call(this, '/users', { pageSize: 100 })) {
			for (const user of page) {
				const email = normalise(user.email);
				if (email !== '' && !isDeletedInForceManager(user) && !byEmail.has(email)) byEmail.set(email, user);
			}
		}
	}
	return items.map((item, i) => {
		const json = item.json as unknown;
		let result: SyncResult;
		if (!isMappedRecord(json)) {
			result = { status: 'failed', entity: 'user', key: '', id: null, label: `item ${i}`, reason: `item ${i} is not a Mapper output (no "sync")` };
		} else {
			const { sync } = json;
			const key = normalise(sync.key || json.fields.email);
			const base = { entity: sync.entity, key, label: sync.label || key, ...(sync.delivery ? { delivery: sync.delivery } : {}) };
			if (sync.action === 'fail') {
				result = { ...base, status: 'failed', id: null, reason: `${base.label}: ${sync.reason ?? 'the Mapper could not map it'}` };
			} else if (sync.action === 'skip' || sync.action === 'wait') {
				result = { ...base, status: sync.action === 'skip' ? 'skipped' : 'waiting', id: null, reason: sync.reason };
			} else if (sync.action === 'delete') {
				result = { ...base, status: 'skipped', id: null, reason: 'users are never deleted through the API' };
			} else if (key === '') {
				result = { ...base, status: 'failed', id: null, reason: `${base.label}: no e-mail to match by` };
			} else {
				const user = byEmail.get(key);
				result = user
					? { ...base, status: 'linked', id: Number(user.id) }
					: {
							...base,
							status: 'unmatched',
							id: null,
							reason: `no ForceManager user with e-mail ${key} — invite the user in ForceManager; the API cannot create users`,
						};
			}
		}
		return { json: result as unknown as IDataObject, pairedItem: { item: i } };
	});
}
