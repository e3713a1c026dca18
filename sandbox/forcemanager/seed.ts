// Seeding: the admin `POST /__admin/seed` payload and the deterministic demo company (a small UK/IE
// stationery and office-furniture wholesaler that runs Sage 50 and ForceManager).
import type { Row } from './entities';
import type { Store } from './store';

export type SeedPayload = Record<string, Array<Record<string, unknown>>>;

/** Insertion order, so that lookups refer to rows seeded before them. */
export const SEED_ORDER = [
	'users',
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
	'rates',
	'userTypes',
	'productFamilies',
	'productCategories',
	'accounts',
	'contacts',
	'opportunities',
	'products',
	'salesorders',
	'salesordersLines',
	'sales',
];

/** Inserts records (write or read shape; ids assigned when absent). Audit fields default to "now" and `actor`. */
export function applySeed(store: Store, payload: unknown, actor: number): Record<string, number[]> {
	if (typeof payload !== 'object' || payload === null || Array.isArray(payload)) throw new Error('seed body must be an object');
	const input = payload as Record<string, unknown>;
	for (const key of Object.keys(input)) {
		if (key !== 'seed' && !SEED_ORDER.includes(key)) throw new Error(`Unknown seed entity '${key}'`);
	}
	const ids: Record<string, number[]> = {};
	for (const entity of SEED_ORDER) {
		const records = input[entity];
		if (records === undefined) continue;
		if (!Array.isArray(records)) throw new Error(`seed.${entity} must be an array`);
		ids[entity] = records.map((record, index) => {
			try {
				return store.create(entity, readShapeToWrite(record), { actor, seed: true }).id;
			} catch (error) {
				throw new Error(`seed.${entity}[${index}]: ${(error as Error).message}`);
			}
		});
	}
	return ids;
}

/** Read-shape lookups `{id,value}` / `{id,description}` become ids; the rest passes through. */
function readShapeToWrite(record: unknown): unknown {
	if (typeof record !== 'object' || record === null || Array.isArray(record)) return record;
	const out: Record<string, unknown> = {};
	for (const [k, v] of Object.entries(record)) {
		const isLookup = typeof v === 'object' && v !== null && !Array.isArray(v) && 'id' in v && k !== 'branchVisibility';
		out[k] = isLookup ? (v as Row).id : v;
	}
	return out;
}

/** Ids of the demo users (the API user is DEMO_KEYS.userId). */
export const DEMO_USERS = { admin: 1, integration: 2, salesReps: [3, 4] } as const;

const T0 = '2025-01-06T09:00:00Z';
const vl = (id: number, en: string, extra: Record<string, unknown> = {}) => ({
	id,
	order: id,
	description: en,
	descriptionEN: en,
	descriptionUS: en,
	descriptionES: en.slice(0, 50),
	dateCreated: T0,
	...extra,
});

