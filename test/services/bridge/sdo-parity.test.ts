// The SDO writer and the simulated company meet the same rules (issue 9: "the e2e suite behaves the
// same on both adapters"): the same writes, from the same demo company at the same instant, store the
// same rows (the simulator's converted to Sage's ODBC layout) and fail with the same code, field,
// record and message.
import type { SageRow } from '../../../bridge/src/adapter';
import { toOdbcRow } from '../../../bridge/src/sage/testing/sageSeed';
import type { SdoWriter } from '../../../bridge/src/sdo/writer';
import { seedCompany } from '../../../bridge/src/seed/demo';
import { SimulatedCompany } from '../../../bridge/src/sim/company';
import { BridgeClock, ukLocal } from '../../../bridge/src/time';
import { NOW, SEEDED_AT, sdoFixture, type SdoFixture } from '../../support/sdoFake';

type Outcome = { ok: string | number } | { error: Record<string, unknown> };

interface Case {
	name: string;
	sim: (c: SimulatedCompany) => string | number;
	sdo: (w: SdoWriter) => Promise<string | number | void>;
	/** The rows written, to compare: table and which rows (by the outcome's key when a function). */
	rows: { table: string; where: Record<string, string | number> | ((key: string | number) => Record<string, string | number>) }[];
}

const order = { ACCOUNT_REF: 'ABS001', ITEMS: [{ STOCK_CODE: 'PAPER001', QTY_ORDER: 2 }] };
const byOrder = (table: string) => ({ table, where: (n: string | number) => ({ ORDER_NUMBER: Number(n) }) });
const ORDER_ROWS = [byOrder('SALES_ORDER'), byOrder('SOP_ITEM')];

