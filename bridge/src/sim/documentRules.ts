// Sage's rules for sales orders, quotations (and the simulated company's invoices: their lines, header
// and customer rules), over what the company holds: shared by the simulated company and the SDO writer.
import type { SageRow } from '../adapter';
import type { CodePage } from '../codePage';
import { BridgeError, excerpt } from '../errors';
import { DOCUMENT_TEXT_FIELDS, LINE_FIELDS, SALES_ORDER_CREATE_FIELDS, SALES_ORDER_UPDATE_FIELDS } from '../fields';
import { checkFields, lineAmounts, round2, SPECIAL_STOCK_CODES } from './rules';
import type { CompanyView, Held } from './writeRules';

/** Customer that may receive a document: exists, not deleted (72), not on hold (70), not inactive (71). */
export function postableCustomer(view: CompanyView, ref: unknown): Held {
	if (typeof ref !== 'string' || ref === '') throw new BridgeError('REQUIRED_FIELD', 'ACCOUNT_REF is required', { field: 'ACCOUNT_REF' });
	const c = view.customer(ref);
	if (!c) throw new BridgeError('UNKNOWN_ACCOUNT', `Customer ${ref} does not exist in Sage`, { field: 'ACCOUNT_REF', record: ref });
	if (Number(c.RECORD_DELETED)) throw new BridgeError('UNKNOWN_ACCOUNT', `Customer ${ref} has been deleted in Sage`, { field: 'ACCOUNT_REF', record: ref, sageErrorCode: 72 });
	if (Number(c.ACCOUNT_ON_HOLD)) throw new BridgeError('ACCOUNT_ON_HOLD', `Customer ${ref} is on hold`, { field: 'ACCOUNT_REF', record: String(c.ACCOUNT_REF) });
	if (Number(c.INACTIVE_FLAG)) throw new BridgeError('ACCOUNT_INACTIVE', `Customer ${ref} is inactive`, { field: 'ACCOUNT_REF', record: String(c.ACCOUNT_REF) });
	return c;
}

/**
 * Sage raises a customer's documents in the customer's currency (SDO error 34): a caller's document
 * in another currency is refused, naming both, instead of being priced in the customer's under the caller's.
 */
export function assertCurrency(view: CompanyView, customer: Held, code: string, record: string): void {
	const wanted = view.currencyNumber(code.toUpperCase());
	if (wanted === undefined) throw new BridgeError('VALIDATION_FAILED', `CURRENCY_CODE "${code}" is not a currency of this company`, { field: 'CURRENCY_CODE', record });
	if (wanted === Number(customer.CURRENCY)) return;
	const own = view.currencyCode(Number(customer.CURRENCY)) ?? String(customer.CURRENCY);
	throw new BridgeError('VALIDATION_FAILED', `CURRENCY_CODE "${code}": customer ${record} trades in ${own}, and Sage raises its documents in that currency only`, {
		field: 'CURRENCY_CODE',
		record,
		sageErrorCode: 34,
	});
}

export interface PricedLine {
	ITEM_NUMBER: number;
	STOCK_CODE: string;
	DESCRIPTION: string;
	COMMENT_1: string;
	COMMENT_2: string;
	UNIT_OF_SALE: string;
	NOMINAL_CODE: string;
	QTY: number;
	UNIT_PRICE: number;
	DISCOUNT_RATE: number;
	FULL_NET_AMOUNT: number;
	DISCOUNT_AMOUNT: number;
	NET_AMOUNT: number;
	TAX_AMOUNT: number;
	GROSS_AMOUNT: number;
	TAX_CODE: string;
	TAX_RATE: number;
	SERVICE_FLAG: 0 | 1;
}

/**
 * Lines as Sage raises them: product price, description, unit and nominal code unless given; tax code
 * given, else the product's, the customer's default or T1; quantity 1 unless given (message lines M: 0);
 * amounts per line with VAT from net (2 dp).
 */
