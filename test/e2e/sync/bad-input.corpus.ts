// The bad-input corpus of `bad-input.test.ts` (issue 8 point 11, "bad input never corrupts or blocks"):
// records people enter the way they would — in Sage through the bridge's API as another program does,
// in ForceManager as a user of the app — and faults either server answers with. Each case says where it
// is entered, the record, whether it must fail or arrive (some look bad and are not: quotes are legal
// in a name, a lower-case reference is normalised), and for failures the field the message names and
// the value it quotes. Every failing case names its value (over-long ones quote the first 20 characters, a
// control character its code point); only the fault cases, which arrive, name none. Pure data; the test
// enters, syncs and asserts.
import type { IDataObject } from 'n8n-workflow';

export type Outcome = 'fail' | 'arrive';

/** The shipped templates a case goes through (workflow ids of `workflows/*.json`). */
export const WORKFLOWS = {
	sageAccounts: 'sfmSageToFmAccounts',
	sageContacts: 'sfmSageToFmContacts',
	sageProducts: 'sfmSageToFmProducts',
	fmAccounts: 'sfmFmToSageAccounts',
	fmContacts: 'sfmFmToSageContacts',
	fmQuotations: 'sfmFmToSageOrders',
} as const;
export type WorkflowKey = keyof typeof WORKFLOWS;

/** How a person enters the record. */
export type Entry =
	/** A new account in the ForceManager app (branch 1, rep Ben Carter unless given). */
	| { entry: 'fmAccount'; record: IDataObject }
	/** A new contact in ForceManager under the account of Sage customer `account`. */
	| { entry: 'fmContact'; account: string; record: IDataObject }
	/** An edit in ForceManager of the contact synced from Sage customer `account`'s contact named `contact`. */
	| { entry: 'fmContactEdit'; account: string; contact: string; record: IDataObject }
	/** A new sales order in ForceManager for Sage customer `account`, one line per product extId. */
	| { entry: 'fmQuotation'; account: string; record: IDataObject; lines: Array<{ product: string; quantity: number }> }
	/** A new customer in Sage. */
	| { entry: 'sageCustomer'; record: IDataObject }
	/** An edit in Sage of customer `ref` (already in ForceManager). */
	| { entry: 'sageCustomerEdit'; ref: string; record: IDataObject }
	/** A new contact-type address in Sage under customer `account`. */
	| { entry: 'sageContact'; account: string; record: IDataObject }
	/** A new product in Sage. */
	| { entry: 'sageProduct'; record: IDataObject };

export interface CaseBase {
	id: string;
	/** The system the record is entered in (faults: the server that answers with garbage). */
	system: 'sage' | 'forceManager';
	title: string;
	expect: Outcome;
	/** fail: the field the failure names. */
	field?: string;
	/** fail: text the message quotes from the value; null when it names none (then `noValue` says why). */
	value?: string | null;
	noValue?: string;
}

export type RecordCase = CaseBase & Entry;

/** A garbage answer from one server while a good record (`rider`) goes through. */
export interface FaultCase extends CaseBase {
	entry: 'fault';
	workflow: WorkflowKey;
	/**
	 * When it is injected: in retry round 1–4 (it meets the first matching request, whichever record's);
	 * `after` the dead letters are parked (the rider's write is the template's only one, so a garbled answer
	 * to a write that happened meets it); `hard`: it outlasts the retries, the run fails, nothing is confirmed.
	 */
	round: 1 | 2 | 3 | 4 | 'after' | 'hard';
	fault: IDataObject;
	rider: Entry;
}

export type BadInputCase = RecordCase | FaultCase;

/** `prefix` padded with `fill` to exactly `length` characters. */
export const sized = (prefix: string, length: number, fill = 'X'): string => (prefix + fill.repeat(length)).slice(0, length);
/** What a failure message quotes of a long value: its first 20 characters. */
const head = (value: string): string => value.slice(0, 20);

/** ForceManager countries a real tenant has besides the demo's four (none of them in the Mapper's default Countries option). */
export const EXTRA_FM_COUNTRIES = [
	{ id: 5, descriptionEN: 'Germany', iso2: 'DE' },
	{ id: 6, descriptionEN: 'United States', iso2: 'US' },
];
/** Products a person created in ForceManager by hand, with codes typed in (Sage knows GHOST-01 under no code; paper001 is PAPER001 in lower case). */
export const HAND_MADE_FM_PRODUCTS = [
	{ extId: 'GHOST-01', model: 'Ghost widget (never in Sage)' },
	{ extId: 'paper001', model: 'A4 paper (code typed in lower case)' },
];

const tooLong = (field: string, value: string) => ({ expect: 'fail' as const, field, value: head(value) });
const cannotHold = (field: string, chars: string) => ({ expect: 'fail' as const, field, value: chars });
const arrives = { expect: 'arrive' as const };

// ---- ForceManager accounts → Sage customers (fm-to-sage-accounts) --------------------------------------
const N61 = sized('Overlong Trading Name ', 61);
const N255 = sized('Very Very Long Account Name ', 255);
const A61 = sized('Unit 1, The Very Long Industrial Estate Road ', 61);
const A120 = sized('Building 7, Second Floor, East Wing ', 120);
const C61 = sized('Llanfairpwllgwyngyll-on-the-Long-Town ', 61);
const R61 = sized('The Extremely Long County Name of ', 61);
const P31 = sized('+44 (0)1632 960 000 ext ', 31);
const P40 = sized('+44 (0)7700 900 000 / mobile ', 40);
const F31 = sized('Fax +44 (0)1632 960 999 ', 31);
const V21 = sized('GB123456789', 21, '0');
const ACCENT61 = 'é'.repeat(61);

