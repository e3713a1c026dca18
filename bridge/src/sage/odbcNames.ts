// Where the ODBC driver's column names differ from the contract's (openapi.yaml uses SDO's names):
// the one home of that mapping, used by the ODBC reads (ODBC → contract) and by whoever writes a
// Sage-shaped test company (contract → ODBC). Sources: Zynk's ODBC schema docs (sage50-notes.md §4,
// §4.9). Columns not listed keep their name in both.

/** Contract column → ODBC column, per table. */
export const ODBC_RENAMES: Readonly<Record<string, Readonly<Record<string, string>>>> = {
	SALES_LEDGER: { ACCOUNT_STATUS: 'STATUS_NUMBER' },
	SALES_ORDER: { ORDER_TYPE: 'ORDER_TYPE_CODE', QUOTE_STATUS: 'QUOTE_STATUS_ID', INVOICE_NUMBER: 'INVOICE_NUMBER_NUMERIC' },
	INVOICE: { INVOICE_TYPE: 'INVOICE_TYPE_CODE', POSTED: 'POSTED_CODE', ORDER_NUMBER: 'ORDER_NUMBER_NUMERIC' },
};

/** SALES_DEL_ADDR.TAX_CODE is a SMALLINT (1) in ODBC, "T1" in the contract (and in every other table). */
export function taxCodeFromId(id: number | null): string {
	return id === null ? '' : `T${id}`;
}

export function taxCodeId(code: string): number | null {
	const m = /^T(\d{1,2})$/i.exec(code);
	return m ? Number(m[1]) : null;
}

/**
 * The VARCHAR(7) twin Sage keeps next to a numeric document link (SALES_ORDER.INVOICE_NUMBER,
 * INVOICE.ORDER_NUMBER): the number as text, '' when none.
 */
export function documentLinkText(n: number | null): string {
	return n === null || n === 0 ? '' : String(n);
}
