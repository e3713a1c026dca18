// Writable fields per operation, with Sage's column types and lengths (sage50-notes.md §4).
// The HTTP layer checks only the *shape* (known field, JSON type), from openapi.yaml (x-sage-record
// bodies); the simulated company enforces these lengths the way Sage does (reject, naming the field),
// and so must a Windows adapter's writer.

export type FieldType = 'text' | 'int' | 'number' | 'flag' | 'date';
export interface FieldSpec {
	type: FieldType;
	max?: number;
}
export type FieldSet = Record<string, FieldSpec>;

const text = (max: number): FieldSpec => ({ type: 'text', max });
const addressLines = (prefix = ''): FieldSet =>
	Object.fromEntries([1, 2, 3, 4, 5].map((n) => [`${prefix}ADDRESS_${n}`, text(60)]));

export const CUSTOMER_FIELDS: FieldSet = {
	NAME: text(60),
	...addressLines(),
	COUNTRY_CODE: text(2),
	CONTACT_NAME: text(30),
	TRADE_CONTACT: text(30),
	TELEPHONE: text(30),
	TELEPHONE_2: text(30),
	FAX: text(30),
	E_MAIL: text(255),
	WEB_ADDRESS: text(255),
	VAT_REG_NUMBER: text(20),
	ANALYSIS_1: text(30),
	ANALYSIS_2: text(30),
	ANALYSIS_3: text(30),
	SALES_REP: text(30),
	DEF_TAX_CODE: text(3),
	DEF_NOM_CODE: text(8),
	CREDIT_LIMIT: { type: 'number' },
	PAYMENT_DUE_DAYS: { type: 'int' },
	TERMS: text(30),
	ACCOUNT_ON_HOLD: { type: 'flag' },
	ACCOUNT_STATUS: { type: 'int' },
	INACTIVE_FLAG: { type: 'flag' },
};
export const CUSTOMER_CREATE_FIELDS: FieldSet = {
	...CUSTOMER_FIELDS,
	ACCOUNT_REF: { type: 'text' },
	CURRENCY: { type: 'int' },
};

export const ADDRESS_FIELDS: FieldSet = {
	DESCRIPTION: text(60),
	NAME: text(60),
	...addressLines(),
	COUNTRY_CODE: text(2),
	CONTACT_NAME: text(30),
	CONTACT_ROLE: text(30),
	TELEPHONE: text(30),
	TELEPHONE_2: text(30),
	FAX: text(30),
	E_MAIL: text(255),
	NOTES: text(200),
	TAX_CODE: text(3),
	VAT_REG_NUMBER: text(20),
};
export const ADDRESS_CREATE_FIELDS: FieldSet = { ...ADDRESS_FIELDS, ADDRESS_TYPE: { type: 'int' } };

export const PRODUCT_FIELDS: FieldSet = {
	STOCK_CODE: text(30),
	DESCRIPTION: text(60),
	ITEM_TYPE: { type: 'int' },
	SALES_PRICE: { type: 'number' },
	UNIT_OF_SALE: text(8),
	TAX_CODE: text(3),
	NOMINAL_CODE: text(8),
	STOCK_CAT: { type: 'int' },
	QTY_IN_STOCK: { type: 'number' },
	QTY_ALLOCATED: { type: 'number' },
	QTY_ON_ORDER: { type: 'number' },
	BARCODE: text(60),
	WEB_DESCRIPTION: text(255),
	WEB_IMAGE_FILE: text(60),
	INACTIVE_FLAG: { type: 'flag' },
};

export const DOCUMENT_TEXT_FIELDS: FieldSet = {
	NAME: text(60),
	...addressLines(),
	DEL_NAME: text(60),
	...addressLines('DEL_'),
	CONTACT_NAME: text(30),
	CUST_ORDER_NUMBER: text(60),
	CUST_TEL_NUMBER: text(30),
	TAKEN_BY: text(60),
	NOTES_1: text(60),
	NOTES_2: text(60),
	NOTES_3: text(60),
};
export const SALES_ORDER_CREATE_FIELDS: FieldSet = {
	...DOCUMENT_TEXT_FIELDS,
	ACCOUNT_REF: { type: 'text' },
	ORDER_TYPE: { type: 'int' },
	ORDER_NUMBER: { type: 'int' },
	ORDER_DATE: { type: 'date' },
	QUOTE_EXPIRY_DATE: { type: 'date' },
	DEL_ADDRESS_REF: { type: 'int' },
	CARR_NET: { type: 'number' },
	CARR_TAX_CODE: { type: 'text' },
	/** Not a Sage column: the caller's currency, checked against the customer's (Documents.assertCurrency). */
	CURRENCY_CODE: text(3),
};
export const SALES_ORDER_UPDATE_FIELDS: FieldSet = {
	...DOCUMENT_TEXT_FIELDS,
	QUOTE_STATUS: { type: 'int' },
	QUOTE_EXPIRY_DATE: { type: 'date' },
};
export const LINE_FIELDS: FieldSet = {
	STOCK_CODE: text(30),
	DESCRIPTION: text(60),
	COMMENT_1: text(60),
	COMMENT_2: text(60),
	QTY_ORDER: { type: 'number' },
	UNIT_PRICE: { type: 'number' },
	DISCOUNT_RATE: { type: 'number' },
	TAX_CODE: { type: 'text' },
};

export const USER_FIELDS: FieldSet = {
	USER_NAME: text(30),
	NAME: text(60),
	E_MAIL: text(255),
	USER_TYPE: text(13),
	INACTIVE_FLAG: { type: 'flag' },
};
