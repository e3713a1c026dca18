// Sales orders / quotations (SALES_ORDER + SOP_ITEM) and invoices (INVOICE + INVOICE_ITEM):
// Sage prices, taxes (VAT per line from the tax code, 2 dp) and numbers them; posting to on-hold,
// inactive or deleted accounts is rejected.
import type { InvoiceListQuery, Page, SageRow, SalesOrderListQuery } from '../adapter';
import { BridgeError } from '../errors';
import { DOCUMENT_TEXT_FIELDS, LINE_FIELDS, SALES_ORDER_CREATE_FIELDS, SALES_ORDER_UPDATE_FIELDS, type FieldSet } from '../fields';
import { invoiceOut, salesOrderOut } from '../records/out';
import { checkFields, CREDIT_INVOICE_TYPES, excerpt, INVOICE_TYPE_NAMES, LEDGER_INVOICE_TYPES, lineAmounts, round2, SPECIAL_STOCK_CODES } from './rules';
import type { Row, Source, Store } from './store';

const LINE_COLUMNS = ['STOCK_CODE', 'DESCRIPTION', 'COMMENT_1', 'COMMENT_2', 'UNIT_OF_SALE', 'NOMINAL_CODE', 'UNIT_PRICE', 'DISCOUNT_RATE', 'FULL_NET_AMOUNT', 'DISCOUNT_AMOUNT', 'NET_AMOUNT', 'TAX_CODE', 'TAX_RATE', 'TAX_AMOUNT', 'GROSS_AMOUNT', 'SERVICE_FLAG'];

interface PricedDocument {
	header: Row;
	lines: Row[];
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

/** What documents read from the company's master records; the company (company.ts) provides it. */
export interface MasterRecords {
	readonly store: Store;
	customerRow(ref: string): Row | undefined;
	productRow(code: string): Row | undefined;
	taxRate(code: string, field: string, record?: string): { code: string; rate: number };
}

export class Documents {
	constructor(private readonly company: MasterRecords) {}

	private get store() {
		return this.company.store;
	}

	/** Customer that may receive a document: exists, not deleted, not on hold, not inactive. */
	private postableCustomer(ref: unknown): Row {
		if (typeof ref !== 'string' || ref === '') throw new BridgeError('REQUIRED_FIELD', 'ACCOUNT_REF is required', { field: 'ACCOUNT_REF' });
		const c = this.company.customerRow(ref);
		if (!c) throw new BridgeError('UNKNOWN_ACCOUNT', `Customer ${ref} does not exist in Sage`, { field: 'ACCOUNT_REF', record: ref });
		if (c.RECORD_DELETED) throw new BridgeError('UNKNOWN_ACCOUNT', `Customer ${ref} has been deleted in Sage`, { field: 'ACCOUNT_REF', record: ref, sageErrorCode: 72 });
		if (c.ACCOUNT_ON_HOLD) throw new BridgeError('ACCOUNT_ON_HOLD', `Customer ${ref} is on hold`, { field: 'ACCOUNT_REF', record: String(c.ACCOUNT_REF) });
		if (c.INACTIVE_FLAG) throw new BridgeError('ACCOUNT_INACTIVE', `Customer ${ref} is inactive`, { field: 'ACCOUNT_REF', record: String(c.ACCOUNT_REF) });
		return c;
	}

	/**
	 * Sage raises a customer's documents in the customer's currency: a caller's document in another
	 * currency is refused, naming both, instead of being priced in the customer's under the caller's.
	 */
	private assertCurrency(customer: Row, code: string, record: string): void {
		const wanted = this.store.get('SELECT NUMBER FROM CURRENCY WHERE CODE = ?', code.toUpperCase());
		if (!wanted) throw new BridgeError('VALIDATION_FAILED', `CURRENCY_CODE "${code}" is not a currency of this company`, { field: 'CURRENCY_CODE', record });
		if (Number(wanted.NUMBER) === Number(customer.CURRENCY)) return;
		const own = this.store.get('SELECT CODE FROM CURRENCY WHERE NUMBER = ?', Number(customer.CURRENCY));
		throw new BridgeError(
			'VALIDATION_FAILED',
			`CURRENCY_CODE "${code}": customer ${record} trades in ${String(own?.CODE ?? customer.CURRENCY)}, and Sage raises its documents in that currency only`,
			{ field: 'CURRENCY_CODE', record },
		);
	}

