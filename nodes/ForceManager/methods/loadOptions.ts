// Value lists as dropdowns (notes §8.11): English label first, deleted entries hidden.
import type { IDataObject, ILoadOptionsFunctions, INodePropertyOptions } from 'n8n-workflow';

import { isDeletedInForceManager } from '../../shared/flags';
import { forceManagerList } from '../../shared/forcemanager/paging';
import { where } from '../../shared/forcemanager/where';

function optionLabel(row: IDataObject): string {
	const candidates = [row.descriptionEN, row.description, row.strName, row.value, row.name];
	const label = candidates.find((c) => typeof c === 'string' && c.trim() !== '') as string | undefined;
	return label?.trim() ?? `#${String(row.id)}`;
}

async function valueList(this: ILoadOptionsFunctions, path: string, label = optionLabel) {
	const rows = await forceManagerList.call(this, path, { where: where.eq('deleted', false), pageSize: 500 });
	return rows
		.filter((r) => !isDeletedInForceManager(r))
		.map((r): INodePropertyOptions => ({ name: label(r), value: Number(r.id) }))
		.sort((a, b) => a.name.localeCompare(b.name));
}

const userLabel = (r: IDataObject) => {
	const name = [r.name, r.lastName].filter((x) => typeof x === 'string' && x.trim() !== '').join(' ');
	return name ? (r.email ? `${name} (${String(r.email)})` : name) : `#${String(r.id)}`;
};

export async function getBranches(this: ILoadOptionsFunctions) {
	return await valueList.call(this, '/branches');
}
export async function getAccountTypes(this: ILoadOptionsFunctions) {
	return await valueList.call(this, '/accountTypes');
}
export async function getAccountStatuses(this: ILoadOptionsFunctions) {
	return await valueList.call(this, '/accountStatuses');
}
export async function getAccountSegments(this: ILoadOptionsFunctions) {
	return await valueList.call(this, '/accountSegments');
}
export async function getContactTypes(this: ILoadOptionsFunctions) {
	return await valueList.call(this, '/contactTypes');
}
export async function getSalesOrderStatuses(this: ILoadOptionsFunctions) {
	return await valueList.call(this, '/salesorderStatuses');
}
export async function getCountries(this: ILoadOptionsFunctions) {
	return await valueList.call(this, '/countries');
}
export async function getCurrencies(this: ILoadOptionsFunctions) {
	return await valueList.call(this, '/currencies');
}
export async function getUsers(this: ILoadOptionsFunctions) {
	return await valueList.call(this, '/users', userLabel);
}
