// A STUB SageWriter for the ODBC adapter's tests, until the SDO writer (sage-sdo) is merged: it
// writes rows straight into the Sage-shaped tables with the bare minimum of Sage's rules (upper-case
// refs, next address number, next order number, RECORD_* stamps). Test code only — not a fake SDO.
import type { DatabaseSync, SQLInputValue } from 'node:sqlite';
import type { SageRow } from '../../../bridge/src/adapter';
import { BridgeError } from '../../../bridge/src/errors';
import type { SageWriter } from '../../../bridge/src/sage/writer';

type Values = Record<string, SQLInputValue>;

export class StubSageWriter implements SageWriter {
	readonly calls: string[] = [];

	constructor(
		private readonly sage: DatabaseSync,
		private readonly stamp: () => string,
	) {}

	private insert(table: string, row: Values): void {
		const cols = Object.keys(row);
		this.sage.prepare(`INSERT INTO ${table} (${cols.join(', ')}) VALUES (${cols.map(() => '?').join(', ')})`).run(...cols.map((c) => row[c]));
	}

	private update(table: string, where: string, key: SQLInputValue, patch: SageRow): void {
		const row: Values = { ...(patch as Values), RECORD_MODIFY_DATE: this.stamp() };
		const cols = Object.keys(row);
		const result = this.sage.prepare(`UPDATE ${table} SET ${cols.map((c) => `${c} = ?`).join(', ')} WHERE ${where} = ?`).run(...cols.map((c) => row[c]), key);
		if (result.changes === 0) throw new BridgeError('NOT_FOUND', `${table} ${String(key)} not found`);
	}

	async createCustomer(input: SageRow): Promise<string> {
		this.calls.push('createCustomer');
		const ref = String(input.ACCOUNT_REF).toUpperCase();
		this.insert('SALES_LEDGER', { ...(input as Values), ACCOUNT_REF: ref, RECORD_CREATE_DATE: this.stamp(), RECORD_MODIFY_DATE: this.stamp() });
		return ref;
	}

	async updateCustomer(accountRef: string, patch: SageRow): Promise<void> {
		this.calls.push('updateCustomer');
		this.update('SALES_LEDGER', 'ACCOUNT_REF', accountRef.toUpperCase(), patch);
	}

	async createAddress(accountRef: string, input: SageRow): Promise<number> {
		this.calls.push('createAddress');
		const ref = accountRef.toUpperCase();
		const next = Number((this.sage.prepare('SELECT COALESCE(MAX(ADDRESS_REF), 0) + 1 AS N FROM SALES_DEL_ADDR WHERE ACCOUNT_REF = ?').get(ref) as { N: number }).N);
		const reference = `${ref.padEnd(8, ' ')}${String(next).padStart(4, '0')}`;
		this.insert('SALES_DEL_ADDR', { ADDRESS_TYPE: 1, ...(input as Values), REFERENCE: reference, ACCOUNT_REF: ref, ADDRESS_REF: next, TAX_CODE: null, RECORD_CREATE_DATE: this.stamp(), RECORD_MODIFY_DATE: this.stamp() });
		return next;
	}

	async updateAddress(accountRef: string, addressRef: number, patch: SageRow): Promise<void> {
		this.calls.push('updateAddress');
		this.update('SALES_DEL_ADDR', 'REFERENCE', `${accountRef.toUpperCase().padEnd(8, ' ')}${String(addressRef).padStart(4, '0')}`, patch);
	}

	async createSalesOrder(input: SageRow): Promise<number> {
		this.calls.push('createSalesOrder');
		const n = Number((this.sage.prepare('SELECT COALESCE(MAX(ORDER_NUMBER), 0) + 1 AS N FROM SALES_ORDER').get() as { N: number }).N);
		const type = Number(input.ORDER_TYPE ?? 0);
		this.insert('SALES_ORDER', { ORDER_NUMBER: n, ORDER_TYPE_CODE: type, QUOTE_STATUS_ID: type === 9 ? 1 : 0, ORDER_DATE: this.stamp().slice(0, 10), ACCOUNT_REF: String(input.ACCOUNT_REF).toUpperCase(), CURRENCY: 1, RECORD_CREATE_DATE: this.stamp(), RECORD_MODIFY_DATE: this.stamp() });
		((input.ITEMS ?? []) as SageRow[]).forEach((item, i) => {
			this.insert('SOP_ITEM', { ORDER_NUMBER: n, ITEM_NUMBER: i + 1, STOCK_CODE: String(item.STOCK_CODE), QTY_ORDER: Number(item.QTY_ORDER ?? 1), TAX_CODE: 'T1', TAX_CODE_ID: 1, RECORD_CREATE_DATE: this.stamp(), RECORD_MODIFY_DATE: this.stamp() });
		});
		return n;
	}

	async updateSalesOrder(orderNumber: number, patch: SageRow): Promise<void> {
		this.calls.push('updateSalesOrder');
		const { QUOTE_STATUS, ...rest } = patch;
		this.update('SALES_ORDER', 'ORDER_NUMBER', orderNumber, QUOTE_STATUS === undefined ? rest : { ...rest, QUOTE_STATUS_ID: QUOTE_STATUS });
	}

	async status() {
		return { state: 'connected' as const, sdoVersion: 'stub' };
	}

	async close(): Promise<void> {}
}