const CASES: Case[] = [
	{
		name: 'A1 customer with every kind of field',
		sim: (c) => String(c.createCustomer({ ACCOUNT_REF: 'par001', NAME: 'Parity Trading Ltd', ADDRESS_1: '1 Quay St', ADDRESS_5: 'M3 3JE', COUNTRY_CODE: 'gb', CONTACT_NAME: 'Pat Rity', TELEPHONE: '0161 000 0000', E_MAIL: 'pat@parity.example', VAT_REG_NUMBER: 'GB999999973', DEF_TAX_CODE: 't5', CREDIT_LIMIT: 1500, PAYMENT_DUE_DAYS: 14, ACCOUNT_STATUS: 1, SALES_REP: 'Sarah Jones', CURRENCY: 2 }, 'bridge').ACCOUNT_REF),
		sdo: (w) => w.createCustomer({ ACCOUNT_REF: 'par001', NAME: 'Parity Trading Ltd', ADDRESS_1: '1 Quay St', ADDRESS_5: 'M3 3JE', COUNTRY_CODE: 'gb', CONTACT_NAME: 'Pat Rity', TELEPHONE: '0161 000 0000', E_MAIL: 'pat@parity.example', VAT_REG_NUMBER: 'GB999999973', DEF_TAX_CODE: 't5', CREDIT_LIMIT: 1500, PAYMENT_DUE_DAYS: 14, ACCOUNT_STATUS: 1, SALES_REP: 'Sarah Jones', CURRENCY: 2 }),
		rows: [{ table: 'SALES_LEDGER', where: (k) => ({ ACCOUNT_REF: String(k) }) }],
	},
	{
		name: 'A4 customer with a generated reference',
		sim: (c) => String(c.createCustomer({ NAME: 'Steven Stationery Two' }, 'bridge').ACCOUNT_REF),
		sdo: (w) => w.createCustomer({ NAME: 'Steven Stationery Two' }),
		rows: [{ table: 'SALES_LEDGER', where: (k) => ({ ACCOUNT_REF: String(k) }) }],
	},
	{
		name: 'customer update',
		sim: (c) => String(c.updateCustomer('kin001', { TELEPHONE: '020 7000 0000', DEF_TAX_CODE: 't0', ACCOUNT_ON_HOLD: 1, ACCOUNT_REF: 'KIN001' }, 'bridge').ACCOUNT_REF),
		sdo: async (w) => (await w.updateCustomer('kin001', { TELEPHONE: '020 7000 0000', DEF_TAX_CODE: 't0', ACCOUNT_ON_HOLD: 1, ACCOUNT_REF: 'KIN001' }), 'KIN001'),
		rows: [{ table: 'SALES_LEDGER', where: { ACCOUNT_REF: 'KIN001' } }],
	},
	{
		name: 'C3 contact with a tax code',
		sim: (c) => Number(c.createAddress('BRO001', { ADDRESS_TYPE: 1, CONTACT_NAME: 'Ned Baker', CONTACT_ROLE: 'Chef', TELEPHONE: '0191 1', TAX_CODE: 't1', COUNTRY_CODE: 'gb' }, 'bridge').ADDRESS_REF),
		sdo: (w) => w.createAddress('BRO001', { ADDRESS_TYPE: 1, CONTACT_NAME: 'Ned Baker', CONTACT_ROLE: 'Chef', TELEPHONE: '0191 1', TAX_CODE: 't1', COUNTRY_CODE: 'gb' }),
		rows: [{ table: 'SALES_DEL_ADDR', where: (n) => ({ ACCOUNT_REF: 'BRO001', ADDRESS_REF: Number(n) }) }],
	},
	{
		name: 'delivery address',
		sim: (c) => Number(c.createAddress('BRO001', { ADDRESS_TYPE: 0, DESCRIPTION: 'Shop', NAME: "Bronson's Shop", ADDRESS_1: '2 Grey St' }, 'bridge').ADDRESS_REF),
		sdo: (w) => w.createAddress('BRO001', { ADDRESS_TYPE: 0, DESCRIPTION: 'Shop', NAME: "Bronson's Shop", ADDRESS_1: '2 Grey St' }),
		rows: [{ table: 'SALES_DEL_ADDR', where: (n) => ({ ACCOUNT_REF: 'BRO001', ADDRESS_REF: Number(n) }) }],
	},
	{
		name: 'C1 contact update',
		sim: (c) => Number(c.updateAddress('BRO001', 1, { CONTACT_ROLE: 'Owner', NOTES: 'Prefers e-mail', TAX_CODE: '' }, 'bridge').ADDRESS_REF),
		sdo: async (w) => (await w.updateAddress('BRO001', 1, { CONTACT_ROLE: 'Owner', NOTES: 'Prefers e-mail', TAX_CODE: '' }), 1),
		rows: [{ table: 'SALES_DEL_ADDR', where: { ACCOUNT_REF: 'BRO001', ADDRESS_REF: 1 } }],
	},
	{
		name: 'O1 order with a delivery address, discount, carriage, special and message lines',
		sim: (c) => Number(c.documents.createSalesOrder({ ACCOUNT_REF: 'A1D001', DEL_ADDRESS_REF: 2, CUST_ORDER_NUMBER: 'PO-9', TAKEN_BY: 'Sync', CARR_NET: 12.5, CARR_TAX_CODE: 'T1', ORDER_DATE: '2030-05-31', ITEMS: [{ STOCK_CODE: 'board001', QTY_ORDER: 4, DISCOUNT_RATE: 12.5 }, { STOCK_CODE: 'S1', DESCRIPTION: 'Survey', UNIT_PRICE: 80, TAX_CODE: 'T5' }, { STOCK_CODE: 'BOOK001', QTY_ORDER: 3 }, { STOCK_CODE: 'M', DESCRIPTION: 'Deliver after 2pm' }] }, 'bridge').ORDER_NUMBER),
		sdo: (w) => w.createSalesOrder({ ACCOUNT_REF: 'A1D001', DEL_ADDRESS_REF: 2, CUST_ORDER_NUMBER: 'PO-9', TAKEN_BY: 'Sync', CARR_NET: 12.5, CARR_TAX_CODE: 'T1', ORDER_DATE: '2030-05-31', ITEMS: [{ STOCK_CODE: 'board001', QTY_ORDER: 4, DISCOUNT_RATE: 12.5 }, { STOCK_CODE: 'S1', DESCRIPTION: 'Survey', UNIT_PRICE: 80, TAX_CODE: 'T5' }, { STOCK_CODE: 'BOOK001', QTY_ORDER: 3 }, { STOCK_CODE: 'M', DESCRIPTION: 'Deliver after 2pm' }] }),
		rows: ORDER_ROWS,
	},
	{
		name: 'O1 quotation (lines)',
		sim: (c) => Number(c.documents.createSalesOrder({ ACCOUNT_REF: 'DUB001', ORDER_TYPE: 9, CURRENCY_CODE: 'eur', QUOTE_EXPIRY_DATE: '2030-07-01', ITEMS: [{ STOCK_CODE: 'ENERGY01', QTY_ORDER: 1000 }, { STOCK_CODE: 'SUPPORT1', UNIT_PRICE: 399.995 }] }, 'bridge').ORDER_NUMBER),
		sdo: (w) => w.createSalesOrder({ ACCOUNT_REF: 'DUB001', ORDER_TYPE: 9, CURRENCY_CODE: 'eur', QUOTE_EXPIRY_DATE: '2030-07-01', ITEMS: [{ STOCK_CODE: 'ENERGY01', QTY_ORDER: 1000 }, { STOCK_CODE: 'SUPPORT1', UNIT_PRICE: 399.995 }] }),
		rows: ORDER_ROWS,
	},
	{
		name: 'quotation won',
		sim: (c) => Number(c.documents.updateSalesOrder(4, { QUOTE_STATUS: 2, NOTES_2: 'Signed' }, 'bridge').ORDER_NUMBER),
		sdo: async (w) => (await w.updateSalesOrder(4, { QUOTE_STATUS: 2, NOTES_2: 'Signed' }), 4),
		rows: [{ table: 'SALES_ORDER', where: { ORDER_NUMBER: 4 } }],
	},
	{
		name: 'manual order number',
		sim: (c) => Number(c.documents.createSalesOrder({ ...order, ORDER_NUMBER: 4711 }, 'bridge').ORDER_NUMBER),
		sdo: (w) => w.createSalesOrder({ ...order, ORDER_NUMBER: 4711 }),
		rows: ORDER_ROWS,
	},
	{ name: 'next number after a manual one', sim: (c) => Number(c.documents.createSalesOrder(order, 'bridge').ORDER_NUMBER), sdo: (w) => w.createSalesOrder(order), rows: ORDER_ROWS },
];

