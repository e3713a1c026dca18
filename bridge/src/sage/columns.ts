// What the adapter reads from each Sage table (ODBC names; the real tables have hundreds of columns,
// so never SELECT *), and how an ODBC row becomes a contract-named row for the shared mapping
// (records/out.ts): renamed codes, tax code ids, dates, money rounded once, timestamps as epoch seconds.
import type { Row } from '../records/out';
import { round2 } from '../sim/rules';
import { fromUkLocal } from '../time';
import { ODBC_RENAMES, taxCodeFromId } from './odbcNames';
import type { SqlRow } from './sql';

const lines5 = (prefix = '') => [1, 2, 3, 4, 5].map((n) => `${prefix}ADDRESS_${n}`);
const STAMPS = ['RECORD_CREATE_DATE', 'RECORD_MODIFY_DATE', 'RECORD_DELETED'];
const TOTALS = ['ITEMS', 'CARR', 'INVOICE'].flatMap((p) => [`${p}_NET`, `${p}_TAX`, `${p}_GROSS`]);
const DOCUMENT_TEXT = ['NAME', ...lines5(), 'DEL_NAME', ...lines5('DEL_'), 'CONTACT_NAME', 'CUST_ORDER_NUMBER', 'CUST_TEL_NUMBER', 'TAKEN_BY', 'NOTES_1', 'NOTES_2', 'NOTES_3'];
const LINE = ['ITEM_NUMBER', 'STOCK_CODE', 'DESCRIPTION', 'COMMENT_1', 'COMMENT_2', 'UNIT_OF_SALE', 'NOMINAL_CODE', 'UNIT_PRICE', 'DISCOUNT_RATE', 'FULL_NET_AMOUNT', 'DISCOUNT_AMOUNT', 'NET_AMOUNT', 'TAX_CODE', 'TAX_RATE', 'TAX_AMOUNT', 'GROSS_AMOUNT', 'SERVICE_FLAG'];

export type SageTable = 'SALES_LEDGER' | 'SALES_DEL_ADDR' | 'STOCK' | 'SALES_ORDER' | 'SOP_ITEM' | 'INVOICE' | 'INVOICE_ITEM';

export const READ_COLUMNS: Record<SageTable, readonly string[]> = {
	SALES_LEDGER: [
		'ACCOUNT_REF', 'NAME', ...lines5(), 'COUNTRY_CODE', 'CONTACT_NAME', 'TRADE_CONTACT', 'TELEPHONE', 'TELEPHONE_2', 'FAX', 'E_MAIL',
		'WEB_ADDRESS', 'VAT_REG_NUMBER', 'ANALYSIS_1', 'ANALYSIS_2', 'ANALYSIS_3', 'SALES_REP', 'DEF_NOM_CODE', 'TERMS', 'DEF_TAX_CODE',
		'CREDIT_LIMIT', 'PAYMENT_DUE_DAYS', 'ACCOUNT_ON_HOLD', 'STATUS_NUMBER', 'INACTIVE_FLAG', 'CURRENCY', 'BALANCE', ...STAMPS,
	],
	SALES_DEL_ADDR: [
		'REFERENCE', 'ACCOUNT_REF', 'ADDRESS_REF', 'ADDRESS_TYPE', 'DESCRIPTION', 'NAME', ...lines5(), 'COUNTRY_CODE', 'CONTACT_NAME',
		'CONTACT_ROLE', 'TELEPHONE', 'TELEPHONE_2', 'FAX', 'E_MAIL', 'NOTES', 'TAX_CODE', 'VAT_REG_NUMBER', ...STAMPS,
	],
	STOCK: [
		'STOCK_CODE', 'ITEM_TYPE', 'DESCRIPTION', 'UNIT_OF_SALE', 'NOMINAL_CODE', 'BARCODE', 'WEB_DESCRIPTION', 'WEB_IMAGE_FILE', 'SALES_PRICE',
		'TAX_CODE', 'STOCK_CAT', 'QTY_IN_STOCK', 'QTY_ALLOCATED', 'QTY_ON_ORDER', 'INACTIVE_FLAG', ...STAMPS,
	],
	SALES_ORDER: [
		'ORDER_NUMBER', 'ORDER_TYPE_CODE', 'QUOTE_STATUS_ID', 'QUOTE_EXPIRY_DATE', 'ORDER_DATE', 'ACCOUNT_REF', ...DOCUMENT_TEXT, 'CURRENCY',
		...TOTALS, 'DESPATCH_STATUS_CODE', 'INVOICE_NUMBER_NUMERIC', ...STAMPS,
	],
	SOP_ITEM: ['ORDER_NUMBER', ...LINE, 'QTY_ORDER'],
	INVOICE: [
		'INVOICE_NUMBER', 'INVOICE_TYPE_CODE', 'INVOICE_DATE', 'PAYMENT_DUE_DATE', 'ACCOUNT_REF', ...DOCUMENT_TEXT, 'CURRENCY', ...TOTALS,
		'ORDER_NUMBER_NUMERIC', 'POSTED_CODE', ...STAMPS,
	],
	INVOICE_ITEM: ['INVOICE_NUMBER', ...LINE, 'QUANTITY'],
};

/** DOUBLE columns that hold money: read as floating point, rounded once here (2 dp). */
const MONEY = new Set(['CREDIT_LIMIT', 'BALANCE', 'SALES_PRICE', ...TOTALS, 'FULL_NET_AMOUNT', 'DISCOUNT_AMOUNT', 'NET_AMOUNT', 'TAX_AMOUNT', 'GROSS_AMOUNT']);
const DATES = new Set(['ORDER_DATE', 'QUOTE_EXPIRY_DATE', 'INVOICE_DATE', 'PAYMENT_DUE_DATE']);

/**
 * An ODBC row as the contract names it, with `_CREATE_UTC` / `_MODIFY_UTC` for records/out.ts.
 * A NULL RECORD_MODIFY_DATE (seen on v34 STOCK rows) reads as the creation time, a NULL creation
 * time as the modification time, both NULL as 0 (1970): the contract's timestamps are never null.
 */
export function contractRow(table: SageTable, row: SqlRow): Row {
	const contractOf = new Map(Object.entries(ODBC_RENAMES[table] ?? {}).map(([contract, odbc]) => [odbc, contract]));
	const out: Row = {};
	for (const [col, raw] of Object.entries(row)) {
		if (col === 'RECORD_CREATE_DATE' || col === 'RECORD_MODIFY_DATE') continue;
		let value: Row[string] = raw;
		if (typeof raw === 'number' && MONEY.has(col)) value = round2(raw);
		else if (typeof raw === 'string' && DATES.has(col)) value = raw.slice(0, 10);
		out[contractOf.get(col) ?? col] = value;
	}
	if (table === 'SALES_DEL_ADDR') out.TAX_CODE = taxCodeFromId(row.TAX_CODE === null ? null : Number(row.TAX_CODE));
	if ('RECORD_MODIFY_DATE' in row) {
		const created = typeof row.RECORD_CREATE_DATE === 'string' ? fromUkLocal(row.RECORD_CREATE_DATE) : undefined;
		const modified = typeof row.RECORD_MODIFY_DATE === 'string' ? fromUkLocal(row.RECORD_MODIFY_DATE) : undefined;
		out._CREATE_UTC = created ?? modified ?? 0;
		out._MODIFY_UTC = modified ?? created ?? 0;
	}
	return out;
}
