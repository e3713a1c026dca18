// The SDO writer (bridge/src/sdo/writer.ts) over the fake SDO object model, writing into the
// Sage-shaped company file the ODBC reads see; results read back with plain SQL on that file.
import { SDO } from '../../../bridge/src/sdo/errors';
import type { SdoEngine, SdoWorkspace } from '../../../bridge/src/sdo/com';
import { fakeSdoBinding } from '../../../bridge/src/sdo/fake/engine';
import { ACCDATA, refusal, sdoFixture, type SdoFixture } from '../../support/sdoFake';

let f: SdoFixture;
beforeEach(() => {
	f = sdoFixture();
});
afterEach(async () => {
	await f.close();
});

/** The writer's own SDO calls since `from` (field sets, finds, saves …). */
const callsSince = (from: number) => f.sage.calls.slice(from);
const STAMP = '2030-06-01 13:00:00';

describe('customers (SalesRecord: Find, AddNew, fields, Update)', () => {
	it('creates a customer as Sage stores it: upper-case reference, tax code T1 from SDO integer 1, UK local stamps, date opened', async () => {
		const ref = await f.writer.createCustomer({ ACCOUNT_REF: 'new001', NAME: 'New Customer Ltd', ADDRESS_1: '1 High St', DEF_TAX_CODE: 't5', CREDIT_LIMIT: 750, COUNTRY_CODE: 'gb' });
		expect(ref).toBe('NEW001');
		expect(f.row('SELECT * FROM SALES_LEDGER WHERE ACCOUNT_REF = ?', 'NEW001')).toMatchObject({
			NAME: 'New Customer Ltd',
			ADDRESS_1: '1 High St',
			DEF_TAX_CODE: 'T5',
			CREDIT_LIMIT: 750,
			COUNTRY_CODE: 'GB',
			CURRENCY: 1,
			PAYMENT_DUE_DAYS: 30,
			DATE_ACCOUNT_OPENED: '2030-06-01',
			RECORD_CREATE_DATE: STAMP,
			RECORD_MODIFY_DATE: STAMP,
			RECORD_DELETED: 0,
		});
		expect(f.sage.calls).toEqual(expect.arrayContaining(['SalesRecord.Find', 'SalesRecord.AddNew', 'SalesRecord.Fields.DEF_TAX_CODE', 'SalesRecord.Update']));
	});

	it('A4 generates a free reference from the name when none is given', async () => {
		await f.writer.createCustomer({ ACCOUNT_REF: 'ACMEWI01', NAME: 'Taken' });
		expect(await f.writer.createCustomer({ NAME: 'Acme Widgets plc' })).toBe('ACMEWI02');
	});

	it('updates only the fields that changed, stamping RECORD_MODIFY_DATE; an unchanged patch saves nothing', async () => {
		f.clock.advance(60);
		await f.writer.updateCustomer('abs001', { TELEPHONE: '01656 000 000', NAME: 'ABS Garages Ltd' });
		expect(f.row('SELECT TELEPHONE, NAME, RECORD_MODIFY_DATE FROM SALES_LEDGER WHERE ACCOUNT_REF = ?', 'ABS001')).toEqual({ TELEPHONE: '01656 000 000', NAME: 'ABS Garages Ltd', RECORD_MODIFY_DATE: '2030-06-01 13:01:00' });
		expect(f.sage.calls).not.toContain('SalesRecord.Fields.NAME');
		const mark = f.sage.calls.length;
		const before = f.footprint();
		await f.writer.updateCustomer('ABS001', { TELEPHONE: '01656 000 000' });
		expect(f.footprint()).toEqual(before);
		expect(callsSince(mark)).not.toContain('SalesRecord.Update');
	});

	it('refuses a missing customer and a changed reference as the simulated company does (NOT_FOUND, ACCOUNT_REF_IMMUTABLE)', async () => {
		expect(await refusal(f.writer.updateCustomer('NOPE01', { NAME: 'x' }))).toMatchObject({ code: 'NOT_FOUND', record: 'NOPE01' });
		expect(await refusal(f.writer.updateCustomer('ABS001', { ACCOUNT_REF: 'ABS002' }))).toMatchObject({ code: 'ACCOUNT_REF_IMMUTABLE', field: 'ACCOUNT_REF' });
	});
});

