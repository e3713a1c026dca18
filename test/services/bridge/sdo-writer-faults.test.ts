// The SDO writer when Sage says no: every SDO failure the notes describe, made by the fake's test
// hooks, mapped to the bridge's stable code with the SDO number kept; no half-writes; one logon,
// re-established after a drop; one call at a time; text outside the code page.
import { SDO } from '../../../bridge/src/sdo/errors';
import type { FaultPoint } from '../../../bridge/src/sdo/fake/company';
import { refusal, SAGE_PASSWORD, SAGE_USER, sdoFixture, type SdoFixture } from '../../support/sdoFake';

let f: SdoFixture;
beforeEach(() => {
	f = sdoFixture();
});
afterEach(async () => {
	await f.close();
});

const order = { ACCOUNT_REF: 'ABS001', ITEMS: [{ STOCK_CODE: 'PAPER001', QTY_ORDER: 2 }] };

describe('logon failures (WorkSpace.Connect)', () => {
	it('23 USER_IN_USE: a person is logged on as the bridge\'s Sage user; the write succeeds once they log off', async () => {
		f.sage.hooks.personLogsOn(SAGE_USER);
		const body = await refusal(f.writer.createCustomer({ ACCOUNT_REF: 'NEW001', NAME: 'New' }));
		expect(body).toMatchObject({ code: 'USER_IN_USE', retryable: true, sageErrorCode: SDO.LogonNameInUse });
		expect(body.message).toContain('Username is already in use');
		f.sage.hooks.personLogsOff(SAGE_USER);
		expect(await f.writer.createCustomer({ ACCOUNT_REF: 'NEW001', NAME: 'New' })).toBe('NEW001');
	});

	it('23 USER_IN_USE: a second bridge process with the same user cannot log on (one logon per Sage user)', async () => {
		await f.writer.updateCustomer('ABS001', { TELEPHONE: '1' });
		const second = f.newWriter();
		expect(await refusal(second.updateCustomer('ABS001', { TELEPHONE: '2' }))).toMatchObject({ code: 'USER_IN_USE', sageErrorCode: 23 });
		await f.writer.updateCustomer('ABS001', { TELEPHONE: '3' });
		expect(f.sage.calls.filter((c) => c === 'WorkSpace.Connect')).toHaveLength(2);
	});

	it('24 EXCLUSIVE_MODE during a backup; status reports it as unavailable', async () => {
		f.sage.hooks.exclusiveMode(true);
		expect(await refusal(f.writer.createSalesOrder(order))).toMatchObject({ code: 'EXCLUSIVE_MODE', retryable: true, sageErrorCode: 24 });
		expect(await f.writer.status()).toMatchObject({ state: 'unavailable', detail: expect.stringContaining('exclusive mode') });
		f.sage.hooks.exclusiveMode(false);
		expect(await f.writer.status()).toEqual({ state: 'connected', sdoVersion: '32.0.0.0' });
	});

	it.each([
		['an unknown user', { user: 'NOBODY' }, SDO.LogonFail],
		['a wrong password', { password: 'wrong-password' }, SDO.LogonPassword],
		['a folder that is not the company', { accdata: 'D:\\Elsewhere\\ACCDATA' }, SDO.BadDataPath],
	])('%s → SAGE_UNAVAILABLE with the SDO number, no secret in the message', async (_what, options, number) => {
		const body = await refusal(f.newWriter(options).createCustomer({ ACCOUNT_REF: 'NEW001', NAME: 'New' }));
		expect(body).toMatchObject({ code: 'SAGE_UNAVAILABLE', sageErrorCode: number });
		expect(String(body.message)).not.toContain(SAGE_PASSWORD);
		expect(String(body.message)).not.toContain('wrong-password');
	});
});

