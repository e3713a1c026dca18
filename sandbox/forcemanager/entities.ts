// One table describing every simulated resource: fields, lookups, required fields, maxLengths, bulk support.
// Sources: swagger = ../../../shared/specs/forcemanager-v4.swagger.json (*Model / *Response definitions),
// notes = forcemanager-api-notes.md (section numbers in comments).

export type FieldType = 'string' | 'int' | 'number' | 'bool' | 'datetime' | 'lookup' | 'enum' | 'json';
export type Row = Record<string, unknown> & { id: number };

export interface FieldDef {
	type: FieldType;
	/** Target entity of a lookup (or of an int that references another entity, e.g. productCategories.cLevel2). */
	ref?: string;
	maxLength?: number;
	/** Other spellings accepted on write and in `where` (notes §8 quirks). */
	aliases?: string[];
	/** Computed or server-maintained: never accepted on an API write. */
	readOnly?: boolean;
	/** Labels of an `enum` field, read as `{id,value}` (contacts.gender, notes §8.2). */
	options?: Record<number, string>;
}

export interface EntityDef {
	name: string;
	fields: Record<string, FieldDef>;
	required: string[];
	/** `crud`: GET/POST/PUT/DELETE; `read`: GET list and GET by id only. */
	api: 'crud' | 'read';
	bulk: boolean;
	/** Text used as `value` when another record looks this one up. */
	label: (row: Row, lang: string) => string;
	/** users: lookups read as `{id,description}` (notes §3, swagger UserResponse). */
	lookupStyle?: 'description';
	/** sales: `deleted` reads as 0/1 (notes §3 quirk, S3 /sales example). */
	deletedAsInt?: boolean;
}

export const AUDIT_FIELDS: Record<string, FieldDef> = {
	dateCreated: { type: 'datetime', readOnly: true },
	dateUpdated: { type: 'datetime', readOnly: true },
	dateDeleted: { type: 'datetime', readOnly: true },
	deleted: { type: 'bool', readOnly: true },
	salesRepIdCreated: { type: 'int', readOnly: true },
	salesRepIdUpdated: { type: 'int', readOnly: true },
	salesRepIdDeleted: { type: 'int', readOnly: true },
};

const LANGS = ['ES', 'EN', 'US', 'IT', 'DE', 'FR', 'BR', 'DK', 'PT', 'RU'];

/** `lang` query (notes §4.1) -> suffix of `descriptionXX`. */
export function langSuffix(lang: string): string {
	const upper = (lang || 'en').toUpperCase();
	return LANGS.includes(upper) ? upper : 'EN';
}

const lk = (ref: string, extra: Partial<FieldDef> = {}): FieldDef => ({ type: 'lookup', ref, ...extra });
const str = (maxLength?: number): FieldDef => ({ type: 'string', maxLength });
const num: FieldDef = { type: 'number' };
const int: FieldDef = { type: 'int' };
const bool: FieldDef = { type: 'bool' };
const date: FieldDef = { type: 'datetime' };

/** `descriptionES..RU` (swagger GenericValueListResponse); EN max 150, ES max 50 (notes §3 /schema). */
function descriptions(): Record<string, FieldDef> {
	const out: Record<string, FieldDef> = { description: str(150) };
	for (const l of LANGS) out[`description${l}`] = str(l === 'ES' ? 50 : 150);
	return out;
}

function describedLabel(row: Row, lang: string): string {
	const text = row[`description${langSuffix(lang)}`] ?? row.descriptionEN ?? row.description;
	return typeof text === 'string' ? text : '';
}

function valueList(name: string, extra: Record<string, FieldDef> = {}): EntityDef {
	// Generic value list (swagger GenericValueListResponse, notes §8.11). Read-only through the API: the swagger
	// has GET only; writes would go through /list/{table}/{id} (notes §7.8), not simulated.
	return {
		name,
		fields: {
			order: int,
			...descriptions(),
			branchVisibility: { type: 'json' },
			internal: bool,
			computeSfm: bool,
			visitCycle: int,
			...extra,
		},
		required: ['descriptionEN'],
		api: 'read',
		bulk: false,
		label: describedLabel,
	};
}