	/** Prices lines (product price unless given), resolves tax codes, computes VAT and header totals. */
	private price(customer: Row, input: SageRow, record: string | undefined): PricedDocument {
		const items = input.ITEMS;
		if (!Array.isArray(items) || items.length === 0) throw new BridgeError('REQUIRED_FIELD', 'ITEMS needs at least one line', { field: 'ITEMS', record });
		const lines = items.map((item, i): Row => {
			const at = `ITEMS[${i}].`;
			checkFields(item, LINE_FIELDS, record, at);
			const code = typeof item.STOCK_CODE === 'string' ? item.STOCK_CODE.toUpperCase() : '';
			if (code === '') throw new BridgeError('REQUIRED_FIELD', `${at}STOCK_CODE is required`, { field: `${at}STOCK_CODE`, record });
			const special = SPECIAL_STOCK_CODES.has(code);
			const product = special ? undefined : this.company.productRow(code);
			if (!special && (!product || product.RECORD_DELETED)) {
				throw new BridgeError('UNKNOWN_STOCK_CODE', `Product ${item.STOCK_CODE} does not exist in Sage`, { field: `${at}STOCK_CODE`, record });
			}
			const message = code === 'M';
			const qty = message ? 0 : item.QTY_ORDER === undefined ? 1 : Number(item.QTY_ORDER);
			if (!message && !(qty > 0)) throw new BridgeError('VALIDATION_FAILED', `${at}QTY_ORDER is ${qty}; it must be greater than 0`, { field: `${at}QTY_ORDER`, record });
			const unitPrice = message ? 0 : item.UNIT_PRICE !== undefined ? Number(item.UNIT_PRICE) : Number(product?.SALES_PRICE ?? 0);
			const discountRate = item.DISCOUNT_RATE === undefined ? 0 : Number(item.DISCOUNT_RATE);
			const taxCodeIn = String(item.TAX_CODE ?? (product?.TAX_CODE || customer.DEF_TAX_CODE || 'T1'));
			const tax = this.company.taxRate(taxCodeIn, `${at}TAX_CODE`, record);
			const description = String(item.DESCRIPTION ?? product?.DESCRIPTION ?? '');
			if (description.length > 60) throw new BridgeError('FIELD_TOO_LONG', `${at}DESCRIPTION ${excerpt(description)} is longer than 60 characters`, { field: `${at}DESCRIPTION`, record });
			return {
				ITEM_NUMBER: i + 1,
				STOCK_CODE: product ? String(product.STOCK_CODE) : code,
				DESCRIPTION: description,
				COMMENT_1: String(item.COMMENT_1 ?? ''),
				COMMENT_2: String(item.COMMENT_2 ?? ''),
				UNIT_OF_SALE: String(product?.UNIT_OF_SALE ?? ''),
				NOMINAL_CODE: String(product?.NOMINAL_CODE || customer.DEF_NOM_CODE || '4000'),
				QTY: qty,
				UNIT_PRICE: unitPrice,
				DISCOUNT_RATE: discountRate,
				...lineAmounts(qty, unitPrice, discountRate, tax.rate),
				TAX_CODE: tax.code,
				TAX_RATE: tax.rate,
				SERVICE_FLAG: product && Number(product.ITEM_TYPE) === 2 ? 1 : 0,
			};
		});
		const carrNet = round2(Number(input.CARR_NET ?? 0));
		const carrTax = this.company.taxRate(String(input.CARR_TAX_CODE ?? 'T1'), 'CARR_TAX_CODE', record);
		const carrTaxAmount = round2((carrNet * carrTax.rate) / 100);
		const sum = (col: string) => round2(lines.reduce((acc, l) => acc + Number(l[col]), 0));
		const itemsNet = sum('NET_AMOUNT');
		const itemsTax = sum('TAX_AMOUNT');
		const header: Row = {
			ITEMS_NET: itemsNet,
			ITEMS_TAX: itemsTax,
			ITEMS_GROSS: round2(itemsNet + itemsTax),
			CARR_NET: carrNet,
			CARR_TAX: carrTaxAmount,
			CARR_GROSS: round2(carrNet + carrTaxAmount),
			INVOICE_NET: round2(itemsNet + carrNet),
			INVOICE_TAX: round2(itemsTax + carrTaxAmount),
			INVOICE_GROSS: round2(itemsNet + carrNet + itemsTax + carrTaxAmount),
		};
		return { header, lines };
	}

