// Sales orders / quotations (SALES_ORDER + SOP_ITEM) and invoices (INVOICE + INVOICE_ITEM):
// Sage prices, taxes (VAT per line from the tax code, 2 dp) and numbers them; posting to on-hold,
// inactive or deleted accounts is rejected.
import type { InvoiceListQuery, Page, SageRow, SalesOrderListQuery } from '../adapter';
import { BridgeError } from '../errors';
import type { CodePage } from '../codePage';
import { DOCUMENT_TEXT_FIELDS, type FieldSet } from '../fields';
import { invoiceOut, salesOrderOut } from '../records/out';
import { checkFields, CREDIT_INVOICE_TYPES, INVOICE_TYPE_NAMES, LEDGER_INVOICE_TYPES } from './rules';
import type { Row, Source, Store } from './store';
import { documentAddresses, documentTotals, newSalesOrder, postableCustomer, type PricedLine, priceLines, salesOrderPatch } from './documentRules';
import { changedFields, type CompanyView } from './writeRules';

const LINE_COLUMNS: readonly (keyof PricedLine)[] = ['STOCK_CODE', 'DESCRIPTION', 'COMMENT_1', 'COMMENT_2', 'UNIT_OF_SALE', 'NOMINAL_CODE', 'UNIT_PRICE', 'DISCOUNT_RATE', 'FULL_NET_AMOUNT', 'DISCOUNT_AMOUNT', 'NET_AMOUNT', 'TAX_CODE', 'TAX_RATE', 'TAX_AMOUNT', 'GROSS_AMOUNT', 'SERVICE_FLAG'];

interface PricedDocument {
	header: Row;
	lines: PricedLine[];
}

const INVOICE_CREATE_FIELDS: FieldSet = {
	...DOCUMENT_TEXT_FIELDS,
	ACCOUNT_REF: { type: 'text' },
	INVOICE_TYPE: { type: 'int' },
	INVOICE_DATE: { type: 'date' },
	ORDER_NUMBER: { type: 'int' },
	CARR_NET: { type: 'number' },
	CARR_TAX_CODE: { type: 'text' },
	POSTED: { type: 'flag' },
};

/** What documents read from the company; the company (company.ts) provides it. */
export interface MasterRecords {
	readonly store: Store;
	readonly view: CompanyView;
	readonly text: CodePage;
}

export class Documents {
	constructor(private readonly company: MasterRecords) {}

	private get store() {
		return this.company.store;
	}

	/** Lines and totals as Sage prices them (documentRules.ts). */
	private price(customer: Row, input: SageRow, record: string): PricedDocument {
		const lines = priceLines(customer, input.ITEMS, this.company.text, this.company.view, record);
		const carriage = this.company.view.taxRate(String(input.CARR_TAX_CODE ?? 'T1'), 'CARR_TAX_CODE', record);
		return { header: { ...documentTotals(lines, Number(input.CARR_NET ?? 0), carriage.rate) }, lines };
	}

	private nextNumber(column: 'NEXT_ORDER_NUMBER' | 'NEXT_INVOICE_NUMBER', table: string, keyCol: string): number {
		let n = Number(this.store.get(`SELECT ${column} AS N FROM COMPANY WHERE ID = 1`)!.N);
		while (this.store.get(`SELECT 1 AS X FROM ${table} WHERE ${keyCol} = ?`, n)) n++;
		this.store.run(`UPDATE COMPANY SET ${column} = ? WHERE ID = 1`, n + 1);
		return n;
	}

	private insertLines(table: string, keyCol: string, key: number, qtyCol: string, lines: PricedLine[]): void {
		for (const l of lines) {
			const row: Row = { [keyCol]: key, ITEM_NUMBER: l.ITEM_NUMBER, [qtyCol]: l.QTY };
			for (const c of LINE_COLUMNS) row[c] = l[c];
			this.store.insert(table, row);
		}
	}

	// ---- sales orders and quotations ----------------------------------------------------------

	getSalesOrder(n: number): SageRow | undefined {
		const row = this.store.get('SELECT * FROM SALES_ORDER WHERE ORDER_NUMBER = ?', n);
		return row && salesOrderOut(row, this.store.all('SELECT * FROM SOP_ITEM WHERE ORDER_NUMBER = ? ORDER BY ITEM_NUMBER', n));
	}

	listSalesOrders(q: SalesOrderListQuery): Page {
		const where: string[] = [];
		const params: (string | number)[] = [];
		if (q.orderType !== undefined) (where.push('ORDER_TYPE = ?'), params.push(q.orderType));
		if (q.accountRef !== undefined) (where.push('ACCOUNT_REF = ?'), params.push(q.accountRef.toUpperCase()));
		return this.store.page('SALES_ORDER', 'ORDER_NUMBER', true, q, (row) => this.getSalesOrder(Number(row.ORDER_NUMBER))!, where, params);
	}

