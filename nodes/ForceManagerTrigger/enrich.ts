// Enrichment of contacts and sales orders with what the FM → Sage direction needs (sync contract):
// the account's Sage reference (`related.account`) and, for orders, the lines with their product's
// Sage stock code (`record.lines[].related.product`). All lookups are batched `id IN (…)` /
// `salesorderId IN (…)` lists (architecture §5), so the number of calls does not grow with the
// number of records beyond one call per 100 distinct ids.
import type { IDataObject, IPollFunctions } from 'n8n-workflow';

import { chunk } from '../shared/batching';
import { flag, isDeletedInForceManager } from '../shared/flags';
import { lookupId } from '../shared/forcemanager/lookupFields';
import { forceManagerPages } from '../shared/forcemanager/paging';
import { where } from '../shared/forcemanager/where';

export const ENRICHED_ENTITIES: ReadonlySet<string> = new Set(['contacts', 'salesorders']);

/** Ids per `IN (…)` list: keeps the query string short and the answer on one page. */
const ID_BATCH = 100;
/** Lines of up to 100 orders per list call; the simulator and FM cap `count` at 500 (notes §4.2). */
const LINE_PAGE_SIZE = 500;

export interface RelatedAccount {
	id: number;
	name: string | null;
	extId: string | null;
	readOnly: boolean;
}

export interface RelatedProduct {
	id: number;
	model: string | null;
	extId: string | null;
}

export interface Enrichment {
	related: { account: RelatedAccount | null };
	/** Sales orders only: the order's lines (not deleted), each with `related.product`. */
	lines?: IDataObject[];
}

const text = (value: unknown): string | null =>
	typeof value === 'string' && value.trim() !== '' ? value : null;

async function readByIds(
	this: IPollFunctions,
	path: string,
	field: string,
	ids: number[],
	pageSize?: number,
): Promise<IDataObject[]> {
	const rows: IDataObject[] = [];
	for (const batch of chunk([...new Set(ids)], ID_BATCH)) {
		// One more than the batch so a full answer still ends on the first page.
		const size = pageSize ?? batch.length + 1;
		for await (const page of forceManagerPages.call(this, path, { where: where.in(field, batch), order: 'id', pageSize: size })) {
			rows.push(...page);
		}
	}
	return rows;
}

/** Reads records of `path` by id in batches (held records re-checked each poll). */
export async function readRecordsById(this: IPollFunctions, path: string, ids: number[]): Promise<IDataObject[]> {
	return ids.length ? await readByIds.call(this, path, 'id', ids) : [];
}

/** Enrichment per record id (as string) for contacts and sales orders; other entities get none. */
export async function enrichRecords(
	this: IPollFunctions,
	entity: string,
	records: IDataObject[],
): Promise<Map<string, Enrichment>> {
	const out = new Map<string, Enrichment>();
	if (!ENRICHED_ENTITIES.has(entity) || records.length === 0) return out;

	const accountIds = records.map((r) => lookupId(r.accountId)).filter((id): id is number => id !== undefined);
	const accounts = new Map<number, RelatedAccount>();
	for (const row of accountIds.length ? await readByIds.call(this, '/accounts', 'id', accountIds) : []) {
		accounts.set(Number(row.id), {
			id: Number(row.id),
			name: text(row.name),
			extId: text(row.extId),
			readOnly: flag(row.readOnly),
		});
	}

	const linesByOrder = new Map<number, IDataObject[]>();
	if (entity === 'salesorders') {
		const orderIds = records.map((r) => lookupId(r.id)).filter((id): id is number => id !== undefined);
		// `salesorderId` is how lines read (notes §8); a bare lookup compares by its id.
		const lines = orderIds.length
			? await readByIds.call(this, '/salesordersLines', 'salesorderId', orderIds, LINE_PAGE_SIZE)
			: [];
		const live = lines.filter((line) => !isDeletedInForceManager(line));
		const productIds = live.map((line) => lookupId(line.productId)).filter((id): id is number => id !== undefined);
		const products = new Map<number, RelatedProduct>();
		for (const row of productIds.length ? await readByIds.call(this, '/products', 'id', productIds) : []) {
			products.set(Number(row.id), { id: Number(row.id), model: text(row.model), extId: text(row.extId) });
		}
		for (const line of live) {
			const orderId = lookupId(line.salesorderId ?? line.salesOrderId);
			if (orderId === undefined) continue;
			const productId = lookupId(line.productId);
			const product = productId === undefined ? null : (products.get(productId) ?? { id: productId, model: null, extId: null });
			const list = linesByOrder.get(orderId) ?? [];
			list.push({ ...line, related: { product } });
			linesByOrder.set(orderId, list);
		}
		for (const list of linesByOrder.values()) list.sort((a, b) => Number(a.order ?? 0) - Number(b.order ?? 0) || Number(a.id) - Number(b.id));
	}

	for (const record of records) {
		const accountId = lookupId(record.accountId);
		const account = accountId === undefined ? null : (accounts.get(accountId) ?? null);
		const enrichment: Enrichment = { related: { account } };
		if (entity === 'salesorders') enrichment.lines = linesByOrder.get(Number(record.id)) ?? [];
		out.set(String(record.id), enrichment);
	}
	return out;
}

/** How a record is named in hold reasons: `Contact 12 "Jane Doe"`, `Sales order 7 "SO-1001"`. */
export function recordLabel(entity: string, record: IDataObject): string {
	if (entity === 'contacts') {
		const name = [record.firstName, record.lastName].filter((p) => typeof p === 'string' && p.trim() !== '').join(' ');
		return `Contact ${String(record.id)}${name ? ` "${name}"` : ''}`;
	}
	const ref = text(record.reference) ?? (record.number === null || record.number === undefined ? null : String(record.number));
	return `Sales order ${String(record.id)}${ref ? ` "${ref}"` : ''}`;
}

/**
 * Why an enriched contact or order must wait before it can go to Sage (C1, O1), or undefined:
 * its account has no Sage reference (extId) yet, or a line's product has no Sage stock code.
 */
export function holdReason(entity: string, record: IDataObject, enrichment: Enrichment | undefined): string | undefined {
	if (!ENRICHED_ENTITIES.has(entity) || !enrichment) return undefined;
	const missing: string[] = [];
	const account = enrichment.related.account;
	const accountId = lookupId(record.accountId);
	if (!account) {
		missing.push(accountId === undefined ? 'it has no account' : `account ${accountId} cannot be read`);
	} else if (!account.extId) {
		missing.push(`account ${account.id}${account.name ? ` "${account.name}"` : ''} has no Sage reference yet`);
	}
	for (const [index, line] of (enrichment.lines ?? []).entries()) {
		const product = (line.related as { product: RelatedProduct | null } | undefined)?.product;
		if (!product) continue; // a free-text line has no product to map
		if (!product.extId) {
			missing.push(`line ${index + 1} product ${product.id}${product.model ? ` "${product.model}"` : ''} has no Sage stock code yet`);
		}
	}
	return missing.length ? `${recordLabel(entity, record)} waits: ${missing.join('; ')}` : undefined;
}
