// How an ODBC row of a real Sage company becomes a contract row (bridge/src/sage/columns.ts), and that
// the Sage-shaped test company holds every column the adapter reads, with Sage's declared types.
import { contractRow, READ_COLUMNS, type SageTable } from '../../../bridge/src/sage/columns';
import { taxCodeId } from '../../../bridge/src/sage/odbcNames';
import { SAGE_TABLES } from '../../../bridge/src/sage/testing/sageSchema';
import { customerOut } from '../../../bridge/src/records/out';

describe('Sage ODBC rows → contract rows', () => {
	test('money is read as floating point and rounded once to 2 dp; other numbers are left alone', () => {
		const row = contractRow('SALES_LEDGER', { ACCOUNT_REF: 'ABS001', BALANCE: 0.1 + 0.2, CREDIT_LIMIT: 1000.005, PAYMENT_DUE_DAYS: 30, RECORD_CREATE_DATE: null, RECORD_MODIFY_DATE: null });
		expect(row.BALANCE).toBe(0.3);
		expect(row.CREDIT_LIMIT).toBe(1000.01);
		const line = contractRow('SOP_ITEM', { UNIT_PRICE: 0.28333, QTY_ORDER: 1.5, NET_AMOUNT: 12.344999 });
		expect(line).toMatchObject({ UNIT_PRICE: 0.28333, QTY_ORDER: 1.5, NET_AMOUNT: 12.34 });
	});

	test('ODBC names become the contract’s (STATUS_NUMBER, ORDER_TYPE_CODE, QUOTE_STATUS_ID, POSTED_CODE, *_NUMERIC)', () => {
		expect(contractRow('SALES_LEDGER', { STATUS_NUMBER: 4 })).toEqual({ ACCOUNT_STATUS: 4 });
		expect(contractRow('SALES_ORDER', { ORDER_TYPE_CODE: 9, QUOTE_STATUS_ID: 1, INVOICE_NUMBER_NUMERIC: null, ORDER_DATE: '2026-01-15 00:00:00' })).toEqual({ ORDER_TYPE: 9, QUOTE_STATUS: 1, INVOICE_NUMBER: null, ORDER_DATE: '2026-01-15' });
		expect(contractRow('INVOICE', { INVOICE_TYPE_CODE: 3, POSTED_CODE: 1, ORDER_NUMBER_NUMERIC: 2 })).toEqual({ INVOICE_TYPE: 3, POSTED: 1, ORDER_NUMBER: 2 });
		expect(contractRow('SALES_DEL_ADDR', { TAX_CODE: 5 }).TAX_CODE).toBe('T5');
		expect(contractRow('SALES_DEL_ADDR', { TAX_CODE: null }).TAX_CODE).toBe('');
		expect(taxCodeId('t20')).toBe(20);
	});

	test('timestamps: UK local wall-clock with the offset in force; a NULL modify date reads as the creation time', () => {
		const summer = customerOut(contractRow('SALES_LEDGER', { ACCOUNT_REF: 'A', RECORD_CREATE_DATE: '2026-07-01 12:00:00', RECORD_MODIFY_DATE: '2026-07-02 08:30:05' }));
		expect(summer).toMatchObject({ RECORD_CREATE_DATE: '2026-07-01T12:00:00+01:00', RECORD_MODIFY_DATE: '2026-07-02T08:30:05+01:00' });
		const nullModify = customerOut(contractRow('SALES_LEDGER', { ACCOUNT_REF: 'A', RECORD_CREATE_DATE: '2026-01-10 09:00:00', RECORD_MODIFY_DATE: null }));
		expect(nullModify.RECORD_MODIFY_DATE).toBe('2026-01-10T09:00:00+00:00');
	});
});

describe('the Sage-shaped test company', () => {
	const types: Record<string, RegExp> = { DOUBLE: /AMOUNT|NET|TAX$|GROSS|PRICE|RATE|LIMIT|BALANCE|QTY|QUANTITY/ };

	test('holds every column the adapter reads, and money columns are DOUBLE as in Sage', () => {
		for (const [table, cols] of Object.entries(READ_COLUMNS) as Array<[SageTable, readonly string[]]>) {
			const declared = new Map(SAGE_TABLES[table].cols.map(([name, type]) => [name, type]));
			for (const col of cols) {
				expect([table, col, declared.has(col)]).toEqual([table, col, true]);
				if (types.DOUBLE.test(col) && !/CODE|ID$/.test(col)) expect([table, col, declared.get(col)]).toEqual([table, col, 'DOUBLE']);
			}
		}
	});

	test('has no simulator bookkeeping columns, no BRIDGE_* tables and nullable RECORD_* dates', () => {
		for (const [table, { cols }] of Object.entries(SAGE_TABLES)) {
			expect(table.startsWith('BRIDGE_')).toBe(false);
			for (const [name] of cols) expect(name.startsWith('_')).toBe(false);
		}
		expect(SAGE_TABLES.STOCK.cols.find(([n]) => n === 'RECORD_MODIFY_DATE')).toEqual(['RECORD_MODIFY_DATE', 'TIMESTAMP']);
	});
});