	/** Header name/addresses copied from the customer (SopPost needs them set by the caller; we do it). */
	private addressBlock(customer: Row, input: SageRow, record: string | undefined): Row {
		const block: Row = {};
		for (const f of Object.keys(DOCUMENT_TEXT_FIELDS)) if (typeof input[f] === 'string') block[f] = input[f] as string;
		const ref = String(customer.ACCOUNT_REF);
		const fill = (col: string, value: unknown) => {
			if (block[col] === undefined) block[col] = String(value ?? '');
		};
		fill('NAME', customer.NAME);
		for (let n = 1; n <= 5; n++) fill(`ADDRESS_${n}`, customer[`ADDRESS_${n}`]);
		fill('CONTACT_NAME', customer.CONTACT_NAME);
		fill('CUST_TEL_NUMBER', customer.TELEPHONE);
		if (input.DEL_ADDRESS_REF !== undefined) {
			const addr = this.store.get(
				'SELECT * FROM SALES_DEL_ADDR WHERE ACCOUNT_REF = ? AND ADDRESS_REF = ? AND RECORD_DELETED = 0',
				ref,
				Number(input.DEL_ADDRESS_REF),
			);
			if (!addr) throw new BridgeError('UNKNOWN_ADDRESS', `Customer ${ref} has no address ${input.DEL_ADDRESS_REF}`, { field: 'DEL_ADDRESS_REF', record });
			fill('DEL_NAME', addr.NAME || customer.NAME);
			for (let n = 1; n <= 5; n++) fill(`DEL_ADDRESS_${n}`, addr[`ADDRESS_${n}`]);
		}
		fill('DEL_NAME', customer.NAME);
		for (let n = 1; n <= 5; n++) fill(`DEL_ADDRESS_${n}`, customer[`ADDRESS_${n}`]);
		return block;
	}

	private nextNumber(column: 'NEXT_ORDER_NUMBER' | 'NEXT_INVOICE_NUMBER', table: string, keyCol: string): number {
		let n = Number(this.store.get(`SELECT ${column} AS N FROM COMPANY WHERE ID = 1`)!.N);
		while (this.store.get(`SELECT 1 AS X FROM ${table} WHERE ${keyCol} = ?`, n)) n++;
		this.store.run(`UPDATE COMPANY SET ${column} = ? WHERE ID = 1`, n + 1);
		return n;
	}

