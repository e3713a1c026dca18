// Deterministic UK demo company, in the spirit of Sage's own demo data (sage50-notes.md §9.1).
import type { SageRow } from '../adapter';
import type { SimulatedCompany } from '../sim/company';
import { seedLookups } from './lookups';
import { solidPng } from './png';

export type SeedName = 'demo' | 'empty';

const CUSTOMERS: SageRow[] = [
	{ ACCOUNT_REF: 'A1D001', NAME: 'A1 Design Services', ADDRESS_1: '67a Station Road', ADDRESS_2: 'Blackpool', ADDRESS_3: 'Lancashire', ADDRESS_5: 'BP12 7HT', COUNTRY_CODE: 'GB', CONTACT_NAME: 'Jim Thompson', TELEPHONE: '01253 876 234', E_MAIL: 'jim@a1design.example', CREDIT_LIMIT: 5000, SALES_REP: 'Sales Manager' },
	{ ACCOUNT_REF: 'ABS001', NAME: 'ABS Garages Ltd', ADDRESS_1: 'Mile Road', ADDRESS_2: 'Bridgend', ADDRESS_3: 'Mid Glamorgan', ADDRESS_5: 'CF31 4EP', COUNTRY_CODE: 'GB', CONTACT_NAME: 'Mike Hall', TELEPHONE: '01656 767 890', E_MAIL: 'mike@absgarages.example', CREDIT_LIMIT: 10000, VAT_REG_NUMBER: 'GB123456789' },
	{ ACCOUNT_REF: 'BRO001', NAME: "Bronson's Bakery", ADDRESS_1: "12 O'Connell Street", ADDRESS_2: 'Newcastle', ADDRESS_3: 'Tyne & Wear', ADDRESS_5: 'NE1 4XY', COUNTRY_CODE: 'GB', CONTACT_NAME: "Sinéad O'Brien", TELEPHONE: '0191 232 5555', E_MAIL: 'orders@bronsons.example', CREDIT_LIMIT: 2500 },
	{ ACCOUNT_REF: 'BUS001', NAME: 'Business Exhibitions', ADDRESS_1: 'Exhibition Centre', ADDRESS_2: 'Birmingham', ADDRESS_5: 'B40 1NT', COUNTRY_CODE: 'GB', CONTACT_NAME: 'Gordon Brown', TELEPHONE: '0121 780 4141', E_MAIL: 'accounts@busex.example', ACCOUNT_ON_HOLD: 1, ACCOUNT_STATUS: 4 },
	{ ACCOUNT_REF: 'COM001', NAME: 'Compton Packaging', ADDRESS_1: '21 Grove Lane', ADDRESS_2: 'Leeds', ADDRESS_5: 'LS6 2AP', COUNTRY_CODE: 'GB', CONTACT_NAME: 'Ray Compton', TELEPHONE: '0113 245 9876', E_MAIL: 'ray@compton.example', INACTIVE_FLAG: 1 },
	{ ACCOUNT_REF: 'DUB001', NAME: 'Dublin Print Works', ADDRESS_1: '4 Pearse Street', ADDRESS_2: 'Dublin 2', COUNTRY_CODE: 'IE', CONTACT_NAME: 'Aoife Murphy', TELEPHONE: '+353 1 555 0101', E_MAIL: 'aoife@dpw.example', CURRENCY: 2, VAT_REG_NUMBER: 'IE1234567T' },
	{ ACCOUNT_REF: 'KIN001', NAME: 'Kinnerton Cafe', ADDRESS_1: '3 Kinnerton Street', ADDRESS_2: 'London', ADDRESS_5: 'SW1X 8EA', COUNTRY_CODE: 'GB', CONTACT_NAME: 'Anna Kinnerton', TELEPHONE: '020 7235 1234', E_MAIL: 'anna@kinnerton.example', DEF_TAX_CODE: 'T1' },
	{ ACCOUNT_REF: 'STE001', NAME: 'Steven Stationery Supplies', ADDRESS_1: '5 High Street', ADDRESS_2: 'Manchester', ADDRESS_5: 'M1 1AA', COUNTRY_CODE: 'GB', CONTACT_NAME: 'Steven Reed', TELEPHONE: '0161 555 1234', E_MAIL: 'steven@stesupplies.example' },
];

