// "Hold Until Account and Products Exist in ForceManager" (sync contract, waiting records; C1, O1,
// O2): contact addresses, orders/quotations and invoices whose ACCOUNT_REF is not yet an FM account
// extId, or whose product lines name a STOCK_CODE that is not yet an FM product extId, are emitted
// once with `hold: {reason}` and re-emitted with `retry: true` once ForceManager has them. The
// ledger keeps them as `waiting` and hands them back every poll with the record as it is now, so a
// re-check is one batched `extId IN (…)` lookup per 100 references.
import type { IDataObject, IPollFunctions } from 'n8n-workflow';

import { chunk } from '../shared/batching';
import { forceManagerPages } from '../shared/forcemanager/paging';
import { where } from '../shared/forcemanager/where';
import type { HoldNeeds } from '../shared/polling';

export const HOLD_ENTITIES: ReadonlySet<string> = new Set(['addresses', 'sales-orders', 'invoices']);

/** Special (S1/S2/S3) and message (M) lines name no product (bridge rules, SDO StockType). */
const NON_PRODUCT_CODES = new Set(['S1', 'S2', 'S3', 'M']);
/** ADDRESS_TYPE of contacts: only those become FM contacts (C3), so only those wait. */
const CONTACT_ADDRESS = 1;
const REF_BATCH = 100;

const str = (value: unknown): string => (value === null || value === undefined ? '' : String(value).trim());

/** What a Sage record needs in ForceManager before it can go there; undefined: nothing to wait for. */
export function sageNeeds(entity: string, record: IDataObject | null | undefined): HoldNeeds | undefined {
	if (!record || !HOLD_ENTITIES.has(entity)) return undefined;
	if (entity === 'addresses' && Number(record.ADDRESS_TYPE) !== CONTACT_ADDRESS) return undefined;
	const account = str(record.ACCOUNT_REF);
	const items = Array.isArray(record.ITEMS) ? (record.ITEMS as IDataObject[]) : [];
	const products = [
		...new Set(items.map((item) => str(item.STOCK_CODE)).filter((code) => code !== '' && !NON_PRODUCT_CODES.has(code.toUpperCase()))),
	];
	const needs: HoldNeeds = {};
	if (account) needs.accounts = [account];
	if (products.length) needs.products = products;
	return needs.accounts || needs.products ? needs : undefined;
}

export function sageLabel(entity: string, key: string, record: IDataObject | null | undefined): string {
	const r = record ?? {};
	if (entity === 'addresses') {
		const name = str(r.CONTACT_NAME) || str(r.NAME);
		return `Contact ${str(r.ACCOUNT_REF)}/${str(r.ADDRESS_REF) || key}${name ? ` "${name}"` : ''}`;
	}
	if (entity === 'sales-orders') return `${Number(r.ORDER_TYPE) === 9 ? 'Quotation' : 'Sales order'} ${str(r.ORDER_NUMBER) || key}`;
	return `Invoice ${str(r.INVOICE_NUMBER) || key}`;
}

/** `Sales order 12 waits: account KIN001 is not in ForceManager yet; product FAX001 is not in ForceManager yet`. */
export function sageHoldReason(label: string, missing: HoldNeeds): string | undefined {
	const parts = [
		...(missing.accounts ?? []).map((ref) => `account ${ref} is not in ForceManager yet`),
		...(missing.products ?? []).map((code) => `product ${code} is not in ForceManager yet`),
	];
	return parts.length ? `${label} waits: ${parts.join('; ')}` : undefined;
}

/** FM extIds (lower-cased: FM compares text case-insensitively) among `refs` held by live records. */
async function existingExtIds(this: IPollFunctions, path: string, refs: string[]): Promise<Set<string>> {
	const found = new Set<string>();
	for (const batch of chunk([...new Set(refs)], REF_BATCH)) {
		const query = { where: where.and(where.in('extId', batch), where.eq('deleted', false)), order: 'id', pageSize: batch.length + 1 };
		for await (const page of forceManagerPages.call(this, path, query)) {
			for (const row of page) if (typeof row.extId === 'string') found.add(row.extId.toLowerCase());
		}
	}
	return found;
}

/** Which of the needed references ForceManager has (batched, one call per 100 per kind). */
export async function knownInForceManager(
	this: IPollFunctions,
	needs: HoldNeeds[],
): Promise<{ accounts: ReadonlySet<string>; products: ReadonlySet<string> }> {
	const accounts = needs.flatMap((n) => n.accounts ?? []);
	const products = needs.flatMap((n) => n.products ?? []);
	const foundAccounts = accounts.length ? await existingExtIds.call(this, '/accounts', accounts) : new Set<string>();
	const foundProducts = products.length ? await existingExtIds.call(this, '/products', products) : new Set<string>();
	// Membership by the caller's spelling, matched case-insensitively.
	return {
		accounts: new Set(accounts.filter((ref) => foundAccounts.has(ref.toLowerCase()))),
		products: new Set(products.filter((ref) => foundProducts.has(ref.toLowerCase()))),
	};
}
