// The test connection's dialect guard refuses what Sage's ODBC driver refuses (sage50-notes.md §3.2),
// so SQL that only SQLite accepts cannot pass the Sage adapter's tests.
import { assertSageDialect, DialectError, toSqlite } from '../../support/sageOdbc/dialectGuard';
import { sqlIn, sqlInt, sqlString, sqlTimestamp } from '../../../bridge/src/sage/sql';

const rejects = (sql: string, params: unknown[] = []) => expect(() => assertSageDialect(sql, params)).toThrow(DialectError);

describe('Sage dialect guard', () => {
	test.each([
		['LIMIT', 'SELECT ACCOUNT_REF FROM SALES_LEDGER ORDER BY ACCOUNT_REF LIMIT 10'],
		['OFFSET', 'SELECT TOP 10 ACCOUNT_REF FROM SALES_LEDGER ORDER BY ACCOUNT_REF OFFSET 10'],
		['FETCH', 'SELECT ACCOUNT_REF FROM SALES_LEDGER ORDER BY ACCOUNT_REF FETCH FIRST 10 ROWS ONLY'],
		['DISTINCT', 'SELECT DISTINCT ORDER_NUMBER FROM SOP_ITEM'],
		['a placeholder', "SELECT ACCOUNT_REF FROM SALES_LEDGER WHERE ACCOUNT_REF = ?"],
		['integer ? = ?', 'SELECT ORDER_NUMBER FROM SALES_ORDER WHERE ? = ?'],
		['a write', "UPDATE SALES_LEDGER SET NAME = 'x'"],
		['a second statement', "SELECT NAME FROM SALES_LEDGER; DELETE FROM SALES_LEDGER"],
		['a comment', 'SELECT NAME FROM SALES_LEDGER -- x'],
		['double-quoted identifiers', 'SELECT "NAME" FROM SALES_LEDGER'],
		['TOP not after SELECT', 'SELECT NAME FROM SALES_LEDGER WHERE TOP 5'],
		['SQLite-only functions', 'SELECT IFNULL(NAME, 1) FROM SALES_LEDGER'],
		['an unterminated literal', "SELECT NAME FROM SALES_LEDGER WHERE ACCOUNT_REF = 'A"],
	])('rejects %s', (_name, sql) => rejects(sql));

	test('rejects bound string parameters (HY004) and bound integers', () => {
		rejects('SELECT NAME FROM SALES_LEDGER WHERE ACCOUNT_REF = ?', ['ABS001']);
		rejects('SELECT NAME FROM SALES_ORDER WHERE ORDER_NUMBER = ?', [1]);
	});

	test('accepts Sage paging and keywords that appear only inside literals', () => {
		expect(() => assertSageDialect("SELECT TOP 51 ACCOUNT_REF FROM SALES_LEDGER WHERE ACCOUNT_REF > 'LIMIT; DISTINCT ? --' ORDER BY ACCOUNT_REF")).not.toThrow();
	});

	test('rewrites SELECT TOP n to LIMIT n only after the check', () => {
		expect(toSqlite("SELECT TOP 3 NAME FROM SALES_LEDGER WHERE ACCOUNT_REF > 'A' ORDER BY ACCOUNT_REF")).toBe(
			"SELECT NAME FROM SALES_LEDGER WHERE ACCOUNT_REF > 'A' ORDER BY ACCOUNT_REF LIMIT 3",
		);
		expect(() => toSqlite('SELECT NAME FROM SALES_LEDGER LIMIT 3')).toThrow(DialectError);
	});
});

describe('the adapter literals (sql.ts)', () => {
	test('sqlString doubles quotes, keeps backslashes and refuses control characters', () => {
		expect(sqlString("O'Brien")).toBe("'O''Brien'");
		expect(sqlString("'x' OR '1'='1'")).toBe("'''x'' OR ''1''=''1'''");
		expect(sqlString('C:\\data\\')).toBe("'C:\\data\\'");
		expect(() => sqlString('AB\u0000C')).toThrow();
		expect(() => assertSageDialect(`SELECT NAME FROM SALES_LEDGER WHERE ACCOUNT_REF = ${sqlString("x'; DELETE FROM SALES_LEDGER --")}`)).not.toThrow();
	});

	test('sqlInt, sqlTimestamp and sqlIn build only well-formed literals', () => {
		expect(sqlInt(42)).toBe('42');
		expect(() => sqlInt(1.5)).toThrow();
		expect(() => sqlInt(Number.NaN)).toThrow();
		expect(sqlTimestamp('2025-03-10 10:00:00')).toBe("{ts '2025-03-10 10:00:00'}");
		expect(() => sqlTimestamp("2025-03-10' OR 1=1")).toThrow();
		expect(sqlIn('ACCOUNT_REF', ['A', "B'"])).toBe("(ACCOUNT_REF = 'A' OR ACCOUNT_REF = 'B''')");
		expect(sqlIn('ORDER_NUMBER', [1, 2])).toBe('(ORDER_NUMBER = 1 OR ORDER_NUMBER = 2)');
	});
});