describe('locks while saving', () => {
	it('48 SAGE_BUSY while another user holds the files; nothing written', async () => {
		f.sage.hooks.lockFiles(true);
		const before = f.footprint();
		expect(await refusal(f.writer.createCustomer({ ACCOUNT_REF: 'NEW001', NAME: 'New' }))).toMatchObject({ code: 'SAGE_BUSY', retryable: true, sageErrorCode: 48, record: 'NEW001' });
		expect(await refusal(f.writer.createSalesOrder(order))).toMatchObject({ code: 'SAGE_BUSY', sageErrorCode: 48 });
		expect(f.footprint()).toEqual(before);
	});

	it.each([
		['a customer', 'SALES_LEDGER' as const, 'ABS001', (fx: SdoFixture) => fx.writer.updateCustomer('ABS001', { TELEPHONE: '9' })],
		['a contact', 'SALES_DEL_ADDR' as const, 'ABS001  0002', (fx: SdoFixture) => fx.writer.updateAddress('ABS001', 2, { TELEPHONE: '9' })],
		['a quotation', 'SALES_ORDER' as const, 3, (fx: SdoFixture) => fx.writer.updateSalesOrder(3, { NOTES_1: 'x' })],
	])('93 RECORD_LOCKED while a person has %s open in Sage', async (_what, table, key, write) => {
		f.sage.hooks.openInSage(table, key);
		expect(await refusal(write(f))).toMatchObject({ code: 'RECORD_LOCKED', retryable: true, sageErrorCode: 93 });
		f.sage.hooks.closeInSage(table, key);
		await expect(write(f)).resolves.toBeUndefined();
	});
});

describe('every SDO refusal keeps its number under a stable code', () => {
	it.each([
		['Update', SDO.AddressLineIsTooLong, 'FIELD_TOO_LONG', undefined],
		['Update', SDO.CurrencyDoesNotMatch, 'VALIDATION_FAILED', 'CURRENCY_CODE'],
		['Update', SDO.SalPurAccountIsOnHold, 'ACCOUNT_ON_HOLD', 'ACCOUNT_REF'],
		['Update', SDO.SalPurAccountIsInactive, 'ACCOUNT_INACTIVE', 'ACCOUNT_REF'],
		['Update', SDO.SalPurAccountDeleted, 'UNKNOWN_ACCOUNT', 'ACCOUNT_REF'],
		['Update', SDO.AccountRefAlreadyExists, 'ACCOUNT_REF_EXISTS', 'ACCOUNT_REF'],
		['Update', SDO.AccountRefContainsInvalidCharacters, 'ACCOUNT_REF_INVALID', 'ACCOUNT_REF'],
		['Update', SDO.EmptyAccountReference, 'ACCOUNT_REF_INVALID', 'ACCOUNT_REF'],
		['Update', SDO.AccountRefContainsSpaces, 'ACCOUNT_REF_INVALID', 'ACCOUNT_REF'],
		['Update', SDO.CannotCreateMultipleRegisteredAddresses, 'REGISTERED_ADDRESS_EXISTS', 'ADDRESS_TYPE'],
		['Update', SDO.FileLockedAccountsBusy, 'SAGE_BUSY', undefined],
		['Update', SDO.UserBeingEdited, 'RECORD_LOCKED', undefined],
		['Find', SDO.FileLockedAccountsBusy, 'SAGE_BUSY', undefined],
		['AddNew', SDO.LogonUserCountExceeded, 'SAGE_BUSY', undefined],
	] as [FaultPoint, number, string, string | undefined][])('%s answering %i → %s (field %s)', async (at, number, code, field) => {
		const before = f.footprint();
		f.sage.hooks.failNext(at, number, 'Sage said no');
		const body = await refusal(f.writer.createCustomer({ ACCOUNT_REF: 'NEW001', NAME: 'New' }));
		expect(body).toMatchObject({ code, sageErrorCode: number, record: 'NEW001', message: expect.stringContaining('Sage says: Sage said no') });
		expect(body.field).toBe(field);
		expect(f.footprint()).toEqual(before);
	});

	it('a value SDO refuses while it is set fails naming the field and the value (VALIDATION_FAILED, 18)', async () => {
		f.sage.hooks.failNext('SetField', SDO.InvalidValue, 'Invalid value', 'CONTACT_NAME');
		const before = f.footprint();
		const body = await refusal(f.writer.createAddress('ABS001', { CONTACT_NAME: 'Sam Lee' }));
		expect(body).toMatchObject({ code: 'VALIDATION_FAILED', sageErrorCode: 18, field: 'CONTACT_NAME', record: 'ABS001', message: expect.stringContaining('(CONTACT_NAME "Sam Lee")') });
		expect(f.footprint()).toEqual(before);
	});
});

