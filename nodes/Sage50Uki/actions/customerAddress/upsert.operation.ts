// Addresses (contacts by default, C3). Define Below matches by account + type + an external key kept
// in one of the address's own columns (the contract has no external-id field): one list call per
// customer in the batch; deleted addresses are read too so they are not recreated (C2).
import type { IExecuteFunctions, INodeExecutionData, INodeProperties } from 'n8n-workflow';

import { parametersRecord } from '../../../shared/sync/parameters';
import type { RecordInput } from '../common/engine';
import { ADDRESS_FIELDS } from '../common/fields';
import { inputProperties, readInput, readWriteOptions, show, upsertWriteOptions } from '../common/params';
import { dataModeProperties, executeDefine, executeMapped, isMappedMode } from '../common/mapped';
import { mappedAddresses } from '../common/mappedResources';
import { accountRefProperty, addressTypeProperty } from './common';

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

/** Define Below: the address this item's parameters describe, matched by its External Key in the Match On column. */
function readAddress(this: IExecuteFunctions, itemIndex: number): RecordInput {
	const account = String(this.getNodeParameter('accountRef', itemIndex, '') ?? '').trim().toUpperCase();
	const value = String(this.getNodeParameter('matchValue', itemIndex, '') ?? '').trim();
	if (account === '') throw new Error('Account Reference is empty');
	if (value === '') throw new Error('External Key is empty');
	const field = match.call(this, itemIndex);
	const type = Number(this.getNodeParameter('addressType', itemIndex, 1));
	const fields = readInput.call(this, itemIndex, ADDRESS_FIELDS);
	delete fields.ADDRESS_TYPE;
	fields[field] = value;
	const record = parametersRecord({
		entity: 'contact',
		direction: 'forceManagerToSage',
		key: '',
		label: `Address "${value}"`,
		id: value,
		// Keys are unique per customer, type and match column: one item can never match another customer's address.
		scope: `address ${account} type ${type} ${field}`,
		fields,
		createOnly: { ADDRESS_TYPE: type },
		references: { account },
	});
	return { record, matchOn: field, idempotencyKey: readWriteOptions.call(this, itemIndex).idempotencyKey };
}

export async function executeBatch(this: IExecuteFunctions, items: INodeExecutionData[]): Promise<INodeExecutionData[]> {
	if (isMappedMode.call(this)) return await executeMapped.call(this, mappedAddresses, items);
	return await executeDefine.call(this, mappedAddresses, readAddress, items);
}