describe('contact addresses (CustomerAddress, AddressType contact = 1)', () => {
	it("creates a contact under the customer: next ADDRESS_REF, Sage's REFERENCE, tax code as SMALLINT", async () => {
		const n = await f.writer.createAddress('abs001', { CONTACT_NAME: 'Sam Lee', CONTACT_ROLE: 'Buyer', E_MAIL: 'sam@abs.example', TAX_CODE: 'T1' });
		expect(n).toBe(3);
		expect(f.row('SELECT * FROM SALES_DEL_ADDR WHERE ACCOUNT_REF = ? AND ADDRESS_REF = ?', 'ABS001', 3)).toMatchObject({
			REFERENCE: 'ABS001  0003',
			ADDRESS_TYPE: 1,
			CONTACT_NAME: 'Sam Lee',
			CONTACT_ROLE: 'Buyer',
			E_MAIL: 'sam@abs.example',
			TAX_CODE: 1,
			RECORD_CREATE_DATE: STAMP,
			RECORD_MODIFY_DATE: STAMP,
		});
	});

	it('updates a contact by Load(account, number): only what changed', async () => {
		f.clock.advance(5);
		await f.writer.updateAddress('ABS001', 2, { TELEPHONE: '07700 900 001', CONTACT_NAME: 'Mike Hall' });
		expect(f.row('SELECT CONTACT_NAME, TELEPHONE, RECORD_MODIFY_DATE FROM SALES_DEL_ADDR WHERE REFERENCE = ?', 'ABS001  0002')).toEqual({ CONTACT_NAME: 'Mike Hall', TELEPHONE: '07700 900 001', RECORD_MODIFY_DATE: '2030-06-01 13:00:05' });
		expect(f.sage.calls).toContain('CustomerAddress.Load');
		expect(f.sage.calls).not.toContain('CustomerAddress.AddressLine1');
	});

	it('C3 a contact needs CONTACT_NAME; a missing address is NOT_FOUND; a second registered address is refused by Sage (45)', async () => {
		expect(await refusal(f.writer.createAddress('ABS001', { E_MAIL: 'x@y.example' }))).toMatchObject({ code: 'REQUIRED_FIELD', field: 'CONTACT_NAME' });
		expect(await refusal(f.writer.updateAddress('ABS001', 99, { NOTES: 'x' }))).toMatchObject({ code: 'NOT_FOUND' });
		expect(await refusal(f.writer.createAddress('KIN001', { ADDRESS_TYPE: 2, NAME: 'Another registered' }))).toMatchObject({ code: 'REGISTERED_ADDRESS_EXISTS', field: 'ADDRESS_TYPE', sageErrorCode: 45, record: 'KIN001' });
	});
});