describe('never half-written: a refused record sets no field in Sage', () => {
	it.each([
		['a name too long', () => f.writer.createCustomer({ ACCOUNT_REF: 'NEW001', NAME: 'x'.repeat(61) }), 'FIELD_TOO_LONG', 'NAME'],
		['Ł in the address (Windows-1252)', () => f.writer.createCustomer({ ACCOUNT_REF: 'NEW001', NAME: 'Łódź Imports', ADDRESS_1: 'ul. Piotrkowska' }), 'VALIDATION_FAILED', 'NAME'],
		['an invalid reference', () => f.writer.createCustomer({ ACCOUNT_REF: "O'B001", NAME: 'x' }), 'ACCOUNT_REF_INVALID', 'ACCOUNT_REF'],
		['a reference taken', () => f.writer.createCustomer({ ACCOUNT_REF: 'abs001', NAME: 'x' }), 'ACCOUNT_REF_EXISTS', 'ACCOUNT_REF'],
		['an unknown tax code', () => f.writer.createCustomer({ ACCOUNT_REF: 'NEW001', NAME: 'x', DEF_TAX_CODE: 'T7' }), 'UNKNOWN_TAX_CODE', 'DEF_TAX_CODE'],
		['an unknown currency', () => f.writer.createCustomer({ ACCOUNT_REF: 'NEW001', NAME: 'x', CURRENCY: 9 }), 'VALIDATION_FAILED', 'CURRENCY'],
		['an emoji in a contact', () => f.writer.createAddress('KIN001', { CONTACT_NAME: 'Emma Smile🙂' }), 'VALIDATION_FAILED', 'CONTACT_NAME'],
		['an order for an account on hold', () => f.writer.createSalesOrder({ ...order, ACCOUNT_REF: 'BUS001' }), 'ACCOUNT_ON_HOLD', 'ACCOUNT_REF'],
		['an order for an inactive account', () => f.writer.createSalesOrder({ ...order, ACCOUNT_REF: 'COM001' }), 'ACCOUNT_INACTIVE', 'ACCOUNT_REF'],
		['an order in another currency', () => f.writer.createSalesOrder({ ...order, CURRENCY_CODE: 'EUR' }), 'VALIDATION_FAILED', 'CURRENCY_CODE'],
		['an unknown product on the second line', () => f.writer.createSalesOrder({ ...order, ITEMS: [{ STOCK_CODE: 'PAPER001' }, { STOCK_CODE: 'NOPE' }] }), 'UNKNOWN_STOCK_CODE', 'ITEMS[1].STOCK_CODE'],
		['a zero quantity', () => f.writer.createSalesOrder({ ...order, ITEMS: [{ STOCK_CODE: 'PAPER001', QTY_ORDER: 0 }] }), 'VALIDATION_FAILED', 'ITEMS[0].QTY_ORDER'],
		['an emoji in a line description', () => f.writer.createSalesOrder({ ...order, ITEMS: [{ STOCK_CODE: 'PAPER001', DESCRIPTION: 'Paper 📄' }] }), 'VALIDATION_FAILED', 'ITEMS[0].DESCRIPTION'],
	])('%s', async (_what, write, code, field) => {
		const before = f.footprint();
		const mark = f.sage.calls.length;
		expect(await refusal(write())).toMatchObject({ code, field });
		expect(f.footprint()).toEqual(before);
		// Only look-ups reached SDO: key fields set to Find, Load, ControlData/CurrencyData reads.
		const writes = f.sage.calls.slice(mark).filter((c) => /(AddNew|Edit|Update)$|\.Fields\.|^SopPost\.|^CustomerAddress\.(?!Load$)/.test(c) && !/^\w+Record\.Fields\.(ACCOUNT_REF|STOCK_CODE|ORDER_NUMBER)$/.test(c));
		expect(writes).toEqual([]);
	});

	it('a deleted customer takes no order (72) and no update', async () => {
		f.db.prepare('UPDATE SALES_LEDGER SET RECORD_DELETED = 1 WHERE ACCOUNT_REF = ?').run('STE001');
		expect(await refusal(f.writer.createSalesOrder({ ...order, ACCOUNT_REF: 'STE001' }))).toMatchObject({ code: 'UNKNOWN_ACCOUNT', sageErrorCode: 72 });
		expect(await refusal(f.writer.updateCustomer('STE001', { NAME: 'x' }))).toMatchObject({ code: 'NOT_FOUND' });
	});
});