const ADDRESSES: Array<[string, SageRow]> = [
	['A1D001', { ADDRESS_TYPE: 2, NAME: 'A1 Design Services', ADDRESS_1: '67a Station Road', ADDRESS_2: 'Blackpool', ADDRESS_5: 'BP12 7HT', COUNTRY_CODE: 'GB' }],
	['A1D001', { ADDRESS_TYPE: 0, DESCRIPTION: 'Warehouse', NAME: 'A1 Design Warehouse', ADDRESS_1: 'Unit 4, Dock Road', ADDRESS_2: 'Fleetwood', ADDRESS_5: 'FY7 6PP', COUNTRY_CODE: 'GB' }],
	['A1D001', { ADDRESS_TYPE: 1, CONTACT_NAME: 'Jim Thompson', CONTACT_ROLE: 'Director', TELEPHONE: '01253 876 234', E_MAIL: 'jim@a1design.example' }],
	['A1D001', { ADDRESS_TYPE: 1, CONTACT_NAME: 'Lucy Hart', CONTACT_ROLE: 'Purchasing', TELEPHONE: '01253 876 235', E_MAIL: 'lucy@a1design.example' }],
	['ABS001', { ADDRESS_TYPE: 0, DESCRIPTION: 'Workshop', NAME: 'ABS Garages Workshop', ADDRESS_1: 'Unit 7, Industrial Estate', ADDRESS_2: 'Bridgend', ADDRESS_5: 'CF31 3RT', COUNTRY_CODE: 'GB' }],
	['ABS001', { ADDRESS_TYPE: 1, CONTACT_NAME: 'Mike Hall', CONTACT_ROLE: 'Owner', TELEPHONE: '01656 767 890', E_MAIL: 'mike@absgarages.example' }],
	['BRO001', { ADDRESS_TYPE: 1, CONTACT_NAME: "Sinéad O'Brien", CONTACT_ROLE: 'Manager', E_MAIL: 'sinead@bronsons.example' }],
	['KIN001', { ADDRESS_TYPE: 2, NAME: 'Kinnerton Cafe', ADDRESS_1: '3 Kinnerton Street', ADDRESS_2: 'London', ADDRESS_5: 'SW1X 8EA', COUNTRY_CODE: 'GB' }],
	['KIN001', { ADDRESS_TYPE: 0, DESCRIPTION: 'Kitchen door', NAME: 'Kinnerton Cafe (rear)', ADDRESS_1: 'Motcomb Street', ADDRESS_2: 'London', ADDRESS_5: 'SW1X 8LB', COUNTRY_CODE: 'GB' }],
	['KIN001', { ADDRESS_TYPE: 1, CONTACT_NAME: 'Anna Kinnerton', CONTACT_ROLE: 'Owner', TELEPHONE: '020 7235 1234', E_MAIL: 'anna@kinnerton.example' }],
];

const IMAGE_COLOURS: Record<string, [number, number, number]> = {
	'board001.png': [240, 240, 240],
	'board002.png': [220, 220, 255],
	'fax001.png': [40, 40, 40],
};

const PRODUCTS: SageRow[] = [
	{ STOCK_CODE: 'BOARD001', DESCRIPTION: 'Whiteboard - Drywipe (900 x 1200)', ITEM_TYPE: 0, SALES_PRICE: 44.99, TAX_CODE: 'T1', NOMINAL_CODE: '4000', STOCK_CAT: 2, UNIT_OF_SALE: 'Each', QTY_IN_STOCK: 27, QTY_ALLOCATED: 2, WEB_IMAGE_FILE: 'board001.png' },
	{ STOCK_CODE: 'BOARD002', DESCRIPTION: 'Whiteboard - Drywipe (1000 x 1500)', ITEM_TYPE: 0, SALES_PRICE: 54.99, TAX_CODE: 'T1', NOMINAL_CODE: '4000', STOCK_CAT: 2, UNIT_OF_SALE: 'Each', QTY_IN_STOCK: 0, WEB_IMAGE_FILE: 'board002.png' },
	{ STOCK_CODE: 'FAX001', DESCRIPTION: 'Fax Machine - Plain Paper', ITEM_TYPE: 0, SALES_PRICE: 149.99, TAX_CODE: 'T1', NOMINAL_CODE: '4000', STOCK_CAT: 2, UNIT_OF_SALE: 'Each', QTY_IN_STOCK: 5, WEB_IMAGE_FILE: 'fax001.png' },
	{ STOCK_CODE: 'PAPER001', DESCRIPTION: 'A4 Copier Paper (box of 5 reams)', ITEM_TYPE: 0, SALES_PRICE: 21.5, TAX_CODE: 'T1', NOMINAL_CODE: '4000', STOCK_CAT: 1, UNIT_OF_SALE: 'Box', QTY_IN_STOCK: 310, QTY_ALLOCATED: 10 },
	{ STOCK_CODE: 'BOOK001', DESCRIPTION: 'Accounting Handbook', ITEM_TYPE: 0, SALES_PRICE: 12.99, TAX_CODE: 'T0', NOMINAL_CODE: '4000', STOCK_CAT: 1, UNIT_OF_SALE: 'Each', QTY_IN_STOCK: 40 },
	{ STOCK_CODE: 'ENERGY01', DESCRIPTION: 'Domestic energy supply (per kWh)', ITEM_TYPE: 1, SALES_PRICE: 0.28, TAX_CODE: 'T5', NOMINAL_CODE: '4010', STOCK_CAT: 5, UNIT_OF_SALE: 'kWh' },
	{ STOCK_CODE: 'TONER01', DESCRIPTION: 'Toner cartridge (drop-shipped)', ITEM_TYPE: 1, SALES_PRICE: 35, TAX_CODE: 'T1', NOMINAL_CODE: '4000', STOCK_CAT: 5, UNIT_OF_SALE: 'Each', INACTIVE_FLAG: 1 },
	{ STOCK_CODE: 'INSTALL', DESCRIPTION: 'Installation (per hour)', ITEM_TYPE: 2, SALES_PRICE: 65, TAX_CODE: 'T1', NOMINAL_CODE: '4100', STOCK_CAT: 4, UNIT_OF_SALE: 'Hour' },
	{ STOCK_CODE: 'SUPPORT1', DESCRIPTION: 'Annual support contract', ITEM_TYPE: 2, SALES_PRICE: 480, TAX_CODE: 'T1', NOMINAL_CODE: '4100', STOCK_CAT: 4, UNIT_OF_SALE: 'Year' },
];