const fmAccounts: RecordCase[] = [
	{ id: 'FA01', system: 'forceManager', title: 'name of 61 characters', entry: 'fmAccount', record: { name: N61 }, ...tooLong('NAME', N61) },
	{ id: 'FA02', system: 'forceManager', title: 'name of 255 characters (ForceManager maximum)', entry: 'fmAccount', record: { name: N255 }, ...tooLong('NAME', N255) },
	{ id: 'FA03', system: 'forceManager', title: 'address line 1 of 61 characters', entry: 'fmAccount', record: { name: 'Long Address One Ltd', address1: A61 }, ...tooLong('ADDRESS_1', A61) },
	{ id: 'FA04', system: 'forceManager', title: 'address line 2 of 120 characters', entry: 'fmAccount', record: { name: 'Long Address Two Ltd', address2: A120 }, ...tooLong('ADDRESS_2', A120) },
	{ id: 'FA05', system: 'forceManager', title: 'town of 61 characters', entry: 'fmAccount', record: { name: 'Long Town Ltd', city: C61 }, ...tooLong('ADDRESS_3', C61) },
	{ id: 'FA06', system: 'forceManager', title: 'county of 61 characters', entry: 'fmAccount', record: { name: 'Long County Ltd', region: R61 }, ...tooLong('ADDRESS_4', R61) },
	{ id: 'FA07', system: 'forceManager', title: 'phone of 31 characters', entry: 'fmAccount', record: { name: 'Long Phone Ltd', phone: P31 }, ...tooLong('TELEPHONE', P31) },
	{ id: 'FA08', system: 'forceManager', title: 'second phone of 40 characters', entry: 'fmAccount', record: { name: 'Long Mobile Ltd', phone2: P40 }, ...tooLong('TELEPHONE_2', P40) },
	{ id: 'FA09', system: 'forceManager', title: 'fax of 31 characters', entry: 'fmAccount', record: { name: 'Long Fax Ltd', fax: F31 }, ...tooLong('FAX', F31) },
	{ id: 'FA10', system: 'forceManager', title: 'VAT number of 21 characters', entry: 'fmAccount', record: { name: 'Long VAT Ltd', vatNumber: V21 }, ...tooLong('VAT_REG_NUMBER', V21) },
	{ id: 'FA11', system: 'forceManager', title: 'name of 61 accented characters (length counts characters, not bytes)', entry: 'fmAccount', record: { name: ACCENT61 }, ...tooLong('NAME', ACCENT61) },
	{ id: 'FA12', system: 'forceManager', title: 'emoji in the name', entry: 'fmAccount', record: { name: 'Sunny 😀 Cafe' }, ...cannotHold('NAME', '😀') },
	{ id: 'FA13', system: 'forceManager', title: 'Chinese name', entry: 'fmAccount', record: { name: '北京贸易 Trading' }, ...cannotHold('NAME', '北') },
	{ id: 'FA14', system: 'forceManager', title: 'Polish letters outside Windows-1252', entry: 'fmAccount', record: { name: 'Łódź Imports' }, ...cannotHold('NAME', 'Ł') },
	{ id: 'FA15', system: 'forceManager', title: 'Greek name', entry: 'fmAccount', record: { name: 'Αθήνα Foods' }, ...cannotHold('NAME', 'Α') },
	{ id: 'FA16', system: 'forceManager', title: 'Cyrillic town', entry: 'fmAccount', record: { name: 'Moscow Branch Ltd', city: 'Москва' }, ...cannotHold('ADDRESS_3', 'М') },
	{ id: 'FA17', system: 'forceManager', title: 'NUL character in the address', entry: 'fmAccount', record: { name: 'Nul Byte Ltd', address1: 'Unit 4\u0000 Dock Road' }, ...cannotHold('ADDRESS_1', 'U+0000') },
	{ id: 'FA18', system: 'forceManager', title: 'telephone sign in the phone number', entry: 'fmAccount', record: { name: 'Phone Sign Ltd', phone: '☎ 01632 960 123' }, ...cannotHold('TELEPHONE', '☎') },
	{ id: 'FA19', system: 'forceManager', title: 'Turkish ş outside Windows-1252', entry: 'fmAccount', record: { name: 'Kuşadası Textiles' }, ...cannotHold('NAME', 'ş') },
	{ id: 'FA20', system: 'forceManager', title: 'typed extId with a space', entry: 'fmAccount', record: { name: 'Spaced Ref Ltd', extId: 'bad ref' }, expect: 'fail', field: 'ACCOUNT_REF', value: 'BAD REF' },
	{ id: 'FA21', system: 'forceManager', title: 'typed extId of 11 characters', entry: 'fmAccount', record: { name: 'Long Ref Ltd', extId: 'TOOLONGREF1' }, expect: 'fail', field: 'ACCOUNT_REF', value: 'TOOLONGREF1' },
	{ id: 'FA22', system: 'forceManager', title: 'typed extId with a quote', entry: 'fmAccount', record: { name: 'Quote Ref Ltd', extId: "O'B001" }, expect: 'fail', field: 'ACCOUNT_REF', value: "O'B001" },
	{ id: 'FA23', system: 'forceManager', title: 'typed extId that is SQL', entry: 'fmAccount', record: { name: 'SQL Ref Ltd', extId: "X' OR '1'='1" }, expect: 'fail', field: 'ACCOUNT_REF', value: "X' OR '1'='1" },
	{ id: 'FA24', system: 'forceManager', title: 'typed extId with a LIKE wildcard', entry: 'fmAccount', record: { name: 'Percent Ref Ltd', extId: 'PCT%01' }, expect: 'fail', field: 'ACCOUNT_REF', value: 'PCT%01' },
	{ id: 'FA25', system: 'forceManager', title: 'typed extId with a comma', entry: 'fmAccount', record: { name: 'Comma Ref Ltd', extId: 'AB,CD' }, expect: 'fail', field: 'ACCOUNT_REF', value: 'AB,CD' },
	{ id: 'FA26', system: 'forceManager', title: 'typed extId with two commas (an empty item in a list look-up)', entry: 'fmAccount', record: { name: 'Double Comma Ltd', extId: 'AB,,CD' }, expect: 'fail', field: 'ACCOUNT_REF', value: 'AB,,CD' },
	{ id: 'FA27', system: 'forceManager', title: 'country Germany, not in the Countries option', entry: 'fmAccount', record: { name: 'Berlin Buyers GmbH', countryId: 5 }, expect: 'fail', field: 'countryId', value: 'Germany' },
	{ id: 'FA28', system: 'forceManager', title: 'country United States, not in the Countries option', entry: 'fmAccount', record: { name: 'Boston Buyers Inc', countryId: 6 }, expect: 'fail', field: 'countryId', value: 'United States' },
	{ id: 'FA29', system: 'forceManager', title: 'name of exactly 60 characters', entry: 'fmAccount', record: { name: sized('Exactly Sixty Characters Trading ', 60) }, ...arrives },
	{ id: 'FA30', system: 'forceManager', title: 'phone of exactly 30 characters', entry: 'fmAccount', record: { name: 'Thirty Phone Ltd', phone: sized('+44 (0)1632 960 000 ext ', 30, '1') }, ...arrives },
	{ id: 'FA31', system: 'forceManager', title: 'VAT number of exactly 20 characters', entry: 'fmAccount', record: { name: 'Twenty VAT Ltd', vatNumber: sized('GB123456789', 20, '0') }, ...arrives },
	{ id: 'FA32', system: 'forceManager', title: 'curly quotes, euro sign and accents Sage holds', entry: 'fmAccount', record: { name: 'Zoë’s “Best” Café €' }, ...arrives },
	{ id: 'FA33', system: 'forceManager', title: 'French accents in name and town', entry: 'fmAccount', record: { name: 'Crème Brûlée Ltd', city: 'Besançon' }, ...arrives },
	{ id: 'FA34', system: 'forceManager', title: 'Nordic letters Sage holds', entry: 'fmAccount', record: { name: 'Ærø Ørsted Straße' }, ...arrives },
	{ id: 'FA35', system: 'forceManager', title: 'apostrophe and ampersand', entry: 'fmAccount', record: { name: "O'Neill & Sons" }, ...arrives },
	{ id: 'FA36', system: 'forceManager', title: 'SQL injection in the name', entry: 'fmAccount', record: { name: "Robert'); DROP TABLE SALES_LEDGER;--" }, ...arrives },
	{ id: 'FA37', system: 'forceManager', title: 'tautology in the name', entry: 'fmAccount', record: { name: "x' OR '1'='1" }, ...arrives },
	{ id: 'FA38', system: 'forceManager', title: 'double quotes in the name', entry: 'fmAccount', record: { name: '"Quoted" Name Ltd' }, ...arrives },
	{ id: 'FA39', system: 'forceManager', title: 'LIKE wildcards and brackets in the name', entry: 'fmAccount', record: { name: '100% Pure_Trading [Ltd]' }, ...arrives },
	{ id: 'FA40', system: 'forceManager', title: 'backslash in the name', entry: 'fmAccount', record: { name: 'Back\\slash Ltd' }, ...arrives },
	{ id: 'FA41', system: 'forceManager', title: 'comment marker and semicolon in the name', entry: 'fmAccount', record: { name: 'Semi; colon -- dash Ltd' }, ...arrives },
	{ id: 'FA42', system: 'forceManager', title: 'typed extId in lower case (normalised to upper case)', entry: 'fmAccount', record: { name: 'Lower Ref Ltd', extId: 'new001' }, ...arrives },
	{ id: 'FA43', system: 'forceManager', title: 'typed extId with & and - (allowed by Sage)', entry: 'fmAccount', record: { name: 'Amp Ref Ltd', extId: 'A&B-01' }, ...arrives },
	{ id: 'FA44', system: 'forceManager', title: 'no country at all', entry: 'fmAccount', record: { name: 'Nowhere Ltd' }, ...arrives },
	{ id: 'FA45', system: 'forceManager', title: 'country Ireland (in the Countries option)', entry: 'fmAccount', record: { name: 'Cork Customers Ltd', countryId: 2 }, ...arrives },
	{ id: 'FA46', system: 'forceManager', title: 'a plain good account', entry: 'fmAccount', record: { name: 'Harbour Goods Ltd', phone: '01632 960 100', city: 'Whitby' }, ...arrives },
];

