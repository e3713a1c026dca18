// A SQLite file laid out like Sage 50's ODBC view of a company (sage50-notes.md §4; Zynk's ODBC
// column docs): Sage's table and column names and declared types (VARCHAR(n), DOUBLE, TINYINT,
// SMALLINT, DATE, TIMESTAMP), so the SQLite ODBC driver describes columns the way Sage's does.
// Test code only: the ODBC adapter reads it through unixODBC, the fake SDO writes it the way Sage's
// own program would, and tests edit it directly as a person in Sage would.
//
// What Sage does and this file mirrors:
//   - RECORD_CREATE_DATE / RECORD_MODIFY_DATE: `YYYY-MM-DD HH:MM:SS` UK local wall-clock, NULLABLE
//     (v34 showed NULLs in STOCK); RECORD_DELETED 0/1 (soft delete). STOCK_CAT and TAX_CODE have none.
//   - Derived label columns the driver computes (ORDER_OR_QUOTE, QUOTE_STATUS text, INVOICE_TYPE text,
//     STATUS_TEXT, ADDRESS_TYPE_NAME, STOCK_CAT_NAME, C_ADDRESS_*) are left out: nothing stores them.
//   - Codes by their ODBC names (odbcNames.ts): ORDER_TYPE_CODE, QUOTE_STATUS_ID, INVOICE_TYPE_CODE,
//     POSTED_CODE, STATUS_NUMBER; SALES_DEL_ADDR.TAX_CODE is a SMALLINT (1 = T1); document links are
//     a VARCHAR(7) plus an INTEGER twin (SALES_ORDER.INVOICE_NUMBER / INVOICE_NUMBER_NUMERIC).
//   - DELETED_RECORDS (TABLE_ID, FOREIGN_REF, FOREIGN_REF_TYPE, DELETION_DATE_TIME) for hard deletes.
//   - Lengths are enforced (CHECK): Sage cannot store longer text, so a writer that tries fails loudly.
// Not Sage's, so not here: simulator bookkeeping (`_…`) and BRIDGE_* tables (the bridge's own local
// database), a users table (the documented ODBC schema has none), image bytes (Sage keeps product
// images as files next to the company data; see SEED_IMAGES).
// Unverified column names kept because the contract exposes them: SALES_LEDGER.SALES_REP, STOCK.ITEM_TYPE.
type Col = [name: string, type: string, len?: number];

const v = (name: string, len: number): Col => [name, 'VARCHAR', len];
const lines5 = (prefix = ''): Col[] => [1, 2, 3, 4, 5].map((n) => v(`${prefix}ADDRESS_${n}`, 60));
const stamps: Col[] = [
	['RECORD_CREATE_DATE', 'TIMESTAMP'],
	['RECORD_MODIFY_DATE', 'TIMESTAMP'],
	['RECORD_DELETED', 'TINYINT'],
];
const money = (...names: string[]): Col[] => names.map((n) => [n, 'DOUBLE']);
const totals = money('ITEMS_NET', 'ITEMS_TAX', 'ITEMS_GROSS', 'CARR_NET', 'CARR_TAX', 'CARR_GROSS', 'INVOICE_NET', 'INVOICE_TAX', 'INVOICE_GROSS');
const documentText: Col[] = [
	v('NAME', 60),
	...lines5(),
	v('DEL_NAME', 60),
	...lines5('DEL_'),
	v('CONTACT_NAME', 30),
	v('CUST_ORDER_NUMBER', 60),
	v('CUST_TEL_NUMBER', 30),
	v('TAKEN_BY', 60),
	v('NOTES_1', 60),
	v('NOTES_2', 60),
	v('NOTES_3', 60),
];
const lineCols: Col[] = [
	['ITEM_NUMBER', 'SMALLINT'],
	['SERVICE_FLAG', 'SMALLINT'],
	v('STOCK_CODE', 30),
	v('DESCRIPTION', 60),
	v('COMMENT_1', 60),
	v('COMMENT_2', 60),
	v('UNIT_OF_SALE', 8),
	...money('UNIT_PRICE', 'DISCOUNT_AMOUNT', 'DISCOUNT_RATE'),
	v('NOMINAL_CODE', 8),
	['TAX_CODE_ID', 'SMALLINT'],
	v('TAX_CODE', 3),
	...money('TAX_RATE', 'FULL_NET_AMOUNT', 'NET_AMOUNT', 'TAX_AMOUNT', 'GROSS_AMOUNT'),
];

