// Bulk writes and read-shape helpers shared by the upserts ("Define Below" and "Mapped").
import type { IDataObject, IExecuteFunctions } from 'n8n-workflow';

import { forceManagerRequest, responseMessage } from '../../../shared/forcemanager/transport';
import { readHttpFailure } from '../../../shared/httpFailure';
import type { ResourceSpec } from './resources';

/** ForceManager bulk endpoints take ≤100 items per call (notes §9). */
export const BATCH_SIZE = 100;

/** Field values of an existing record under their write names (read-shape quirks resolved). */
export function existingFields(spec: ResourceSpec, record: IDataObject, wanted: Iterable<string>): Record<string, unknown> {
	const lower = new Map(Object.keys(record).map((k) => [k.toLowerCase(), k]));
	const out: Record<string, unknown> = { ...record };
	for (const name of wanted) {
		if (name in record) continue;
		const alias = [...(spec.readAliases?.[name] ?? []), name].map((a) => lower.get(a.toLowerCase())).find(Boolean);
		if (alias) out[name] = record[alias];
	}
	return out;
}

interface BulkItemResult {
	guid?: string;
	id?: number;
	code?: number | string;
	message?: string;
	Message?: string;
}

export type BulkOutcome = Map<string, { ok: boolean; id?: number; message?: string }>;

/** Bulk write (≤100 items per call, guid-correlated answers, notes §9); DELETE items carry no data. */
export async function bulk(
	this: IExecuteFunctions,
	method: 'POST' | 'PUT' | 'DELETE',
	spec: ResourceSpec,
	items: Array<{ guid: string; id?: number; data?: IDataObject }>,
): Promise<Map<string, { ok: boolean; id?: number; message?: string }>> {
	const results = new Map<string, { ok: boolean; id?: number; message?: string }>();
	if (!spec.bulk) {
		// Resources without bulk endpoints: one call per record.
		for (const item of items) {
			try {
				const res = (await forceManagerRequest.call(this, {
					method,
					path: item.id === undefined ? spec.path : `${spec.path}/${item.id}`,
					body: item.data,
				})) as IDataObject;
				results.set(item.guid, { ok: true, id: item.id ?? Number(res?.id) });
			} catch (error) {
				failSoftlyOrThrow.call(this, error);
				results.set(item.guid, { ok: false, message: errorText(error) });
			}
		}
		return results;
	}
	let answer: BulkItemResult[];
	try {
		answer = (await forceManagerRequest.call(this, {
			method,
			path: `${spec.path}/bulk`,
			body: items as unknown as IDataObject[],
		})) as BulkItemResult[];
	} catch (error) {
		failSoftlyOrThrow.call(this, error);
		for (const item of items) results.set(item.guid, { ok: false, message: errorText(error) });
		return results;
	}
	for (const r of Array.isArray(answer) ? answer : []) {
		if (r?.guid === undefined) continue;
		const ok = Number(r.code) === 1;
		results.set(String(r.guid), { ok, id: r.id === undefined ? undefined : Number(r.id), message: responseMessage(r) });
	}
	for (const item of items) {
		if (!results.has(item.guid)) results.set(item.guid, { ok: false, message: 'no result for this item in the bulk answer' });
	}
	return results;
}

/**
 * A write rejected as invalid (4xx) fails its items and the run goes on (their deliveries are
 * retried, then dead-lettered). A write that may not have happened (server error, timeout, rate
 * limit or session still failing after the retries) fails the run instead, so the whole batch is
 * offered again and nothing is reported as failed-but-maybe-written; the batched lookup makes that
 * retry duplicate-free. Bulk writes, order lines and product pictures all follow this rule.
 */
export function failSoftlyOrThrow(this: IExecuteFunctions, error: unknown): void {
	const { status } = readHttpFailure(error);
	const rejected = status !== undefined && status >= 400 && status < 500 && ![401, 403, 408, 429].includes(status);
	if (!rejected && !this.continueOnFail()) throw error;
}

export function errorText(error: unknown): string {
	const e = error as { message?: string; description?: string };
	return [e.message, e.description].filter(Boolean).join(': ') || 'request failed';
}

