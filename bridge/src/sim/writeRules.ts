// Sage's rules for a write, over what the company holds (sage50-notes.md §4, §9.2): what a customer or
// address write stores, and every refusal, with the field and the record named (documents: documentRules.ts).
// One implementation for both adapters: the simulated company reads the company from its own tables,
// the SDO writer (sdo/writer.ts) through SDO; both then store exactly what these functions return.
import type { SageRow } from '../adapter';
import type { CodePage } from '../codePage';
import { BridgeError } from '../errors';
import { ADDRESS_CREATE_FIELDS, CUSTOMER_CREATE_FIELDS, CUSTOMER_FIELDS, type FieldSet } from '../fields';
import { checkFields, generateAccountRef, normaliseAccountRef, requireText } from './rules';

/** A record as the company holds it, in ODBC column names (tax codes as "T1"). */
export type Held = Readonly<Record<string, unknown>>;

/** What the rules read from the company. */
export interface CompanyView {
	/** The tax code as the company spells it ("T1") and its rate; throws UNKNOWN_TAX_CODE naming field and record. */
	taxRate(code: string, field: string, record?: string): { code: string; rate: number };
	/** SALES_LEDGER row, deleted ones too (their references stay taken). */
	customer(ref: string): Held | undefined;
	currencyExists(number: number): boolean;
	/** Currency NUMBER of a code (GBP, EUR …), or undefined. */
	currencyNumber(code: string): number | undefined;
	currencyCode(number: number): string | undefined;
	/** STOCK row (deleted ones too). */
	product(code: string): Held | undefined;
	/** A live SALES_DEL_ADDR row. */
	address(accountRef: string, addressRef: number): Held | undefined;
	/** Whether the customer has a live registered address; absent where the store refuses a second one itself (SDO error 45). */
	hasRegisteredAddress?(accountRef: string): boolean;
	orderExists(orderNumber: number): boolean;
}

/** Keeps only the fields that differ from the stored record (a no-op save changes nothing, nor the change feed). */
export function changedFields(current: Held, patch: SageRow): SageRow {
	const changes: SageRow = {};
	for (const [k, v] of Object.entries(patch)) if (current[k] !== v) changes[k] = v;
	return changes;
}

// ---- customers ------------------------------------------------------------------------------------

function customerValues(row: SageRow, view: CompanyView, record: string): SageRow {
	if (typeof row.DEF_TAX_CODE === 'string') row.DEF_TAX_CODE = view.taxRate(row.DEF_TAX_CODE, 'DEF_TAX_CODE', record).code;
	if (row.NAME !== undefined) requireText(row, 'NAME', record);
	if (typeof row.COUNTRY_CODE === 'string') row.COUNTRY_CODE = row.COUNTRY_CODE.toUpperCase();
	return row;
}

/**
 * A new customer: fields checked, NAME required, ACCOUNT_REF upper-cased and validated (or generated
 * from the name), not `taken`, tax code and currency known.
 */
export function newCustomer(input: SageRow, text: CodePage, view: CompanyView, taken: (ref: string) => boolean): { ref: string; row: SageRow } {
	const given = typeof input.ACCOUNT_REF === 'string' ? input.ACCOUNT_REF : undefined;
	const checked = checkFields(input, CUSTOMER_CREATE_FIELDS, text, given);
	const name = requireText(checked, 'NAME', given);
	const ref = given !== undefined ? normaliseAccountRef(given) : generateAccountRef(name, (candidate) => view.customer(candidate) !== undefined);
	if (taken(ref)) throw new BridgeError('ACCOUNT_REF_EXISTS', `Account reference ${ref} already exists`, { field: 'ACCOUNT_REF', record: ref });
	const row = customerValues({ ...checked, ACCOUNT_REF: ref }, view, ref);
	if (row.CURRENCY !== undefined && !view.currencyExists(Number(row.CURRENCY))) {
		throw new BridgeError('VALIDATION_FAILED', `Currency ${row.CURRENCY} does not exist`, { field: 'CURRENCY', record: ref });
	}
	return { ref, row };
}

/** A customer's changes: ACCOUNT_REF may be repeated but never changed (A4). */
export function customerPatch(key: string, patch: SageRow, text: CodePage, view: CompanyView): SageRow {
	const input = { ...patch };
	if (input.ACCOUNT_REF !== undefined) {
		if (String(input.ACCOUNT_REF).toUpperCase() !== key) {
			throw new BridgeError('ACCOUNT_REF_IMMUTABLE', `ACCOUNT_REF of ${key} cannot be changed`, { field: 'ACCOUNT_REF', record: key });
		}
		delete input.ACCOUNT_REF;
	}
	return customerValues(checkFields(input, CUSTOMER_FIELDS, text, key), view, key);
}

// ---- addresses and contacts -----------------------------------------------------------------------

function addressValues(row: SageRow, view: CompanyView, record: string): SageRow {
	if (typeof row.TAX_CODE === 'string' && row.TAX_CODE !== '') row.TAX_CODE = view.taxRate(row.TAX_CODE, 'TAX_CODE', record).code;
	if (typeof row.COUNTRY_CODE === 'string') row.COUNTRY_CODE = row.COUNTRY_CODE.toUpperCase();
	return row;
}

function addressType(value: unknown, record: string): 0 | 1 | 2 {
	if (value !== 0 && value !== 1 && value !== 2) {
		throw new BridgeError('VALIDATION_FAILED', 'ADDRESS_TYPE must be 0 (delivery), 1 (contact) or 2 (registered)', { field: 'ADDRESS_TYPE', record });
	}
	return value;
}

/** One registered address per customer (SDO error 45). */
function assertNoRegisteredAddress(account: string, view: CompanyView, record: string): void {
	if (view.hasRegisteredAddress?.(account)) {
		throw new BridgeError('REGISTERED_ADDRESS_EXISTS', `Customer ${account} already has a registered address`, { field: 'ADDRESS_TYPE', record, sageErrorCode: 45 });
	}
}

/** A new address of a live customer: contacts (type 1) need CONTACT_NAME; one registered address. */
export function newAddress(account: string, input: SageRow, text: CodePage, view: CompanyView): { type: 0 | 1 | 2; row: SageRow } {
	const row = checkFields(input, ADDRESS_CREATE_FIELDS, text, account);
	const type = addressType(row.ADDRESS_TYPE, account);
	if (type === 1) requireText(row, 'CONTACT_NAME', account);
	if (type === 2) assertNoRegisteredAddress(account, view, account);
	return { type, row: addressValues(row, view, account) };
}

/** An address's changes; `fields` says whether ADDRESS_TYPE may change (a person in Sage may; the contract fixes it). */
export function addressPatch(current: Held, patch: SageRow, fields: FieldSet, text: CodePage, view: CompanyView): SageRow {
	const reference = String(current.REFERENCE);
	const input = addressValues(checkFields(patch, fields, text, reference), view, reference);
	const was = Number(current.ADDRESS_TYPE);
	const type = input.ADDRESS_TYPE === undefined ? was : addressType(input.ADDRESS_TYPE, reference);
	if (type === 1 && (type !== was || input.CONTACT_NAME !== undefined)) requireText({ ...(current as SageRow), ...input }, 'CONTACT_NAME', reference);
	if (type === 2 && was !== 2) assertNoRegisteredAddress(String(current.ACCOUNT_REF), view, reference);
	return input;
}
