// What the node knows about each ForceManager resource: path, bulk support and the writable
// fields (swagger *Model definitions, notes §8). Lookups are written as integer ids.

export type FieldType = 'string' | 'number' | 'boolean' | 'dateTime' | 'lookup' | 'id' | 'gender';

export interface FieldSpec {
	name: string;
	label: string;
	type: FieldType;
	/** loadOptions method for `lookup` fields. */
	load?: string;
	requiredOnCreate?: boolean;
	description?: string;
}

export interface ResourceSpec {
	value: string;
	label: string;
	path: string;
	/** POST/PUT/DELETE /{path}/bulk exist (notes §9). */
	bulk: boolean;
	fields: FieldSpec[];
	/** Read-shape names that differ from the write name (notes §8 quirks). */
	readAliases?: Record<string, string[]>;
	/** Field holding the human label, used in messages. */
	labelField: string;
}

const s = (name: string, label: string, extra: Partial<FieldSpec> = {}): FieldSpec => ({
	name,
	label,
	type: 'string',
	...extra,
});
const n = (name: string, label: string, extra: Partial<FieldSpec> = {}): FieldSpec => ({
	name,
	label,
	type: 'number',
	...extra,
});
const b = (name: string, label: string, description: string): FieldSpec => ({
	name,
	label,
	type: 'boolean',
	description,
});
const lk = (name: string, label: string, load: string, extra: Partial<FieldSpec> = {}): FieldSpec => ({
	name,
	label,
	type: 'lookup',
	load,
	...extra,
});
const id = (name: string, label: string, extra: Partial<FieldSpec> = {}): FieldSpec => ({
	name,
	label,
	type: 'id',
	...extra,
});

const address = [
	s('address1', 'Address Line 1'),
	s('address2', 'Address Line 2'),
	s('city', 'City'),
	s('postcode', 'Postcode'),
	s('region', 'Region'),
	lk('countryId', 'Country Name or ID', 'getCountries'),
];
const discounts = [1, 2, 3, 4].map((i) => n(`discount${i}`, `Discount ${i} (%)`));
const readOnly = b('readOnly', 'Read Only', 'Whether the record cannot be modified or deleted in the ForceManager app');
const extId = s('extId', 'External ID', { description: 'Code of the record in the ERP (e.g. the Sage account reference)' });

export const account: ResourceSpec = {
	value: 'account',
	label: 'Account',
	path: '/accounts',
	bulk: true,
	labelField: 'name',
	fields: [
		s('name', 'Name', { requiredOnCreate: true }),
		lk('branchId', 'Branch Name or ID', 'getBranches', { requiredOnCreate: true }),
		lk('salesRepId1', 'Sales Rep Name or ID', 'getUsers', { requiredOnCreate: true }),
		lk('salesRepId2', 'Sales Rep 2 Name or ID', 'getUsers'),
		lk('salesRepId3', 'Sales Rep 3 Name or ID', 'getUsers'),
		lk('salesRepId4', 'Sales Rep 4 Name or ID', 'getUsers'),
		lk('salesRepId5', 'Sales Rep 5 Name or ID', 'getUsers'),
		lk('typeId', 'Type Name or ID', 'getAccountTypes'),
		lk('statusId', 'Status Name or ID', 'getAccountStatuses'),
		lk('segmentId', 'Segment Name or ID', 'getAccountSegments'),
		id('rateId', 'Rate ID'),
		extId,
		s('vatNumber', 'VAT Number'),
		s('phone', 'Phone'),
		s('phone2', 'Phone 2'),
		s('phone3', 'Phone 3'),
		s('fax', 'Fax'),
		s('email', 'Email'),
		s('website', 'Website'),
		...address,
		s('comment', 'Comment'),
		n('latitude', 'Latitude'),
		n('longitude', 'Longitude'),
		n('permissionLevel', 'Permission Level'),
		b('public', 'Public', 'Whether every user can see the account'),
		readOnly,
	],
};