	createSalesOrder(input: SageRow, source: Source): SageRow {
		return this.company.store.tx(() => {
			const order = newSalesOrder(input, this.company.text, this.company.view);
			const { header, ref, type } = order;
			const number = order.number ?? this.nextNumber('NEXT_ORDER_NUMBER', 'SALES_ORDER', 'ORDER_NUMBER');
			const s = this.store.stamp();
			this.store.insert('SALES_ORDER', {
				ORDER_NUMBER: number,
				ORDER_TYPE: type,
				QUOTE_STATUS: type === 9 ? 1 : 0,
				QUOTE_EXPIRY_DATE: typeof header.QUOTE_EXPIRY_DATE === 'string' ? header.QUOTE_EXPIRY_DATE : null,
				ORDER_DATE: typeof header.ORDER_DATE === 'string' ? header.ORDER_DATE : this.store.today(),
				ACCOUNT_REF: ref,
				CURRENCY: order.customer.CURRENCY as number,
				...order.addresses,
				...documentTotals(order.lines, order.carriage.net, order.carriage.rate),
				RECORD_CREATE_DATE: s.local,
				RECORD_MODIFY_DATE: s.local,
				_CREATE_UTC: s.utc,
				_MODIFY_UTC: s.utc,
			});
			this.insertLines('SOP_ITEM', 'ORDER_NUMBER', number, 'QTY_ORDER', order.lines);
			this.store.journal('sales-orders', String(number), 'created', source, s.utc);
			return this.getSalesOrder(number)!;
		});
	}

	updateSalesOrder(n: number, patch: SageRow, source: Source): SageRow {
		return this.store.tx(() => {
			const current = this.store.get('SELECT * FROM SALES_ORDER WHERE ORDER_NUMBER = ? AND RECORD_DELETED = 0', n);
			if (!current) throw new BridgeError('NOT_FOUND', `Sales order ${n} not found`, { record: String(n) });
			const checked = salesOrderPatch(current, patch, this.company.text);
			const changes = changedFields(current, checked) as Row;
			if (Object.keys(changes).length > 0) {
				const s = this.store.stamp();
				this.store.update('SALES_ORDER', 'ORDER_NUMBER', n, { ...changes, RECORD_MODIFY_DATE: s.local, _MODIFY_UTC: s.utc });
				this.store.journal('sales-orders', String(n), 'updated', source, s.utc);
			}
			return this.getSalesOrder(n)!;
		});
	}

	// ---- invoices ----------------------------------------------------------------------------------

	getInvoice(n: number): SageRow | undefined {
		const row = this.store.get('SELECT * FROM INVOICE WHERE INVOICE_NUMBER = ?', n);
		return row && invoiceOut(row, this.store.all('SELECT * FROM INVOICE_ITEM WHERE INVOICE_NUMBER = ? ORDER BY ITEM_NUMBER', n));
	}

	listInvoices(q: InvoiceListQuery): Page {
		const where: string[] = [];
		const params: (string | number)[] = [];
		if (q.posted !== undefined) (where.push('POSTED = ?'), params.push(q.posted));
		if (q.accountRef !== undefined) (where.push('ACCOUNT_REF = ?'), params.push(q.accountRef.toUpperCase()));
		return this.store.page('INVOICE', 'INVOICE_NUMBER', true, q, (row) => this.getInvoice(Number(row.INVOICE_NUMBER))!, where, params);
	}