	private insertLines(table: string, keyCol: string, key: number, qtyCol: string, lines: Row[]): void {
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
			const { ITEMS: items, ...headerIn } = input;
			checkFields(headerIn, SALES_ORDER_CREATE_FIELDS, typeof input.ACCOUNT_REF === 'string' ? input.ACCOUNT_REF : undefined);
			const customer = this.postableCustomer(input.ACCOUNT_REF);
			const ref = String(customer.ACCOUNT_REF);
			if (typeof input.CURRENCY_CODE === 'string') this.assertCurrency(customer, input.CURRENCY_CODE, ref);
			const type = input.ORDER_TYPE === undefined ? 0 : Number(input.ORDER_TYPE);
			if (![0, 9, 11].includes(type)) throw new BridgeError('VALIDATION_FAILED', 'ORDER_TYPE must be 0 (order) or 9 (quotation)', { field: 'ORDER_TYPE', record: ref });
			let number: number;
			if (input.ORDER_NUMBER !== undefined) {
				number = Number(input.ORDER_NUMBER);
				if (!Number.isInteger(number) || number < 1 || number > 9_999_999) {
					throw new BridgeError('VALIDATION_FAILED', 'ORDER_NUMBER must be 1–9999999', { field: 'ORDER_NUMBER', record: ref });
				}
				if (this.store.get('SELECT 1 AS X FROM SALES_ORDER WHERE ORDER_NUMBER = ?', number)) {
					throw new BridgeError('ORDER_NUMBER_EXISTS', `Sales order ${number} already exists`, { field: 'ORDER_NUMBER', record: String(number) });
				}
			} else {
				number = this.nextNumber('NEXT_ORDER_NUMBER', 'SALES_ORDER', 'ORDER_NUMBER');
			}
			const priced = this.price(customer, { ...input, ITEMS: items }, ref);
			const s = this.store.stamp();
			this.store.insert('SALES_ORDER', {
				ORDER_NUMBER: number,
				ORDER_TYPE: type,
				QUOTE_STATUS: type === 9 ? 1 : 0,
				QUOTE_EXPIRY_DATE: typeof input.QUOTE_EXPIRY_DATE === 'string' ? input.QUOTE_EXPIRY_DATE : null,
				ORDER_DATE: typeof input.ORDER_DATE === 'string' ? input.ORDER_DATE : this.store.today(),
				ACCOUNT_REF: ref,
				CURRENCY: customer.CURRENCY,
				...this.addressBlock(customer, input, ref),
				...priced.header,
				RECORD_CREATE_DATE: s.local,
				RECORD_MODIFY_DATE: s.local,
				_CREATE_UTC: s.utc,
				_MODIFY_UTC: s.utc,
			});
			this.insertLines('SOP_ITEM', 'ORDER_NUMBER', number, 'QTY_ORDER', priced.lines);
			this.store.journal('sales-orders', String(number), 'created', source, s.utc);
			return this.getSalesOrder(number)!;
		});
	}

	updateSalesOrder(n: number, patch: SageRow, source: Source): SageRow {
		return this.store.tx(() => {
			const current = this.store.get('SELECT * FROM SALES_ORDER WHERE ORDER_NUMBER = ? AND RECORD_DELETED = 0', n);
			if (!current) throw new BridgeError('NOT_FOUND', `Sales order ${n} not found`, { record: String(n) });
			checkFields(patch, SALES_ORDER_UPDATE_FIELDS, String(n));
			if (patch.QUOTE_STATUS !== undefined && patch.QUOTE_STATUS !== current.QUOTE_STATUS) {
				const to = Number(patch.QUOTE_STATUS);
				if (Number(current.ORDER_TYPE) !== 9) {
					throw new BridgeError('INVALID_QUOTE_STATUS', `Sales order ${n} is not a quotation`, { field: 'QUOTE_STATUS', record: String(n) });
				}
				if (Number(current.QUOTE_STATUS) !== 1 || ![2, 3, 4].includes(to)) {
					throw new BridgeError('INVALID_QUOTE_STATUS', `Quotation ${n} cannot go from status ${current.QUOTE_STATUS} to ${to}`, {
						field: 'QUOTE_STATUS',
						record: String(n),
					});
				}
			}
			const changes: Row = {};
			for (const [k, v] of Object.entries(patch)) if (current[k] !== v) changes[k] = v as string | number;
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
			checkFields(headerIn, INVOICE_CREATE_FIELDS);
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
			const customer = this.postableCustomer(input.ACCOUNT_REF ?? order?.ACCOUNT_REF);
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
				...this.addressBlock(customer, order ? { ...(order as SageRow), ...input } : input, ref),
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
			this.postableCustomer(inv.ACCOUNT_REF);
			const s = this.store.stamp();
			const sign = CREDIT_INVOICE_TYPES.has(type) ? -1 : 1;
			this.store.update('INVOICE', 'INVOICE_NUMBER', n, { POSTED: 1, RECORD_MODIFY_DATE: s.local, _MODIFY_UTC: s.utc });
			this.store.run('UPDATE SALES_LEDGER SET BALANCE = ROUND(BALANCE + ?, 2) WHERE ACCOUNT_REF = ?', sign * Number(inv.INVOICE_GROSS), inv.ACCOUNT_REF);
			this.store.journal('invoices', String(n), 'updated', 'sage', s.utc);
			return this.getInvoice(n)!;
		});
	}
}