// ---- ForceManager contacts → Sage contact addresses (fm-to-sage-contacts) ------------------------------
const NOTE201 = sized('Prefers calls after 10am; ', 201);
const fmContacts: RecordCase[] = [
	{ id: 'FC01', system: 'forceManager', title: 'first + last name of 31 characters', entry: 'fmContact', account: 'KIN001', record: { firstName: 'Maximilian Alexander', lastName: 'Worthington' }, ...tooLong('CONTACT_NAME', 'Maximilian Alexander Worthington') },
	{ id: 'FC02', system: 'forceManager', title: 'phone of 31 characters', entry: 'fmContact', account: 'KIN001', record: { firstName: 'Pat', lastName: 'Longphone', phone1: P31 }, ...tooLong('TELEPHONE', P31) },
	{ id: 'FC03', system: 'forceManager', title: 'mobile of 40 characters', entry: 'fmContact', account: 'ABS001', record: { firstName: 'Sam', lastName: 'Longmobile', phone2: P40 }, ...tooLong('TELEPHONE_2', P40) },
	{ id: 'FC04', system: 'forceManager', title: 'comment of 201 characters', entry: 'fmContact', account: 'ABS001', record: { firstName: 'Chris', lastName: 'Chatty', comment: NOTE201 }, ...tooLong('NOTES', NOTE201) },
	{ id: 'FC05', system: 'forceManager', title: 'address line 1 of 61 characters', entry: 'fmContact', account: 'STE001', record: { firstName: 'Alex', lastName: 'Faraway', address1: A61 }, ...tooLong('ADDRESS_1', A61) },
	{ id: 'FC06', system: 'forceManager', title: 'town of 61 characters', entry: 'fmContact', account: 'STE001', record: { firstName: 'Jo', lastName: 'Longtown', city: C61 }, ...tooLong('ADDRESS_3', C61) },
	{ id: 'FC07', system: 'forceManager', title: 'emoji in the last name', entry: 'fmContact', account: 'KIN001', record: { firstName: 'Emma', lastName: 'Smile🙂' }, ...cannotHold('CONTACT_NAME', '🙂') },
	{ id: 'FC08', system: 'forceManager', title: 'Chinese first name', entry: 'fmContact', account: 'A1D001', record: { firstName: '王', lastName: 'Wang' }, ...cannotHold('CONTACT_NAME', '王') },
	{ id: 'FC09', system: 'forceManager', title: 'emoji in the comment', entry: 'fmContact', account: 'A1D001', record: { firstName: 'Noel', lastName: 'Notes', comment: 'Loves our service 👍' }, ...cannotHold('NOTES', '👍') },
	{ id: 'FC10', system: 'forceManager', title: 'typed extId in another system\'s format', entry: 'fmContact', account: 'KIN001', record: { firstName: 'Otto', lastName: 'Format', extId: 'BRI001-1' }, expect: 'fail', field: 'extId', value: 'BRI001-1' },
	{ id: 'FC11', system: 'forceManager', title: 'typed extId that is SQL', entry: 'fmContact', account: 'ABS001', record: { firstName: 'Ivy', lastName: 'Injected', extId: "ABS001/1' OR '1'='1" }, expect: 'fail', field: 'extId', value: "ABS001/1' OR '1'='1" },
	{ id: 'FC12', system: 'forceManager', title: 'typed extId in lower case naming no Sage address', entry: 'fmContact', account: 'KIN001', record: { firstName: 'Lou', lastName: 'Lowercase', extId: 'kin001/99' }, expect: 'fail', field: 'extId', value: 'KIN001/99' },
	{ id: 'FC13', system: 'forceManager', title: 'edit: phone of 35 characters on a synced contact (Sage keeps its phone)', entry: 'fmContactEdit', account: 'KIN001', contact: 'Anna Kinnerton', record: { phone1: sized('+44 (0)20 7235 1234 extension ', 35, '9') }, ...tooLong('TELEPHONE', sized('+44 (0)20 7235 1234 extension ', 35, '9')) },
	{ id: 'FC14', system: 'forceManager', title: 'edit: emoji in the last name of a synced contact (Sage keeps its name)', entry: 'fmContactEdit', account: 'ABS001', contact: 'Mike Hall', record: { lastName: 'Hall🔧' }, ...cannotHold('CONTACT_NAME', '🔧') },
	{ id: 'FC15', system: 'forceManager', title: 'Irish name with fada and apostrophe', entry: 'fmContact', account: 'BRO001', record: { firstName: 'Siobhán', lastName: "O'Brien-Ní Dhuibhir" }, ...arrives },
	{ id: 'FC16', system: 'forceManager', title: 'SQL in the last name', entry: 'fmContact', account: 'BRO001', record: { firstName: 'Bobby', lastName: "Tables');--" }, ...arrives },
	{ id: 'FC17', system: 'forceManager', title: 'name of exactly 30 characters', entry: 'fmContact', account: 'STE001', record: { firstName: 'Alexandra-Jane', lastName: 'Featherstonehau' }, ...arrives },
	{ id: 'FC18', system: 'forceManager', title: 'comment of exactly 200 characters', entry: 'fmContact', account: 'STE001', record: { firstName: 'Clara', lastName: 'Comments', comment: sized('Prefers calls after 10am; ', 200) }, ...arrives },
	{ id: 'FC19', system: 'forceManager', title: 'contact of an account on hold in Sage (addresses are allowed)', entry: 'fmContact', account: 'BUS001', record: { firstName: 'Harold', lastName: 'Held', phone1: '0121 780 4142' }, ...arrives },
	{ id: 'FC20', system: 'forceManager', title: 'contact of an inactive Sage account (addresses are allowed)', entry: 'fmContact', account: 'COM001', record: { firstName: 'Ingrid', lastName: 'Inactive' }, ...arrives },
	{ id: 'FC21', system: 'forceManager', title: 'apostrophe in the e-mail address', entry: 'fmContact', account: 'A1D001', record: { firstName: 'Tim', lastName: "O'Reilly", email: "tim.o'reilly@a1design.example" }, ...arrives },
	{ id: 'FC22', system: 'forceManager', title: 'contact of the account whose Sage reference has & and - (A&B-01)', entry: 'fmContact', account: 'A&B-01', record: { firstName: 'Andy', lastName: 'Ampersand' }, ...arrives },
	{ id: 'FC23', system: 'forceManager', title: 'a plain good contact', entry: 'fmContact', account: 'KIN001', record: { firstName: 'Grace', lastName: 'Goodwin', email: 'grace@kinnerton.example', phone1: '020 7235 1299' }, ...arrives },
];

