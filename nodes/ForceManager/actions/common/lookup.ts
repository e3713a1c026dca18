// Batched look-ups by extId or id: one `IN (...)` list call per ≤100 values (architecture §5).
import type { IDataObject, IExecuteFunctions } from 'n8n-workflow';

import { chunk } from '../../../shared/batching';
import { forceManagerList } from '../../../shared/forcemanager/paging';
import { where } from '../../../shared/forcemanager/where';

export const LOOKUP_BATCH = 100;

/** Not-deleted records whose extId is one of `keys`, grouped by extId (duplicates kept to report them). */
export async function findByExtId(
	this: IExecuteFunctions,
	path: string,
	keys: Iterable<string>,
): Promise<Map<string, IDataObject[]>> {
	const out = new Map<string, IDataObject[]>();
	const unique = [...new Set([...keys].filter((k) => k !== ''))];
	for (const batch of chunk(unique, LOOKUP_BATCH)) {
		const rows = await forceManagerList.call(this, path, {
			where: where.and(where.in('extId', batch), where.eq('deleted', false)),
			pageSize: LOOKUP_BATCH,
		});
		for (const row of rows) {
			const key = String(row.extId ?? '').trim();
			out.set(key, [...(out.get(key) ?? []), row]);
		}
	}
	return out;
}

/** Records by id (deleted ones included, so the caller can tell "deleted" from "missing"). */
export async function findById(
	this: IExecuteFunctions,
	path: string,
	ids: Iterable<number>,
): Promise<Map<number, IDataObject>> {
	const out = new Map<number, IDataObject>();
	for (const batch of chunk([...new Set(ids)], LOOKUP_BATCH)) {
		const rows = await forceManagerList.call(this, path, { where: where.in('id', batch), pageSize: LOOKUP_BATCH });
		for (const row of rows) out.set(Number(row.id), row);
	}
	return out;
}
