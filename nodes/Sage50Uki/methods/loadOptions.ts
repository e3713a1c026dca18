// Dropdowns from Sage's look-up lists (openapi.yaml /lookups/*).
import type { IDataObject, ILoadOptionsFunctions, INodePropertyOptions } from 'n8n-workflow';

import { flag } from '../../shared/flags';
import { sageList } from '../../shared/sage50/paging';

async function options(
	this: ILoadOptionsFunctions,
	list: string,
	toOption: (row: IDataObject) => INodePropertyOptions,
): Promise<INodePropertyOptions[]> {
	return (await sageList.call(this, `/lookups/${list}`)).map(toOption);
}

export async function getTaxCodes(this: ILoadOptionsFunctions): Promise<INodePropertyOptions[]> {
	return await options.call(this, 'tax-codes', (r) => ({ name: `${r.TAX_CODE} – ${r.DESCRIPTION} (${r.TAX_RATE}%)`, value: String(r.TAX_CODE) }));
}

export async function getCurrencies(this: ILoadOptionsFunctions): Promise<INodePropertyOptions[]> {
	return await options.call(this, 'currencies', (r) => ({ name: `${r.CODE} – ${r.NAME}${flag(r.BASE_CURRENCY) ? ' (base)' : ''}`, value: Number(r.NUMBER) }));
}

export async function getCountries(this: ILoadOptionsFunctions): Promise<INodePropertyOptions[]> {
	return (await options.call(this, 'countries', (r) => ({ name: `${r.NAME} (${r.CODE})`, value: String(r.CODE) }))).sort((a, b) =>
		a.name.localeCompare(b.name),
	);
}

export async function getAccountStatuses(this: ILoadOptionsFunctions): Promise<INodePropertyOptions[]> {
	return await options.call(this, 'account-statuses', (r) => ({
		name: `${r.NUMBER} – ${r.STATUS}${flag(r.ON_HOLD) ? ' (on hold)' : ''}`,
		value: Number(r.NUMBER),
	}));
}

export async function getStockCategories(this: ILoadOptionsFunctions): Promise<INodePropertyOptions[]> {
	return await options.call(this, 'stock-categories', (r) => ({ name: `${r.NUMBER} – ${r.NAME}`, value: Number(r.NUMBER) }));
}
