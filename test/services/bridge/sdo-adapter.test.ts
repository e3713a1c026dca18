// The whole Windows adapter's write path, tested here: the Sage adapter (sage-odbc) writing through the
// SDO writer over the fake SDO into the Sage-shaped company, and reading the result back through a real
// driver manager (unixODBC + the SQLite ODBC driver, Sage dialect guard on). Every write answers the
// same record the simulated adapter answers for the same write on the same demo company (O1, A1, C1,
// C3), and a refused write answers the same error and leaves nothing to read.
import type { SageAdapter, SageRow, WriteContext } from '../../../bridge/src/adapter';
import type { SageOdbcAdapter } from '../../../bridge/src/sage/adapter';
import type { FakeSageCompany } from '../../../bridge/src/sdo/fake/company';
import { createFakeSdoWriter } from '../../../bridge/src/sdo/fake';
import { seedCompany } from '../../../bridge/src/seed/demo';
import { SimulatedSageAdapter } from '../../../bridge/src/sim/adapter';
import { SimulatedCompany } from '../../../bridge/src/sim/company';
import { BridgeClock } from '../../../bridge/src/time';
import { openSageTestCompany, type SageTestCompany, SEEDED_AT } from '../../support/sageOdbc/company';

let company: SageTestCompany;
let sage: SageOdbcAdapter;
let sim: SageAdapter;
let fake: FakeSageCompany;

beforeAll(() => {
	company = openSageTestCompany('demo');
	const { writer, sage: fakeSage } = createFakeSdoWriter({ file: company.file, clock: company.clock });
	fake = fakeSage;
	sage = company.adapter({ writer });
	// The same demo company, seeded at the same instant; writes at the Sage adapter's clock's instant.
	const clock = new BridgeClock();
	clock.freeze(SEEDED_AT);
	const simulated = new SimulatedCompany(':memory:', clock);
	seedCompany(simulated, 'demo');
	clock.freeze(company.clock.now());
	sim = new SimulatedSageAdapter(simulated);
});

afterAll(async () => {
	await sim.close();
	await sage.close();
	fake.close();
	await company.close();
});

let n = 0;
const ctx = (externalRef?: string): WriteContext => ({ idempotencyKey: `k${++n}`, ...(externalRef ? { externalRef } : {}) });

async function both(write: (a: SageAdapter, c: WriteContext) => Promise<SageRow>, externalRef?: string): Promise<{ sage: SageRow; sim: SageRow }> {
	const c = ctx(externalRef);
	return { sim: await write(sim, c), sage: await write(sage, c) };
}

async function refusedBoth(write: (a: SageAdapter) => Promise<unknown>): Promise<{ sage: unknown; sim: unknown }> {
	const body = async (a: SageAdapter) => {
		try {
			await write(a);
		} catch (error) {
			return (error as { toBody(): unknown }).toBody();
		}
		throw new Error('expected a refusal');
	};
	return { sim: await body(sim), sage: await body(sage) };
}

describe('writes through SDO, read back through ODBC = the simulated adapter', () => {
	test('A1 create and update a customer', async () => {
		const created = await both((a, c) => a.createCustomer({ ACCOUNT_REF: 'fm0001', NAME: 'From ForceManager Ltd', ADDRESS_1: '9 Dock St', TELEPHONE: '0113 000 0000', COUNTRY_CODE: 'GB', DEF_TAX_CODE: 'T1' }, c), 'forceManager:account:17');
		expect(created.sage).toEqual(created.sim);
		expect(created.sage).toMatchObject({ ACCOUNT_REF: 'FM0001', EXTERNAL_REF: 'forceManager:account:17' });
		const updated = await both((a, c) => a.updateCustomer('FM0001', { E_MAIL: 'accounts@fm.example', CREDIT_LIMIT: 2500 }, c));
		expect(updated.sage).toEqual(updated.sim);
	});

	test('C3 create and update a contact under its account', async () => {
		const created = await both((a, c) => a.createAddress('ABS001', { ADDRESS_TYPE: 1, CONTACT_NAME: 'Jo Fielding', CONTACT_ROLE: 'Buyer', E_MAIL: 'jo@abs.example' }, c), 'forceManager:contact:5');
		expect(created.sage).toEqual(created.sim);
		expect(created.sage).toMatchObject({ ADDRESS_TYPE: 1, ADDRESS_TYPE_NAME: 'Contact', REFERENCE: 'ABS001  0003' });
		const updated = await both((a, c) => a.updateAddress('ABS001', 3, { TELEPHONE: '07700 900 123' }, c));
		expect(updated.sage).toEqual(updated.sim);
	});

	test('O1 a sales order and a quotation, priced and taxed by Sage, header from the customer; the quotation won', async () => {
		const order = await both((a, c) => a.createSalesOrder({ ACCOUNT_REF: 'A1D001', CUST_ORDER_NUMBER: 'FM-88', DEL_ADDRESS_REF: 2, ITEMS: [{ STOCK_CODE: 'BOARD002', QTY_ORDER: 2, DISCOUNT_RATE: 5 }, { STOCK_CODE: 'INSTALL', QTY_ORDER: 3 }], CARR_NET: 15 }, c), 'forceManager:order:3');
		expect(order.sage).toEqual(order.sim);
		expect(order.sage).toMatchObject({ NAME: 'A1 Design Services', DEL_NAME: 'A1 Design Warehouse', INVOICE_NET: 314.48 });
		const quote = await both((a, c) => a.createSalesOrder({ ACCOUNT_REF: 'KIN001', ORDER_TYPE: 9, ITEMS: [{ STOCK_CODE: 'SUPPORT1' }] }, c));
		expect(quote.sage).toEqual(quote.sim);
		expect(quote.sage).toMatchObject({ ORDER_TYPE: 9, QUOTE_STATUS: 1, QUOTE_STATUS_NAME: 'Open' });
		const won = await both((a, c) => a.updateSalesOrder(Number(quote.sim.ORDER_NUMBER), { QUOTE_STATUS: 2 }, c));
		expect(won.sage).toEqual(won.sim);
	});

	test('a refused write answers the same error and leaves nothing behind', async () => {
		const before = await sage.listCustomers({ limit: 500, includeDeleted: true });
		const refused = await refusedBoth((a) => a.createCustomer({ ACCOUNT_REF: 'LODZ01', NAME: 'Łódź Imports' }, ctx()));
		expect(refused.sage).toEqual(refused.sim);
		const onHold = await refusedBoth((a) => a.createSalesOrder({ ACCOUNT_REF: 'BUS001', ITEMS: [{ STOCK_CODE: 'PAPER001' }] }, ctx()));
		expect(onHold.sage).toEqual(onHold.sim);
		expect(await sage.listCustomers({ limit: 500, includeDeleted: true })).toEqual(before);
	});
});