describe('one logon, one call at a time', () => {
	it('logs on once for many writes, and logs on again after Sage dropped the logon (the call is repeated: nothing was saved)', async () => {
		await f.writer.updateCustomer('ABS001', { TELEPHONE: '1' });
		await f.writer.updateCustomer('ABS001', { TELEPHONE: '2' });
		expect(f.sage.calls.filter((c) => c === 'WorkSpace.Connect')).toHaveLength(1);
		f.sage.hooks.dropConnections();
		await f.writer.updateCustomer('ABS001', { TELEPHONE: '3' });
		expect(f.row('SELECT TELEPHONE FROM SALES_LEDGER WHERE ACCOUNT_REF = ?', 'ABS001')).toEqual({ TELEPHONE: '3' });
		expect(f.sage.calls.filter((c) => c === 'WorkSpace.Connect')).toHaveLength(2);
	});

	it('a logon lost during Update is not repeated (the outcome is unknown): SAGE_UNAVAILABLE, retryable', async () => {
		f.sage.hooks.failNext('Update', SDO.ConnectionKickedOut, 'Your connection to the data has been terminated');
		expect(await refusal(f.writer.createSalesOrder(order))).toMatchObject({ code: 'SAGE_UNAVAILABLE', retryable: true, sageErrorCode: 91 });
		expect(f.sage.calls.filter((c) => c === 'SopPost.Update')).toHaveLength(1);
		expect(await f.writer.createSalesOrder(order)).toBe(6);
	});

	it('concurrent writes run one at a time, in order: every order stored once, numbered in call order', async () => {
		const numbers = await Promise.all([1, 2, 3, 4, 5].map((q) => f.writer.createSalesOrder({ ...order, CUST_ORDER_NUMBER: `PO-${q}`, ITEMS: [{ STOCK_CODE: 'PAPER001', QTY_ORDER: q }] })));
		expect(numbers).toEqual([6, 7, 8, 9, 10]);
		expect(f.rows('SELECT CUST_ORDER_NUMBER FROM SALES_ORDER WHERE ORDER_NUMBER >= 6 ORDER BY ORDER_NUMBER').map((r) => r.CUST_ORDER_NUMBER)).toEqual(['PO-1', 'PO-2', 'PO-3', 'PO-4', 'PO-5']);
		const saves = f.sage.calls.filter((c) => c === 'SopPost.Update' || c === 'WorkSpace.CreateObject(SopPost)');
		expect(saves).toEqual(Array.from({ length: 5 }, () => ['WorkSpace.CreateObject(SopPost)', 'SopPost.Update']).flat());
	});

	it('close logs off (the Sage user is free again); writes after close are refused', async () => {
		await f.writer.updateCustomer('ABS001', { TELEPHONE: '1' });
		expect(f.sage.sessions.has(SAGE_USER)).toBe(true);
		await f.writer.close();
		expect(f.sage.sessions.has(SAGE_USER)).toBe(false);
		expect(await f.writer.status()).toMatchObject({ state: 'disconnected' });
		expect(await refusal(f.writer.updateCustomer('ABS001', { TELEPHONE: '2' }))).toMatchObject({ code: 'SAGE_UNAVAILABLE' });
	});
});

describe('text the Sage company can hold (textEncoding)', () => {
	it('fail (default): the record fails naming record, field and character', async () => {
		const body = await refusal(f.writer.createCustomer({ ACCOUNT_REF: 'LODZ01', NAME: 'Łódź Imports' }));
		expect(body).toEqual({
			code: 'VALIDATION_FAILED',
			retryable: false,
			field: 'NAME',
			record: 'LODZ01',
			message: 'NAME "Łódź Imports" of LODZ01 has characters Sage cannot hold (windows-1252 only): "Ł" (U+0141), "ź" (U+017A)',
		});
	});

	it('transliterate: stored by the documented rule, never as "?"', async () => {
		const writer = f.newWriter({ user: 'CLERK', password: 'clerk', textEncoding: { codePage: 'windows-1252', onUnsupported: 'transliterate' } });
		await writer.createCustomer({ ACCOUNT_REF: 'LODZ01', NAME: 'Łódź Imports 😀', ADDRESS_3: 'Kuşadası' });
		const n = await writer.createAddress('LODZ01', { CONTACT_NAME: 'Paweł 🙂 Nowak' });
		expect(f.row('SELECT NAME, ADDRESS_3 FROM SALES_LEDGER WHERE ACCOUNT_REF = ?', 'LODZ01')).toEqual({ NAME: 'Lódz Imports', ADDRESS_3: 'Kusadasi' });
		expect(f.row('SELECT CONTACT_NAME FROM SALES_DEL_ADDR WHERE ACCOUNT_REF = ? AND ADDRESS_REF = ?', 'LODZ01', n)).toEqual({ CONTACT_NAME: 'Pawel Nowak' });
	});
});