// ---- ForceManager sales orders → Sage quotations (fm-to-sage-sales-orders) ------------------------------
const REF61 = sized('PO-2026-0001 for the spring refurbishment of ', 61);
const fmQuotations: RecordCase[] = [
	{ id: 'FQ01', system: 'forceManager', title: 'reference of 61 characters', entry: 'fmQuotation', account: 'KIN001', record: { reference: REF61 }, lines: [{ product: 'PAPER001', quantity: 1 }], ...tooLong('CUST_ORDER_NUMBER', REF61) },
	{ id: 'FQ02', system: 'forceManager', title: 'emoji in the reference', entry: 'fmQuotation', account: 'KIN001', record: { reference: 'Rush order 🚀' }, lines: [{ product: 'PAPER001', quantity: 1 }], ...cannotHold('CUST_ORDER_NUMBER', '🚀') },
	{ id: 'FQ03', system: 'forceManager', title: 'line product unknown to Sage', entry: 'fmQuotation', account: 'ABS001', record: { reference: 'Ghost order' }, lines: [{ product: 'GHOST-01', quantity: 2 }], expect: 'fail', field: 'ITEMS[0].STOCK_CODE', value: 'GHOST-01' },
	{ id: 'FQ04', system: 'forceManager', title: 'second line product unknown to Sage', entry: 'fmQuotation', account: 'ABS001', record: { reference: 'Half ghost order' }, lines: [{ product: 'BOOK001', quantity: 1 }, { product: 'GHOST-01', quantity: 1 }], expect: 'fail', field: 'ITEMS[1].STOCK_CODE', value: 'GHOST-01' },
	{ id: 'FQ05', system: 'forceManager', title: 'order for an account on hold in Sage', entry: 'fmQuotation', account: 'BUS001', record: { reference: 'Held order' }, lines: [{ product: 'PAPER001', quantity: 3 }], expect: 'fail', field: 'ACCOUNT_REF', value: 'BUS001' },
	{ id: 'FQ06', system: 'forceManager', title: 'order for an inactive Sage account', entry: 'fmQuotation', account: 'COM001', record: { reference: 'Inactive order' }, lines: [{ product: 'PAPER001', quantity: 3 }], expect: 'fail', field: 'ACCOUNT_REF', value: 'COM001' },
	{ id: 'FQ07', system: 'forceManager', title: 'order in euros for a customer trading in pounds', entry: 'fmQuotation', account: 'KIN001', record: { reference: 'Euro order', currencyId: 2 }, lines: [{ product: 'PAPER001', quantity: 1 }], expect: 'fail', field: 'CURRENCY_CODE', value: 'EUR' },
	{ id: 'FQ08', system: 'forceManager', title: 'order in dollars for a customer trading in euros', entry: 'fmQuotation', account: 'DUB001', record: { reference: 'Dollar order', currencyId: 3 }, lines: [{ product: 'PAPER001', quantity: 1 }], expect: 'fail', field: 'CURRENCY_CODE', value: 'USD' },
	{ id: 'FQ09', system: 'forceManager', title: 'line quantity 0', entry: 'fmQuotation', account: 'STE001', record: { reference: 'Zero order' }, lines: [{ product: 'PAPER001', quantity: 0 }], expect: 'fail', field: 'ITEMS[0].QTY_ORDER', value: 'QTY_ORDER is 0' },
	{ id: 'FQ10', system: 'forceManager', title: 'negative line quantity', entry: 'fmQuotation', account: 'STE001', record: { reference: 'Negative order' }, lines: [{ product: 'BOOK001', quantity: -2 }], expect: 'fail', field: 'ITEMS[0].QTY_ORDER', value: 'QTY_ORDER is -2' },
	{ id: 'FQ11', system: 'forceManager', title: 'reference of exactly 60 characters', entry: 'fmQuotation', account: 'KIN001', record: { reference: sized('PO-2026-0002 for the spring refurbishment of ', 60) }, lines: [{ product: 'PAPER001', quantity: 1 }], ...arrives },
	{ id: 'FQ12', system: 'forceManager', title: 'SQL in the reference', entry: 'fmQuotation', account: 'A1D001', record: { reference: "PO-1'; DROP TABLE SALES_ORDER;--" }, lines: [{ product: 'BOOK001', quantity: 2 }], ...arrives },
	{ id: 'FQ13', system: 'forceManager', title: 'line product whose code was typed in lower case (Sage normalises it)', entry: 'fmQuotation', account: 'A1D001', record: { reference: 'Lower-case code order' }, lines: [{ product: 'paper001', quantity: 4 }], ...arrives },
	{ id: 'FQ14', system: 'forceManager', title: 'order in pounds for a customer trading in pounds', entry: 'fmQuotation', account: 'KIN001', record: { reference: 'Pound order', currencyId: 1 }, lines: [{ product: 'BOOK001', quantity: 1 }], ...arrives },
	{ id: 'FQ15', system: 'forceManager', title: 'order in euros for a customer trading in euros', entry: 'fmQuotation', account: 'DUB001', record: { reference: 'Euro order for Dublin', currencyId: 2 }, lines: [{ product: 'PAPER001', quantity: 2 }], ...arrives },
	{ id: 'FQ16', system: 'forceManager', title: 'order without a currency (Sage uses the customer\'s)', entry: 'fmQuotation', account: 'DUB001', record: { reference: 'No currency order' }, lines: [{ product: 'BOOK001', quantity: 5 }], ...arrives },
	{ id: 'FQ17', system: 'forceManager', title: 'curly quotes and pound sign in the reference', entry: 'fmQuotation', account: 'STE001', record: { reference: 'Fitting – “premium” £50' }, lines: [{ product: 'PAPER001', quantity: 1 }], ...arrives },
	{ id: 'FQ18', system: 'forceManager', title: 'line product whose Sage code has a quote (O\'RING-1)', entry: 'fmQuotation', account: 'STE001', record: { reference: 'O-ring order' }, lines: [{ product: "O'RING-1", quantity: 10 }], ...arrives },
	{ id: 'FQ19', system: 'forceManager', title: 'a plain good order with two lines', entry: 'fmQuotation', account: 'ABS001', record: { reference: 'Good order' }, lines: [{ product: 'PAPER001', quantity: 2 }, { product: 'BOOK001', quantity: 1 }], ...arrives },
];

