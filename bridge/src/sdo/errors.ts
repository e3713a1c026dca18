// SDO error numbers (sage50-notes.md Appendix A, SDO v32 `ErrorCode`) and their translation into the
// bridge's stable error codes (errors.ts), keeping the SDO number in sageErrorCode.
import { BridgeError, type ErrorCode } from '../errors';

export const SDO = {
	NotConnected: 16,
	InvalidKey: 17,
	InvalidValue: 18,
	LogonFail: 21,
	LogonPassword: 22,
	LogonNameInUse: 23,
	LogonExclusive: 24,
	BadDataPath: 25,
	WrongVersion: 26,
	DeleteFailedHasTrans: 28,
	LogonUserCountExceeded: 30,
	NotRegistered: 31,
	ReadOnlyAccess: 32,
	ForTraNotEnabled: 33,
	CurrencyDoesNotMatch: 34,
	CannotCreateMultipleRegisteredAddresses: 45,
	FileLockedAccountsBusy: 48,
	ClosedLedgerDateControlError: 49,
	EmptyKey: 50,
	EmptyAccountReference: 63,
	InvalidNominalCode: 65,
	SalPurAccountIsOnHold: 70,
	SalPurAccountIsInactive: 71,
	SalPurAccountDeleted: 72,
	SalPurAccountTermsNotAgreed: 73,
	AccountRefContainsSpaces: 82,
	AddressLineIsTooLong: 83,
	AccountRefAlreadyExists: 84,
	AccountRefContainsInvalidCharacters: 86,
	InvalidDate: 87,
	IncorrectStockCodeType: 90,
	ConnectionKickedOut: 91,
	UserBeingEdited: 93,
} as const;

/** The logon is gone: the writer logs on again (and repeats the call when nothing was saved yet). */
export const CONNECTION_LOST: ReadonlySet<number> = new Set([SDO.NotConnected, SDO.ConnectionKickedOut]);

interface Translation {
	code: ErrorCode;
	/** The field the number is about whatever the call (the account reference, the currency …). */
	field?: string;
	/** What the message says before SDO's own text. */
	says: string;
}

