// Row -> contract shape (openapi.yaml), for every adapter: drop bookkeeping columns, expose
// timestamps with their UK offset (from `_CREATE_UTC` / `_MODIFY_UTC` epoch seconds, which each
// adapter fills from its own storage), add Sage's *_NAME labels, null where stock does not apply.
import type { SQLInputValue } from 'node:sqlite';
import type { SageRow } from '../adapter';
import { ADDRESS_TYPE_NAMES, INVOICE_TYPE_NAMES, ITEM_TYPE_NAMES, ORDER_TYPE_NAMES, QUOTE_STATUS_NAMES } from '../sim/rules';
import { ukLocal } from '../time';

/** A stored row under the contract's column names (simulator row, or an ODBC row renamed). */
export type Row = Record<string, SQLInputValue>;

function base(row: Row): SageRow {
	const out: SageRow = {};
	for (const [k, v] of Object.entries(row)) {
		if (k.startsWith('_')) continue;
		out[k] = v === undefined ? null : typeof v === 'bigint' ? Number(v) : (v as string | number | null);
	}
	if ('_CREATE_UTC' in row) out.RECORD_CREATE_DATE = ukLocal(Number(row._CREATE_UTC)).iso;
	if ('_MODIFY_UTC' in row) out.RECORD_MODIFY_DATE = ukLocal(Number(row._MODIFY_UTC)).iso;
	return out;
}

function dropEmpty(out: SageRow, ...cols: string[]): void {
	for (const c of cols) if (out[c] === '') delete out[c];
}

export function customerOut(row: Row): SageRow {
	const out = base(row);
	dropEmpty(out, 'DEF_TAX_CODE');
	return out;
}

export function addressOut(row: Row): SageRow {
	const out = base(row);
	out.ADDRESS_TYPE_NAME = ADDRESS_TYPE_NAMES[Number(row.ADDRESS_TYPE)];
	dropEmpty(out, 'TAX_CODE');
	return out;
}

export function productOut(row: Row, categoryName: string | null): SageRow {
	const out = base(row);
	const type = Number(row.ITEM_TYPE);
	out.ITEM_TYPE_NAME = ITEM_TYPE_NAMES[type];
	out.STOCK_CAT_NAME = categoryName;
	if (type === 0) {
		out.FREE_STOCK = Number(row.QTY_IN_STOCK) - Number(row.QTY_ALLOCATED);
	} else {
		// P2: stock does not apply to non-stock and service items; null, never a misleading 0.
		out.QTY_IN_STOCK = null;
		out.QTY_ALLOCATED = null;
		out.QTY_ON_ORDER = null;
		out.FREE_STOCK = null;
	}
	if (out.WEB_IMAGE_FILE === '') out.WEB_IMAGE_FILE = null;
	return out;
}

function lineOut(row: Row): SageRow {
	const out = base(row);
	delete out.ORDER_NUMBER;
	delete out.INVOICE_NUMBER;
	return out;
}

export function salesOrderOut(row: Row, lines: Row[]): SageRow {
	const out = base(row);
	out.ORDER_TYPE_NAME = ORDER_TYPE_NAMES[Number(row.ORDER_TYPE)] ?? 'Sales Order';
	out.QUOTE_STATUS_NAME = QUOTE_STATUS_NAMES[Number(row.QUOTE_STATUS)];
	out.ITEMS = lines.map(lineOut);
	return out;
}

export function invoiceOut(row: Row, lines: Row[]): SageRow {
	const out = base(row);
	out.INVOICE_TYPE_NAME = INVOICE_TYPE_NAMES[Number(row.INVOICE_TYPE)] ?? 'Invoice';
	out.ITEMS = lines.map(lineOut);
	return out;
}

export function userOut(row: Row): SageRow {
	return base(row);
}

export function plain(row: Row): SageRow {
	return base(row);
}