// ---- Sage customers → ForceManager accounts (sage-to-fm-accounts) -------------------------------------
const PC21 = sized('SW1A 1AA Room ', 21, '9');
const PC60 = sized('PO Box 1234, Sorting Office ', 60);
const sageCustomers: RecordCase[] = [
	{ id: 'SA01', system: 'sage', title: 'postcode of 21 characters (ForceManager holds 20)', entry: 'sageCustomer', record: { ACCOUNT_REF: 'PCODE21', NAME: 'Postcode Too Long Ltd', ADDRESS_5: PC21 }, ...tooLong('postcode', PC21) },
	{ id: 'SA02', system: 'sage', title: 'postcode of 60 characters', entry: 'sageCustomer', record: { ACCOUNT_REF: 'PCODE60', NAME: 'PO Box Trading Ltd', ADDRESS_5: PC60 }, ...tooLong('postcode', PC60) },
	{ id: 'SA03', system: 'sage', title: 'country DE, not in the Countries option', entry: 'sageCustomer', record: { ACCOUNT_REF: 'DEU001', NAME: 'Deutsche Kunden GmbH', COUNTRY_CODE: 'DE' }, expect: 'fail', field: 'COUNTRY_CODE', value: 'DE' },
	{ id: 'SA04', system: 'sage', title: 'country US, not in the Countries option', entry: 'sageCustomer', record: { ACCOUNT_REF: 'USA001', NAME: 'American Buyers Inc', COUNTRY_CODE: 'US' }, expect: 'fail', field: 'COUNTRY_CODE', value: 'US' },
	{ id: 'SA05', system: 'sage', title: 'country code XX (no such country)', entry: 'sageCustomer', record: { ACCOUNT_REF: 'XXX001', NAME: 'Nowhere Land Ltd', COUNTRY_CODE: 'XX' }, expect: 'fail', field: 'COUNTRY_CODE', value: 'XX' },
	{ id: 'SA06', system: 'sage', title: 'edit: postcode of 25 characters and a new phone (ForceManager keeps both old values)', entry: 'sageCustomerEdit', ref: 'STE001', record: { ADDRESS_5: sized('M1 1AA Deliveries Rear ', 25), TELEPHONE: '0161 555 9999' }, ...tooLong('postcode', sized('M1 1AA Deliveries Rear ', 25)) },
	{ id: 'SA07', system: 'sage', title: 'edit: country changed to US (ForceManager keeps its country)', entry: 'sageCustomerEdit', ref: 'A1D001', record: { COUNTRY_CODE: 'US' }, expect: 'fail', field: 'COUNTRY_CODE', value: 'US' },
	{ id: 'SA08', system: 'sage', title: 'reference typed in lower case (Sage upper-cases it)', entry: 'sageCustomer', record: { ACCOUNT_REF: 'low001', NAME: 'Lowercase Ref Ltd' }, ...arrives },
	{ id: 'SA09', system: 'sage', title: 'reference with & - _', entry: 'sageCustomer', record: { ACCOUNT_REF: 'A&B-1_X', NAME: 'Ampersand Brothers' }, ...arrives },
	{ id: 'SA10', system: 'sage', title: 'quotes in the name', entry: 'sageCustomer', record: { ACCOUNT_REF: 'QUO001', NAME: 'O\'Hara\'s "Best" Bar' }, ...arrives },
	{ id: 'SA11', system: 'sage', title: 'SQL in the name', entry: 'sageCustomer', record: { ACCOUNT_REF: 'SQL001', NAME: "'; DROP TABLE accounts; --" }, ...arrives },
	{ id: 'SA12', system: 'sage', title: 'tautology in the name', entry: 'sageCustomer', record: { ACCOUNT_REF: 'SQL002', NAME: "x' OR '1'='1" }, ...arrives },
	{ id: 'SA13', system: 'sage', title: 'accents and euro sign', entry: 'sageCustomer', record: { ACCOUNT_REF: 'CAF001', NAME: 'Café Zoë € Ltd', ADDRESS_3: 'Besançon' }, ...arrives },
	{ id: 'SA14', system: 'sage', title: 'postcode of exactly 20 characters', entry: 'sageCustomer', record: { ACCOUNT_REF: 'PCODE20', NAME: 'Postcode Twenty Ltd', ADDRESS_5: sized('SW1A 1AA Room ', 20, '9') }, ...arrives },
	{ id: 'SA15', system: 'sage', title: 'country typed in lower case (Sage upper-cases it)', entry: 'sageCustomer', record: { ACCOUNT_REF: 'IRL001', NAME: 'Galway Goods Ltd', COUNTRY_CODE: 'ie' }, ...arrives },
	{ id: 'SA16', system: 'sage', title: 'no country', entry: 'sageCustomer', record: { ACCOUNT_REF: 'NOC001', NAME: 'No Country Ltd' }, ...arrives },
	{ id: 'SA17', system: 'sage', title: 'customer on hold (accounts still sync)', entry: 'sageCustomer', record: { ACCOUNT_REF: 'HLD001', NAME: 'Held Account Ltd', ACCOUNT_ON_HOLD: 1 }, ...arrives },
	{ id: 'SA18', system: 'sage', title: 'name of 60 characters', entry: 'sageCustomer', record: { ACCOUNT_REF: 'LNG060', NAME: sized('Sixty Character Customer Name ', 60) }, ...arrives },
	{ id: 'SA19', system: 'sage', title: 'LIKE wildcards in the name', entry: 'sageCustomer', record: { ACCOUNT_REF: 'PCT001', NAME: '50% Off_Sales [Clearance]' }, ...arrives },
	{ id: 'SA20', system: 'sage', title: 'a plain good customer', entry: 'sageCustomer', record: { ACCOUNT_REF: 'GOOD01', NAME: 'Good Customer Ltd', TELEPHONE: '01632 960 500', COUNTRY_CODE: 'GB' }, ...arrives },
];