	/**
	 * Raises an invoice in Sage (admin API only: the sync never creates invoices). With ORDER_NUMBER the
	 * order's lines are invoiced and the order is marked complete; POSTED 1 also updates the ledger.
	 */
	createInvoice(input: SageRow, source: Source = 'sage'): SageRow {
		return this.store.tx(() => {
			const { ITEMS: itemsIn, ...headerIn } = input;
			const header = checkFields(headerIn, INVOICE_CREATE_FIELDS, this.company.text);
			const type = input.INVOICE_TYPE === undefined ? (input.ORDER_NUMBER !== undefined ? 1 : 0) : Number(input.INVOICE_TYPE);
			if (INVOICE_TYPE_NAMES[type] === undefined) {
				throw new BridgeError('VALIDATION_FAILED', 'INVOICE_TYPE must be 0–8 (invoice, credit, proforma or quotation)', { field: 'INVOICE_TYPE' });
			}
			const ledger = LEDGER_INVOICE_TYPES.has(type);
			if (!ledger && input.ORDER_NUMBER !== undefined) {
				throw new BridgeError('VALIDATION_FAILED', `A ${INVOICE_TYPE_NAMES[type]} is not raised from a sales order`, { field: 'INVOICE_TYPE' });
			}
			if (!ledger && input.POSTED === 1) {
				throw new BridgeError('VALIDATION_FAILED', `A ${INVOICE_TYPE_NAMES[type]} is never posted to the ledger`, { field: 'POSTED' });
			}
			let items = itemsIn;
			let order: Row | undefined;
			if (input.ORDER_NUMBER !== undefined) {
				order = this.store.get('SELECT * FROM SALES_ORDER WHERE ORDER_NUMBER = ? AND RECORD_DELETED = 0', Number(input.ORDER_NUMBER));
				if (!order || Number(order.ORDER_TYPE) !== 0) {
					throw new BridgeError('VALIDATION_FAILED', `Sales order ${input.ORDER_NUMBER} cannot be invoiced`, { field: 'ORDER_NUMBER' });
				}
				items ??= this.store.all('SELECT * FROM SOP_ITEM WHERE ORDER_NUMBER = ? ORDER BY ITEM_NUMBER', order.ORDER_NUMBER).map((l) => ({
					STOCK_CODE: l.STOCK_CODE as string,
					DESCRIPTION: l.DESCRIPTION as string,
					QTY_ORDER: l.QTY_ORDER as number,
					UNIT_PRICE: l.UNIT_PRICE as number,
					DISCOUNT_RATE: l.DISCOUNT_RATE as number,
					TAX_CODE: l.TAX_CODE as string,
				}));
			}
			const customer = postableCustomer(this.company.view, input.ACCOUNT_REF ?? order?.ACCOUNT_REF) as Row;
			const ref = String(customer.ACCOUNT_REF);
			const priced = this.price(customer, { ...input, CARR_NET: Number(input.CARR_NET ?? order?.CARR_NET ?? 0), ITEMS: items as SageRow[] }, ref);
			const number = this.nextNumber('NEXT_INVOICE_NUMBER', 'INVOICE', 'INVOICE_NUMBER');
			const s = this.store.stamp();
			this.store.insert('INVOICE', {
				INVOICE_NUMBER: number,
				INVOICE_TYPE: type,
				INVOICE_DATE: typeof input.INVOICE_DATE === 'string' ? input.INVOICE_DATE : this.store.today(),
				PAYMENT_DUE_DATE: null,
				ACCOUNT_REF: ref,
				CURRENCY: customer.CURRENCY,
				ORDER_NUMBER: order ? Number(order.ORDER_NUMBER) : null,
				...documentAddresses(customer, order ? { ...(order as SageRow), ...header } : header, this.company.view, ref),
				...priced.header,
				POSTED: 0,
				RECORD_CREATE_DATE: s.local,
				RECORD_MODIFY_DATE: s.local,
				_CREATE_UTC: s.utc,
				_MODIFY_UTC: s.utc,
			});
			this.insertLines('INVOICE_ITEM', 'INVOICE_NUMBER', number, 'QUANTITY', priced.lines);
			this.store.journal('invoices', String(number), 'created', source, s.utc);
			if (order) {
				this.store.update('SALES_ORDER', 'ORDER_NUMBER', order.ORDER_NUMBER, { INVOICE_NUMBER: number, DESPATCH_STATUS_CODE: 2, RECORD_MODIFY_DATE: s.local, _MODIFY_UTC: s.utc });
				this.store.journal('sales-orders', String(order.ORDER_NUMBER), 'updated', source, s.utc);
			}
			if (input.POSTED === 1) this.postInvoice(number);
			return this.getInvoice(number)!;
		});
	}

	/** "Update Ledgers": sets POSTED and moves the customer's BALANCE (credits reduce it). */
	postInvoice(n: number): SageRow {
		return this.store.tx(() => {
			const inv = this.store.get('SELECT * FROM INVOICE WHERE INVOICE_NUMBER = ? AND RECORD_DELETED = 0', n);
			if (!inv) throw new BridgeError('NOT_FOUND', `Invoice ${n} not found`, { record: String(n) });
			if (inv.POSTED) return this.getInvoice(n)!;
			const type = Number(inv.INVOICE_TYPE);
			if (!LEDGER_INVOICE_TYPES.has(type)) {
				throw new BridgeError('VALIDATION_FAILED', `Invoice ${n} is a ${INVOICE_TYPE_NAMES[type]}: it is never posted to the ledger`, { record: String(n) });
			}
			postableCustomer(this.company.view, inv.ACCOUNT_REF);
			const s = this.store.stamp();
			const sign = CREDIT_INVOICE_TYPES.has(type) ? -1 : 1;
			this.store.update('INVOICE', 'INVOICE_NUMBER', n, { POSTED: 1, RECORD_MODIFY_DATE: s.local, _MODIFY_UTC: s.utc });
			this.store.run('UPDATE SALES_LEDGER SET BALANCE = ROUND(BALANCE + ?, 2) WHERE ACCOUNT_REF = ?', sign * Number(inv.INVOICE_GROSS), inv.ACCOUNT_REF);
			this.store.journal('invoices', String(n), 'updated', 'sage', s.utc);
			return this.getInvoice(n)!;
		});
	}
}