/** The demo company's Sage users (the Sage adapter's tests give the same ones as its users directory). */
export const DEMO_USERS: readonly SageRow[] = [
	{ USER_NAME: 'MANAGER', NAME: 'Sage Administrator', E_MAIL: 'admin@democompany.example', USER_TYPE: 'Administrator' },
	{ USER_NAME: 'Sarah Jones', NAME: 'Sarah Jones', E_MAIL: 'sarah.jones@democompany.example', USER_TYPE: 'Standard' },
	{ USER_NAME: 'TOM', NAME: 'Tom Baker', E_MAIL: 'tom.baker@democompany.example', USER_TYPE: 'Standard' },
	{ USER_NAME: 'INTEGRATION', NAME: 'Integration user', E_MAIL: '', USER_TYPE: 'Standard' },
];

export function seedCompany(company: SimulatedCompany, seed: SeedName): void {
	company.store.tx(() => {
		seedLookups(company.store);
		if (seed === 'empty') return;
		for (const c of CUSTOMERS) company.createCustomer(c, 'sage');
		for (const [ref, a] of ADDRESSES) company.createAddress(ref, a, 'sage');
		for (const [file, colour] of Object.entries(IMAGE_COLOURS)) company.putImageFile(file, 'image/png', solidPng(colour));
		for (const p of PRODUCTS) company.createProduct(p, 'sage');
		for (const u of DEMO_USERS) company.createUser(u);
		const docs = company.documents;
		docs.createSalesOrder({ ACCOUNT_REF: 'A1D001', CUST_ORDER_NUMBER: 'PO-4471', TAKEN_BY: 'Sarah Jones', DEL_ADDRESS_REF: 2, ITEMS: [{ STOCK_CODE: 'BOARD001', QTY_ORDER: 2 }, { STOCK_CODE: 'INSTALL', QTY_ORDER: 1.5 }] }, 'sage');
		docs.createSalesOrder({ ACCOUNT_REF: 'ABS001', ITEMS: [{ STOCK_CODE: 'PAPER001', QTY_ORDER: 10, DISCOUNT_RATE: 5 }, { STOCK_CODE: 'BOOK001', QTY_ORDER: 3 }], CARR_NET: 7.5 }, 'sage');
		docs.createSalesOrder({ ACCOUNT_REF: 'KIN001', ORDER_TYPE: 9, TAKEN_BY: 'TOM', ITEMS: [{ STOCK_CODE: 'FAX001' }, { STOCK_CODE: 'SUPPORT1' }, { STOCK_CODE: 'M', DESCRIPTION: 'Quote valid for 30 days' }] }, 'sage');
		docs.createSalesOrder({ ACCOUNT_REF: 'BRO001', ORDER_TYPE: 9, ITEMS: [{ STOCK_CODE: 'ENERGY01', QTY_ORDER: 1200 }] }, 'sage');
		docs.createSalesOrder({ ACCOUNT_REF: 'STE001', ORDER_TYPE: 11, ITEMS: [{ STOCK_CODE: 'BOARD002', QTY_ORDER: 1 }] }, 'sage');
		docs.createInvoice({ ORDER_NUMBER: 2, POSTED: 1 });
		docs.createInvoice({ ACCOUNT_REF: 'KIN001', ITEMS: [{ STOCK_CODE: 'PAPER001', QTY_ORDER: 4 }], POSTED: 1 });
		docs.createInvoice({ ACCOUNT_REF: 'A1D001', ITEMS: [{ STOCK_CODE: 'INSTALL', QTY_ORDER: 3 }] });
		docs.createInvoice({ ACCOUNT_REF: 'ABS001', INVOICE_TYPE: 3, ITEMS: [{ STOCK_CODE: 'BOOK001', QTY_ORDER: 1 }] });
	});
}