describe('sales orders and quotations (SopPost)', () => {
	it('O1 raises an order: the header copied from the customer by the writer, lines from the products, VAT per line from net, totals, next number', async () => {
		const n = await f.writer.createSalesOrder({ ACCOUNT_REF: 'A1D001', CUST_ORDER_NUMBER: 'PO-1', DEL_ADDRESS_REF: 2, ITEMS: [{ STOCK_CODE: 'BOARD001', QTY_ORDER: 3 }, { STOCK_CODE: 'INSTALL', QTY_ORDER: 1.5, DISCOUNT_RATE: 10 }], CARR_NET: 7.5 });
		expect(n).toBe(6);
		const customer = f.row('SELECT * FROM SALES_LEDGER WHERE ACCOUNT_REF = ?', 'A1D001')!;
		const order = f.row('SELECT * FROM SALES_ORDER WHERE ORDER_NUMBER = ?', n)!;
		expect(order).toMatchObject({
			ORDER_TYPE_CODE: 0,
			QUOTE_STATUS_ID: 0,
			ACCOUNT_REF: 'A1D001',
			NAME: customer.NAME,
			ADDRESS_1: customer.ADDRESS_1,
			ADDRESS_5: customer.ADDRESS_5,
			CONTACT_NAME: customer.CONTACT_NAME,
			CUST_TEL_NUMBER: customer.TELEPHONE,
			DEL_NAME: 'A1 Design Warehouse',
			DEL_ADDRESS_1: 'Unit 4, Dock Road',
			CUST_ORDER_NUMBER: 'PO-1',
			ORDER_DATE: '2030-06-01',
			CURRENCY: 1,
			ITEMS_NET: 222.72,
			ITEMS_TAX: 44.54,
			CARR_NET: 7.5,
			CARR_TAX: 1.5,
			INVOICE_GROSS: 276.26,
			RECORD_CREATE_DATE: STAMP,
		});
		expect(f.rows('SELECT ITEM_NUMBER, STOCK_CODE, DESCRIPTION, QTY_ORDER, UNIT_PRICE, NET_AMOUNT, TAX_CODE, TAX_CODE_ID, TAX_AMOUNT, SERVICE_FLAG, NOMINAL_CODE FROM SOP_ITEM WHERE ORDER_NUMBER = ? ORDER BY ITEM_NUMBER', n)).toEqual([
			{ ITEM_NUMBER: 1, STOCK_CODE: 'BOARD001', DESCRIPTION: 'Whiteboard - Drywipe (900 x 1200)', QTY_ORDER: 3, UNIT_PRICE: 44.99, NET_AMOUNT: 134.97, TAX_CODE: 'T1', TAX_CODE_ID: 1, TAX_AMOUNT: 26.99, SERVICE_FLAG: 0, NOMINAL_CODE: '4000' },
			{ ITEM_NUMBER: 2, STOCK_CODE: 'INSTALL', DESCRIPTION: 'Installation (per hour)', QTY_ORDER: 1.5, UNIT_PRICE: 65, NET_AMOUNT: 87.75, TAX_CODE: 'T1', TAX_CODE_ID: 1, TAX_AMOUNT: 17.55, SERVICE_FLAG: 1, NOMINAL_CODE: '4100' },
		]);
		// The writer sets the header from the customer itself (SopPost copies nothing) and never sets VAT.
		expect(f.sage.calls).toEqual(expect.arrayContaining(['SopPost.Header.NAME', 'SopPost.Header.ADDRESS_1', 'SopPost.Header.CUST_TEL_NUMBER', 'SopPost.Items(1).NET_AMOUNT', 'SopPost.Update']));
		expect(f.sage.calls.filter((c) => /TAX_AMOUNT|GROSS/.test(c))).toEqual([]);
	});

	it('raises a quotation: ORDER_TYPE 9 (sdoSopQuote), QUOTE_STATUS 1 (open); message lines carry no amounts', async () => {
		const n = await f.writer.createSalesOrder({ ACCOUNT_REF: 'KIN001', ORDER_TYPE: 9, QUOTE_EXPIRY_DATE: '2030-07-01', ITEMS: [{ STOCK_CODE: 'FAX001' }, { STOCK_CODE: 'M', DESCRIPTION: 'Valid 30 days' }] });
		expect(f.row('SELECT ORDER_TYPE_CODE, QUOTE_STATUS_ID, QUOTE_EXPIRY_DATE, INVOICE_NET FROM SALES_ORDER WHERE ORDER_NUMBER = ?', n)).toEqual({ ORDER_TYPE_CODE: 9, QUOTE_STATUS_ID: 1, QUOTE_EXPIRY_DATE: '2030-07-01', INVOICE_NET: 149.99 });
		expect(f.row('SELECT QTY_ORDER, NET_AMOUNT, TAX_AMOUNT FROM SOP_ITEM WHERE ORDER_NUMBER = ? AND ITEM_NUMBER = 2', n)).toEqual({ QTY_ORDER: 0, NET_AMOUNT: 0, TAX_AMOUNT: 0 });
	});

	it('a manual number is kept; the next automatic number skips it and numbers never repeat', async () => {
		expect(await f.writer.createSalesOrder({ ACCOUNT_REF: 'ABS001', ORDER_NUMBER: 7, ITEMS: [{ STOCK_CODE: 'PAPER001' }] })).toBe(7);
		expect(await f.writer.createSalesOrder({ ACCOUNT_REF: 'ABS001', ITEMS: [{ STOCK_CODE: 'PAPER001' }] })).toBe(6);
		expect(await f.writer.createSalesOrder({ ACCOUNT_REF: 'ABS001', ITEMS: [{ STOCK_CODE: 'PAPER001' }] })).toBe(8);
		expect(await refusal(f.writer.createSalesOrder({ ACCOUNT_REF: 'ABS001', ORDER_NUMBER: 7, ITEMS: [{ STOCK_CODE: 'PAPER001' }] }))).toMatchObject({ code: 'ORDER_NUMBER_EXISTS', field: 'ORDER_NUMBER' });
	});

	it('updates a quotation: open → won; refuses what the simulated company refuses (INVALID_QUOTE_STATUS, NOT_FOUND)', async () => {
		const quote = 3; // the demo quotation of KIN001
		f.clock.advance(1);
		await f.writer.updateSalesOrder(quote, { QUOTE_STATUS: 2, NOTES_1: 'Accepted by phone' });
		expect(f.row('SELECT QUOTE_STATUS_ID, NOTES_1, RECORD_MODIFY_DATE FROM SALES_ORDER WHERE ORDER_NUMBER = ?', quote)).toEqual({ QUOTE_STATUS_ID: 2, NOTES_1: 'Accepted by phone', RECORD_MODIFY_DATE: '2030-06-01 13:00:01' });
		expect(await refusal(f.writer.updateSalesOrder(quote, { QUOTE_STATUS: 3 }))).toMatchObject({ code: 'INVALID_QUOTE_STATUS', field: 'QUOTE_STATUS' });
		expect(await refusal(f.writer.updateSalesOrder(1, { QUOTE_STATUS: 2 }))).toMatchObject({ code: 'INVALID_QUOTE_STATUS', message: 'Sales order 1 is not a quotation' });
		expect(await refusal(f.writer.updateSalesOrder(999, { NOTES_1: 'x' }))).toMatchObject({ code: 'NOT_FOUND', record: '999' });
		expect(await refusal(f.writer.updateSalesOrder(1, { NOTES_9: 'x' }))).toMatchObject({ code: 'VALIDATION_FAILED', field: 'NOTES_9' });
	});
});

