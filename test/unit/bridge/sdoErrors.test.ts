// SDO error numbers (sage50-notes Appendix A) → the bridge's stable error codes, the number kept.
import { ERROR_CODES } from '../../../bridge/src/errors';
import { SDO, sdoError } from '../../../bridge/src/sdo/errors';

const ctx = { doing: 'saving customer ABS001', record: 'ABS001' };

describe('SDO errors → stable codes, SDO number kept in sageErrorCode', () => {
	it.each([
		[SDO.LogonNameInUse, 'USER_IN_USE', true, undefined],
		[SDO.LogonExclusive, 'EXCLUSIVE_MODE', true, undefined],
		[SDO.FileLockedAccountsBusy, 'SAGE_BUSY', true, undefined],
		[SDO.LogonUserCountExceeded, 'SAGE_BUSY', true, undefined],
		[SDO.UserBeingEdited, 'RECORD_LOCKED', true, undefined],
		[SDO.NotConnected, 'SAGE_UNAVAILABLE', true, undefined],
		[SDO.ConnectionKickedOut, 'SAGE_UNAVAILABLE', true, undefined],
		[SDO.LogonFail, 'SAGE_UNAVAILABLE', true, undefined],
		[SDO.LogonPassword, 'SAGE_UNAVAILABLE', true, undefined],
		[SDO.BadDataPath, 'SAGE_UNAVAILABLE', true, undefined],
		[SDO.WrongVersion, 'SAGE_UNAVAILABLE', true, undefined],
		[SDO.NotRegistered, 'SAGE_UNAVAILABLE', true, undefined],
		[SDO.EmptyAccountReference, 'ACCOUNT_REF_INVALID', false, 'ACCOUNT_REF'],
		[SDO.AccountRefContainsSpaces, 'ACCOUNT_REF_INVALID', false, 'ACCOUNT_REF'],
		[SDO.AccountRefContainsInvalidCharacters, 'ACCOUNT_REF_INVALID', false, 'ACCOUNT_REF'],
		[SDO.AccountRefAlreadyExists, 'ACCOUNT_REF_EXISTS', false, 'ACCOUNT_REF'],
		[SDO.AddressLineIsTooLong, 'FIELD_TOO_LONG', false, undefined],
		[SDO.CannotCreateMultipleRegisteredAddresses, 'REGISTERED_ADDRESS_EXISTS', false, 'ADDRESS_TYPE'],
		[SDO.CurrencyDoesNotMatch, 'VALIDATION_FAILED', false, 'CURRENCY_CODE'],
		[SDO.SalPurAccountIsOnHold, 'ACCOUNT_ON_HOLD', false, 'ACCOUNT_REF'],
		[SDO.SalPurAccountIsInactive, 'ACCOUNT_INACTIVE', false, 'ACCOUNT_REF'],
		[SDO.SalPurAccountDeleted, 'UNKNOWN_ACCOUNT', false, 'ACCOUNT_REF'],
		[SDO.InvalidValue, 'VALIDATION_FAILED', false, undefined],
		[SDO.InvalidKey, 'VALIDATION_FAILED', false, undefined],
	] as const)('SDO %i → %s (retryable %s, field %s)', (number, code, retryable, field) => {
		const body = sdoError(number, 'Sage text', ctx).toBody();
		expect(body).toMatchObject({ code, retryable, sageErrorCode: number, record: 'ABS001' });
		expect(body.field).toBe(field);
		expect(body.message).toMatch(new RegExp(`^Sage refused saving customer ABS001: .*; Sage says: Sage text \\[SDO error ${number}\\]$`));
		expect(ERROR_CODES[code].retryable).toBe(retryable);
	});

	it('names the field and the value being set when that is what failed', () => {
		const body = sdoError(SDO.AddressLineIsTooLong, '', { ...ctx, field: 'ADDRESS_2', value: 'x'.repeat(61) }).toBody();
		expect(body).toMatchObject({ code: 'FIELD_TOO_LONG', field: 'ADDRESS_2', sageErrorCode: 83 });
		expect(body.message).toContain(`(ADDRESS_2 "${'x'.repeat(61)}")`);
		expect(sdoError(SDO.InvalidValue, 'Bad', { ...ctx, field: 'CURRENCY', value: 9 }).toBody()).toMatchObject({ code: 'VALIDATION_FAILED', field: 'CURRENCY', message: expect.stringContaining('(CURRENCY 9)') });
	});

	it('an unknown number is an internal error that still carries the number', () => {
		expect(sdoError(999, 'Something odd', ctx).toBody()).toMatchObject({ code: 'INTERNAL_ERROR', retryable: false, sageErrorCode: 999 });
	});
});
