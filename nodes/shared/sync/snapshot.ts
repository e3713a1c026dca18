// The last-synced snapshot of a two-way record pair (kept by the bridge, `sync-state`): for each
// side, the fields that matter to the sync — those the side's outbound mapping reads and those the
// inbound mapping writes — as they stood when both systems last agreed. Pure and shared by the
// triggers (echo detection by content), the Mapper (the source side) and the upserts (the
// destination side and field-level merges). Unit tests hold these lists against the field maps.
import { normaliseValue, valuesEqual } from '../upsert/normalise';
import type { SyncEntity } from './envelope';

export type PairEntity = 'account' | 'contact' | 'salesOrder';
export type PairSide = 'sage50' | 'forceManager';
export type Snapshot = Record<string, unknown>;

/** What the bridge returns from `sync-state/query` (and what acks save). */
export interface PairState {
	entity: PairEntity;
	sageKey: string | null;
	forceManagerId: string | null;
	sage: Snapshot | null;
	forceManager: Snapshot | null;
}

const ADDRESS = ['ADDRESS_1', 'ADDRESS_2', 'ADDRESS_3', 'ADDRESS_4', 'ADDRESS_5'];
const FM_ADDRESS = ['address1', 'address2', 'city', 'region', 'postcode'];

export const PAIR_FIELDS: Record<PairEntity, Record<PairSide, readonly string[]>> = {
	account: {
		sage50: ['ACCOUNT_REF', 'NAME', ...ADDRESS, 'COUNTRY_CODE', 'TELEPHONE', 'TELEPHONE_2', 'FAX', 'E_MAIL', 'WEB_ADDRESS', 'VAT_REG_NUMBER'],
		forceManager: ['extId', 'readOnly', 'name', ...FM_ADDRESS, 'countryId', 'phone', 'phone2', 'fax', 'email', 'website', 'vatNumber'],
	},
	contact: {
		sage50: ['ACCOUNT_REF', 'ADDRESS_REF', 'ADDRESS_TYPE', 'CONTACT_NAME', 'NAME', 'DESCRIPTION', 'E_MAIL', 'TELEPHONE', 'TELEPHONE_2', 'FAX', ...ADDRESS, 'NOTES'],
		forceManager: ['extId', 'accountId', 'firstName', 'lastName', 'email', 'phone1', 'phone2', 'fax', ...FM_ADDRESS, 'comment'],
	},
	salesOrder: {
		sage50: ['ORDER_NUMBER', 'ORDER_TYPE', 'ORDER_TYPE_NAME', 'ACCOUNT_REF', 'CUST_ORDER_NUMBER', 'INVOICE_NET', 'QUOTE_STATUS', 'INVOICE_NUMBER', 'EXTERNAL_REF', 'ITEMS'],
		forceManager: ['extId', 'readOnly', 'accountId', 'reference', 'number', 'total', 'statusId', 'currencyId', 'lines'],
	},
};

/** Line fields compared per side (document lines are one field: the list, in order). */
export const LINE_FIELDS: Record<PairSide, readonly string[]> = {
	sage50: ['STOCK_CODE', 'QTY_ORDER', 'UNIT_PRICE', 'DISCOUNT_RATE', 'DESCRIPTION', 'NET_AMOUNT'],
	forceManager: ['productId', 'quantity', 'price', 'discount1', 'description', 'total'],
};

const LINES: Record<PairSide, string> = { sage50: 'ITEMS', forceManager: 'lines' };

/** The pair entity of a Mapper entity (quotations are sales orders on both sides). */
export function pairEntityOf(entity: SyncEntity | string): PairEntity | undefined {
	if (entity === 'account' || entity === 'contact' || entity === 'salesOrder') return entity;
	if (entity === 'quotation') return 'salesOrder';
	return undefined;
}

/** Trigger entities (Sage change feed / ForceManager paths) → pair entity. */
export function pairEntityOfTrigger(entity: string): PairEntity | undefined {
	const map: Record<string, PairEntity> = {
		customers: 'account',
		addresses: 'contact',
		'sales-orders': 'salesOrder',
		accounts: 'account',
		contacts: 'contact',
		salesorders: 'salesOrder',
	};
	return map[entity];
}

function projectLines(side: PairSide, value: unknown): unknown {
	if (!Array.isArray(value)) return value === undefined ? undefined : null;
	const lines = value.filter((l): l is Record<string, unknown> => typeof l === 'object' && l !== null);
	const ordered = lines.every((l) => typeof l.order === 'number') ? [...lines].sort((a, b) => Number(a.order) - Number(b.order)) : lines;
	return ordered.map((line) => {
		const out: Record<string, unknown> = {};
		for (const f of LINE_FIELDS[side]) if (line[f] !== undefined) out[f] = normaliseValue(line[f]);
		return out;
	});
}

/**
 * The sync-relevant fields of a record, normalised: lookups as ids, '' as null, lines as ordered
 * lists of their compared fields. A whole record (`complete`) has every relevant field, absent ones
 * as null; a write (not complete) has only the fields it set.
 */
export function project(entity: PairEntity, side: PairSide, record: Record<string, unknown>, complete = true): Snapshot {
	const out: Snapshot = {};
	for (const field of PAIR_FIELDS[entity][side]) {
		if (record[field] === undefined) {
			if (complete) out[field] = null;
			continue;
		}
		out[field] = field === LINES[side] ? projectLines(side, record[field]) : normaliseValue(record[field]);
	}
	return out;
}

/**
 * Echo test: the record holds exactly what the sync last agreed on, on every relevant field. A
 * field the snapshot never saw counts as a change (the record is then delivered, never skipped).
 */
export function matchesSnapshot(entity: PairEntity, side: PairSide, record: Record<string, unknown>, snapshot: Snapshot | null | undefined): boolean {
	if (!snapshot) return false;
	const current = project(entity, side, record);
	return PAIR_FIELDS[entity][side].every((field) => field in snapshot && valuesEqual(current[field] ?? null, snapshot[field]));
}

/** The fields that differ from the snapshot (for reports and merges). */
export function changedSince(entity: PairEntity, side: PairSide, record: Record<string, unknown>, snapshot: Snapshot | null | undefined): string[] {
	const current = project(entity, side, record);
	return PAIR_FIELDS[entity][side].filter((f) => !snapshot || !(f in snapshot) || !valuesEqual(current[f] ?? null, snapshot[f]));
}