export function priceLines(customer: Held, items: unknown, text: CodePage, view: CompanyView, record: string | undefined): PricedLine[] {
	if (!Array.isArray(items) || items.length === 0) throw new BridgeError('REQUIRED_FIELD', 'ITEMS needs at least one line', { field: 'ITEMS', record });
	return (items as SageRow[]).map((raw, i): PricedLine => {
		const at = `ITEMS[${i}].`;
		const item = checkFields(raw, LINE_FIELDS, text, record, at);
		const code = typeof item.STOCK_CODE === 'string' ? item.STOCK_CODE.toUpperCase() : '';
		if (code === '') throw new BridgeError('REQUIRED_FIELD', `${at}STOCK_CODE is required`, { field: `${at}STOCK_CODE`, record });
		const special = SPECIAL_STOCK_CODES.has(code);
		const product = special ? undefined : view.product(code);
		if (!special && (!product || Number(product.RECORD_DELETED))) {
			throw new BridgeError('UNKNOWN_STOCK_CODE', `Product ${item.STOCK_CODE} does not exist in Sage`, { field: `${at}STOCK_CODE`, record });
		}
		const message = code === 'M';
		const qty = message ? 0 : item.QTY_ORDER === undefined ? 1 : Number(item.QTY_ORDER);
		if (!message && !(qty > 0)) throw new BridgeError('VALIDATION_FAILED', `${at}QTY_ORDER is ${qty}; it must be greater than 0`, { field: `${at}QTY_ORDER`, record });
		const unitPrice = message ? 0 : item.UNIT_PRICE !== undefined ? Number(item.UNIT_PRICE) : Number(product?.SALES_PRICE ?? 0);
		const discountRate = item.DISCOUNT_RATE === undefined ? 0 : Number(item.DISCOUNT_RATE);
		const taxCodeIn = String(item.TAX_CODE ?? (product?.TAX_CODE || customer.DEF_TAX_CODE || 'T1'));
		const tax = view.taxRate(taxCodeIn, `${at}TAX_CODE`, record);
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
}

export interface DocumentTotals {
	ITEMS_NET: number;
	ITEMS_TAX: number;
	ITEMS_GROSS: number;
	CARR_NET: number;
	CARR_TAX: number;
	CARR_GROSS: number;
	INVOICE_NET: number;
	INVOICE_TAX: number;
	INVOICE_GROSS: number;
}

/** Header totals from the lines' NET/TAX and the carriage (its VAT at its tax rate, 2 dp). */
export function documentTotals(lines: readonly { NET_AMOUNT: number; TAX_AMOUNT: number }[], carrNetIn: number, carrRate: number): DocumentTotals {
	const carrNet = round2(carrNetIn);
	const carrTax = round2((carrNet * carrRate) / 100);
	const sum = (col: 'NET_AMOUNT' | 'TAX_AMOUNT') => round2(lines.reduce((acc, l) => acc + Number(l[col]), 0));
	const itemsNet = sum('NET_AMOUNT');
	const itemsTax = sum('TAX_AMOUNT');
	return {
		ITEMS_NET: itemsNet,
		ITEMS_TAX: itemsTax,
		ITEMS_GROSS: round2(itemsNet + itemsTax),
		CARR_NET: carrNet,
		CARR_TAX: carrTax,
		CARR_GROSS: round2(carrNet + carrTax),
		INVOICE_NET: round2(itemsNet + carrNet),
		INVOICE_TAX: round2(itemsTax + carrTax),
		INVOICE_GROSS: round2(itemsNet + carrNet + itemsTax + carrTax),
	};
}

/**
 * A document's name and addresses: the caller's where given, else copied from the customer (SopPost
 * does not copy them itself; the caller must), the delivery address from DEL_ADDRESS_REF or the customer's.
 */
export function documentAddresses(customer: Held, input: SageRow, view: CompanyView, record: string | undefined): Record<string, string> {
	const block: Record<string, string> = {};
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
		const addr = view.address(ref, Number(input.DEL_ADDRESS_REF));
		if (!addr) throw new BridgeError('UNKNOWN_ADDRESS', `Customer ${ref} has no address ${input.DEL_ADDRESS_REF}`, { field: 'DEL_ADDRESS_REF', record });
		fill('DEL_NAME', addr.NAME || customer.NAME);
		for (let n = 1; n <= 5; n++) fill(`DEL_ADDRESS_${n}`, addr[`ADDRESS_${n}`]);
	}
	fill('DEL_NAME', customer.NAME);
	for (let n = 1; n <= 5; n++) fill(`DEL_ADDRESS_${n}`, customer[`ADDRESS_${n}`]);
	return block;
}

export interface NewSalesOrder {
	ref: string;
	customer: Held;
	header: SageRow;
	/** 0 order, 9 quotation, 11 proforma (SDO InvoiceType). */
	type: number;
	/** A manual number (unique, 1–9999999), or undefined for Sage's next number. */
	number: number | undefined;
	lines: PricedLine[];
	addresses: Record<string, string>;
	carriage: { net: number; taxCode: string; rate: number };
}

/** A new sales order or quotation, checked and priced; nothing of it is stored yet. */
export function newSalesOrder(input: SageRow, text: CodePage, view: CompanyView): NewSalesOrder {
	const { ITEMS: items, ...headerIn } = input;
	const header = checkFields(headerIn, SALES_ORDER_CREATE_FIELDS, text, typeof input.ACCOUNT_REF === 'string' ? input.ACCOUNT_REF : undefined);
	const customer = postableCustomer(view, header.ACCOUNT_REF);
	const ref = String(customer.ACCOUNT_REF);
	if (typeof header.CURRENCY_CODE === 'string') assertCurrency(view, customer, header.CURRENCY_CODE, ref);
	const type = header.ORDER_TYPE === undefined ? 0 : Number(header.ORDER_TYPE);
	if (![0, 9, 11].includes(type)) throw new BridgeError('VALIDATION_FAILED', 'ORDER_TYPE must be 0 (order) or 9 (quotation)', { field: 'ORDER_TYPE', record: ref });
	let number: number | undefined;
	if (header.ORDER_NUMBER !== undefined) {
		number = Number(header.ORDER_NUMBER);
		if (!Number.isInteger(number) || number < 1 || number > 9_999_999) {
			throw new BridgeError('VALIDATION_FAILED', 'ORDER_NUMBER must be 1–9999999', { field: 'ORDER_NUMBER', record: ref });
		}
		if (view.orderExists(number)) throw new BridgeError('ORDER_NUMBER_EXISTS', `Sales order ${number} already exists`, { field: 'ORDER_NUMBER', record: String(number) });
	}
	const lines = priceLines(customer, items, text, view, ref);
	const carriage = view.taxRate(String(header.CARR_TAX_CODE ?? 'T1'), 'CARR_TAX_CODE', ref);
	const addresses = documentAddresses(customer, header, view, ref);
	return { ref, customer, header, type, number, lines, addresses, carriage: { net: round2(Number(header.CARR_NET ?? 0)), taxCode: carriage.code, rate: carriage.rate } };
}

/** A sales order's changes: text fields, QUOTE_EXPIRY_DATE, and a quotation's status from open (1) to won, lost or invalid. */
export function salesOrderPatch(current: Held, patch: SageRow, text: CodePage): SageRow {
	const n = String(current.ORDER_NUMBER);
	const checked = checkFields(patch, SALES_ORDER_UPDATE_FIELDS, text, n);
	if (checked.QUOTE_STATUS !== undefined && checked.QUOTE_STATUS !== Number(current.QUOTE_STATUS)) {
		const to = Number(checked.QUOTE_STATUS);
		if (Number(current.ORDER_TYPE) !== 9) throw new BridgeError('INVALID_QUOTE_STATUS', `Sales order ${n} is not a quotation`, { field: 'QUOTE_STATUS', record: n });
		if (Number(current.QUOTE_STATUS) !== 1 || ![2, 3, 4].includes(to)) {
			throw new BridgeError('INVALID_QUOTE_STATUS', `Quotation ${n} cannot go from status ${current.QUOTE_STATUS} to ${to}`, { field: 'QUOTE_STATUS', record: n });
		}
	}
	return checked;
}
