// The checker's own field correspondence between Sage 50 and ForceManager, written from the sync
// rules (architecture §4) and the documented default field map (Mapper README, sage50-notes §4:
// ADDRESS_3 = town, ADDRESS_4 = county, ADDRESS_5 = postcode) — never imported from `nodes/`, so a
// mapping bug in the product shows up as a mismatch instead of being agreed with.
//
// Every field is compared in a canonical form: trimmed text ('' for empty/null), money and
// quantities with 2 decimals, flags '1'/'0'. One table per paired entity; the key functions say
// which ForceManager `extId` a Sage record must have.
import type { IDataObject } from 'n8n-workflow';

export type Row = IDataObject;
export type PairEntity = 'account' | 'contact' | 'product' | 'order' | 'sale';

/** The Mapper's documented defaults: Countries option and Order Status IDs option (FM tenant ids). */
export const COUNTRY_IDS: Readonly<Record<string, number>> = { GB: 1, IE: 2, FR: 3, ES: 4 };
export const ORDER_STATUS_IDS = { quote: 1, order: 2, invoiced: 3, cancelled: 4 } as const;
/** Sage line codes that are not products (S1–S3 special lines, M message lines): ForceManager has no line for them. */
export const NON_PRODUCT_CODES = new Set(['S1', 'S2', 'S3', 'M']);

/** What a canonical value needs beyond its own row (lookups across records). */
export interface CanonContext {
	fmAccountExtId(id: unknown): string;
	fmProductExtId(id: unknown): string;
	fmLines(orderId: unknown): Row[];
	sageLines(orderNumber: unknown): Row[];
}

export interface FieldPair {
	/** Canonical name (what the edit log and findings say). */
	field: string;
	/** Where it lives, for messages: `NAME ↔ name`. */
	label: string;
	sage(row: Row, ctx?: CanonContext): string;
	fm(row: Row, ctx?: CanonContext): string;
	/** Needs the cross-record context (lines, lookups): not derivable from one row. */
	cross?: boolean;
	/** Equal under a looser test than string equality (e.g. a reference Sage left empty). */
	same?(sage: string, fm: string): boolean;
	/** The rule this field carries (named in findings). */
	rule?: string;
}

// ---- canonical forms -----------------------------------------------------------------------

export const text = (v: unknown): string => (v === null || v === undefined ? '' : String(v).replace(/\s+/g, ' ').trim());
export const money = (v: unknown): string =>
	v === null || v === undefined || v === '' || Number.isNaN(Number(v)) ? '' : (Math.round(Number(v) * 100) / 100).toFixed(2);
export const flag = (v: unknown): string => (v === true || v === 1 || v === '1' || v === 'true' ? '1' : '0');
/** Lookups read back as `{id, value}` (notes §8). */
export const idOf = (v: unknown): unknown => (typeof v === 'object' && v !== null && 'id' in v ? (v as { id: unknown }).id : v);
const lookupText = (v: unknown): string => {
	const id = idOf(v);
	return id === null || id === undefined || id === -1 ? '' : String(id);
};
const isoOfCountryId = (v: unknown): string => {
	const id = Number(idOf(v));
	return Object.entries(COUNTRY_IDS).find(([, n]) => n === id)?.[0] ?? '';
};
/** C1: ForceManager needs a first name; a one-word Sage name is stored with "-" as first name (Mapper README). */
export const fmContactName = (r: Row): string => text([r.firstName === '-' ? '' : text(r.firstName), text(r.lastName)].join(' '));

const plain = (field: string, sageColumn: string, fmField: string): FieldPair => ({
	field,
	label: `${sageColumn} ↔ ${fmField}`,
	sage: (r) => text(r[sageColumn]),
	fm: (r) => text(r[fmField]),
});

const ADDRESS_LINES: FieldPair[] = [
	plain('address1', 'ADDRESS_1', 'address1'),
	plain('address2', 'ADDRESS_2', 'address2'),
	plain('city', 'ADDRESS_3', 'city'),
	plain('region', 'ADDRESS_4', 'region'),
	plain('postcode', 'ADDRESS_5', 'postcode'),
];

/** A1 A2: customer ⇄ account. */
export const ACCOUNT_FIELDS: FieldPair[] = [
	plain('name', 'NAME', 'name'),
	...ADDRESS_LINES,
	{
		field: 'country',
		label: 'COUNTRY_CODE ↔ countryId',
		sage: (r) => (COUNTRY_IDS[text(r.COUNTRY_CODE).toUpperCase()] ? text(r.COUNTRY_CODE).toUpperCase() : ''),
		fm: (r) => isoOfCountryId(r.countryId),
	},
	plain('phone', 'TELEPHONE', 'phone'),
	plain('phone2', 'TELEPHONE_2', 'phone2'),
	plain('fax', 'FAX', 'fax'),
	plain('email', 'E_MAIL', 'email'),
	plain('website', 'WEB_ADDRESS', 'website'),
	plain('vatNumber', 'VAT_REG_NUMBER', 'vatNumber'),
];