/** Failures: the same input to both; the outcome must be the same refusal. */
type Refusal = [string, (c: SimulatedCompany) => unknown, (w: SdoWriter) => Promise<unknown>, boolean?];
const REFUSALS: Refusal[] = [
	['name too long', (c) => c.createCustomer({ ACCOUNT_REF: 'X1', NAME: 'x'.repeat(61) }, 'bridge'), (w) => w.createCustomer({ ACCOUNT_REF: 'X1', NAME: 'x'.repeat(61) })],
	['address line too long (83)', (c) => c.createCustomer({ ACCOUNT_REF: 'X1', NAME: 'x', ADDRESS_2: 'y'.repeat(61) }, 'bridge'), (w) => w.createCustomer({ ACCOUNT_REF: 'X1', NAME: 'x', ADDRESS_2: 'y'.repeat(61) })],
	['Ł in a name', (c) => c.createCustomer({ ACCOUNT_REF: 'X1', NAME: 'Łódź' }, 'bridge'), (w) => w.createCustomer({ ACCOUNT_REF: 'X1', NAME: 'Łódź' })],
	['NUL in an address', (c) => c.createCustomer({ NAME: 'Nul Ltd', ADDRESS_1: 'Unit 4\u0000' }, 'bridge'), (w) => w.createCustomer({ NAME: 'Nul Ltd', ADDRESS_1: 'Unit 4\u0000' })],
	['reference with a space', (c) => c.createCustomer({ ACCOUNT_REF: 'bad ref', NAME: 'x' }, 'bridge'), (w) => w.createCustomer({ ACCOUNT_REF: 'bad ref', NAME: 'x' })],
	['reference too long', (c) => c.createCustomer({ ACCOUNT_REF: 'TOOLONGREF1', NAME: 'x' }, 'bridge'), (w) => w.createCustomer({ ACCOUNT_REF: 'TOOLONGREF1', NAME: 'x' })],
	['reference with a quote', (c) => c.createCustomer({ ACCOUNT_REF: "O'B001", NAME: 'x' }, 'bridge'), (w) => w.createCustomer({ ACCOUNT_REF: "O'B001", NAME: 'x' })],
	['reference taken', (c) => c.createCustomer({ ACCOUNT_REF: 'abs001', NAME: 'x' }, 'bridge'), (w) => w.createCustomer({ ACCOUNT_REF: 'abs001', NAME: 'x' })],
	['name missing', (c) => c.createCustomer({ ACCOUNT_REF: 'X1', NAME: '  ' }, 'bridge'), (w) => w.createCustomer({ ACCOUNT_REF: 'X1', NAME: '  ' })],
	['unknown field', (c) => c.createCustomer({ ACCOUNT_REF: 'X1', NAME: 'x', SHOE_SIZE: '9' }, 'bridge'), (w) => w.createCustomer({ ACCOUNT_REF: 'X1', NAME: 'x', SHOE_SIZE: '9' })],
	['unknown tax code', (c) => c.updateCustomer('ABS001', { DEF_TAX_CODE: 'T7' }, 'bridge'), (w) => w.updateCustomer('ABS001', { DEF_TAX_CODE: 'T7' })],
	['unknown currency', (c) => c.createCustomer({ ACCOUNT_REF: 'X1', NAME: 'x', CURRENCY: 9 }, 'bridge'), (w) => w.createCustomer({ ACCOUNT_REF: 'X1', NAME: 'x', CURRENCY: 9 })],
	['reference changed', (c) => c.updateCustomer('ABS001', { ACCOUNT_REF: 'ABS002' }, 'bridge'), (w) => w.updateCustomer('ABS001', { ACCOUNT_REF: 'ABS002' })],
	['customer not found', (c) => c.updateCustomer('NOPE', { NAME: 'x' }, 'bridge'), (w) => w.updateCustomer('NOPE', { NAME: 'x' })],
	['contact without a name', (c) => c.createAddress('ABS001', { ADDRESS_TYPE: 1, E_MAIL: 'a@b.example' }, 'bridge'), (w) => w.createAddress('ABS001', { ADDRESS_TYPE: 1, E_MAIL: 'a@b.example' })],
	['emoji in a contact', (c) => c.createAddress('ABS001', { ADDRESS_TYPE: 1, CONTACT_NAME: 'Emma 🙂' }, 'bridge'), (w) => w.createAddress('ABS001', { ADDRESS_TYPE: 1, CONTACT_NAME: 'Emma 🙂' })],
	['address type 5', (c) => c.createAddress('ABS001', { ADDRESS_TYPE: 5, CONTACT_NAME: 'x' }, 'bridge'), (w) => w.createAddress('ABS001', { ADDRESS_TYPE: 5, CONTACT_NAME: 'x' })],
	['second registered address (45)', (c) => c.createAddress('KIN001', { ADDRESS_TYPE: 2, NAME: 'x' }, 'bridge'), (w) => w.createAddress('KIN001', { ADDRESS_TYPE: 2, NAME: 'x' }), true],
	['address of an unknown customer', (c) => c.createAddress('NOPE', { ADDRESS_TYPE: 1, CONTACT_NAME: 'x' }, 'bridge'), (w) => w.createAddress('NOPE', { ADDRESS_TYPE: 1, CONTACT_NAME: 'x' })],
	['address not found', (c) => c.updateAddress('ABS001', 42, { NOTES: 'x' }, 'bridge'), (w) => w.updateAddress('ABS001', 42, { NOTES: 'x' })],
	['contact name cleared', (c) => c.updateAddress('ABS001', 2, { CONTACT_NAME: '' }, 'bridge'), (w) => w.updateAddress('ABS001', 2, { CONTACT_NAME: '' })],
	['order: account on hold (70)', (c) => c.documents.createSalesOrder({ ...order, ACCOUNT_REF: 'BUS001' }, 'bridge'), (w) => w.createSalesOrder({ ...order, ACCOUNT_REF: 'BUS001' })],
	['order: inactive account (71)', (c) => c.documents.createSalesOrder({ ...order, ACCOUNT_REF: 'COM001' }, 'bridge'), (w) => w.createSalesOrder({ ...order, ACCOUNT_REF: 'COM001' })],
	['order: unknown account', (c) => c.documents.createSalesOrder({ ...order, ACCOUNT_REF: 'NOPE' }, 'bridge'), (w) => w.createSalesOrder({ ...order, ACCOUNT_REF: 'NOPE' })],
	['order: another currency (34)', (c) => c.documents.createSalesOrder({ ...order, CURRENCY_CODE: 'USD' }, 'bridge'), (w) => w.createSalesOrder({ ...order, CURRENCY_CODE: 'USD' })],
	['order: unknown currency code', (c) => c.documents.createSalesOrder({ ...order, CURRENCY_CODE: 'XYZ' }, 'bridge'), (w) => w.createSalesOrder({ ...order, CURRENCY_CODE: 'XYZ' })],
	['order: unknown product', (c) => c.documents.createSalesOrder({ ...order, ITEMS: [{ STOCK_CODE: 'NOPE' }] }, 'bridge'), (w) => w.createSalesOrder({ ...order, ITEMS: [{ STOCK_CODE: 'NOPE' }] })],
	['order: no lines', (c) => c.documents.createSalesOrder({ ...order, ITEMS: [] }, 'bridge'), (w) => w.createSalesOrder({ ...order, ITEMS: [] })],
	['order: negative quantity', (c) => c.documents.createSalesOrder({ ...order, ITEMS: [{ STOCK_CODE: 'PAPER001', QTY_ORDER: -1 }] }, 'bridge'), (w) => w.createSalesOrder({ ...order, ITEMS: [{ STOCK_CODE: 'PAPER001', QTY_ORDER: -1 }] })],
	['order: line tax code unknown', (c) => c.documents.createSalesOrder({ ...order, ITEMS: [{ STOCK_CODE: 'PAPER001', TAX_CODE: 'T8' }] }, 'bridge'), (w) => w.createSalesOrder({ ...order, ITEMS: [{ STOCK_CODE: 'PAPER001', TAX_CODE: 'T8' }] })],
	['order: line description too long', (c) => c.documents.createSalesOrder({ ...order, ITEMS: [{ STOCK_CODE: 'PAPER001', DESCRIPTION: 'd'.repeat(61) }] }, 'bridge'), (w) => w.createSalesOrder({ ...order, ITEMS: [{ STOCK_CODE: 'PAPER001', DESCRIPTION: 'd'.repeat(61) }] })],
	['order: unknown delivery address', (c) => c.documents.createSalesOrder({ ...order, DEL_ADDRESS_REF: 9 }, 'bridge'), (w) => w.createSalesOrder({ ...order, DEL_ADDRESS_REF: 9 })],
	['order: type 3', (c) => c.documents.createSalesOrder({ ...order, ORDER_TYPE: 3 }, 'bridge'), (w) => w.createSalesOrder({ ...order, ORDER_TYPE: 3 })],
	['order: number taken', (c) => c.documents.createSalesOrder({ ...order, ORDER_NUMBER: 1 }, 'bridge'), (w) => w.createSalesOrder({ ...order, ORDER_NUMBER: 1 })],
	['order: number out of range', (c) => c.documents.createSalesOrder({ ...order, ORDER_NUMBER: 10_000_000 }, 'bridge'), (w) => w.createSalesOrder({ ...order, ORDER_NUMBER: 10_000_000 })],
	['order: emoji in the notes', (c) => c.documents.createSalesOrder({ ...order, NOTES_1: 'Thanks 👍' }, 'bridge'), (w) => w.createSalesOrder({ ...order, NOTES_1: 'Thanks 👍' })],
	['quotation: open → lost after won', (c) => c.documents.updateSalesOrder(3, { QUOTE_STATUS: 2 }, 'bridge') && c.documents.updateSalesOrder(3, { QUOTE_STATUS: 3 }, 'bridge'), async (w) => (await w.updateSalesOrder(3, { QUOTE_STATUS: 2 }), w.updateSalesOrder(3, { QUOTE_STATUS: 3 }))],
	['order: not a quotation', (c) => c.documents.updateSalesOrder(2, { QUOTE_STATUS: 2 }, 'bridge'), (w) => w.updateSalesOrder(2, { QUOTE_STATUS: 2 })],
	['order: not found', (c) => c.documents.updateSalesOrder(999, { NOTES_1: 'x' }, 'bridge'), (w) => w.updateSalesOrder(999, { NOTES_1: 'x' })],
];