describe('the fake SDO is faithful: what Sage does, not what the writer does', () => {
	const logon = (): { ws: SdoWorkspace; engine: SdoEngine } => {
		const engine = fakeSdoBinding(f.sage).createEngine();
		const ws = engine.Workspaces.Add('test');
		expect(ws.Connect(ACCDATA, 'MANAGER', '', 'test')).toBe(true);
		return { ws, engine };
	};

	it('SopPost copies nothing from the customer and computes VAT from net on Update (TAX_FLAG 1 keeps the given VAT)', () => {
		const { ws } = logon();
		const post = ws.CreateObject('SopPost');
		post.Header.Fields.Item('ACCOUNT_REF').Value = 'ABS001';
		for (const [flag, taxAmount] of [[0, 999], [1, 3.33]]) {
			const line = post.Items.Add();
			for (const [k, v] of Object.entries({ STOCK_CODE: 'PAPER001', QTY_ORDER: 1, UNIT_PRICE: 21.5, NET_AMOUNT: 21.5, TAX_CODE: 1, TAX_AMOUNT: taxAmount, TAX_FLAG: flag })) line.Fields.Item(k).Value = v;
		}
		expect(post.Update()).toBe(true);
		const n = Number(post.Header.Fields.Item('ORDER_NUMBER').Value);
		expect(f.row('SELECT NAME, ADDRESS_1, DEL_NAME, CONTACT_NAME, ITEMS_TAX FROM SALES_ORDER WHERE ORDER_NUMBER = ?', n)).toEqual({ NAME: '', ADDRESS_1: '', DEL_NAME: '', CONTACT_NAME: '', ITEMS_TAX: 7.63 });
		expect(f.rows('SELECT TAX_AMOUNT FROM SOP_ITEM WHERE ORDER_NUMBER = ? ORDER BY ITEM_NUMBER', n).map((r) => r.TAX_AMOUNT)).toEqual([4.3, 3.33]);
	});

	it('tax codes are integers in SDO and "T1" in ODBC (§4.9); text outside the code page is stored as "?" by SDO itself', () => {
		const { ws } = logon();
		const sales = ws.CreateObject('SalesRecord');
		sales.Fields.Item('ACCOUNT_REF').Value = 'KIN001';
		expect(sales.Find(false)).toBe(true);
		expect(sales.Fields.Item('DEF_TAX_CODE').Value).toBe(1);
		expect(sales.Edit()).toBe(true);
		sales.Fields.Item('NAME').Value = 'Łódź Café 😀';
		expect(sales.Update()).toBe(true);
		expect(f.row('SELECT NAME, DEF_TAX_CODE FROM SALES_LEDGER WHERE ACCOUNT_REF = ?', 'KIN001')).toEqual({ NAME: '?ód? Café ??', DEF_TAX_CODE: 'T1' });
	});

	it("SDO's own account reference checks: 63 empty, 82 spaces, 86 invalid characters, 84 exists; 83 an address line too long", () => {
		const { ws, engine } = logon();
		const attempt = (ref: string, extra: Record<string, string> = {}) => {
			const sales = ws.CreateObject('SalesRecord');
			sales.AddNew();
			sales.Fields.Item('ACCOUNT_REF').Value = ref;
			for (const [k, v] of Object.entries(extra)) sales.Fields.Item(k).Value = v;
			return sales.Update() ? 0 : engine.LastError.Code;
		};
		expect([attempt(''), attempt('AB 1'), attempt('AB*1'), attempt('ABS001'), attempt('LONG01', { ADDRESS_1: 'x'.repeat(61) }), attempt('OK01')]).toEqual([
			SDO.EmptyAccountReference,
			SDO.AccountRefContainsSpaces,
			SDO.AccountRefContainsInvalidCharacters,
			SDO.AccountRefAlreadyExists,
			SDO.AddressLineIsTooLong,
			0,
		]);
	});
});