export const contact: ResourceSpec = {
	value: 'contact',
	label: 'Contact',
	path: '/contacts',
	bulk: true,
	labelField: 'lastName',
	readAliases: { useCompanyAddress: ['UseCompanyAddress', 'useCompanyAdddress'] },
	fields: [
		s('firstName', 'First Name', { requiredOnCreate: true }),
		s('lastName', 'Last Name', { requiredOnCreate: true }),
		id('accountId', 'Account ID', { requiredOnCreate: true }),
		lk('salesRepId', 'Sales Rep Name or ID', 'getUsers', { requiredOnCreate: true }),
		lk('branchId', 'Branch Name or ID', 'getBranches', { requiredOnCreate: true }),
		lk('typeId', 'Type Name or ID', 'getContactTypes'),
		extId,
		s('phone1', 'Phone'),
		s('phone2', 'Phone 2'),
		s('fax', 'Fax'),
		s('email', 'Email'),
		s('email2', 'Email 2'),
		s('email3', 'Email 3'),
		...address,
		b('useCompanyAddress', 'Use Company Address', "Whether the contact uses its account's address"),
		s('comment', 'Comment'),
		{ name: 'birthday', label: 'Birthday', type: 'dateTime' },
		{ name: 'gender', label: 'Gender', type: 'gender' },
		s('linkedin', 'LinkedIn'),
		s('skype', 'Skype'),
		b('marketingCommunications', 'Marketing Communications', 'Whether the contact accepts marketing communications'),
		n('permissionLevel', 'Permission Level'),
		readOnly,
	],
};

export const product: ResourceSpec = {
	value: 'product',
	label: 'Product',
	path: '/products',
	bulk: true,
	labelField: 'model',
	fields: [
		s('model', 'Name', { requiredOnCreate: true, description: 'Product name (ForceManager calls it "model")' }),
		extId,
		s('description', 'Description'),
		n('price', 'Price'),
		n('cost', 'Cost'),
		n('maxDiscount', 'Max Discount (%)'),
		n('stock', 'Stock'),
		id('familyId', 'Family ID'),
		id('categoryId', 'Category ID'),
		b('notAvailable', 'Not Available', 'Whether the product is hidden from sales'),
		n('permissionLevel', 'Permission Level'),
		readOnly,
	],
};

export const salesOrder: ResourceSpec = {
	value: 'salesOrder',
	label: 'Sales Order',
	path: '/salesorders',
	bulk: true,
	labelField: 'reference',
	readAliases: { salesForeCastDate: ['salesForcecastDate', 'salesForecastDate'] },
	fields: [
		s('reference', 'Reference', { requiredOnCreate: true }),
		lk('branchId', 'Branch Name or ID', 'getBranches', { requiredOnCreate: true }),
		lk('salesRepId', 'Sales Rep Name or ID', 'getUsers', { requiredOnCreate: true }),
		id('accountId', 'Account ID'),
		id('contactId', 'Contact ID'),
		id('opportunityId', 'Opportunity ID'),
		id('accountAddressId', 'Account Address ID'),
		lk('statusId', 'Status Name or ID', 'getSalesOrderStatuses'),
		lk('currencyId', 'Currency Name or ID', 'getCurrencies'),
		id('rateId', 'Rate ID'),
		extId,
		n('number', 'Number'),
		n('year', 'Year'),
		n('total', 'Total'),
		...discounts,
		s('comment', 'Comment'),
		s('internalComment', 'Internal Comment'),
		{ name: 'salesForeCastDate', label: 'Forecast Date', type: 'dateTime' },
		{ name: 'closedDate', label: 'Closed Date', type: 'dateTime' },
		b('mainSalesorder', 'Main Sales Order', 'Whether this is the main order of its opportunity'),
		b('archived', 'Archived', 'Whether the order is archived'),
		b('blocked', 'Blocked', 'Whether the order is temporarily not editable'),
		readOnly,
	],
};

export const salesOrderLine: FieldSpec[] = [
	id('productId', 'Product ID', { requiredOnCreate: true }),
	n('quantity', 'Quantity', { requiredOnCreate: true }),
	n('price', 'Price', { requiredOnCreate: true }),
	s('description', 'Description'),
	...discounts,
	n('total', 'Total'),
	n('order', 'Position'),
];

export const sale: ResourceSpec = {
	value: 'sale',
	label: 'Sale',
	path: '/sales',
	bulk: true,
	labelField: 'extId',
	fields: [
		{ name: 'date', label: 'Date', type: 'dateTime', requiredOnCreate: true },
		n('total', 'Total', { requiredOnCreate: true }),
		id('accountId', 'Account ID', { requiredOnCreate: true }),
		s('accountExtId', 'Account External ID'),
		lk('salesRepId', 'Sales Rep Name or ID', 'getUsers'),
		s('salesRepExtId', 'Sales Rep External ID'),
		extId,
	],
};

export const writableResources = [account, contact, product, salesOrder, sale];