const statusExtras = { won: bool, lost: bool }; // swagger AccountStatusListResponse / SalesOrderStatusListResponse

function statusDetails(): Record<string, FieldDef> {
	const out: Record<string, FieldDef> = { statusDetails: str() };
	for (const l of LANGS.filter((x) => x !== 'ES')) out[`statusDetails${l}`] = str();
	return out;
}

const extFields = { extId: str(50), readOnly: bool, permissionLevel: int };

export const ENTITIES: Record<string, EntityDef> = {
	// swagger AccountModel/AccountResponse; notes §8.1 (maxLengths notes §3)
	accounts: {
		name: 'accounts',
		fields: {
			name: str(255),
			statusId: lk('accountStatuses'),
			typeId: lk('accountTypes'),
			segmentId: lk('accountSegments'),
			rateId: lk('rates'),
			branchId: lk('branches'),
			salesRepId1: lk('users'),
			salesRepId2: lk('users'),
			salesRepId3: lk('users'),
			salesRepId4: lk('users'),
			salesRepId5: lk('users'),
			vatNumber: str(50),
			phone: str(50),
			phone2: str(50),
			phone3: str(50),
			fax: str(50),
			email: str(255),
			website: str(255),
			comment: str(6000),
			address1: str(180),
			address2: str(180),
			city: str(200),
			postcode: str(20),
			region: str(100),
			countryId: lk('countries'),
			geocoded: bool,
			geocodingAccuracy: int,
			latitude: num,
			longitude: num,
			dateGeocoded: { type: 'datetime', readOnly: true },
			public: bool,
			marketingCommunications: { type: 'bool', readOnly: true },
			...extFields,
		},
		required: ['name', 'branchId', 'salesRepId1'], // swagger POST /accounts body `required`
		api: 'crud',
		bulk: true,
		label: (row) => String(row.name ?? ''),
	},
	// swagger ContactModel/ContactResponse; notes §8.2
	contacts: {
		name: 'contacts',
		fields: {
			firstName: str(100),
			lastName: str(100),
			accountId: lk('accounts'),
			branchId: lk('branches'), // required by swagger POST /contacts although ContactModel omits it
			typeId: lk('contactTypes'),
			salesRepId: lk('users'),
			phone1: str(50),
			phone2: str(50),
			fax: str(50),
			email: str(255),
			email2: str(255),
			email3: str(255),
			comment: str(6000),
			address1: str(180),
			address2: str(180),
			city: str(200),
			postcode: str(20),
			region: str(100),
			countryId: lk('countries'),
			birthday: date,
			linkedin: str(255),
			skype: str(255),
			// notes §8.2: reads spell it `UseCompanyAddress`; swagger ContactModel spells `useCompanyAdddress`.
			UseCompanyAddress: { type: 'bool', aliases: ['useCompanyAddress', 'useCompanyAdddress'] },
			marketingCommunications: bool,
			gender: { type: 'enum', options: { 0: 'Male', 1: 'Female' } }, // notes §8.2: int on write, lookup on read
			...extFields,
		},
		required: ['firstName', 'lastName', 'accountId', 'salesRepId', 'branchId'],
		api: 'crud',
		bulk: true,
		label: (row) => [row.firstName, row.lastName].filter(Boolean).join(' '),
	},
	// swagger OpportunityModel/OpportunityResponse; notes §8.9 (outside project scope, present for contract coverage)
	opportunities: {
		name: 'opportunities',
		fields: {
			reference: str(255),
			type_id: lk('opportunityTypes'),
			statusId: lk('opportunityStatuses'),
			total: num,
			currencyId: lk('currencies'),
			accountId1: lk('accounts'),
			accountId2: lk('accounts'),
			accountId3: lk('accounts'),
			salesForeCastDate: { type: 'datetime', aliases: ['salesForecastDate', 'salesForcecastDate'] },
			salesProbability: int,
			salesRepId: lk('users'),
			branchId: lk('branches'),
			comments: str(6000),
			address1: str(180),
			address2: str(180),
			city: str(200),
			postcode: str(20),
			region: str(100),
			countryId: lk('countries'),
			closedDate: date,
			wonDate: date,
			lostDate: date,
			geocoded: bool,
			geocodingAccuracy: int,
			latitude: num,
			longitude: num,
			...extFields,
		},
		required: ['branchId', 'reference', 'salesRepId', 'salesProbability', 'accountId1'],
		api: 'crud',
		bulk: false,
		label: (row) => String(row.reference ?? ''),
	},
	// notes §8.3 (not in the swagger)
	products: {
		name: 'products',
		fields: {
			model: str(255),
			description: str(6000),
			price: num,
			cost: num,
			maxDiscount: num,
			familyId: lk('productFamilies'),
			categoryId: lk('productCategories'),
			notAvailable: bool,
			stock: num, // notes §7.4: written by ERP connectors; emitted on read (null = no stock figure)
			extId: str(30), // notes §3: product extId maxLength 30
			readOnly: bool,
			permissionLevel: int,
		},
		required: ['model'],
		api: 'crud',
		bulk: true,
		label: (row) => String(row.model ?? ''),
	},
	// notes §8.4
	productFamilies: {
		name: 'productFamilies',
		fields: { ...descriptions(), idParent: int, notAvailable: bool, branchRestriction: bool },
		required: ['descriptionEN'],
		api: 'crud',
		bulk: false,
		label: describedLabel,
	},
	// notes §8.5: cLevel2 = parent family id, 0 when none
	productCategories: {
		name: 'productCategories',
		fields: { ...descriptions(), cLevel2: { type: 'int', ref: 'productFamilies' } },
		required: ['descriptionEN', 'cLevel2'],
		api: 'crud',
		bulk: false,
		label: describedLabel,
	},
	// swagger SalesOrderModel/SalesOrderResponse; notes §8.7
	salesorders: {
		name: 'salesorders',
		fields: {
			reference: str(255),
			number: int,
			year: int,
			statusId: lk('salesorderStatuses'),
			total: num,
			discount1: num,
			discount2: num,
			discount3: num,
			discount4: num,
			currencyId: lk('currencies'),
			accountId: lk('accounts'),
			contactId: lk('contacts'),
			opportunityId: lk('opportunities'),
			accountAddressId: { type: 'lookup' }, // accountAddresses are not simulated: no existence check
			rateId: lk('rates'),
			// notes §8.7: emitted misspelled; swagger spells `salesForeCastDate`; the response model `salesForecastDate`
			salesForcecastDate: { type: 'datetime', aliases: ['salesForeCastDate', 'salesForecastDate'] },
			salesRepId: lk('users'),
			branchId: lk('branches'),
			comment: str(6000),
			internalComment: str(6000),
			internalCommentUpdateDate: { type: 'datetime', readOnly: true },
			internalCommentUpdateSalesRepId: { type: 'int', readOnly: true },
			closedDate: date,
			mainSalesorder: bool,
			archived: bool,
			blocked: bool,
			...extFields,
		},
		required: ['branchId', 'reference', 'salesRepId'],
		api: 'crud',
		bulk: true,
		label: (row) => String(row.reference ?? ''),
	},
	// swagger SalesOrderLineModel/SalesOrderLineResponse; notes §8.8
	salesordersLines: {
		name: 'salesordersLines',
		fields: {
			// notes §8.8: parent key reads as `salesorderId`; `salesOrderId` accepted on write and in where
			salesorderId: lk('salesorders', { aliases: ['salesOrderId'] }),
			productId: lk('products'),
			quantity: num, // int in swagger; notes §8.8 "treat as number"
			price: num,
			total: num,
			description: str(2000),
			discount1: num,
			discount2: num,
			discount3: num,
			discount4: num,
			order: int,
		},
		required: ['quantity', 'price', 'productId', 'salesorderId'],
		api: 'crud',
		bulk: false,
		label: (row) => String(row.description ?? `line ${row.id}`),
	},
	// notes §7.9: historical sales / invoices
	sales: {
		name: 'sales',
		fields: {
			accountId: lk('accounts'),
			accountExtId: str(50),
			date,
			total: num,
			extId: str(50),
			salesRepId: lk('users'),
			salesRepExtId: str(50),
		},
		required: ['accountId', 'date', 'total'],
		api: 'crud',
		bulk: true,
		label: (row) => String(row.extId ?? `sale ${row.id}`),
		deletedAsInt: true,
	},
	// swagger UserResponse; notes §8.10 — read-only through the API (U1: no user write endpoints invented)
	users: {
		name: 'users',
		fields: {
			name: str(100),
			lastName: str(100),
			email: str(255),
			phone: str(50),
			phoneExtension: str(20),
			idPrefix: str(10),
			nic: str(100),
			extId: str(50),
			isActive: bool,
			billable: bool,
			computeSfm: bool,
			level: int,
			locale: str(10),
			dbLanguage: str(10),
			uiLanguage: str(10),
			branchRestriction: bool,
			branches: lk('branches'),
			userTypeId: lk('userTypes'),
			managerId: lk('users'),
			rateId: lk('rates'),
			lastPasswordChangeDate: date,
		},
		required: ['name', 'email'],
		api: 'read',
		bulk: false,
		label: (row) => [row.name, row.lastName].filter(Boolean).join(' '),
		lookupStyle: 'description',
	},
	branches: valueList('branches', {
		default: bool,
		imperialSystem: bool,
		mainEnvironment: bool,
		currencyId: lk('currencies'),
		timeZoneId: lk('timezones'),
	}),
	countries: valueList('countries', { iso2: str(2), iso3: str(3), isoNum: int, phoneCode: str(10), strName: str(100) }),
	currencies: valueList('currencies', { isoCode: str(3), symbol: str(5) }),
	timezones: valueList('timezones', { idIanaZone: str(64), shortDescription: str(100), fullDescription: str(255) }),
	accountTypes: valueList('accountTypes'),
	accountStatuses: valueList('accountStatuses', statusExtras),
	accountSegments: valueList('accountSegments'),
	contactTypes: valueList('contactTypes'),
	opportunityTypes: valueList('opportunityTypes'),
	opportunityStatuses: valueList('opportunityStatuses', {
		...statusDetails(),
		idParent: int,
		won: int,
		endStatus: bool,
	}),
	salesorderStatuses: valueList('salesorderStatuses', { ...statusExtras, ...statusDetails() }),
	activityTypes: valueList('activityTypes'),
	userTypes: valueList('userTypes'), // notes §7.7 (S4)
	rates: valueList('rates'), // notes §7.4 price-list headers (fields undocumented; multi-language assumed)
};

/** Value lists that the swagger lists with `getFullList` (GET only). */
export const VALUE_LISTS = [
	'branches',
	'countries',
	'currencies',
	'timezones',
	'accountTypes',
	'accountStatuses',
	'accountSegments',
	'contactTypes',
	'opportunityTypes',
	'opportunityStatuses',
	'salesorderStatuses',
	'activityTypes',
];

/** Every field name (read name, aliases, audit fields, id) -> read name; case-insensitive (SQL Server columns). */
export function resolveFieldName(def: EntityDef, name: string): string | undefined {
	const lower = name.toLowerCase();
	if (lower === 'id') return 'id';
	for (const [field, fd] of Object.entries({ ...def.fields, ...AUDIT_FIELDS })) {
		if (field.toLowerCase() === lower) return field;
		if (fd.aliases?.some((a) => a.toLowerCase() === lower)) return field;
	}
	return undefined;
}

export function fieldDef(def: EntityDef, field: string): FieldDef | undefined {
	if (field === 'id') return { type: 'int', readOnly: true };
	return def.fields[field] ?? AUDIT_FIELDS[field];
}

export const isExtraField = (name: string): boolean => /^z_/i.test(name);