/** Sage-shaped tables: name → [columns, primary key (and unique) constraints]. */
export const SAGE_TABLES: Record<string, { cols: Col[]; keys: string }> = {
	COMPANY: {
		// NEXT_ORDER_NUMBER: Sage's next sales order number (Invoice and Order Defaults), which the fake
		// SDO's SopPost assigns from; the real ODBC name of that setting is unverified.
		cols: [v('NAME', 60), v('TELEPHONE', 30), v('E_MAIL', 255), v('VAT_REG_NUMBER', 20), v('COUNTRY_CODE', 2), ['NEXT_ORDER_NUMBER', 'INTEGER'], ...stamps],
		keys: '',
	},
	TAX_CODE: {
		cols: [v('TAX_CODE', 3), ['TAX_CODE_ID', 'SMALLINT'], v('DESCRIPTION', 60), ['TAX_RATE', 'DOUBLE']],
		keys: 'PRIMARY KEY (TAX_CODE), UNIQUE (TAX_CODE_ID)',
	},
	CURRENCY: {
		cols: [['NUMBER', 'SMALLINT'], v('CODE', 3), v('SYMBOL', 3), v('NAME', 30), ['BASE_CURRENCY', 'SMALLINT'], ['RATE', 'DOUBLE'], ...stamps],
		keys: 'PRIMARY KEY (NUMBER)',
	},
	COUNTRY_CODE: { cols: [v('CODE', 2), v('NAME', 30), ['EU_MEMBER', 'SMALLINT'], ...stamps], keys: 'PRIMARY KEY (CODE)' },
	ACCOUNT_STATUS: { cols: [['NUMBER', 'SMALLINT'], v('STATUS', 60), ['ON_HOLD', 'TINYINT'], ...stamps], keys: 'PRIMARY KEY (NUMBER)' },
	STOCK_CAT: { cols: [['NUMBER', 'SMALLINT'], v('NAME', 30)], keys: 'PRIMARY KEY (NUMBER)' },
	SALES_LEDGER: {
		cols: [
			v('ACCOUNT_REF', 8),
			v('NAME', 60),
			...lines5(),
			v('COUNTRY_CODE', 2),
			v('CONTACT_NAME', 30),
			v('TRADE_CONTACT', 30),
			v('TELEPHONE', 30),
			v('TELEPHONE_2', 30),
			v('FAX', 30),
			v('E_MAIL', 255),
			v('WEB_ADDRESS', 255),
			v('VAT_REG_NUMBER', 20),
			v('ANALYSIS_1', 30),
			v('ANALYSIS_2', 30),
			v('ANALYSIS_3', 30),
			v('SALES_REP', 30),
			v('DEF_TAX_CODE', 3),
			v('DEF_NOM_CODE', 8),
			['CREDIT_LIMIT', 'DOUBLE'],
			['PAYMENT_DUE_DAYS', 'SMALLINT'],
			v('TERMS', 30),
			['ACCOUNT_ON_HOLD', 'TINYINT'],
			['STATUS_NUMBER', 'SMALLINT'],
			['INACTIVE_FLAG', 'TINYINT'],
			['CURRENCY', 'TINYINT'],
			['BALANCE', 'DOUBLE'],
			['DATE_ACCOUNT_OPENED', 'DATE'],
			...stamps,
		],
		keys: 'PRIMARY KEY (ACCOUNT_REF)',
	},
	SALES_DEL_ADDR: {
		cols: [
			v('REFERENCE', 12),
			v('ACCOUNT_REF', 8),
			['ADDRESS_REF', 'INTEGER'],
			['ADDRESS_TYPE', 'TINYINT'],
			v('DESCRIPTION', 60),
			v('NAME', 60),
			...lines5(),
			v('COUNTRY_CODE', 2),
			v('CONTACT_NAME', 30),
			v('CONTACT_ROLE', 30),
			v('TELEPHONE', 30),
			v('TELEPHONE_2', 30),
			v('FAX', 30),
			v('E_MAIL', 255),
			v('NOTES', 200),
			['TAX_CODE', 'SMALLINT'],
			v('VAT_REG_NUMBER', 20),
			...stamps,
		],
		keys: 'PRIMARY KEY (REFERENCE), UNIQUE (ACCOUNT_REF, ADDRESS_REF)',
	},
	STOCK: {
		cols: [
			v('STOCK_CODE', 30),
			v('DESCRIPTION', 60),
			['ITEM_TYPE', 'TINYINT'],
			['SALES_PRICE', 'DOUBLE'],
			v('UNIT_OF_SALE', 8),
			v('TAX_CODE', 3),
			v('NOMINAL_CODE', 8),
			['STOCK_CAT', 'SMALLINT'],
			...money('QTY_IN_STOCK', 'QTY_ALLOCATED', 'QTY_ON_ORDER'),
			v('BARCODE', 60),
			v('WEB_DESCRIPTION', 255),
			v('WEB_IMAGE_FILE', 60),
			['INACTIVE_FLAG', 'TINYINT'],
			...stamps,
		],
		keys: 'PRIMARY KEY (STOCK_CODE)',
	},
	SALES_ORDER: {
		cols: [
			['ORDER_NUMBER', 'INTEGER'],
			['ORDER_TYPE_CODE', 'TINYINT'],
			['ORDER_DATE', 'DATE'],
			['DESPATCH_STATUS_CODE', 'TINYINT'],
			v('ACCOUNT_REF', 8),
			...documentText,
			v('INVOICE_NUMBER', 7),
			['INVOICE_NUMBER_NUMERIC', 'INTEGER'],
			...totals,
			['CURRENCY', 'TINYINT'],
			['QUOTE_EXPIRY_DATE', 'DATE'],
			['QUOTE_STATUS_ID', 'TINYINT'],
			...stamps,
		],
		keys: 'PRIMARY KEY (ORDER_NUMBER)',
	},
	SOP_ITEM: {
		cols: [['ORDER_NUMBER', 'INTEGER'], ...lineCols, ['QTY_ORDER', 'DOUBLE'], ...stamps],
		keys: 'PRIMARY KEY (ORDER_NUMBER, ITEM_NUMBER)',
	},
	INVOICE: {
		cols: [
			['INVOICE_NUMBER', 'INTEGER'],
			['INVOICE_TYPE_CODE', 'TINYINT'],
			['INVOICE_DATE', 'DATE'],
			v('ACCOUNT_REF', 8),
			...documentText,
			v('ORDER_NUMBER', 7),
			['ORDER_NUMBER_NUMERIC', 'INTEGER'],
			...totals,
			['CURRENCY', 'TINYINT'],
			['POSTED_CODE', 'TINYINT'],
			['PAYMENT_DUE_DATE', 'DATE'],
			...stamps,
		],
		keys: 'PRIMARY KEY (INVOICE_NUMBER)',
	},
	INVOICE_ITEM: {
		cols: [['INVOICE_NUMBER', 'INTEGER'], ...lineCols, ['QUANTITY', 'DOUBLE'], ...stamps],
		keys: 'PRIMARY KEY (INVOICE_NUMBER, ITEM_NUMBER)',
	},
	DELETED_RECORDS: {
		cols: [['TABLE_ID', 'INTEGER'], v('FOREIGN_REF', 255), ['DELETION_DATE_TIME', 'TIMESTAMP'], ['FOREIGN_REF_TYPE', 'SMALLINT'], ...stamps],
		keys: '',
	},
};

