// Source items as the triggers emit them (shapes from bridge/openapi.yaml and the FM trigger).
export const customer = {
	ACCOUNT_REF: 'ABS001', NAME: 'ABS Garages Ltd', ADDRESS_1: 'Mile Road', ADDRESS_2: 'Unit 4', ADDRESS_3: 'Bridgend',
	ADDRESS_4: 'Mid Glamorgan', ADDRESS_5: 'CF31 4EP', COUNTRY_CODE: 'GB', TELEPHONE: '01656 767 890', TELEPHONE_2: '',
	FAX: '', E_MAIL: 'mike@absgarages.example', WEB_ADDRESS: 'www.absgarages.example', VAT_REG_NUMBER: 'GB123456789',
	CURRENCY: 1, BALANCE: 0, ACCOUNT_ON_HOLD: 0, INACTIVE_FLAG: 0,
	RECORD_CREATE_DATE: '2025-01-06T09:10:00+00:00', RECORD_MODIFY_DATE: '2025-07-01T10:15:00+01:00', RECORD_DELETED: 0,
};

export const sageChange = (entity: string, key: string, record: Record<string, unknown> | null, event = 'updated') => ({
	event, entity, key, changedAt: '2025-07-01T10:15:00+01:00', changedAtUtc: '2025-07-01T09:15:00Z', source: 'sage', seq: '42', record,
});

export const fmChange = (entity: string, record: Record<string, unknown>, extra: Record<string, unknown> = {}, event = 'updated') => ({
	event, entity, id: record.id, changedAt: '2025-07-02T08:00:00.000Z', changedBy: 4, record, ...extra,
});

export const fmAccount = {
	id: 17, name: 'Acme Widgets', extId: null, readOnly: false, address1: '1 High St', address2: null, city: 'Leeds',
	region: 'West Yorkshire', postcode: 'LS1 1AA', countryId: { id: 1, value: 'United Kingdom' }, phone: '0113 000 000',
	email: 'sales@acme.example', website: null, vatNumber: 'GB999', dateCreated: '2025-07-02T07:00:00Z', dateUpdated: '2025-07-02T08:00:00Z',
};

export const address = (type: number, ref = 3) => ({
	REFERENCE: `ABS001  000${ref}`, ACCOUNT_REF: 'ABS001', ADDRESS_REF: ref, ADDRESS_TYPE: type,
	ADDRESS_TYPE_NAME: ['Delivery', 'Contact', 'Registered'][type], CONTACT_NAME: 'Mary Ann Hall', E_MAIL: 'mary@absgarages.example',
	TELEPHONE: '01656 767 891', TELEPHONE_2: '', FAX: '', NOTES: 'Prefers e-mail', ADDRESS_1: '', ADDRESS_2: '', ADDRESS_3: '', ADDRESS_4: '', ADDRESS_5: '',
	RECORD_CREATE_DATE: '2025-07-01T10:00:00+01:00', RECORD_MODIFY_DATE: '2025-07-01T10:15:00+01:00', RECORD_DELETED: 0,
});

export const fmContact = {
	id: 9, firstName: 'Jane', lastName: 'Doe', accountId: { id: 17, value: 'Acme' }, email: 'jane@acme.example', phone1: '0113 1',
	phone2: null, fax: null, comment: null, extId: null, dateCreated: '2025-07-02T07:00:00Z', dateUpdated: null,
};

export const product = (over: Record<string, unknown> = {}) => ({
	STOCK_CODE: 'PAP-A4-80', DESCRIPTION: 'A4 paper', ITEM_TYPE: 0, ITEM_TYPE_NAME: 'Stock', SALES_PRICE: 24.99, TAX_CODE: 'T1',
	QTY_IN_STOCK: 340, QTY_ALLOCATED: 40, QTY_ON_ORDER: 0, FREE_STOCK: 300, WEB_DESCRIPTION: 'Box of 5 reams', INACTIVE_FLAG: 0,
	RECORD_CREATE_DATE: '2025-01-06T09:10:00+00:00', RECORD_MODIFY_DATE: '2025-07-01T10:15:00+01:00', RECORD_DELETED: 0, ...over,
});

