// Look-up tables every company has: UK tax codes, currencies, countries, account statuses, stock categories.
import type { Store } from '../sim/store';

export function seedLookups(store: Store): void {
	const taxCodes: Array<[string, number, string, number]> = [
		['T0', 0, 'Zero rated', 0],
		['T1', 1, 'Standard rate', 20],
		['T2', 2, 'Exempt', 0],
		['T4', 4, 'Sales of goods to VAT registered customers in EC', 0],
		['T5', 5, 'Reduced rate', 5],
		['T9', 9, 'Transactions not involving VAT', 0],
	];
	for (const [code, id, description, rate] of taxCodes) {
		store.insert('TAX_CODE', { TAX_CODE: code, TAX_CODE_ID: id, DESCRIPTION: description, TAX_RATE: rate });
	}
	const currencies: Array<[number, string, string, string, number, number]> = [
		[1, 'GBP', 'Pound Sterling', '£', 1, 1],
		[2, 'EUR', 'Euro', '€', 1.17, 0],
		[3, 'USD', 'US Dollar', '$', 1.27, 0],
	];
	for (const [n, code, name, symbol, rate, base] of currencies) {
		store.insert('CURRENCY', { NUMBER: n, CODE: code, NAME: name, SYMBOL: symbol, RATE: rate, BASE_CURRENCY: base });
	}
	const countries: Array<[string, string, number]> = [
		['GB', 'United Kingdom', 0],
		['IE', 'Ireland', 1],
		['FR', 'France', 1],
		['DE', 'Germany', 1],
		['ES', 'Spain', 1],
		['US', 'United States', 0],
	];
	for (const [code, name, eu] of countries) store.insert('COUNTRY_CODE', { CODE: code, NAME: name, EU_MEMBER: eu });
	const statuses: Array<[number, string, number]> = [
		[0, 'Open', 0],
		[1, 'See Notes', 0],
		[2, 'Closed', 1],
		[3, 'Liquidation', 1],
		[4, 'Expired Credit Limit', 1],
	];
	for (const [n, status, hold] of statuses) store.insert('ACCOUNT_STATUS', { NUMBER: n, STATUS: status, ON_HOLD: hold });
	const categories = ['Paper Products', 'Office Equipment', 'Computer Hardware', 'Services', 'Consumables'];
	categories.forEach((name, i) => store.insert('STOCK_CAT', { NUMBER: i + 1, NAME: name }));
}