/** C1 C3: contact-type address ⇄ contact. */
export const CONTACT_FIELDS: FieldPair[] = [
	{ field: 'name', label: 'CONTACT_NAME ↔ firstName + lastName', sage: (r) => text(r.CONTACT_NAME), fm: fmContactName },
	plain('email', 'E_MAIL', 'email'),
	plain('phone1', 'TELEPHONE', 'phone1'),
	plain('phone2', 'TELEPHONE_2', 'phone2'),
	plain('fax', 'FAX', 'fax'),
	...ADDRESS_LINES,
	plain('comment', 'NOTES', 'comment'),
];

/** P1 P2 P5: product (one way). */
export const PRODUCT_FIELDS: FieldPair[] = [
	plain('model', 'DESCRIPTION', 'model'),
	plain('description', 'WEB_DESCRIPTION', 'description'),
	{ field: 'price', label: 'SALES_PRICE ↔ price', sage: (r) => money(r.SALES_PRICE), fm: (r) => money(r.price) },
	{ field: 'notAvailable', label: 'INACTIVE_FLAG ↔ notAvailable', rule: 'P5', sage: (r) => flag(r.INACTIVE_FLAG), fm: (r) => flag(r.notAvailable) },
	{
		field: 'stock',
		label: 'free stock (QTY_IN_STOCK − QTY_ALLOCATED; none for non-stock/service) ↔ stock',
		rule: 'P2',
		sage: (r) => (Number(r.ITEM_TYPE ?? 0) === 0 ? money(Number(r.QTY_IN_STOCK ?? 0) - Number(r.QTY_ALLOCATED ?? 0)) : ''),
		fm: (r) => money(r.stock),
	},
];

/** Sage's state of a document in the Order Status IDs vocabulary (O2 "including status changes"). */
export function sageOrderStatus(r: Row): string {
	if (Number(r.ORDER_TYPE) === 9) {
		const quote = Number(r.QUOTE_STATUS);
		return quote === 2 ? 'order' : quote === 3 || quote === 4 ? 'cancelled' : 'quote';
	}
	return r.INVOICE_NUMBER !== null && r.INVOICE_NUMBER !== undefined && r.INVOICE_NUMBER !== '' ? 'invoiced' : 'order';
}

const lineList = (lines: string[]): string => lines.sort().join(', ');

/** O1 O2: sales order / quotation (header and product lines). */
export const ORDER_FIELDS: FieldPair[] = [
	{
		field: 'reference',
		label: 'CUST_ORDER_NUMBER ↔ reference',
		sage: (r) => text(r.CUST_ORDER_NUMBER),
		fm: (r) => text(r.reference),
		// Without a customer order number the FM reference is the sync's own label ("Sales Order 12").
		same: (s, f) => s === f || s === '',
	},
	{ field: 'total', label: 'INVOICE_NET ↔ total', sage: (r) => money(r.INVOICE_NET), fm: (r) => money(r.total) },
	{
		field: 'status',
		label: 'ORDER_TYPE/QUOTE_STATUS/INVOICE_NUMBER ↔ statusId',
		rule: 'O2',
		sage: sageOrderStatus,
		fm: (r) => (Object.entries(ORDER_STATUS_IDS).find(([, id]) => id === Number(idOf(r.statusId)))?.[0] ?? lookupText(r.statusId)),
	},
	{
		field: 'account',
		label: 'ACCOUNT_REF ↔ accountId (its extId)',
		cross: true,
		sage: (r) => text(r.ACCOUNT_REF),
		fm: (r, ctx) => (ctx ? ctx.fmAccountExtId(r.accountId) : ''),
	},
	{
		field: 'lines',
		label: 'SOP_ITEM (product lines) ↔ salesordersLines (product extId × quantity)',
		cross: true,
		sage: (r, ctx) =>
			lineList(
				(ctx?.sageLines(r.ORDER_NUMBER) ?? [])
					.filter((l) => !NON_PRODUCT_CODES.has(text(l.STOCK_CODE).toUpperCase()))
					.map((l) => `${text(l.STOCK_CODE)}×${money(l.QTY_ORDER)}`),
			),
		fm: (r, ctx) => lineList((ctx?.fmLines(r.id) ?? []).map((l) => `${ctx!.fmProductExtId(l.productId)}×${money(l.quantity)}`)),
	},
];

const CREDIT_NOTE_TYPES = new Set([3, 4]);