// ---- Sage contact addresses → ForceManager contacts (sage-to-fm-contacts) -----------------------------
const sageContacts: RecordCase[] = [
	{ id: 'SC01', system: 'sage', title: 'contact postcode of 25 characters', entry: 'sageContact', account: 'ABS001', record: { CONTACT_NAME: 'Paula Postcode', ADDRESS_5: sized('CF31 4EP Back Office ', 25) }, ...tooLong('postcode', sized('CF31 4EP Back Office ', 25)) },
	{ id: 'SC02', system: 'sage', title: 'contact postcode of 40 characters', entry: 'sageContact', account: 'KIN001', record: { CONTACT_NAME: 'Percy Postbox', ADDRESS_5: sized('SW1X 8EA c/o Kinnerton Street ', 40) }, ...tooLong('postcode', sized('SW1X 8EA c/o Kinnerton Street ', 40)) },
	{ id: 'SC03', system: 'sage', title: 'apostrophe and hyphen in the name', entry: 'sageContact', account: 'A1D001', record: { CONTACT_NAME: "Mary O'Neil-Smith" }, ...arrives },
	{ id: 'SC04', system: 'sage', title: 'SQL in the name', entry: 'sageContact', account: 'A1D001', record: { CONTACT_NAME: "Bobby Tables');--" }, ...arrives },
	{ id: 'SC05', system: 'sage', title: 'contact of the customer whose reference was typed in lower case', entry: 'sageContact', account: 'LOW001', record: { CONTACT_NAME: 'Lena Lower' }, ...arrives },
	{ id: 'SC06', system: 'sage', title: 'contact of the customer whose reference has & - _', entry: 'sageContact', account: 'A&B-1_X', record: { CONTACT_NAME: 'Amy Brother', E_MAIL: 'amy@ab.example' }, ...arrives },
	{ id: 'SC07', system: 'sage', title: 'contact of a customer on hold', entry: 'sageContact', account: 'BUS001', record: { CONTACT_NAME: 'Hugo Hold', TELEPHONE: '0121 780 4143' }, ...arrives },
	{ id: 'SC08', system: 'sage', title: 'apostrophe in the e-mail address', entry: 'sageContact', account: 'STE001', record: { CONTACT_NAME: "Rory O'Reilly", E_MAIL: "rory.o'reilly@stesupplies.example" }, ...arrives },
	{ id: 'SC09', system: 'sage', title: 'a plain good contact', entry: 'sageContact', account: 'KIN001', record: { CONTACT_NAME: 'Gina Good', TELEPHONE: '020 7235 1300' }, ...arrives },
];