/** Columns that may hold NULL (everything else holds Sage's empty value: '' or 0). */
const NULLABLE = new Set(['RECORD_CREATE_DATE', 'RECORD_MODIFY_DATE', 'DATE_ACCOUNT_OPENED', 'QUOTE_EXPIRY_DATE', 'PAYMENT_DUE_DATE', 'INVOICE_NUMBER_NUMERIC', 'ORDER_NUMBER_NUMERIC', 'STOCK_CAT', 'DELETION_DATE_TIME']);

function declare([name, type, len]: Col, table: string, keyCols: Set<string>): string {
	const decl = `${name} ${type}${len ? `(${len})` : ''}`;
	const check = len ? ` CHECK (length(${name}) <= ${len})` : '';
	// A tax code id on an address or a line is NULL when none (T0 is a real code: zero rated).
	const nullable = NULLABLE.has(name) || (name === 'TAX_CODE_ID' && table !== 'TAX_CODE') || (table === 'SALES_DEL_ADDR' && name === 'TAX_CODE');
	if (nullable) return `${decl}${check}`;
	if (keyCols.has(name)) return `${decl} NOT NULL${check}`;
	return `${decl} NOT NULL DEFAULT ${type === 'VARCHAR' ? "''" : '0'}${check}`;
}

export const SAGE_SCHEMA = Object.entries(SAGE_TABLES)
	.map(([table, { cols, keys }]) => {
		const keyCols = new Set(keys.match(/[A-Z_]+(?=[,)])/g) ?? []);
		return `CREATE TABLE IF NOT EXISTS ${table} (\n  ${[...cols.map((c) => declare(c, table, keyCols)), ...(keys ? [keys] : [])].join(',\n  ')}\n);`;
	})
	.join('\n');

/** Column names of a Sage-shaped table, in order. */
export function sageColumns(table: string): string[] {
	return SAGE_TABLES[table].cols.map(([name]) => name);
}

