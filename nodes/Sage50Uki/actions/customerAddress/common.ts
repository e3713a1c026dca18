import type { INodeProperties } from 'n8n-workflow';

export const ADDRESS_TYPES = [
	{ name: 'Contact', value: 1, description: 'A contact person (becomes a ForceManager contact, C3)' },
	{ name: 'Delivery', value: 0 },
	{ name: 'Registered', value: 2, description: 'At most one per customer' },
];

export const accountRefProperty: INodeProperties = {
	displayName: 'Account Reference',
	name: 'accountRef',
	type: 'string',
	required: true,
	default: '',
	placeholder: 'e.g. ABS001',
	description: 'ACCOUNT_REF of the customer the address belongs to',
};

export const addressRefProperty: INodeProperties = {
	displayName: 'Address Number',
	name: 'addressRef',
	type: 'number',
	typeOptions: { minValue: 1 },
	required: true,
	default: 1,
	description: "The address's ADDRESS_REF within the customer (1, 2, …)",
};

export const addressTypeProperty: INodeProperties = {
	displayName: 'Address Type',
	name: 'addressType',
	type: 'options',
	options: ADDRESS_TYPES,
	default: 1,
};

export const addressPath = (accountRef: string, addressRef?: number) =>
	`/customers/${encodeURIComponent(accountRef)}/addresses${addressRef === undefined ? '' : `/${addressRef}`}`;