// ---- Sage products → ForceManager products (sage-to-fm-products) ----------------------------------------
const product = (id: string, title: string, record: IDataObject): RecordCase => ({ id, system: 'sage', title, entry: 'sageProduct', record, ...arrives });
const sageProducts: RecordCase[] = [
	product('SP01', "quote in the stock code (O'RING-1)", { STOCK_CODE: "O'RING-1", DESCRIPTION: 'Rubber O-ring 25mm', ITEM_TYPE: 0, SALES_PRICE: 0.75, QTY_IN_STOCK: 500 }),
	product('SP02', 'stock code that is a SQL tautology', { STOCK_CODE: "X'OR'1'='1", DESCRIPTION: 'Tautology part', ITEM_TYPE: 0, SALES_PRICE: 1, QTY_IN_STOCK: 1 }),
	product('SP03', 'stock code typed in lower case (Sage upper-cases it)', { STOCK_CODE: 'lower-01', DESCRIPTION: 'Lower-case code part', ITEM_TYPE: 2, SALES_PRICE: 10 }),
	product('SP04', 'SQL and quotes in the description', { STOCK_CODE: 'WIDGET-PRO', DESCRIPTION: 'Widget "Pro"; DROP TABLE STOCK;--', ITEM_TYPE: 1, SALES_PRICE: 99 }),
	product('SP05', 'LIKE wildcards in the stock code', { STOCK_CODE: 'PCT%_01', DESCRIPTION: 'Wildcard part', ITEM_TYPE: 0, SALES_PRICE: 2, QTY_IN_STOCK: 3 }),
	product('SP06', 'backslash in the stock code', { STOCK_CODE: 'BACK\\SL', DESCRIPTION: 'Backslash part', ITEM_TYPE: 0, SALES_PRICE: 3, QTY_IN_STOCK: 4 }),
	product('SP07', 'stock code of 30 characters (ForceManager holds 30)', { STOCK_CODE: sized('THIRTY-CHARACTER-CODE-', 30, '9'), DESCRIPTION: 'Thirty code part', ITEM_TYPE: 2, SALES_PRICE: 5 }),
];

// ---- Garbage from either server while good records go through -------------------------------------------
const fmFault = (mode: string, method: string, path: string, extra: IDataObject = {}) => ({ mode, count: 1, method, path, ...extra });
const sageFault = (mode: string, method: string, route: string, extra: IDataObject = {}) => ({ mode, count: 1, method, route, ...extra });
const rider = (n: number): Entry => ({ entry: 'fmAccount', record: { name: `Fault Rider ${n} Ltd` } });
const sageRider = (ref: string): Entry => ({ entry: 'sageCustomer', record: { ACCOUNT_REF: ref, NAME: `Rider ${ref} Ltd` } });
const noValue = { expect: 'arrive' as const, noValue: 'a transient fault of the answer, not of the record: the record arrives' };