const line = (n: number, code: string, qty: number, price: number) => ({
	ITEM_NUMBER: n, STOCK_CODE: code, DESCRIPTION: `Line ${n}`, UNIT_PRICE: price, DISCOUNT_RATE: 0, FULL_NET_AMOUNT: qty * price,
	DISCOUNT_AMOUNT: 0, NET_AMOUNT: qty * price, TAX_CODE: 'T1', TAX_RATE: 20, TAX_AMOUNT: qty * price * 0.2, GROSS_AMOUNT: qty * price * 1.2, QTY_ORDER: qty,
});

export const sageOrder = (over: Record<string, unknown> = {}) => ({
	ORDER_NUMBER: 123, ORDER_TYPE: 0, ORDER_TYPE_NAME: 'Sales Order', QUOTE_STATUS: 0, ORDER_DATE: '2025-07-01', ACCOUNT_REF: 'ABS001',
	NAME: 'ABS Garages Ltd', CURRENCY: 1, DESPATCH_STATUS_CODE: 0, INVOICE_NUMBER: null, CUST_ORDER_NUMBER: '',
	ITEMS: [line(1, 'PAP-A4-80', 2, 24.99), line(2, 'M', 0, 0), line(3, 'SRV-INSTALL', 1, 45)],
	ITEMS_NET: 94.98, INVOICE_NET: 94.98, INVOICE_TAX: 19, INVOICE_GROSS: 113.98,
	RECORD_CREATE_DATE: '2025-07-01T10:00:00+01:00', RECORD_MODIFY_DATE: '2025-07-01T10:15:00+01:00', RECORD_DELETED: 0, ...over,
});

export const fmOrder = (over: Record<string, unknown> = {}) => ({
	id: 5, reference: 'Q-ACME-7', extId: null, readOnly: false, accountId: { id: 17, value: 'Acme' }, total: 100,
	dateCreated: '2025-07-01T23:30:00Z', dateUpdated: null,
	lines: [
		{ id: 1, productId: { id: 1 }, quantity: 2, price: 24.99, discount1: 5, order: 1, related: { product: { id: 1, model: 'A4 paper', extId: 'PAP-A4-80' } } },
		{ id: 2, productId: { id: 3 }, quantity: 1, price: 45, order: 2, related: { product: { id: 3, model: 'Install', extId: 'SRV-INSTALL' } } },
	],
	...over,
});

export const acmeRelated = { account: { id: 17, name: 'Acme', extId: 'ACME01', readOnly: true } };

export const invoice = (over: Record<string, unknown> = {}) => ({
	INVOICE_NUMBER: 5001, INVOICE_TYPE: 1, INVOICE_TYPE_NAME: 'SOP Invoice', INVOICE_DATE: '2025-02-14', ACCOUNT_REF: 'BRI001', CURRENCY: 1,
	ORDER_NUMBER: 1001, POSTED: 1, ITEMS: [], INVOICE_NET: 1053, INVOICE_TAX: 210.6, INVOICE_GROSS: 1263.6,
	RECORD_CREATE_DATE: '2025-02-14T18:00:00+00:00', RECORD_MODIFY_DATE: '2025-02-14T18:00:00+00:00', RECORD_DELETED: 0, ...over,
});

export const user = (over: Record<string, unknown> = {}) => ({
	USER_NAME: 'MANAGER', NAME: 'Chloe Davies', E_MAIL: 'Chloe.Davies@WellsOffice.co.uk', USER_TYPE: 'Administrator', INACTIVE_FLAG: 0,
	RECORD_CREATE_DATE: '2025-01-01T00:00:00+00:00', RECORD_MODIFY_DATE: '2025-01-01T00:00:00+00:00', RECORD_DELETED: 0, ...over,
});