const TRANSLATIONS: Record<number, Translation> = {
	[SDO.LogonNameInUse]: { code: 'USER_IN_USE', says: 'the Sage user of the bridge is logged on elsewhere (one logon per Sage user); log that session off or give the bridge its own user' },
	[SDO.LogonExclusive]: { code: 'EXCLUSIVE_MODE', says: 'Sage is in exclusive mode (backup, month end, file maintenance); the write waits until it ends' },
	[SDO.FileLockedAccountsBusy]: { code: 'SAGE_BUSY', says: 'Sage files are locked by another user (accounts busy)' },
	[SDO.LogonUserCountExceeded]: { code: 'SAGE_BUSY', says: 'every Sage user licence is in use' },
	[SDO.UserBeingEdited]: { code: 'RECORD_LOCKED', says: 'the record is open in Sage by another user' },
	[SDO.NotConnected]: { code: 'SAGE_UNAVAILABLE', says: 'the bridge is not logged on to Sage' },
	[SDO.ConnectionKickedOut]: { code: 'SAGE_UNAVAILABLE', says: "Sage ended the bridge's logon" },
	[SDO.LogonFail]: { code: 'SAGE_UNAVAILABLE', says: 'Sage refused the logon (check sage.sdo.user)' },
	[SDO.LogonPassword]: { code: 'SAGE_UNAVAILABLE', says: 'Sage refused the password of sage.sdo.user' },
	[SDO.BadDataPath]: { code: 'SAGE_UNAVAILABLE', says: 'sage.sdo.accdata is not a Sage company data folder (ACCDATA)' },
	[SDO.WrongVersion]: { code: 'SAGE_UNAVAILABLE', says: 'the SDO version (sage.sdo.progId) does not match the company data' },
	[SDO.NotRegistered]: { code: 'SAGE_UNAVAILABLE', says: 'SDO is not registered on this PC' },
	[SDO.ReadOnlyAccess]: { code: 'SAGE_UNAVAILABLE', says: 'the Sage user of the bridge may only read' },
	[SDO.EmptyAccountReference]: { code: 'ACCOUNT_REF_INVALID', field: 'ACCOUNT_REF', says: 'the account reference is empty' },
	[SDO.EmptyKey]: { code: 'ACCOUNT_REF_INVALID', field: 'ACCOUNT_REF', says: 'the record key is empty' },
	[SDO.AccountRefContainsSpaces]: { code: 'ACCOUNT_REF_INVALID', field: 'ACCOUNT_REF', says: 'the account reference contains spaces' },
	[SDO.AccountRefContainsInvalidCharacters]: { code: 'ACCOUNT_REF_INVALID', field: 'ACCOUNT_REF', says: 'the account reference contains characters Sage does not allow' },
	[SDO.AccountRefAlreadyExists]: { code: 'ACCOUNT_REF_EXISTS', field: 'ACCOUNT_REF', says: 'the account reference already exists' },
	[SDO.CannotCreateMultipleRegisteredAddresses]: { code: 'REGISTERED_ADDRESS_EXISTS', field: 'ADDRESS_TYPE', says: 'the customer already has a registered address' },
	[SDO.AddressLineIsTooLong]: { code: 'FIELD_TOO_LONG', says: 'an address line is too long' },
	[SDO.CurrencyDoesNotMatch]: { code: 'VALIDATION_FAILED', field: 'CURRENCY_CODE', says: "the document's currency is not the customer's" },
	[SDO.ForTraNotEnabled]: { code: 'VALIDATION_FAILED', field: 'CURRENCY_CODE', says: 'Foreign Trader is not enabled in this company' },
	[SDO.SalPurAccountIsOnHold]: { code: 'ACCOUNT_ON_HOLD', field: 'ACCOUNT_REF', says: 'the customer is on hold' },
	[SDO.SalPurAccountIsInactive]: { code: 'ACCOUNT_INACTIVE', field: 'ACCOUNT_REF', says: 'the customer is inactive' },
	[SDO.SalPurAccountDeleted]: { code: 'UNKNOWN_ACCOUNT', field: 'ACCOUNT_REF', says: 'the customer has been deleted in Sage' },
	[SDO.SalPurAccountTermsNotAgreed]: { code: 'VALIDATION_FAILED', field: 'ACCOUNT_REF', says: "the customer's terms are not agreed" },
	[SDO.InvalidKey]: { code: 'VALIDATION_FAILED', says: 'Sage has no record with that key' },
	[SDO.InvalidValue]: { code: 'VALIDATION_FAILED', says: 'Sage refused a value' },
	[SDO.InvalidDate]: { code: 'VALIDATION_FAILED', says: 'Sage refused a date' },
	[SDO.InvalidNominalCode]: { code: 'VALIDATION_FAILED', says: 'the nominal code does not exist in Sage' },
	[SDO.ClosedLedgerDateControlError]: { code: 'VALIDATION_FAILED', says: "the date is before Sage's lock date" },
	[SDO.IncorrectStockCodeType]: { code: 'VALIDATION_FAILED', says: 'the stock code is of the wrong type for this line' },
	[SDO.DeleteFailedHasTrans]: { code: 'VALIDATION_FAILED', says: 'the record has transactions' },
};

/** Where an SDO failure happened, for the message and the error's field/record. */
export interface SdoContext {
	/** What the writer was doing, e.g. "saving customer ABS001". */
	doing: string;
	record?: string;
	/** The field being set when the failure happened (overrides the number's own field). */
	field?: string;
	/** Its value, quoted in the message. */
	value?: string | number | null;
}

/** An SDO error number and text as a BridgeError with a stable code; the number is kept in sageErrorCode. */
export function sdoError(sdoCode: number, sdoText: string, ctx: SdoContext): BridgeError {
	const t = TRANSLATIONS[sdoCode] ?? { code: 'INTERNAL_ERROR' as const, says: 'Sage reported an error the bridge does not know' };
	const field = ctx.field ?? t.field;
	const value = ctx.value === undefined ? '' : ` (${field ?? 'value'} ${JSON.stringify(ctx.value)})`;
	const text = sdoText.trim() === '' ? '' : `; Sage says: ${sdoText.trim()}`;
	return new BridgeError(t.code, `Sage refused ${ctx.doing}: ${t.says}${value}${text} [SDO error ${sdoCode}]`, {
		sageErrorCode: sdoCode,
		...(field !== undefined ? { field } : {}),
		...(ctx.record !== undefined ? { record: ctx.record } : {}),
	});
}
