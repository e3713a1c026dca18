// Writable Sage columns per resource (openapi.yaml CustomerFields, AddressFields,
// DocumentAddressFields …) as editor fields, and the body built from them. Names are Sage's own
// columns so the payload reads like Sage's documentation and the mapper's output fits unchanged.
import type { IDataObject, INodeProperties, INodePropertyOptions } from 'n8n-workflow';

import { flag } from '../../../shared/flags';

export interface FieldSpec {
	name: string;
	display: string;
	type: 'string' | 'number' | 'flag' | 'date';
	/** loadOptions method for a dropdown of Sage look-ups. */
	loadOptions?: string;
	options?: INodePropertyOptions[];
	description?: string;
}

const text = (name: string, display: string, description?: string): FieldSpec => ({ name, display, type: 'string', description });
const lines = [1, 2, 3, 4, 5].map((n) => text(`ADDRESS_${n}`, `Address Line ${n}`, n === 5 ? 'Sage uses line 5 for the postcode' : undefined));
const country: FieldSpec = { name: 'COUNTRY_CODE', display: 'Country Code', type: 'string', loadOptions: 'getCountries' };
const taxCode = (name: string, display: string): FieldSpec => ({ name, display, type: 'string', loadOptions: 'getTaxCodes' });

export const CUSTOMER_FIELDS: FieldSpec[] = [
	text('NAME', 'Name'),
	...lines,
	country,
	text('CONTACT_NAME', 'Contact Name'),
	text('TRADE_CONTACT', 'Trade Contact'),
	text('TELEPHONE', 'Telephone'),
	text('TELEPHONE_2', 'Telephone 2'),
	text('FAX', 'Fax'),
	text('E_MAIL', 'Email'),
	text('WEB_ADDRESS', 'Web Address'),
	text('VAT_REG_NUMBER', 'VAT Registration Number'),
	text('ANALYSIS_1', 'Analysis 1'),
	text('ANALYSIS_2', 'Analysis 2'),
	text('ANALYSIS_3', 'Analysis 3'),
	text('SALES_REP', 'Sales Rep'),
	taxCode('DEF_TAX_CODE', 'Default Tax Code'),
	text('DEF_NOM_CODE', 'Default Nominal Code'),
	{ name: 'CREDIT_LIMIT', display: 'Credit Limit', type: 'number' },
	{ name: 'PAYMENT_DUE_DAYS', display: 'Payment Due Days', type: 'number' },
	text('TERMS', 'Terms'),
	{ name: 'ACCOUNT_ON_HOLD', display: 'Account On Hold', type: 'flag' },
	{ name: 'ACCOUNT_STATUS', display: 'Account Status', type: 'number', loadOptions: 'getAccountStatuses' },
	{ name: 'INACTIVE_FLAG', display: 'Inactive', type: 'flag' },
];

/** Only on creation (CustomerCreate). */
export const CUSTOMER_CREATE_FIELDS: FieldSpec[] = [
	{ name: 'ACCOUNT_REF', display: 'Account Reference', type: 'string', description: 'Up to 8 characters; generated from the name when empty' },
	{ name: 'CURRENCY', display: 'Currency', type: 'number', loadOptions: 'getCurrencies', description: 'Settable on creation only' },
	...CUSTOMER_FIELDS,
];

export const ADDRESS_FIELDS: FieldSpec[] = [
	text('DESCRIPTION', 'Description'),
	text('NAME', 'Name'),
	...lines,
	country,
	text('CONTACT_NAME', 'Contact Name'),
	text('CONTACT_ROLE', 'Contact Role'),
	text('TELEPHONE', 'Telephone'),
	text('TELEPHONE_2', 'Telephone 2'),
	text('FAX', 'Fax'),
	text('E_MAIL', 'Email'),
	text('NOTES', 'Notes'),
	taxCode('TAX_CODE', 'Tax Code'),
	text('VAT_REG_NUMBER', 'VAT Registration Number'),
];