const faults: FaultCase[] = [
	{ id: 'XS01', system: 'sage', title: 'HTML 502 page instead of the answer to a customer create', entry: 'fault', workflow: 'fmAccounts', round: 1, fault: sageFault('htmlError', 'POST', '/customers'), rider: rider(1), ...noValue },
	{ id: 'XS02', system: 'sage', title: 'answer to a customer create cut off (the create happened)', entry: 'fault', workflow: 'fmAccounts', round: 'after', fault: sageFault('truncatedJson', 'POST', '/customers', { processed: true }), rider: rider(2), ...noValue },
	{ id: 'XS03', system: 'sage', title: 'empty answer to the customer look-up', entry: 'fault', workflow: 'fmAccounts', round: 3, fault: sageFault('emptyBody', 'GET', '/customers'), rider: rider(3), ...noValue },
	{ id: 'XS04', system: 'sage', title: 'huge answer (1 MiB, never valid JSON) to the customer look-up', entry: 'fault', workflow: 'fmAccounts', round: 4, fault: sageFault('hugePayload', 'GET', '/customers', { sizeBytes: 2 ** 20 }), rider: rider(4), ...noValue },
	{ id: 'XS05', system: 'sage', title: 'empty answer to an address create (the create happened)', entry: 'fault', workflow: 'fmContacts', round: 'after', fault: sageFault('emptyBody', 'POST', '/customers/{accountRef}/addresses', { processed: true }), rider: { entry: 'fmContact', account: 'A1D001', record: { firstName: 'Fay', lastName: 'Faulted' } }, ...noValue },
	{ id: 'XS06', system: 'sage', title: 'crash text (500 text/plain) instead of a quotation create', entry: 'fault', workflow: 'fmQuotations', round: 1, fault: sageFault('nonJson500', 'POST', '/sales-orders'), rider: { entry: 'fmQuotation', account: 'A1D001', record: { reference: 'Rider quote 1' }, lines: [{ product: 'BOOK001', quantity: 1 }] }, ...noValue },
	{ id: 'XS07', system: 'sage', title: 'HTML 503 page after a quotation create happened', entry: 'fault', workflow: 'fmQuotations', round: 'after', fault: sageFault('htmlError', 'POST', '/sales-orders', { processed: true, status: 503 }), rider: { entry: 'fmQuotation', account: 'A1D001', record: { reference: 'Rider quote 2' }, lines: [{ product: 'PAPER001', quantity: 1 }] }, ...noValue },
	{ id: 'XS08', system: 'sage', title: 'HTML 502 page instead of the trigger\'s lease', entry: 'fault', workflow: 'sageAccounts', round: 1, fault: sageFault('htmlError', 'POST', '/deliveries/{consumer}/lease'), rider: sageRider('RIDE01'), ...noValue },
	{ id: 'XS09', system: 'sage', title: 'empty answer to Confirm Delivery\'s acknowledgement', entry: 'fault', workflow: 'sageAccounts', round: 2, fault: sageFault('emptyBody', 'POST', '/deliveries/{consumer}/acks'), rider: sageRider('RIDE02'), ...noValue },
	{ id: 'XS10', system: 'sage', title: 'cut-off JSON instead of the lease (before anything is leased)', entry: 'fault', workflow: 'sageContacts', round: 1, fault: sageFault('truncatedJson', 'POST', '/deliveries/{consumer}/lease'), rider: { entry: 'sageContact', account: 'STE001', record: { CONTACT_NAME: 'Riley Rider' } }, ...noValue },
	{ id: 'XS11', system: 'sage', title: 'huge answer to a customer look-up on every retry: the run fails, nothing is confirmed, the record lands after the Confirmation Timeout', entry: 'fault', workflow: 'fmAccounts', round: 'hard', fault: { mode: 'hugePayload', count: 20, method: 'GET', route: '/customers', sizeBytes: 2 ** 20 }, rider: rider(5), ...noValue },
	{ id: 'XF01', system: 'forceManager', title: 'HTML 502 page instead of the account look-up', entry: 'fault', workflow: 'sageAccounts', round: 3, fault: fmFault('htmlError', 'GET', '/accounts'), rider: sageRider('RIDE03'), ...noValue },
	{ id: 'XF02', system: 'forceManager', title: 'cut-off JSON instead of the account look-up', entry: 'fault', workflow: 'sageAccounts', round: 4, fault: fmFault('truncatedJson', 'GET', '/accounts'), rider: sageRider('RIDE04'), ...noValue },
	{ id: 'XF03', system: 'forceManager', title: 'empty answer to the contact look-up', entry: 'fault', workflow: 'sageContacts', round: 2, fault: fmFault('emptyBody', 'GET', '/contacts'), rider: { entry: 'sageContact', account: 'ABS001', record: { CONTACT_NAME: 'Erin Empty' } }, ...noValue },
	{ id: 'XF04', system: 'forceManager', title: 'huge answer (1 MiB) to the trigger\'s account poll', entry: 'fault', workflow: 'fmAccounts', round: 2, fault: fmFault('hugePayload', 'GET', '/accounts', { sizeBytes: 2 ** 20 }), rider: rider(6), ...noValue },
	{ id: 'XF05', system: 'forceManager', title: 'crash text (500 text/plain) instead of the trigger\'s contact poll', entry: 'fault', workflow: 'fmContacts', round: 2, fault: fmFault('nonJson500', 'GET', '/contacts'), rider: { entry: 'fmContact', account: 'STE001', record: { firstName: 'Carl', lastName: 'Crash' } }, ...noValue },
	{ id: 'XF06', system: 'forceManager', title: 'HTML 502 page instead of the order lines read', entry: 'fault', workflow: 'fmQuotations', round: 3, fault: fmFault('htmlError', 'GET', '/salesordersLines'), rider: { entry: 'fmQuotation', account: 'KIN001', record: { reference: 'Rider quote 3' }, lines: [{ product: 'BOOK001', quantity: 2 }] }, ...noValue },
	{ id: 'XF07', system: 'forceManager', title: 'HTML page after a bulk account create happened: the run fails, nothing is confirmed, the record is found (not duplicated) after the Confirmation Timeout', entry: 'fault', workflow: 'sageAccounts', round: 'hard', fault: fmFault('htmlError', 'POST', '/accounts/bulk', { processed: true }), rider: sageRider('RIDE05'), ...noValue },
];

export const CORPUS: BadInputCase[] = [...fmAccounts, ...fmContacts, ...fmQuotations, ...sageCustomers, ...sageContacts, ...sageProducts, ...faults];

/** The workflow an entry goes through. */
export function workflowOf(entry: Entry): WorkflowKey {
	switch (entry.entry) {
		case 'fmAccount':
			return 'fmAccounts';
		case 'fmContact':
		case 'fmContactEdit':
			return 'fmContacts';
		case 'fmQuotation':
			return 'fmQuotations';
		case 'sageCustomer':
		case 'sageCustomerEdit':
			return 'sageAccounts';
		case 'sageContact':
			return 'sageContacts';
		case 'sageProduct':
			return 'sageProducts';
	}
}
