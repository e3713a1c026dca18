// Seeds a Sage-shaped company file with the simulator's demo company (bridge/src/seed/demo.ts): the
// simulated company is built in memory at a frozen instant, then each table is copied through the
// contract → ODBC name mapping. One demo, two layouts, so both adapters can be compared record by record.
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { DatabaseSync, SQLInputValue } from 'node:sqlite';
import { seedCompany } from '../../seed/demo';
import { SimulatedCompany } from '../../sim/company';
import { BridgeClock, ukLocal } from '../../time';
import { documentLinkText, ODBC_RENAMES, taxCodeId } from '../odbcNames';
import { sageColumns } from './sageTables';

type Row = Record<string, SQLInputValue>;

/**
 * A simulator row (contract column names, `_…` bookkeeping) as the Sage-shaped table holds it.
 * `stamp` fills RECORD_* dates for tables the simulator keeps without them (look-ups, lines).
 */
export function toOdbcRow(table: string, row: Row, stamp?: string): Row {
	const renames = ODBC_RENAMES[table] ?? {};
	const contractOf = new Map(Object.entries(renames).map(([contract, odbc]) => [odbc, contract]));
	const out: Row = {};
	for (const col of sageColumns(table)) {
		const from = contractOf.get(col) ?? col;
		if (from in row) out[col] = row[from];
	}
	if (table === 'SALES_DEL_ADDR') out.TAX_CODE = taxCodeId(String(row.TAX_CODE ?? ''));
	if (table === 'SALES_ORDER') out.INVOICE_NUMBER = documentLinkText(row.INVOICE_NUMBER === null ? null : Number(row.INVOICE_NUMBER));
	if (table === 'INVOICE') out.ORDER_NUMBER = documentLinkText(row.ORDER_NUMBER === null ? null : Number(row.ORDER_NUMBER));
	if (table === 'SOP_ITEM' || table === 'INVOICE_ITEM') out.TAX_CODE_ID = taxCodeId(String(row.TAX_CODE ?? ''));
	if (table === 'SALES_LEDGER' && typeof row.RECORD_CREATE_DATE === 'string') out.DATE_ACCOUNT_OPENED = row.RECORD_CREATE_DATE.slice(0, 10);
	if (stamp !== undefined && sageColumns(table).includes('RECORD_CREATE_DATE')) {
		out.RECORD_CREATE_DATE ??= stamp;
		out.RECORD_MODIFY_DATE ??= stamp;
	}
	return out;
}

export function insertRow(db: DatabaseSync, table: string, row: Row): void {
	const cols = Object.keys(row);
	db.prepare(`INSERT INTO ${table} (${cols.join(', ')}) VALUES (${cols.map(() => '?').join(', ')})`).run(...cols.map((c) => row[c]));
}

const COPIED = ['TAX_CODE', 'CURRENCY', 'COUNTRY_CODE', 'ACCOUNT_STATUS', 'STOCK_CAT', 'SALES_LEDGER', 'SALES_DEL_ADDR', 'STOCK', 'SALES_ORDER', 'SOP_ITEM', 'INVOICE', 'INVOICE_ITEM'];

export function copyDemoCompany(db: DatabaseSync, at: Date, imagesDir?: string): void {
	const clock = new BridgeClock(() => at);
	clock.freeze(at);
	const sim = new SimulatedCompany(':memory:', clock);
	try {
		seedCompany(sim, 'demo');
		const stamp = ukLocal(clock.nowSeconds()).sage;
		db.exec('BEGIN');
		try {
			insertRow(db, 'COMPANY', { NAME: sim.companyInfo.name, COUNTRY_CODE: 'GB', RECORD_CREATE_DATE: stamp, RECORD_MODIFY_DATE: stamp });
			for (const table of COPIED) {
				for (const row of sim.store.all(`SELECT * FROM ${table}`)) insertRow(db, table, toOdbcRow(table, row, stamp));
			}
			db.exec('COMMIT');
		} catch (error) {
			db.exec('ROLLBACK');
			throw error;
		}
		if (imagesDir !== undefined) {
			const files = sim.store.all('SELECT FILE_NAME, BYTES FROM IMAGE_FILES').map((f) => ({ name: String(f.FILE_NAME), bytes: f.BYTES as Uint8Array }));
			// Sage keeps product images as files next to the company data; WEB_IMAGE_FILE names them.
			mkdirSync(imagesDir, { recursive: true });
			for (const f of files) writeFileSync(join(imagesDir, f.name), f.bytes);
		}
	} finally {
		sim.store.close();
	}
}