/** DocumentAddressFields: writable on create and update of orders and quotations. */
export const ORDER_HEADER_FIELDS: FieldSpec[] = [
	text('NAME', 'Name'),
	...lines,
	text('DEL_NAME', 'Delivery Name'),
	...[1, 2, 3, 4, 5].map((n) => text(`DEL_ADDRESS_${n}`, `Delivery Address Line ${n}`)),
	text('CONTACT_NAME', 'Contact Name'),
	text('CUST_ORDER_NUMBER', 'Customer Order Number'),
	text('CUST_TEL_NUMBER', 'Customer Telephone'),
	text('TAKEN_BY', 'Taken By'),
	text('NOTES_1', 'Notes 1'),
	text('NOTES_2', 'Notes 2'),
	text('NOTES_3', 'Notes 3'),
];

export const QUOTE_UPDATE_FIELDS: FieldSpec[] = [
	{
		name: 'QUOTE_STATUS',
		display: 'Quote Status',
		type: 'number',
		options: [
			{ name: 'Open', value: 1 },
			{ name: 'Won', value: 2 },
			{ name: 'Lost', value: 3 },
			{ name: 'Invalid', value: 4 },
		],
	},
	{ name: 'QUOTE_EXPIRY_DATE', display: 'Quote Expiry Date', type: 'date' },
];

/** Only on creation (SalesOrderCreate, besides ACCOUNT_REF and ITEMS). */
export const ORDER_CREATE_FIELDS: FieldSpec[] = [
	{ name: 'ORDER_NUMBER', display: 'Order Number', type: 'number', description: 'Manual number; the next number is used when empty' },
	{ name: 'ORDER_DATE', display: 'Order Date', type: 'date' },
	{ name: 'DEL_ADDRESS_REF', display: 'Delivery Address Ref', type: 'number', description: "Copy the delivery name and address from this address of the customer" },
	{ name: 'CARR_NET', display: 'Carriage Net', type: 'number' },
	taxCode('CARR_TAX_CODE', 'Carriage Tax Code'),
];

function option(spec: FieldSpec): INodeProperties {
	const base = { displayName: spec.display, name: spec.name, description: spec.description };
	if (spec.type === 'flag') return { ...base, type: 'boolean', default: false };
	if (spec.type === 'date') return { ...base, type: 'dateTime', default: '' };
	if (spec.loadOptions) {
		return {
			...base,
			displayName: `${spec.display} Name or ID`,
			type: 'options',
			typeOptions: { loadOptionsMethod: spec.loadOptions },
			default: '',
			description: `${spec.description ? `${spec.description}. ` : ''}Choose from the list, or specify an ID using an <a href="https://docs.n8n.io/code/expressions/">expression</a>.`,
		};
	}
	if (spec.options) return { ...base, type: 'options', options: spec.options, default: spec.options[0].value };
	if (spec.type === 'number') return { ...base, type: 'number', default: 0 };
	return { ...base, type: 'string', default: '' };
}

/** Collection options, alphabetical as n8n's editor conventions ask. */
export function collectionOptions(fields: FieldSpec[]): INodeProperties[] {
	return fields.map(option).sort((a, b) => a.displayName.localeCompare(b.displayName));
}

/** The editor's values as a Sage payload: flags as 0/1, dates as yyyy-MM-dd, empty options dropped. */
export function buildBody(fields: FieldSpec[], values: IDataObject): IDataObject {
	const byName = new Map(fields.map((f) => [f.name, f]));
	const out: IDataObject = {};
	for (const [name, raw] of Object.entries(values ?? {})) {
		const spec = byName.get(name);
		if (raw === undefined) continue;
		if (spec?.type === 'flag') out[name] = flag(raw) ? 1 : 0;
		else if (spec?.type === 'date') {
			if (raw !== '' && raw !== null) out[name] = String(raw).slice(0, 10);
		} else if (spec?.loadOptions && raw === '') continue;
		else if (spec?.type === 'number' && spec.loadOptions) out[name] = Number(raw);
		else out[name] = raw;
	}
	return out;
}
