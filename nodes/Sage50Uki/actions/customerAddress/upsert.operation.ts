// Addresses (contacts by default, C3) matched by account + an external key kept in one of the
// address's own columns (the contract has no external-id field). One list call per customer in
// the batch; deleted addresses are read too so they are not recreated (C2).
import type { IDataObject, IExecuteFunctions, INodeExecutionData, INodeProperties, JsonObject } from 'n8n-workflow';
import { NodeApiError } from 'n8n-workflow';

import { sageList } from '../../../shared/sage50/paging';
import { failureOf } from '../../../shared/sage50/transport';
import { ADDRESS_FIELDS } from '../common/fields';
import { inputProperties, readInput, readWriteOptions, show, upsertWriteOptions } from '../common/params';
import { dataModeProperties, executeMapped, isMappedMode } from '../common/mapped';
import { mappedAddresses } from '../common/mappedResources';
import { executeUpsert, type UpsertResource } from '../common/upsert';
import { accountRefProperty, addressPath, addressTypeProperty } from './common';

export const MATCH_FIELDS = ['DESCRIPTION', 'NOTES', 'E_MAIL', 'CONTACT_NAME', 'NAME'];

const defineProperties: INodeProperties[] = [
	accountRefProperty,
	addressTypeProperty,
	{
		displayName: 'Match On',
		name: 'matchField',
		type: 'options',
		options: [
			{ name: 'Contact Name (CONTACT_NAME)', value: 'CONTACT_NAME' },
			{ name: 'Description (DESCRIPTION)', value: 'DESCRIPTION' },
			{ name: 'Email (E_MAIL)', value: 'E_MAIL' },
			{ name: 'Name (NAME)', value: 'NAME' },
			{ name: 'Notes (NOTES)', value: 'NOTES' },
		],
		default: 'DESCRIPTION',
		description: 'Address column holding the external key (e.g. the ForceManager contact ID); it is written on creation',
	},
	{
		displayName: 'External Key',
		name: 'matchValue',
		type: 'string',
		required: true,
		default: '',
		placeholder: 'e.g. FM-CONTACT-123',
		description: 'Value of the match column: the address of this customer and type with it is updated, or created with it',
	},
	...inputProperties(ADDRESS_FIELDS, 'address'),
	upsertWriteOptions,
];

export const description: INodeProperties[] = show('customerAddress', 'upsert', dataModeProperties(defineProperties, 'a contact'));

function match(this: IExecuteFunctions, itemIndex: number) {
	const field = String(this.getNodeParameter('matchField', itemIndex, 'DESCRIPTION'));
	if (!MATCH_FIELDS.includes(field)) throw new Error(`cannot match on ${field}`);
	return field;
}

export const addresses: UpsertResource = {
	label: 'Address',
	entity: 'addresses',
	readItem(itemIndex) {
		const account = String(this.getNodeParameter('accountRef', itemIndex, '') ?? '').trim().toUpperCase();
		const value = String(this.getNodeParameter('matchValue', itemIndex, '') ?? '').trim();
		if (account === '') throw new Error('Account Reference is empty');
		if (value === '') throw new Error('External Key is empty');
		const field = match.call(this, itemIndex);
		const type = Number(this.getNodeParameter('addressType', itemIndex, 1));
		const fields = readInput.call(this, itemIndex, ADDRESS_FIELDS);
		delete fields.ADDRESS_TYPE;
		fields[field] = value;
		return {
			// Keys are unique per customer, type and match column: one item can never match another customer's address.
			key: `${account}|${type}|${field}|${value}`,
			group: `${account}|${type}|${field}`,
			fields,
			createOnly: { ADDRESS_TYPE: type },
			explicitKey: readWriteOptions.call(this, itemIndex).idempotencyKey,
		};
	},
	async lookup(items) {
		const out: Array<{ key: string; record: IDataObject }> = [];
		const groups = new Map<string, string[]>();
		for (const item of items) groups.set(item.group, [...(groups.get(item.group) ?? []), item.key]);
		const listed = new Map<string, IDataObject[]>();
		for (const group of groups.keys()) {
			const [account, type, field] = group.split('|');
			const listKey = `${account}|${type}`;
			let rows = listed.get(listKey);
			if (!rows) {
				try {
					rows = await sageList.call(this, addressPath(account), { type: Number(type), includeDeleted: true });
				} catch (error) {
					// An unknown customer has no addresses; its creates fail with UNKNOWN_ACCOUNT.
					if (failureOf(error)?.status !== 404) throw new NodeApiError(this.getNode(), error as JsonObject);
					rows = [];
				}
				listed.set(listKey, rows);
			}
			for (const record of rows) {
				const value = String(record[field] ?? '').trim();
				if (value !== '') out.push({ key: `${group}|${value}`, record });
			}
		}
		return out;
	},
	idOf: (record) => String(record.REFERENCE ?? `${record.ACCOUNT_REF}/${record.ADDRESS_REF}`),
	createPath: (item) => addressPath(item.key.split('|')[0]),
	createBody: (item) => ({ ...item.fields, ...item.createOnly }),
	updatePath: (record) => addressPath(String(record.ACCOUNT_REF), Number(record.ADDRESS_REF)),
};

export async function executeBatch(this: IExecuteFunctions, items: INodeExecutionData[]): Promise<INodeExecutionData[]> {
	if (isMappedMode.call(this)) return await executeMapped.call(this, mappedAddresses, items);
	return await executeUpsert.call(this, addresses, items);
}