let f: SdoFixture;
let sim: SimulatedCompany;
const stamp = ukLocal(NOW.getTime() / 1000).sage;

beforeAll(() => {
	f = sdoFixture();
	// The same demo company stamped at the same instant as the Sage-shaped file's, then the same clock.
	const clock = new BridgeClock(() => NOW);
	clock.freeze(SEEDED_AT);
	sim = new SimulatedCompany(':memory:', clock);
	seedCompany(sim, 'demo');
	clock.freeze(NOW);
});
afterAll(async () => {
	sim.store.close();
	await f.close();
});

function outcome(fn: () => unknown): Outcome {
	try {
		return { ok: fn() as string | number };
	} catch (error) {
		return { error: (error as { toBody(): Record<string, unknown> }).toBody() };
	}
}

async function outcomeOf(p: () => Promise<unknown>): Promise<Outcome> {
	try {
		return { ok: (await p()) as string | number };
	} catch (error) {
		return { error: (error as { toBody(): Record<string, unknown> }).toBody() };
	}
}

/** The rows a write left, in Sage's ODBC layout, both sides. */
function rowsOf(table: string, where: Record<string, string | number>): { sim: SageRow[]; sdo: SageRow[] } {
	const cols = Object.keys(where);
	const clause = cols.map((c) => `${c} = ?`).join(' AND ');
	const order = table === 'SOP_ITEM' ? ' ORDER BY ITEM_NUMBER' : '';
	const simRows = sim.store.all(`SELECT * FROM ${table} WHERE ${clause}${order}`, ...cols.map((c) => where[c])).map((r) => toOdbcRow(table, r, stamp) as SageRow);
	const sdoRows = f.rows(`SELECT * FROM ${table} WHERE ${clause}${order}`, ...cols.map((c) => where[c])) as SageRow[];
	// Compare the columns the simulator has (its layout converted); Sage's own extra columns are Sage's.
	return { sim: simRows, sdo: sdoRows.map((r, i) => Object.fromEntries(Object.keys(simRows[i] ?? r).map((k) => [k, r[k] ?? null]))) };
}