export function demoSeed(): SeedPayload {
	const audit = { dateCreated: T0, salesRepIdCreated: DEMO_USERS.admin };
	// Sage-owned records (A3, P1, O2): read-only with the Sage code in extId. Contacts sync both ways (C1), so the
	// contacts that came from Sage carry an extId but stay editable.
	const fromSage = { readOnly: true, salesRepIdCreated: DEMO_USERS.integration };
	return {
		users: [
			{ id: 1, name: 'Alice', lastName: 'Morgan', email: 'alice.morgan@wellsoffice.co.uk', nic: 'amorgan', level: 5, isActive: true, billable: true, branches: 1, userTypeId: 1, managerId: -1, locale: 'en-GB', uiLanguage: 'en', dbLanguage: 'en', ...audit },
			{ id: 2, name: 'Sage 50', lastName: 'Integration', email: 'integration@wellsoffice.co.uk', nic: 'api_sage50', level: 5, isActive: true, billable: false, branches: 1, userTypeId: 1, managerId: -1, ...audit },
			{ id: 3, name: 'Ben', lastName: 'Carter', email: 'ben.carter@wellsoffice.co.uk', nic: 'bcarter', phone: '+44 7700 900123', level: 2, isActive: true, billable: true, branches: 1, userTypeId: 2, managerId: 1, ...audit },
			{ id: 4, name: 'Chloe', lastName: 'Davies', email: 'chloe.davies@wellsoffice.co.uk', nic: 'cdavies', phone: '+44 7700 900456', level: 2, isActive: true, billable: true, branches: 1, userTypeId: 2, managerId: 1, ...audit },
		],
		currencies: [vl(1, 'Pound sterling', { isoCode: 'GBP', symbol: '£' }), vl(2, 'Euro', { isoCode: 'EUR', symbol: '€' }), vl(3, 'US dollar', { isoCode: 'USD', symbol: '$' })],
		timezones: [
			{ id: 1, descriptionEN: 'London', idIanaZone: 'Europe/London', shortDescription: 'GMT', fullDescription: '(UTC+00:00) Dublin, Edinburgh, Lisbon, London', dateCreated: T0 },
			{ id: 2, descriptionEN: 'Dublin', idIanaZone: 'Europe/Dublin', shortDescription: 'GMT', fullDescription: '(UTC+00:00) Dublin', dateCreated: T0 },
		],
		branches: [vl(1, 'Head Office', { default: true, imperialSystem: false, mainEnvironment: true, currencyId: 1, timeZoneId: 1 })],
		countries: [
			vl(1, 'United Kingdom', { iso2: 'GB', iso3: 'GBR', isoNum: 826, phoneCode: '+44', strName: 'United Kingdom' }),
			vl(2, 'Ireland', { iso2: 'IE', iso3: 'IRL', isoNum: 372, phoneCode: '+353', strName: 'Ireland' }),
			vl(3, 'France', { iso2: 'FR', iso3: 'FRA', isoNum: 250, phoneCode: '+33', strName: 'France' }),
			vl(4, 'Spain', { iso2: 'ES', iso3: 'ESP', isoNum: 724, phoneCode: '+34', strName: 'Spain' }),
		],
		accountTypes: [vl(1, 'Customer'), vl(2, 'Distributor'), vl(3, 'Partner')],
		accountStatuses: [vl(1, 'Client', { won: true, lost: false }), vl(2, 'Prospect', { won: false, lost: false }), vl(3, 'Lost', { won: false, lost: true })],
		accountSegments: [vl(1, 'Small business'), vl(2, 'Mid-market'), vl(3, 'Enterprise')],
		contactTypes: [vl(1, 'Decision maker'), vl(2, 'Buyer'), vl(3, 'Accounts payable')],
		opportunityTypes: [vl(1, 'New business'), vl(2, 'Upsell')],
		opportunityStatuses: [vl(1, 'Open', { won: 0, endStatus: false, idParent: -1 }), vl(2, 'Won', { won: 1, endStatus: true, idParent: -1 }), vl(3, 'Lost', { won: 0, endStatus: true, idParent: -1 })],
		salesorderStatuses: [vl(1, 'Quote', { won: false, lost: false }), vl(2, 'Order', { won: true, lost: false }), vl(3, 'Invoiced', { won: true, lost: false }), vl(4, 'Cancelled', { won: false, lost: true })],
		activityTypes: [vl(1, 'Visit'), vl(2, 'Phone call'), vl(3, 'E-mail')],
		rates: [vl(1, 'Standard price list'), vl(2, 'Trade price list')],
		userTypes: [vl(1, 'Administrator'), vl(2, 'Sales representative')],
		productFamilies: [
			{ id: 1, descriptionEN: 'Stationery', idParent: -1, ...audit },
			{ id: 2, descriptionEN: 'Office furniture', idParent: -1, ...audit },
			{ id: 3, descriptionEN: 'Services', idParent: -1, ...audit },
		],
		productCategories: [
			{ id: 1, descriptionEN: 'Paper', cLevel2: 1, ...audit },
			{ id: 2, descriptionEN: 'Desks', cLevel2: 2, ...audit },
			{ id: 3, descriptionEN: 'Installation', cLevel2: 3, ...audit },
		],
		accounts: [
			{ id: 1, name: 'Bristol Print & Copy Ltd', extId: 'BRI001', ...fromSage, statusId: 1, typeId: 1, segmentId: 1, rateId: 1, branchId: 1, salesRepId1: 3, countryId: 1, vatNumber: 'GB123456789', phone: '0117 496 0001', email: 'accounts@bristolprint.co.uk', address1: '12 Harbourside', city: 'Bristol', postcode: 'BS1 5TY', region: 'Avon', dateCreated: '2025-01-06T09:10:00Z' },
			{ id: 2, name: 'Cambridge Catering Co', extId: 'CAM001', ...fromSage, statusId: 1, typeId: 1, segmentId: 2, rateId: 2, branchId: 1, salesRepId1: 4, countryId: 1, vatNumber: 'GB987654321', phone: '01223 496 002', email: 'office@cambridgecatering.co.uk', address1: '3 Mill Road', city: 'Cambridge', postcode: 'CB1 2AD', region: 'Cambridgeshire', dateCreated: '2025-01-06T09:10:00Z' },
			{ id: 3, name: "O'Brien & Sons (Dublin) Ltd", extId: 'OBR001', ...fromSage, statusId: 1, typeId: 2, segmentId: 1, rateId: 1, branchId: 1, salesRepId1: 3, countryId: 2, vatNumber: 'IE1234567T', phone: '+353 1 555 0100', email: 'info@obrienandsons.ie', address1: '45 Capel Street', city: 'Dublin', postcode: 'D01 X2X2', region: 'Co. Dublin', dateCreated: '2025-01-06T09:10:00Z' },
			{ id: 4, name: 'Greenfield Garden Centre', statusId: 2, typeId: 1, segmentId: 1, branchId: 1, salesRepId1: 4, countryId: 1, phone: '01632 960 004', email: 'hello@greenfieldgc.co.uk', address1: 'Station Lane', city: 'Ludlow', postcode: 'SY8 1AA', readOnly: false, dateCreated: '2025-02-03T14:25:00Z', salesRepIdCreated: 4 },
		],
		contacts: [
			{ id: 1, firstName: 'Harriet', lastName: 'Shaw', accountId: 1, branchId: 1, salesRepId: 3, typeId: 1, email: 'harriet.shaw@bristolprint.co.uk', phone1: '0117 496 0011', extId: 'BRI001-1', UseCompanyAddress: true, readOnly: false, salesRepIdCreated: DEMO_USERS.integration, dateCreated: '2025-01-06T09:12:00Z' },
			{ id: 2, firstName: 'Tom', lastName: 'Whitaker', accountId: 2, branchId: 1, salesRepId: 4, typeId: 2, email: 'tom@cambridgecatering.co.uk', phone1: '01223 496 012', extId: 'CAM001-1', UseCompanyAddress: true, readOnly: false, salesRepIdCreated: DEMO_USERS.integration, dateCreated: '2025-01-06T09:12:00Z' },
			{ id: 3, firstName: 'Siobhán', lastName: "O'Brien", accountId: 3, branchId: 1, salesRepId: 3, typeId: 1, email: 'siobhan@obrienandsons.ie', gender: 1, extId: 'OBR001-1', UseCompanyAddress: true, readOnly: false, salesRepIdCreated: DEMO_USERS.integration, dateCreated: '2025-01-06T09:12:00Z' },
			{ id: 4, firstName: 'Priya', lastName: 'Patel', accountId: 4, branchId: 1, salesRepId: 4, typeId: 1, email: 'priya@greenfieldgc.co.uk', UseCompanyAddress: false, readOnly: false, dateCreated: '2025-02-03T14:30:00Z', salesRepIdCreated: 4 },
		],
		products: [
			{ id: 1, model: 'A4 copier paper 80gsm (box of 5 reams)', extId: 'PAP-A4-80', familyId: 1, categoryId: 1, price: 24.99, cost: 15.2, stock: 340, notAvailable: false, ...fromSage, dateCreated: T0 },
			{ id: 2, model: 'Oak executive desk 1600mm', extId: 'DSK-OAK-16', familyId: 2, categoryId: 2, price: 489, cost: 301.5, stock: 12, notAvailable: false, ...fromSage, dateCreated: T0 },
			{ id: 3, model: 'Desk installation (per desk)', extId: 'SRV-INSTALL', familyId: 3, categoryId: 3, price: 45, cost: 0, stock: null, notAvailable: false, ...fromSage, dateCreated: T0 },
			{ id: 4, model: 'A3 copier paper 80gsm (discontinued)', extId: 'PAP-A3-80', familyId: 1, categoryId: 1, price: 39.99, cost: 25, stock: 0, notAvailable: true, ...fromSage, dateCreated: T0 },
		],
		salesorders: [
			{ id: 1, reference: 'SO-1001', number: 1001, year: 2025, statusId: 2, accountId: 1, contactId: 1, branchId: 1, salesRepId: 3, currencyId: 1, rateId: 1, total: 1053, extId: '1001', ...fromSage, dateCreated: '2025-02-10T10:00:00Z' },
		],
		salesordersLines: [
			{ id: 1, salesorderId: 1, productId: 2, quantity: 2, price: 489, total: 978, order: 1, description: 'Oak executive desk 1600mm', ...audit, salesRepIdCreated: DEMO_USERS.integration },
			{ id: 2, salesorderId: 1, productId: 3, quantity: 2, price: 37.5, total: 75, order: 2, description: 'Desk installation (per desk)', ...audit, salesRepIdCreated: DEMO_USERS.integration },
		],
		sales: [
			{ id: 1, accountId: 1, accountExtId: 'BRI001', date: '2025-02-14T00:00:00Z', total: 1263.6, extId: 'INV-5001', salesRepId: 3, dateCreated: '2025-02-14T18:00:00Z', salesRepIdCreated: DEMO_USERS.integration },
		],
	};
}