/** O2: invoice / credit note → sale. */
export const SALE_FIELDS: FieldPair[] = [
	{
		field: 'total',
		label: 'INVOICE_GROSS (negative for credit notes) ↔ total',
		sage: (r) => money((CREDIT_NOTE_TYPES.has(Number(r.INVOICE_TYPE)) ? -1 : 1) * Number(r.INVOICE_GROSS ?? 0)),
		fm: (r) => money(r.total),
	},
	{ field: 'date', label: 'INVOICE_DATE ↔ date', sage: (r) => text(r.INVOICE_DATE).slice(0, 10), fm: (r) => text(r.date).slice(0, 10) },
	{
		field: 'account',
		label: 'ACCOUNT_REF ↔ accountId (its extId)',
		cross: true,
		sage: (r) => text(r.ACCOUNT_REF),
		fm: (r, ctx) => (ctx ? ctx.fmAccountExtId(r.accountId) : ''),
	},
];

/**
 * Fields a ForceManager edit carries to Sage: accounts (A4, while a prospect), contacts (C1), an
 * FM-born quotation's reference (O1: Sage prices, taxes and numbers it). Products (P1), sales (O2)
 * and the rest of an order flow Sage → ForceManager only.
 */
export const FM_TO_SAGE: Readonly<Record<PairEntity, readonly string[]>> = {
	account: ACCOUNT_FIELDS.map((f) => f.field),
	contact: CONTACT_FIELDS.map((f) => f.field),
	product: [],
	order: ['reference'],
	sale: [],
};

export const FIELDS: Readonly<Record<PairEntity, FieldPair[]>> = {
	account: ACCOUNT_FIELDS,
	contact: CONTACT_FIELDS,
	product: PRODUCT_FIELDS,
	order: ORDER_FIELDS,
	sale: SALE_FIELDS,
};

/** Where each paired entity lives on both sides, and the ForceManager extId a Sage record must carry. */
export interface PairSpec {
	entity: PairEntity;
	fmEntity: 'accounts' | 'contacts' | 'products' | 'salesorders' | 'sales';
	sageTable: 'SALES_LEDGER' | 'SALES_DEL_ADDR' | 'STOCK' | 'SALES_ORDER' | 'INVOICE';
	/** The bridge's external-reference entity for records created from ForceManager. */
	refEntity?: 'customers' | 'addresses' | 'sales-orders';
	/** Sage rows that must have a ForceManager twin (C3: contact-type addresses only; proformas are not synced). */
	synced(row: Row): boolean;
	/** The Sage key as ForceManager's `extId` (A2 ACCOUNT_REF, C1 REF/n, P1 STOCK_CODE, O1 SO:/QU:n, O2 INV:n). */
	key(row: Row): string;
	/** The Sage record key the bridge's external-reference table stores (REFERENCE for addresses). */
	refKey?(row: Row): string;
}

export const PAIRS: readonly PairSpec[] = [
	{ entity: 'account', fmEntity: 'accounts', sageTable: 'SALES_LEDGER', refEntity: 'customers', synced: () => true, key: (r) => text(r.ACCOUNT_REF), refKey: (r) => text(r.ACCOUNT_REF) },
	{
		entity: 'contact',
		fmEntity: 'contacts',
		sageTable: 'SALES_DEL_ADDR',
		refEntity: 'addresses',
		synced: (r) => Number(r.ADDRESS_TYPE) === 1,
		key: (r) => `${text(r.ACCOUNT_REF)}/${text(r.ADDRESS_REF)}`,
		refKey: (r) => String(r.REFERENCE),
	},
	{ entity: 'product', fmEntity: 'products', sageTable: 'STOCK', synced: () => true, key: (r) => text(r.STOCK_CODE) },
	{
		entity: 'order',
		fmEntity: 'salesorders',
		sageTable: 'SALES_ORDER',
		refEntity: 'sales-orders',
		synced: (r) => [0, 9].includes(Number(r.ORDER_TYPE)),
		key: (r) => `${Number(r.ORDER_TYPE) === 9 ? 'QU' : 'SO'}:${text(r.ORDER_NUMBER)}`,
		refKey: (r) => text(r.ORDER_NUMBER),
	},
	{ entity: 'sale', fmEntity: 'sales', sageTable: 'INVOICE', synced: () => true, key: (r) => `INV:${text(r.INVOICE_NUMBER)}` },
];

export const pairSpec = (entity: PairEntity): PairSpec => PAIRS.find((p) => p.entity === entity)!;

/** Canonical values of one row (fields needing cross-record context only when `ctx` is given). */
export function canonical(entity: PairEntity, side: 'sage' | 'fm', row: Row, ctx?: CanonContext): Record<string, string> {
	const out: Record<string, string> = {};
	for (const f of FIELDS[entity]) {
		if (f.cross && !ctx) continue;
		out[f.field] = side === 'sage' ? f.sage(row, ctx) : f.fm(row, ctx);
	}
	return out;
}