describe('the same writes store the same rows on both adapters', () => {
	it.each(CASES.map((c) => [c.name, c] as const))('%s', async (_name, c) => {
		const a = outcome(() => c.sim(sim));
		const b = await outcomeOf(() => c.sdo(f.writer));
		expect(b).toEqual(a);
		expect('ok' in a).toBe(true);
		if (!('ok' in a)) return;
		for (const { table, where } of c.rows) {
			const { sim: simRows, sdo: sdoRows } = rowsOf(table, typeof where === 'function' ? where(a.ok) : where);
			expect(simRows.length).toBeGreaterThan(0);
			expect({ table, rows: sdoRows }).toEqual({ table, rows: simRows });
		}
	});
});

describe('the same bad input fails the same way on both adapters', () => {
	// Rest parameters: rows without the fourth element must not turn the test into a done-callback one.
	it.each(REFUSALS)('%s', async (...[, simWrite, sdoWrite, sdoMessage]: Refusal) => {
		const a = outcome(() => simWrite(sim));
		const b = await outcomeOf(() => sdoWrite(f.writer));
		expect('error' in a).toBe(true);
		if (!('error' in a) || !('error' in b)) throw new Error(`the SDO writer accepted it: ${JSON.stringify(b)}`);
		const pick = ({ code, field, record, retryable }: Record<string, unknown>) => ({ code, field, record, retryable });
		expect(pick(b.error)).toEqual(pick(a.error));
		if (!sdoMessage) expect(b.error.message).toBe(a.error.message);
	});
});
