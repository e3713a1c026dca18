// Sage 50 validation rules the simulated company enforces (sage50-notes.md §4.1, §9.2).
import type { CodePage } from '../codePage';
import { BridgeError, excerpt } from '../errors';
import type { FieldSet } from '../fields';
import type { SageRow } from '../adapter';

/** Characters the Sage UI accepts in an account reference (upper case letters, digits, - _ &). */
const ACCOUNT_REF_CHARS = /^[A-Z0-9_&-]+$/;
export const ACCOUNT_REF_MAX = 8;

/** Upper-cases and validates a caller-supplied ACCOUNT_REF the way Sage does (no truncation). */
export function normaliseAccountRef(raw: string): string {
	const ref = raw.toUpperCase();
	const fail = (why: string, sageErrorCode: number) =>
		new BridgeError('ACCOUNT_REF_INVALID', `ACCOUNT_REF "${raw}" ${why}`, {
			field: 'ACCOUNT_REF',
			record: raw,
			sageErrorCode,
		});
	if (ref.length === 0) throw fail('is empty', 63);
	if (/\s/.test(ref)) throw fail('contains spaces', 82);
	if (ref.length > ACCOUNT_REF_MAX) throw fail(`is longer than ${ACCOUNT_REF_MAX} characters`, 86);
	if (!ACCOUNT_REF_CHARS.test(ref)) throw fail('contains characters Sage does not allow (A-Z, 0-9, - _ &)', 86);
	return ref;
}

/**
 * Generates a reference from the customer name: up to 6 letters/digits of the name plus a numeric
 * suffix (BROWNS01, BROWNS02 …). The prefix shortens as the suffix grows, so the result always stays
 * within 8 characters; `exists` is consulted for every candidate, so it never collides (deleted
 * customers keep their reference in Sage, so they count as taken too).
 */
export function generateAccountRef(name: string, exists: (ref: string) => boolean): string {
	const stem = name.toUpperCase().replace(/[^A-Z0-9]/g, '') || 'CUST';
	for (let n = 1; n < 10 ** ACCOUNT_REF_MAX; n++) {
		const digits = Math.max(2, String(n).length);
		const prefix = stem.slice(0, ACCOUNT_REF_MAX - digits);
		const candidate = `${prefix}${String(n).padStart(digits, '0')}`;
		if (!exists(candidate)) return candidate;
	}
	throw new BridgeError('ACCOUNT_REF_INVALID', `No free account reference for "${name}"`, { field: 'ACCOUNT_REF' });
}

/**
 * Checks a write's fields the way Sage takes them and returns what the company stores: rejects unknown
 * columns, text the code page cannot hold (or transliterates it, as configured: codePage.ts) and
 * over-long text, naming the field and the value. Sage rejects, never truncates.
 */
export function checkFields(input: SageRow, fields: FieldSet, text: CodePage, record?: string, fieldPrefix = ''): SageRow {
	const out: SageRow = {};
	for (const [name, value] of Object.entries(input)) {
		const spec = fields[name];
		const field = `${fieldPrefix}${name}`;
		if (!spec) throw new BridgeError('VALIDATION_FAILED', `Unknown field ${field}`, { field, record });
		if (typeof value !== 'string') {
			out[name] = value;
			continue;
		}
		// Over-long text is named before unholdable characters (unless transliteration may shorten it).
		if (text.onUnsupported === 'fail') tooLong(value, spec.max, name, field, record);
		const stored = text.text(value, field, record);
		tooLong(stored, spec.max, name, field, record);
		out[name] = stored;
	}
	return out;
}

function tooLong(value: string, max: number | undefined, name: string, field: string, record: string | undefined): void {
	if (max === undefined || value.length <= max) return;
	throw new BridgeError('FIELD_TOO_LONG', `${field} ${excerpt(value)} is ${value.length} characters; Sage allows at most ${max}`, {
		field,
		record,
		sageErrorCode: /ADDRESS_\d$/.test(name) ? 83 : 18,
	});
}

export function requireText(input: SageRow, field: string, record?: string): string {
	const value = input[field];
	if (typeof value !== 'string' || value.trim() === '') {
		throw new BridgeError('REQUIRED_FIELD', `${field} is required`, { field, record });
	}
	return value;
}

/** Rounds to 2 dp half away from zero, robust to binary fractions (e.g. 1.005 -> 1.01). */
export function round2(value: number): number {
	const sign = value < 0 ? -1 : 1;
	return (sign * Math.round(Math.abs(value) * 100 + 1e-7)) / 100;
}

export interface LineAmounts {
	FULL_NET_AMOUNT: number;
	DISCOUNT_AMOUNT: number;
	NET_AMOUNT: number;
	TAX_AMOUNT: number;
	GROSS_AMOUNT: number;
}

/** Line arithmetic as SDO's Update() does it since 2015: VAT per line from net, 2 dp. */
export function lineAmounts(qty: number, unitPrice: number, discountRate: number, taxRate: number): LineAmounts {
	const full = round2(qty * unitPrice);
	const discount = round2((full * discountRate) / 100);
	const net = round2(full - discount);
	const tax = round2((net * taxRate) / 100);
	return { FULL_NET_AMOUNT: full, DISCOUNT_AMOUNT: discount, NET_AMOUNT: net, TAX_AMOUNT: tax, GROSS_AMOUNT: round2(net + tax) };
}

/** SALES_DEL_ADDR.REFERENCE: account ref padded to 8 + 4-digit address number (`ABS001  0001`). */
export function addressReference(accountRef: string, addressRef: number): string {
	return `${accountRef.padEnd(ACCOUNT_REF_MAX, ' ')}${String(addressRef).padStart(4, '0')}`;
}

export const ADDRESS_TYPE_NAMES = ['Delivery', 'Contact', 'Registered'] as const;
export const ITEM_TYPE_NAMES = ['Stock', 'NonStock', 'Service'] as const;
export const QUOTE_STATUS_NAMES = ['Not a quote', 'Open', 'Won', 'Lost', 'Invalid'] as const;
export const ORDER_TYPE_NAMES: Record<number, string> = { 0: 'Sales Order', 9: 'Quotation', 11: 'Proforma' };
/**
 * What Sage's invoice list (INVOICE) holds: SDO InvoiceType 0–8 (sage50-notes §4.5, appendix A).
 * 9–12 are SOP/POP quotes and proformas, kept in SALES_ORDER / the purchase ledger instead.
 */
export const INVOICE_TYPE_NAMES: Record<number, string> = {
	0: 'Product Invoice',
	1: 'SOP Invoice',
	2: 'Service Invoice',
	3: 'Product Credit',
	4: 'Service Credit',
	5: 'Product Proforma',
	6: 'Product Quotation',
	7: 'Service Proforma',
	8: 'Service Quotation',
};
/** Credit notes: posting reduces the customer's balance. */
export const CREDIT_INVOICE_TYPES: ReadonlySet<number> = new Set([3, 4]);
/** Only invoices and credit notes reach the ledger (Update Ledgers); proformas and quotations never do. */
export const LEDGER_INVOICE_TYPES: ReadonlySet<number> = new Set([0, 1, 2, 3, 4]);
/** Non-product line codes: special items S1/S2/S3 and message lines M (SDO StockType). */
export const SPECIAL_STOCK_CODES = new Set(['S1', 'S2', 'S3', 'M']);
